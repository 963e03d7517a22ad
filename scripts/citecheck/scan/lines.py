"""A Markdown file as lines, each marked with what it is before any block is read: front matter
(as MkDocs strips it), fenced code (as pymdownx.superfences finds it), raw HTML blocks and
comments (as Python-Markdown's HTML preprocessor takes them out)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from ..model import FrontMatterError

# Front matter exactly as mkdocs.utils.meta.get_data finds it.
YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
META_RE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*")  # MultiMarkdown meta, as mkdocs.utils.meta
META_MORE_RE = re.compile(r"^([ ]{4}|\t)")
FENCE_START_RE = re.compile(  # pymdownx.superfences RE_NESTED_FENCE_START, minus the options' detail
    r"(?P<fence>~{3,}|`{3,})(?:[ \t]*\.?[\w#.+-]+(?=[\t ]|$))?"
    r"(?:[ \t]*\{[^\n]*\}|(?:[ \t]*[a-zA-Z][a-zA-Z0-9_]*(?:=(?P<q>\"|').*?(?P=q))?(?=[\t ]|$))+)?[ \t]*$"
)
# Python-Markdown's block-level tags (markdown.Markdown().block_level_elements).
_BLOCK_TAG_NAMES = (
    "address article aside blockquote body canvas center colgroup dd details div dl dt fieldset "
    "figcaption figure footer form group h1 h2 h3 h4 h5 h6 header hgroup hr html iframe legend li "
    "main map math menu nav noscript object ol option output p pre progress script section style "
    "summary table tbody td textarea tfoot th thead tr ul video"
)
BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
HTML_START_RE = re.compile(r"^[ ]{0,3}<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)")
MARKDOWN_ATTR_RE = re.compile(r"\smarkdown(?:\s*=\s*[\"']?(?:1|block|span)[\"']?)?(?=[\s/>])")
INLINE_COMMENT_RE = re.compile(r"<!--.*?-->")


class LineKind(Enum):
    TEXT = "text"  # Markdown, read by the block walker
    FRONT = "front matter"
    FENCE = "fenced code"
    HTML = "raw HTML"
    COMMENT = "HTML comment"


# The members as module names: the scanner tests a line's kind many times per line, and a
# module global is several times faster to read than an attribute of an enum class.
TEXT, FRONT, FENCE, HTML, COMMENT = LineKind
RAW = (HTML, COMMENT)  # raw HTML or a comment block: ends any block and is never Markdown


def indent_width(line: str) -> int:
    """Width of the leading whitespace, tabs counting to the next multiple of four."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            return width
    return width


@dataclass
class Lines:
    """A Markdown file split into lines, each with its kind and its text as the scanner sees it."""

    lines: list[str]
    kinds: list[LineKind]
    work: list[str]  # the line with inline comments blanked and blockquote markers removed
    indent: list[int]
    code: set[int] = field(default_factory=set)  # indented code lines
    shift: dict[int, int] = field(default_factory=dict)  # columns moved in blockquotes
    headings: set[int] = field(default_factory=set)
    front_end: int = 0
    meta: dict[str, object] = field(default_factory=dict)
    front_yaml: str = ""  # the YAML between the front matter's `---` lines
    front_matter_error: FrontMatterError | None = None

    def replace_work(self, i: int, work: str, by: int) -> None:
        """Replace a line's working text; columns in it move by `by` from the file's."""
        self.work[i], self.indent[i] = work, indent_width(work)
        self.shift[i] = self.shift.get(i, 0) + by

    def column(self, i: int, pos: int) -> int:
        """1-based column in the file of 0-based position pos in the working text."""
        return pos - self.shift.get(i, 0) + 1


