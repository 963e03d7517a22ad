"""The prose of a rendered page, as a reader reads it: what its readability is scored on.

Each heading, paragraph, list item, table cell and box title is a unit of its own. Left out:

- citations: the "(Seden, 2008)" mkdocs-bibtex writes before each footnote link, and the link;
- the source list (the footnotes at the end), and each checklist item's Source panel;
- code blocks, the "¶" link of each heading, scripts and pictures;
- tooltips, which are attributes (the glossary's <abbr title>), never text.

The plugin scores a page's content as MkDocs wrote it, before the guide adds its own controls
(Source panels, the link to a large-print handout), and without the page footer (review
dates, Cite this page), which the theme adds around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape

from practice_led.page_html import VOID, Tag, tags as read_tags

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
CITED = "\x00"  # stands for a footnote link while a unit is read
# "(Seden, 2008)" or "(Seden and Ross, 2007, p. 302; cited in Seden, 2008)" and its links.
CITATION = re.compile(r"\s*\([^()]*\)(?:\s*" + CITED + ")+")
ENDS_A_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")


class _Prose:
    """The units of a page, read tag by tag and text by text."""

    def __init__(self) -> None:
        self.units: list[str] = []
        self.text: list[str] = []
        self.skipping: list[str] = []  # the open elements inside a left-out one, outermost first

    def tag(self, tag: Tag) -> None:
        if tag.kind == "start":
            self._start(tag)
        elif tag.kind == "end":
            self._end(tag.name)
        elif tag.kind == "empty" and not self.skipping and tag.name in BLOCKS:
            self._end_unit()

    def _start(self, tag: Tag) -> None:
        if self.skipping:
            if tag.name not in VOID:
                self.skipping.append(tag.name)
            return
        classes = tag.attrs.get("class", "").split()
        if any(tag.name == name and (cls is None or cls in classes) for name, cls in LEFT_OUT):
            if "footnote-ref" in classes:
                self.text.append(CITED)
            if tag.name not in VOID:
                self.skipping.append(tag.name)
            return
        if tag.name in BLOCKS:
            self._end_unit()

    def _end(self, name: str) -> None:
        if self.skipping:
            if name in self.skipping:  # close it, and anything left open inside it
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(name):]
            return
        if name in BLOCKS:
            self._end_unit()

    def data(self, text: str) -> None:
        if text and not self.skipping:
            self.text.append(unescape(text))

    def _end_unit(self) -> None:
        text = CITATION.sub("", "".join(self.text)).replace(CITED, "")
        text = " ".join(text.split())
        self.text = []
        if not re.search(r"\w", text):
            return
        self.units.append(text if ENDS_A_SENTENCE.search(text) else text + ".")


def units(html: str, tags: Sequence[Tag] | None = None) -> list[str]:
    """The page's prose, one unit per heading, paragraph, list item or cell, each ending as a
    sentence ends (a "." is added to a heading or item without one, so it counts as its own).
    `tags` are the page's, when it has been read already."""
    prose, at = _Prose(), 0
    for tag in read_tags(html) if tags is None else tags:
        prose.data(html[at:tag.start])
        prose.tag(tag)
        at = tag.end
    prose.data(html[at:])
    prose._end_unit()
    return prose.units
