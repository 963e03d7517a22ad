"""One Markdown file scanned: its items, citation blocks and ids, each with line and column."""

from __future__ import annotations

import re

from ..basis import written_bases
from ..grammar import CiteBlock, Place, line_blocks
from ..model import Page
from .anchors import page_anchors
from .front_matter import key_lines
from .items import HEADING_ATTR_RE
from .lines import COMMENT, FENCE, HTML, INLINE_COMMENT_RE, Lines, split_lines
from .links import page_links
from .walker import Walker

CODE_SPAN_RE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)|<code\b[^>]*>.*?</code>", re.IGNORECASE)
SNIPPET_RE = re.compile(r"^\s*-{1,}8<-{1,}\s+[\"']")  # pymdownx.snippets: --8<-- "file"
PLACE_OF_KIND = {
    FENCE: Place.CODE,
    COMMENT: Place.COMMENT,
    HTML: Place.HTML,
}


def parse_page(text: str, path: str, src: str) -> Page:
    """Scan one Markdown file: items, citation blocks, ids and structural problems."""
    page = Page(path=path, src=src)
    doc = split_lines(text)
    page.front_matter_error = doc.front_matter_error
    if "basis" in doc.meta:
        page.bases = written_bases(doc.front_yaml)
    Walker(doc, page).walk(list(range(doc.front_end, len(doc.lines))), 0)
    page.blocks = _citation_blocks(doc)
    _attach_blocks(page)
    page.title = _title(doc, page)
    page.items.sort(key=lambda it: it.line)
    page.ids.sort(key=lambda ref: (ref.line, ref.col))
    page.front_matter = doc.meta if isinstance(doc.meta, dict) else {}
    page.front_matter_lines, page.front_matter_repeats = key_lines(doc)
    page.anchors = page_anchors(doc, {ref.id for ref in page.ids})
    page.links = page_links(doc)
    page.includes = any(SNIPPET_RE.match(line) for line in doc.work)
    return page


def _citation_blocks(doc: Lines) -> list[CiteBlock]:
    """Every citation block outside front matter, with the place it stands in."""
    blocks: list[CiteBlock] = []
    for i in range(doc.front_end, len(doc.lines)):
        line = doc.lines[i]
        if "@" not in line:
            continue
        place = Place.CODE if i in doc.code else PLACE_OF_KIND.get(doc.kinds[i])
        if place is not None:
            blocks += line_blocks(line, i + 1, place)
        else:
            blocks += _text_line_blocks(doc, i)
    return blocks


def _text_line_blocks(doc: Lines, i: int) -> list[CiteBlock]:
    """Blocks on a Markdown line: in a heading, in a code span, in an inline comment or text."""
    line, work = doc.lines[i], doc.work[i]
    shift = doc.shift.get(i, 0)
    code = (
        [(s - shift, e - shift) for s, e in (m.span() for m in CODE_SPAN_RE.finditer(work))]
        if ("`" in work or "<code" in work.lower())
        else []
    )
    comments = [m.span() for m in INLINE_COMMENT_RE.finditer(line)] if "<!--" in line else []
    default = Place.HEADING if i in doc.headings else Place.TEXT
    found = []
    for block in line_blocks(line, i + 1, default):
        ats = [c.col - 1 for c in block.citations]
        if any(s <= at < e for at in ats for s, e in code):
            block.place = Place.CODE
        elif any(s <= at < e for at in ats for s, e in comments):
            block.place = Place.COMMENT
        found.append(block)
    return found


def _attach_blocks(page: Page) -> None:
    """Give each item the citation blocks on its own lines."""
    by_line: dict[int, list[CiteBlock]] = {}
    for block in page.blocks:
        by_line.setdefault(block.line, []).append(block)
    for item in page.items:
        item.blocks = [block for line in item.text_lines for block in by_line.get(line, [])]


def _title(doc: Lines, page: Page) -> str:
    title = doc.meta.get("title") if isinstance(doc.meta, dict) else None
    if isinstance(title, str) and title.strip():
        return title.strip()
    for i in sorted(doc.headings):
        line = doc.work[i].strip()
        if line.startswith("# "):
            return HEADING_ATTR_RE.sub("", line[2:]).strip()
    return page.src