def split_lines(text: str) -> Lines:
    """The file's lines (tabs expanded, as Python-Markdown does) with their kinds marked."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.expandtabs(4) if "\t" in line else line for line in text.split("\n")]
    doc = Lines(lines, [TEXT] * len(lines), list(lines), [indent_width(line) for line in lines])
    doc.front_end, doc.meta, doc.front_matter_error = _front_matter(text, lines)
    if doc.front_end and (match := YAML_RE.match(text)):
        doc.front_yaml = match.group(1)
    for i in range(doc.front_end):
        doc.kinds[i] = FRONT
    _mark_fences(doc)
    _mark_html(doc)
    return doc


def _front_matter(
    text: str, lines: list[str]
) -> tuple[int, dict[str, object], FrontMatterError | None]:
    """Lines MkDocs strips as meta-data (YAML front matter, else MultiMarkdown meta), the
    meta-data, and what is wrong with YAML front matter that MkDocs would show as page text."""
    match = YAML_RE.match(text)
    if match:
        import yaml

        # BaseLoader: every scalar stays a string (the title is all citecheck reads), which is
        # several times faster than building the dates MkDocs's SafeLoader would build.
        loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
        try:
            data = yaml.load(match.group(1), loader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line, col = (mark.line + 2, mark.column + 1) if mark else (1, 1)
            problem = getattr(error, "problem", None) or "not valid YAML"
            return 0, {}, FrontMatterError(line, col, "invalid-yaml", problem)
        if not isinstance(data, dict):
            return 0, {}, FrontMatterError(2, 1, "not-a-mapping")
        return match.group(0).count("\n"), data, None
    end, key = 0, False
    for line in lines:
        if META_RE.match(line) or (key and META_MORE_RE.match(line) and line.strip()):
            end, key = end + 1, True
        else:
            break
    return end, {}, None


def _mark_fences(doc: Lines) -> None:
    """Fenced code as pymdownx.superfences sees it: same indent, exact closing fence, or no fence."""
    i, n = doc.front_end, len(doc.lines)
    while i < n:
        line = doc.lines[i]
        ws = len(line) - len(line.lstrip(" \t>"))
        match = FENCE_START_RE.match(line, ws) if line[ws : ws + 3] in ("```", "~~~") else None
        if not match:
            i += 1
            continue
        end, closed = _fence_end(doc.lines, i, ws, match.group("fence"))
        if closed:
            for j in range(i, end + 1):
                doc.kinds[j] = FENCE
        i = end + 1


def _fence_end(lines: list[str], start: int, ws: int, fence: str) -> tuple[int, bool]:
    """(closing line, True); or (where superfences gave up, False) for a fence that is no fence."""
    closing = re.compile(re.escape(fence) + r"[ \t]*$")
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if not line.strip():
            continue
        line_ws = len(line) - len(line.lstrip(" \t>"))
        if line_ws < ws:
            return j, False  # not indented enough: superfences abandons the fence here
        if line_ws == ws and closing.match(line, ws):
            return j, True
    return start, False


def _mark_html(doc: Lines) -> None:
    """Raw HTML blocks and comments that start a line (Python-Markdown's HTML preprocessor)."""
    i, n = doc.front_end, len(doc.lines)
    while i < n:
        line = doc.lines[i]
        if doc.kinds[i] is not TEXT or "<" not in line:
            i += 1
            continue
        if doc.indent[i] <= 3 and line.lstrip().startswith("<!--"):
            i = _mark_comment_block(doc, i)
            continue
        match = HTML_START_RE.match(line)
        if match and match.group(1).lower() in BLOCK_TAGS:
            i = _mark_raw_block(doc, i, match.group(1).lower())
            continue
        if "<!--" in line:
            doc.work[i] = INLINE_COMMENT_RE.sub(lambda m: " " * len(m.group(0)), line)
        i += 1


def _mark_comment_block(doc: Lines, start: int) -> int:
    """A comment at a line start is a raw block to its '-->'; with no '-->' it is ordinary text."""
    for j in range(start, len(doc.lines)):
        line = doc.lines[j]
        if line.find("-->", line.find("<!--") + 4 if j == start else 0) >= 0:
            for k in range(start, j + 1):
                doc.kinds[k] = COMMENT
            return j + 1
    return start + 1


def _mark_raw_block(doc: Lines, start: int, tag: str) -> int:
    """A block-level tag at a line start is raw up to its end tag (with md_in_html, the lines
    between a tag carrying a markdown attribute and its end tag are Markdown)."""
    first = doc.lines[start]
    if tag == "hr" or re.match(rf"\s*<{tag}\b[^>]*/>", first, re.IGNORECASE):
        doc.kinds[start] = HTML
        return start + 1
    opener = re.compile(rf"<{tag}(?=[\s/>]|$)", re.IGNORECASE)
    closer = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    markdown_inside = bool(MARKDOWN_ATTR_RE.search(first))
    depth, j = 0, start
    while j < len(doc.lines):
        line = doc.lines[j]
        depth += len(opener.findall(line)) - len(closer.findall(line))
        if not markdown_inside or j == start or depth <= 0:
            doc.kinds[j] = HTML
        if depth <= 0:
            return j + 1
        j += 1
    return j
