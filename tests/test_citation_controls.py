"""Each citation on screen is one control that opens its full Harvard text; each source has
one way back; search leaves citations out (scripts/practice_led/citation_controls.py)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from conftest import Build

from practice_led import citation_controls, source_panels

LABELS = {"seden2007ross": "Seden and Ross (2007)", "seden2008innovation": "Seden (2008)",
          "careact2014": "Care Act 2014 (2014)"}


def marks(*keys: str, first: int = 1) -> str:
    return " ".join(f'<sup id="fnref{n}:{key}"><a class="footnote-ref" href="#fn:{key}">{n}</a></sup>'
                    for n, key in enumerate(keys, first))


def sources(*keys: str) -> str:
    """The page's sources as Python-Markdown ends the page: a "↩" per time each work is cited."""
    entries = "".join(
        f'<li id="fn:{key}">\n<p>Reference of {key}.&#160;'
        + "".join(f'<a class="footnote-backref" href="#fnref{n}:{key}" aria-label="Jump back">&#8617;</a>'
                  for n in ("", "2", "3"))
        + "</p>\n</li>\n" for key in keys)
    return f'<div class="footnote">\n<hr />\n<ol>\n{entries}</ol>\n</div>'


CHAIN = "(Seden and Ross, 2007, p. 302; cited in Seden, 2008)"
PAGE = (f"<p>Keep it under review {CHAIN}{marks('seden2007ross', 'seden2008innovation')}.</p>\n"
        f"<p>Fine words are not enough (Seden, 2008){marks('seden2008innovation', first=3)}.</p>\n"
        + sources("seden2007ross", "seden2008innovation"))


class Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for _, attrs in self.found if name in (attrs.get("class") or "").split()]


def test_a_citation_in_running_text_becomes_one_button_that_opens_its_full_text() -> None:
    page = citation_controls.for_page(PAGE, LABELS)
    buttons = Elements(page).with_class("pl-cite")
    assert [b["id"] for b in buttons] == ["pl-cite-1", "pl-cite-2"]
    assert buttons[0]["aria-label"] == "Source: Seden and Ross, 2007, and 1 more"
    assert buttons[1]["aria-label"] == "Source: Seden, 2008"
    assert ">Seden and Ross, 2007 +1</button>" in page and ">Seden, 2008</button>" in page
    popover = re.search(r'<span class="pl-cite-full" id="pl-cite-1-full" popover data-search-exclude>(.*?)</span>',
                        page).group(1)
    assert popover.startswith(CHAIN)
    assert re.findall(r'<a href="(#fn:[^"]+)">([^<]*)</a>', popover) == [
        ("#fn:seden2007ross", "Seden and Ross (2007)"), ("#fn:seden2008innovation", "Seden (2008)")]
    assert buttons[0]["popovertarget"] == "pl-cite-1-full"
    assert "<sup" not in page and "footnote-ref" not in page
    assert "review <button" in page and "</span>.</p>" in page  # in the sentence, where the citation was


def test_each_source_keeps_one_hidden_way_back_not_a_row_of_marks() -> None:
    page = citation_controls.for_page(PAGE, LABELS)
    assert "footnote-backref" not in page and "&#8617;" not in page
    backs = Elements(page).with_class("pl-cite-back")
    # Before the reader follows a citation, each points at the first citation of its work.
    assert [(b["href"], "hidden" in b) for b in backs] == [("#pl-cite-1", True), ("#pl-cite-1", True)]
    assert '<div class="footnote" data-search-exclude>' in page


def test_a_citation_in_a_source_panel_shows_its_text_and_links_without_marks() -> None:
    item = ('<ul>\n<li class="task-list-item" id="tk-a"><label class="task-list-control">'
            '<input type="checkbox" disabled/><span class="task-list-indicator"></span></label> '
            f"Put tokenism on the agenda. {CHAIN}{marks('seden2007ross', 'seden2008innovation')}</li>\n</ul>\n")
    panel = source_panels.SourcePanel("“the risk is always there”", "Words of Seden (2008)")
    with_panel, unplaced = source_panels.add_panels(item + sources("seden2007ross"), {"tk-a": panel})
    assert unplaced == []
    page = citation_controls.for_page(with_panel, LABELS)
    assert f'<p class="pl-source-cite" data-search-exclude>{CHAIN}</p>' in page
    assert ('<p class="pl-cite-refs" id="pl-cite-1" data-search-exclude>Full references: '
            '<a href="#fn:seden2007ross">Seden and Ross (2007)</a>, '
            '<a href="#fn:seden2008innovation">Seden (2008)</a></p>') in page
    assert "<sup" not in page and "<button" not in page and "popover" not in page


def test_the_opening_bracket_is_found_across_inline_markup() -> None:
    page = citation_controls.for_page(f"<p>Well-being (<em>Care Act 2014</em>, 2014, s. 1){marks('careact2014')}.</p>",
                                      LABELS)
    assert ">Care Act 2014, 2014</button>" in page
    assert "Well-being <button" in page and "(<em>Care Act 2014</em>, 2014, s. 1)<small" in page


def test_a_footnote_that_is_no_citation_stays_a_footnote() -> None:
    page = f"<p>A side remark{marks('note')}.</p>\n" + sources("note")
    assert citation_controls.for_page(page, LABELS) == page.replace(
        '<div class="footnote">', '<div class="footnote" data-search-exclude>')


# --- A built page ------------------------------------------------------------------------------

def test_a_built_page_has_no_footnote_marks_and_search_holds_no_citation(citation_site: Build) -> None:
    assert citation_site.returncode == 0, citation_site.output
    html = citation_site.page("")
    article = html[html.index("<article"):html.index("</article>")]
    assert "<sup" not in article and "footnote-backref" not in article
    assert article.count('class="pl-cite"') == 2
    for entry in re.findall(r'<li id="fn:[^"]+">.*?</li>', article, re.DOTALL):
        assert entry.count("<a class=") <= 1, entry  # at most one way back per source
    index = json.loads((citation_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Participation fits social work values" in text  # the page is indexed...
    for chain in ("cited in", "Pine and Healy, 2007", "Full reference", "Pine, B. and Healy, L."):
        assert chain not in text  # ...without its citations or its sources
