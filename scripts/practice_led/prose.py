"""The prose of a rendered page, as a reader reads it: what its readability is scored on.

Each heading, paragraph, list item, table cell and box title is a unit of its own. Left out:

- citations: the "(Seden, 2008)" mkdocs-bibtex writes before each footnote link, and the link;
- the source list (the footnotes at the end), and each checklist item's Source panel;
- code blocks, the "¶" link of each heading, scripts and pictures;
- tooltips, which are attributes (the glossary's <abbr title>), never text.

A page's content, as the plugin sees it in on_page_content, holds no page footer (review
dates, Cite this page): the theme adds that around it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that start or end a unit of text.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p",
    "section", "summary", "table", "td", "th", "tr", "ul",
})
# (element, class or None for any): left out with everything inside them.
LEFT_OUT = (
    ("pre", None), ("script", None), ("style", None), ("svg", None), ("template", None),
    ("div", "footnote"),         # the source list
    ("details", "pl-source"),    # a checklist item's Source panel (source_panels.py)
    ("a", "headerlink"),         # the "¶" link
    ("a", "footnote-ref"),       # a citation's footnote link: marks where the citation ends
)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
CITED = "\x00"  # stands for a footnote link while a unit is read
# "(Seden, 2008)" or "(Seden and Ross, 2007, p. 302; cited in Seden, 2008)" and its links.
CITATION = re.compile(r"\s*\([^()]*\)(?:\s*" + CITED + ")+")
ENDS_A_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")


class _Prose(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.units: list[str] = []
        self.text: list[str] = []
        self.skipping: list[str] = []  # the open elements inside a left-out one, outermost first

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        classes = (dict(attrs).get("class") or "").split()
        if any(tag == name and (cls is None or cls in classes) for name, cls in LEFT_OUT):
            if "footnote-ref" in classes:
                self.text.append(CITED)
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in BLOCKS:
            self._end_unit()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag in BLOCKS:
            self._end_unit()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:  # close it, and anything left open inside it
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
            return
        if tag in BLOCKS:
            self._end_unit()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text.append(data)

    def _end_unit(self) -> None:
        text = CITATION.sub("", "".join(self.text)).replace(CITED, "")
        text = " ".join(text.split())
        self.text = []
        if not re.search(r"\w", text):
            return
        self.units.append(text if ENDS_A_SENTENCE.search(text) else text + ".")


def units(html: str) -> list[str]:
    """The page's prose, one unit per heading, paragraph, list item or cell, each ending as a
    sentence ends (a "." is added to a heading or item without one, so it counts as its own)."""
    parser = _Prose()
    parser.feed(html)
    parser.close()
    parser._end_unit()
    return parser.units
