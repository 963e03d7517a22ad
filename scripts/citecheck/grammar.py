"""Citations: the same grammar as mkdocs-bibtex 4.4.0 (mkdocs_bibtex/citation.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .enums import StrEnum

BLOCK_RE = re.compile(r"\[(.*?)\]")
CITATION_RE = re.compile(r"(?:(?P<prefix>[^@;]*?)\s*)?@(?P<key>[\w-]+)(?:,\s*(?P<suffix>[^;]+))?")
EMAIL_RE = re.compile(r"[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}")
FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]]+\]")
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")
SPACE_PUNCT_RE = re.compile(r"\s+([.,;:!?])")


class Place(StrEnum):
    """Where a citation block stands, which decides whether it cites anything."""

    TEXT = "text"
    HEADING = "heading"
    HTML = "html"
    COMMENT = "comment"
    CODE = "code"


@dataclass(slots=True)
class Citation:
    """One cited work inside a citation block: [prefix @key, locator]."""

    key: str
    prefix: str
    locator: str
    line: int
    col: int  # of the '@'

    @property
    def cited_in(self) -> bool:
        """Does the prefix say 'cited in' or 'quoted in' (a Harvard secondary citation)?"""
        prefix = " ".join(self.prefix.lower().split())
        return "cited in" in prefix or "quoted in" in prefix


@dataclass(slots=True)
class CiteBlock:
    """A bracketed citation block as mkdocs-bibtex finds it, and where it stands."""

    raw: str
    line: int
    col: int  # of the '['
    citations: tuple[Citation, ...]
    place: Place


def citation_blocks(markdown: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Every citation block mkdocs-bibtex would rewrite: (raw, [(prefix, key, locator)]).

    Kept equal to mkdocs_bibtex.citation.CitationBlock.from_markdown by a contract test.
    """
    found = []
    for line_no, line in enumerate(markdown.split("\n"), 1):
        for block in line_blocks(line, line_no, Place.TEXT):
            found.append((block.raw, [(c.prefix, c.key, c.locator) for c in block.citations]))
    return found


def line_blocks(line: str, line_no: int, place: Place) -> list[CiteBlock]:
    """The citation blocks on one line (mkdocs-bibtex's pattern never spans lines)."""
    if "@" not in line:
        return []
    blocks = []
    for match in BLOCK_RE.finditer(line):
        raw = match.group(1)
        if "@" not in raw:
            continue
        citations = block_citations(raw, line_no, match.start(1) + 1)
        if citations:
            blocks.append(CiteBlock(raw, line_no, match.start() + 1, tuple(citations), place))
    return blocks


def block_citations(raw: str, line_no: int, col: int) -> list[Citation]:
    """The citations inside one block's brackets; col is the column just inside the '['."""
    citations, offset = [], 0
    for part in raw.split(";"):
        match = None if EMAIL_RE.match(part) else CITATION_RE.match(part)
        if match:
            citations.append(
                Citation(
                    match.group("key"),
                    match.group("prefix") or "",
                    match.group("suffix") or "",
                    line_no,
                    col + offset + match.start("key") - 1,
                )
            )
        offset += len(part) + 1
    return citations


def strip_markup(markdown: str) -> str:
    """Item text for people: without citations, links, footnote references or emphasis marks."""
    text = markdown
    if "[" in text:
        text = BLOCK_RE.sub(
            lambda m: "" if "@" in m.group(1) and block_citations(m.group(1), 0, 0) else m.group(0),
            text,
        )
        text = FOOTNOTE_REF_RE.sub("", text)
        text = LINK_RE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = EMPHASIS_RE.sub(r"\2", text)
    return SPACE_PUNCT_RE.sub(r"\1", " ".join(text.split()))
