"""Each glossary term is explained where a page first uses it, and read as plain text after."""

from __future__ import annotations

import re
from collections import Counter

from conftest import Build
from practice_led.glossary_terms import explained_at_first_use

BOTTOM_UP = '<abbr title="Management that is consultative">bottom-up</abbr>'
CAPACITY = '<abbr title="Helping groups build their strength">capacity building</abbr>'


def test_a_term_is_marked_at_its_first_use_only() -> None:
    html = f"<p>A {BOTTOM_UP} model and {CAPACITY}.</p><p>Again {BOTTOM_UP}, and <em>{CAPACITY}</em>.</p>"
    assert explained_at_first_use(html) == (
        f"<p>A {BOTTOM_UP} model and {CAPACITY}.</p><p>Again bottom-up, and <em>capacity building</em>.</p>")


def test_a_term_written_two_ways_is_marked_once() -> None:
    upper = BOTTOM_UP.replace(">bottom-up<", ">Bottom-up<")
    assert explained_at_first_use(f"{upper} ... {BOTTOM_UP}") == f"{upper} ... bottom-up"


def test_no_page_of_the_built_guide_explains_a_term_twice(guide: Build) -> None:
    repeated = []
    # A print version joins whole pages, each keeping its own first use, as it read alone.
    for page in (p for p in guide.pages() if p.relative_to(guide.site).parts[0] != "print"):
        uses = Counter(re.findall(r'<abbr title="([^"]*)">', page.read_text(encoding="utf-8")))
        repeated += [f"{page.relative_to(guide.site)}: {title[:40]!r} {n} times" for title, n in uses.items() if n > 1]
    assert repeated == [], "pages that mark a glossary term more than once:\n" + "\n".join(repeated)
