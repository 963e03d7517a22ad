"""Explain each glossary term where a page first uses it, not at every use.

The abbr extension marks every use of a glossary term (docs/_snippets/glossary.md) with
<abbr title="...">, a dotted underline, and Material (content.tooltips) makes each one a
scripted tooltip as the page starts. A reader who met the explanation once does not need it
at every use, as style guides advise; later uses read as plain text. The longest page had 29
marked uses, now 11 (About > Quality has what this did and did not change on a phone).
"""

from __future__ import annotations

import re

TERM = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.DOTALL)


def explained_at_first_use(html: str) -> str:
    """The page's HTML with only the first use of each term (by its explanation) marked."""
    explained: set[str] = set()

    def first_use_only(use: re.Match[str]) -> str:
        explanation, words = use.group(1), use.group(2)
        if explanation in explained:
            return words
        explained.add(explanation)
        return use.group(0)

    return TERM.sub(first_use_only, html)
