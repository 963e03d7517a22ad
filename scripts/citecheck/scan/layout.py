"""How lines sit inside a container (the document, an admonition body, a list item's content,
a blockquote): their indent and text there, what they start, and where blocks end."""

from __future__ import annotations

import re
from enum import Enum

from .lines import HTML, RAW, TEXT, Lines

LIST_RE = re.compile(r"^([ ]*)([*+-]|\d+\.)([ ]+)(.*)$")
ATX_RE = re.compile(r"^#{1,6}")
SETEXT_RE = re.compile(r"^[=-]+[ ]*$")
HR_RE = re.compile(r"^[ ]{0,3}(?:(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,})$")
CONTAINER_RE = re.compile(r"^(?:!!!|\?\?\?\+?)[ ]?[\w-]")  # admonition, pymdownx.details
SPLIT_CHARS = frozenset("!?#-*_")  # the first characters of admonitions, headings and rules


class Splitter(Enum):
    """Lines that end the block they stand in."""

    CONTAINER = "container"  # an admonition or details block
    HEADING = "heading"
    RULE = "rule"


class Layout:
    """Questions about lines (0-based indexes into doc) in a container with a base indent."""

    def __init__(self, doc: Lines) -> None:
        self.doc = doc

    def indent_in(self, i: int, base: int) -> int:
        """A line's indent inside a container. A lazy line (indented less than the container)
        loses only whole four-space steps, as Python-Markdown's lazy detab does."""
        indent = self.doc.indent[i]
        return indent - base if indent >= base else indent % 4

    def text_in(self, i: int, base: int) -> str:
        """The line as the container sees it, from its container indent on."""
        line = self.doc.work[i]
        if self.doc.indent[i] >= base:
            return line[base:]
        return " " * (self.doc.indent[i] % 4) + line.lstrip()

    def list_item(self, i: int, base: int) -> re.Match[str] | None:
        """The list marker, its indent and the content of a list item line."""
        return LIST_RE.match(self.text_in(i, base)) if self.doc.kinds[i] is TEXT else None

    def underlined(self, idx: list[int], k: int, base: int) -> bool:
        """Is the next line a setext underline ('===' or '---') for this one?"""
        if k + 1 >= len(idx):
            return False
        nxt = idx[k + 1]
        return (
            self.doc.kinds[nxt] is TEXT
            and self.indent_in(nxt, base) == 0
            and bool(SETEXT_RE.match(self.text_in(nxt, base)))
        )

    def splitter(self, i: int, base: int) -> Splitter | None:
        """What splits a block wherever it stands: an admonition, a heading or a rule."""
        if self.doc.kinds[i] is not TEXT or self.doc.work[i].lstrip()[:1] not in SPLIT_CHARS:
            return None
        rel, text = self.indent_in(i, base), self.text_in(i, base)
        if rel == 0 and CONTAINER_RE.match(text):
            return Splitter.CONTAINER
        if rel == 0 and ATX_RE.match(text):
            return Splitter.HEADING
        return Splitter.RULE if rel <= 3 and HR_RE.match(text) else None

    def item_end(self, idx: list[int], k: int, base: int, levels: int) -> int:
        """Where the current item's lines end: the next item (in a list of `levels` nesting
        levels), a blank line, raw HTML or a line that splits blocks."""
        doc, end = self.doc, k + 1
        while end < len(idx) and doc.kinds[idx[end]] not in RAW and doc.work[idx[end]].strip():
            match = self.list_item(idx[end], base)
            if match and len(match.group(1)) // 4 <= levels or self.splitter(idx[end], base):
                break
            end += 1
        return end

    def after_blanks(self, idx: list[int], j: int) -> int:
        """The first position from j on that is not a blank line."""
        while j < len(idx) and self.doc.kinds[idx[j]] is TEXT and not self.doc.work[idx[j]].strip():
            j += 1
        return j

    def indented_end(self, idx: list[int], k: int, base: int, lazy: bool) -> int:
        """The end of indented content: blocks (blank-separated) that start four spaces past base.

        lazy: a block, once started, runs to its blank line whatever the indent (list items and
        footnotes); otherwise it stops at the first line with less indent (code, admonitions).
        """
        doc, j, n = self.doc, k, len(idx)
        while j < n:
            i = idx[j]
            if doc.kinds[i] in RAW:
                break
            if doc.kinds[i] is TEXT and not doc.work[i].strip():
                nxt = self.after_blanks(idx, j)
                if (
                    nxt < n
                    and doc.kinds[idx[nxt]] is not HTML
                    and self.indent_in(idx[nxt], base) >= 4
                ):
                    j = nxt
                    continue
                break
            if self.indent_in(i, base) < 4 and not (
                lazy and j > k and self.splitter(i, base) is not Splitter.CONTAINER
            ):
                break
            j += 1
        return j
