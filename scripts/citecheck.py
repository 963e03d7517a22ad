#!/usr/bin/env python3
"""citecheck: prove that every checklist item in docs/ rests on a source in the bibliography.

Run from the project root:

    python scripts/citecheck.py                  # docs/ against bibliography/references.bib
    python scripts/citecheck.py docs/checklists  # only some files or folders
    python scripts/citecheck.py --format github  # workflow annotations
    python scripts/citecheck.py --format json    # findings and the evidence map

Exit status: 0 clean (warnings allowed), 1 problems found, 2 usage error or unreadable input.
The rules are documented on docs/about/contributing/checks.md. This module is the pure core:
it never imports MkDocs, so the build hook (scripts/hook_citecheck.py) and the command line
run exactly the same checks.

How Markdown is read: the scanner follows what Python-Markdown, pymdown-extensions and
mkdocs-bibtex do with the guide's configuration (front matter, superfences, raw HTML and
comments, indented code, admonitions and details, blockquotes, tight and loose lists), and
the build hook checks after rendering that both agree on every page.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DOCS = "docs"
DEFAULT_BIB = "bibliography/references.bib"
SNIPPETS_DIR = "_snippets"

# code: (name, what it guards); messages at the point of use say how to fix.
RULES: dict[str, str] = {
    "CL001": "uncited-item",
    "CL002": "unknown-key",
    "CL003": "missing-id",
    "CL004": "duplicate-id",
    "CL005": "bad-id",
    "CL006": "secondary-source",
    "CL007": "loose-list",
    "CL008": "citation-in-heading",
    "CL009": "citation-in-code",
    "CL010": "glued-list",
    "CL011": "snippet-content",
    "CL012": "front-matter",
    "BIB001": "parse-error",
    "BIB002": "duplicate-key",
    "BIB003": "missing-field",
    "BIB004": "provenance",
    "BIB005": "unknown-citedin",
    "BIB006": "unused-entry",
}
PROVENANCES = ("checked", "paper", "cited-only")
CITED_ONLY_FIELDS = ("author", "year", "note")
# BibTeX's required fields per entry type; "a|b" means either will do.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
    "misc": (),
}


# --- Data --------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Finding:
    """One problem (severity "error") or warning, at a 1-based line and column."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: str = "error"

    @property
    def name(self) -> str:
        return RULES.get(self.code, "")

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code}/{self.name} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }


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
        """Does the prefix say 'cited in' (a Harvard secondary citation)?"""
        return "cited in" in " ".join(self.prefix.lower().split())


@dataclass(slots=True)
class CiteBlock:
    """A bracketed citation block as mkdocs-bibtex finds it, and where it stands."""

    raw: str
    line: int
    col: int  # of the '['
    citations: tuple[Citation, ...]
    context: str  # text | heading | html | comment | code


@dataclass(slots=True)
class Item:
    """A checklist item: a rendered task-list item."""

    line: int
    col: int
    text: str
    checked: bool
    id: str | None = None
    id_line: int = 0
    id_col: int = 0
    blocks: list[CiteBlock] = field(default_factory=list)
    text_lines: list[int] = field(default_factory=list)  # the item's own lines, id line excluded
    # Why the id does not reach the item: "" (it does), none, detached, not-last, no-hash,
    # same-line or blocked; the CL003 message for each is in _id_problem.
    id_problem: str = ""
    loose: bool = False  # a blank line moved the id off the item (CL007)

    @property
    def citations(self) -> list[Citation]:
        return [c for b in self.blocks if b.context == "text" for c in b.citations]

    @property
    def plain(self) -> str:
        """The item's text without its citations, links or emphasis (for people, not parsers)."""
        text = self.text
        for block in self.blocks:
            text = text.replace(f"[{block.raw}]", "", 1)
        return plain_text(text)

    @property
    def rendered_id(self) -> str | None:
        """The id the rendered <li> should carry, as far as the checker can tell."""
        return None if self.loose or self.id_problem else self.id


@dataclass(slots=True)
class IdRef:
    """An explicit { #id } attribute on an item, a heading or a paragraph."""

    id: str
    line: int
    col: int
    kind: str  # item | heading | block


@dataclass
class Page:
    """What the scanner found in one Markdown file."""

    path: str  # as shown in messages
    src: str  # relative to the docs folder, with '/'
    title: str = ""
    items: list[Item] = field(default_factory=list)
    blocks: list[CiteBlock] = field(default_factory=list)
    ids: list[IdRef] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # structural: CL007, CL010

    @property
    def is_snippet(self) -> bool:
        return SNIPPETS_DIR in self.src.split("/")[:-1]


@dataclass
class Entry:
    """A bibliography entry with the fields citecheck looks at."""

    key: str
    type: str
    path: str
    line: int
    fields: dict[str, str]
    persons: dict[str, list[str]]  # role -> last names
    field_lines: dict[str, int] = field(default_factory=dict)
    citedin: tuple[str, ...] = ()  # the keys of the works this one is known through

    @property
    def provenance(self) -> str:
        return self.fields.get("provenance", "").strip()

    def has(self, name: str) -> bool:
        return bool(self.persons.get(name)) or bool(self.fields.get(name, "").strip())

    def label(self) -> str:
        """Author-date label such as 'Seden and Ross (2007)' or 'Aldgate et al. (2007)'."""
        names = self.persons.get("author") or self.persons.get("editor") or [self.key]
        who = (
            names[0]
            if len(names) == 1
            else (f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al.")
        )
        return f"{who} ({self.fields.get('year', 'n.d.').strip() or 'n.d.'})"


@dataclass
class Bibliography:
    entries: dict[str, Entry] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def parsed(self) -> bool:
        return not any(f.code == "BIB001" for f in self.findings)


@dataclass
class Report:
    pages: list[Page]
    bibliography: Bibliography
    findings: list[Finding]
    input_errors: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def checklists(self) -> list[Page]:
        return [p for p in self.pages if p.items and not p.is_snippet]

    @property
    def unknown_keys(self) -> set[str]:
        """Keys the pages cite that no bibliography entry has; a finding names each such cite."""
        if not self.bibliography.parsed:
            return set()
        known = self.bibliography.entries
        return {
            cite.key
            for page in self.pages
            for block in page.blocks
            for cite in block.citations
            if cite.key not in known
        }

    @property
    def exit_code(self) -> int:
        if self.input_errors or not self.bibliography.parsed:
            return 2
        return 1 if self.problems else 0

    def summary(self) -> str:
        problems, files = len(self.problems), len({f.path for f in self.problems})
        head = f"{_plural(problems, 'problem')}" + (
            f" in {_plural(files, 'file')}" if problems else ""
        )
        if self.warnings:
            codes = ", ".join(sorted({f.code for f in self.warnings}))
            head += f", {_plural(len(self.warnings), 'warning')} ({codes})"
        items = sum(len(p.items) for p in self.checklists)
        return (
            f"{head}; {_plural(items, 'checklist item')} in "
            f"{_plural(len(self.checklists), 'checklist')} checked against "
            f"{_plural(len(self.bibliography.entries), 'reference')}"
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- Citations: the same grammar as mkdocs-bibtex 4.4.0 (mkdocs_bibtex/citation.py) --------------

BLOCK_RE = re.compile(r"\[(.*?)\]")
CITATION_RE = re.compile(r"(?:(?P<prefix>[^@;]*?)\s*)?@(?P<key>[\w-]+)(?:,\s*(?P<suffix>[^;]+))?")
EMAIL_RE = re.compile(r"[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}")


def citation_blocks(markdown: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Every citation block mkdocs-bibtex would rewrite: (raw, [(prefix, key, locator)]).

    Kept equal to mkdocs_bibtex.citation.CitationBlock.from_markdown by a contract test.
    """
    found = []
    for line_no, line in enumerate(markdown.split("\n"), 1):
        for block in line_blocks(line, line_no, "text"):
            found.append((block.raw, [(c.prefix, c.key, c.locator) for c in block.citations]))
    return found


def line_blocks(line: str, line_no: int, context: str) -> list[CiteBlock]:
    """The citation blocks on one line (mkdocs-bibtex's pattern never spans lines)."""
    if "@" not in line:
        return []
    blocks = []
    for match in BLOCK_RE.finditer(line):
        raw = match.group(1)
        if "@" not in raw:
            continue
        citations = _block_citations(raw, line_no, match.start(1) + 1)
        if citations:
            blocks.append(CiteBlock(raw, line_no, match.start() + 1, tuple(citations), context))
    return blocks


def _block_citations(raw: str, line_no: int, col: int) -> list[Citation]:
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


# --- Markdown scanning ---------------------------------------------------------------------------

TEXT, FRONT, FENCE, HTML, COMMENT = range(5)
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
LIST_RE = re.compile(r"^([ ]*)([*+-]|\d+\.)([ ]+)(.*)$")
TASK_RE = re.compile(r"^\[([ xX])\] +(.*)$")
ATX_RE = re.compile(r"^#{1,6}")
SETEXT_RE = re.compile(r"^[=-]+[ ]*$")
HR_RE = re.compile(r"^[ ]{0,3}(?:(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,})$")
CONTAINER_RE = re.compile(r"^(?:!!!|\?\?\?\+?)[ ]?[\w-]")  # admonition, pymdownx.details
FOOTNOTE_DEF_RE = re.compile(r"^[ ]{0,3}\[\^[^\]]+\]:")
QUOTE_RE = re.compile(r"^[ ]{0,3}> ?")
ATTR_LINE_RE = re.compile(r"^[ ]*\{:?[ ]*([^\}\n ][^\n]*?)[ ]*\}[ ]*$")
HEADING_ATTR_RE = re.compile(r"[ ]+\{:?[ ]*([^\}\n ].*?)[ ]*\}[ ]*$")
ATTR_TOKEN_RE = re.compile(r"""[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+""")
CODE_SPAN_RE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)|<code\b[^>]*>.*?</code>", re.IGNORECASE)
INLINE_COMMENT_RE = re.compile(r"<!--.*?-->")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SPLIT_CHARS = frozenset("!?#-*_")  # the first characters of admonitions, headings and rules
SAME_LINE_ID_RE = re.compile(r"\{:?[ ]*#[^}\s]+[^}]*\}[ ]*$")
FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]]+\]")
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")
SPACE_PUNCT_RE = re.compile(r"\s+([.,;:!?])")


def _indent(line: str) -> int:
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
class _Doc:
    """A Markdown file split into lines, each with its kind and its text as the scanner sees it."""

    lines: list[str]
    kinds: list[int]
    work: list[str]  # the line with inline comments blanked and blockquote markers removed
    indent: list[int]
    code: set[int] = field(default_factory=set)  # indented code lines
    shift: dict[int, int] = field(default_factory=dict)  # columns moved in blockquotes
    headings: set[int] = field(default_factory=set)
    front_end: int = 0
    meta: dict[str, object] = field(default_factory=dict)
    front_problem: tuple[int, int, str] | None = None  # (line, col, message) for CL012


def parse_page(text: str, path: str, src: str) -> Page:
    """Scan one Markdown file: items, citation blocks, ids and structural findings."""
    page = Page(path=path, src=src)
    doc = _prepare(text)
    if doc.front_problem:
        page.findings.append(Finding(path, *doc.front_problem[:2], "CL012", doc.front_problem[2]))
    _Walker(doc, page).walk(list(range(doc.front_end, len(doc.lines))), 0)
    page.blocks = _collect_blocks(doc)
    _attach_blocks(page)
    page.title = _title(doc, page)
    page.items.sort(key=lambda it: it.line)
    page.ids.sort(key=lambda ref: (ref.line, ref.col))
    return page


def _prepare(text: str) -> _Doc:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.expandtabs(4) if "\t" in line else line for line in text.split("\n")]
    doc = _Doc(lines, [TEXT] * len(lines), list(lines), [_indent(line) for line in lines])
    doc.front_end, doc.meta, doc.front_problem = _front_matter(text, lines)
    for i in range(doc.front_end):
        doc.kinds[i] = FRONT
    _mark_fences(doc)
    _mark_html(doc)
    return doc


def _front_matter(
    text: str, lines: list[str]
) -> tuple[int, dict[str, object], tuple[int, int, str] | None]:
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
            return 0, {}, (
                line,
                col,
                f"front matter is not valid YAML ({problem}), so the page shows it as text: "
                "put a value holding ': ', '#', '[' or a leading quote in double quotes",
            )
        if not isinstance(data, dict):
            return 0, {}, (
                2,
                1,
                "front matter must be 'name: value' lines, such as 'title: Leadership', "
                "or the page shows it as text",
            )
        return match.group(0).count("\n"), data, None
    end, key = 0, False
    for line in lines:
        if META_RE.match(line) or (key and META_MORE_RE.match(line) and line.strip()):
            end, key = end + 1, True
        else:
            break
    return end, {}, None


def _mark_fences(doc: _Doc) -> None:
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


def _mark_html(doc: _Doc) -> None:
    """Raw HTML blocks and comments that start a line (Python-Markdown's HTML preprocessor)."""
    i, n = doc.front_end, len(doc.lines)
    while i < n:
        line = doc.lines[i]
        if doc.kinds[i] != TEXT or "<" not in line:
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


def _mark_comment_block(doc: _Doc, start: int) -> int:
    """A comment at a line start is a raw block to its '-->'; with no '-->' it is plain text."""
    for j in range(start, len(doc.lines)):
        line = doc.lines[j]
        if line.find("-->", line.find("<!--") + 4 if j == start else 0) >= 0:
            for k in range(start, j + 1):
                doc.kinds[k] = COMMENT
            return j + 1
    return start + 1


def _mark_raw_block(doc: _Doc, start: int, tag: str) -> int:
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


@dataclass(slots=True)
class _Link:
    line: int
    item: Item | None


@dataclass
class _State:
    """Where the walker is inside one container."""

    at_start: bool = True  # the next line begins a block
    blank: bool = False  # a blank line came before it
    prev: str = ""  # the previous block: list | container | other
    chain: list[_Link] = field(default_factory=list)  # the last list item at each nesting level
    item: Item | None = None  # the task item whose lines are being read
    item_lines: list[int] = field(default_factory=list)
    para_last: int = -1  # the last line of the paragraph being read
    block_after: bool = False  # a block inside the item follows its text (the id cannot reach it)
    footnote: bool = (
        False  # the last block was a footnote definition (indented blocks are its text)
    )
    gap: int = -1  # the first blank line of the latest run of blank lines


class _Walker:
    """Python-Markdown's block structure, line by line, with the line numbers kept.

    A container (the document, an admonition body, a list item's indented content, a
    blockquote) is a list of line indexes and a base indent. Blocks start after a blank line,
    a raw HTML block, a heading or a rule. A list needs a blank line before it unless it starts
    a block; items nest by four spaces; a blank line that joins a block to a list makes the
    neighbouring items loose (their text, and so their id, moves into a <p>).
    """

    def __init__(self, doc: _Doc, page: Page) -> None:
        self.doc, self.page = doc, page

    def walk(self, idx: list[int], base: int) -> None:
        self._walk_lines(idx, base, _State())

    def _walk_lines(self, idx: list[int], base: int, state: _State) -> None:
        doc, k, n = self.doc, 0, len(idx)
        while k < n:
            i = idx[k]
            if doc.kinds[i] in (HTML, COMMENT):
                self._close(state)
                self._reset(state, "other")
                k += 1
            elif doc.kinds[i] == TEXT and not doc.work[i].strip():
                self._close(state)
                if not state.blank:
                    state.gap = i
                state.at_start = state.blank = True
                k += 1
            elif state.at_start:
                k = self._block_start(idx, k, base, state)
            else:
                k = self._continue_block(idx, k, base, state)
        self._close(state)

    def _rel(self, i: int, base: int) -> int:
        """A line's indent inside a container. A lazy line (indented less than the container)
        loses only whole four-space steps, as Python-Markdown's lazy detab does."""
        indent = self.doc.indent[i]
        return indent - base if indent >= base else indent % 4

    def _text(self, i: int, base: int) -> str:
        """The line as the container sees it, from its container indent on."""
        line = self.doc.work[i]
        if self.doc.indent[i] >= base:
            return line[base:]
        return " " * (self.doc.indent[i] % 4) + line.lstrip()

    def _block_start(self, idx: list[int], k: int, base: int, state: _State) -> int:
        """A line that begins a block, tried in Python-Markdown's processor order."""
        doc, i = self.doc, idx[k]
        rel = self._rel(i, base)
        if rel >= 4:
            return self._indented_block(idx, k, base, rel, state)
        blank = state.blank
        state.at_start = state.blank = state.footnote = False
        split = self._split_any(idx, k, base, state, at_start=True)
        if split is not None:
            return split
        text = self._text(i, base)
        if doc.kinds[i] == FENCE:
            self._reset(state, "other", at_start=False)
        elif self._underlined(idx, k, base):
            self._heading(i)
            self._reset(state, "other")
            return k + 2
        elif HR_RE.match(text):
            self._reset(state, "other")
        elif match := LIST_RE.match(text):
            self._list_start(i, match, state, joins=blank and state.prev == "list")
        elif QUOTE_RE.match(text):
            return self._quote(idx, k, base, state)
        elif FOOTNOTE_DEF_RE.match(text):
            state.blank = blank
            return self._footnote(idx, k, base, state, in_list=False)
        else:
            self._reset(state, "other", at_start=False)
            state.para_last = i
        return k + 1

    def _underlined(self, idx: list[int], k: int, base: int) -> bool:
        """Is the next line a setext underline ('===' or '---') for this one?"""
        if k + 1 >= len(idx):
            return False
        nxt = idx[k + 1]
        return (
            self.doc.kinds[nxt] == TEXT
            and self._rel(nxt, base) == 0
            and bool(SETEXT_RE.match(self._text(nxt, base)))
        )

    def _list_start(self, i: int, match: re.Match[str], state: _State, joins: bool) -> None:
        """A list at a block start; after a blank line it joins the list before it, loosely."""
        joined = [state.chain[0]] if joins and state.chain else []
        if not joined:
            state.chain = []
        state.prev = "list"
        self._list_item(i, 0, match, state)
        if joined:
            self._loose(state.gap, [*joined, _Link(i, state.item)])

    def _continue_block(self, idx: list[int], k: int, base: int, state: _State) -> int:
        """A line that continues the current block (no blank line before it)."""
        doc, i = self.doc, idx[k]
        in_list = state.prev == "list"
        split = self._split_any(idx, k, base, state, at_start=False)
        if split is None:
            split = self._split_paragraph(idx, k, base, state, in_list)
        if split is not None:
            return split
        match = LIST_RE.match(self._text(i, base)) if doc.kinds[i] == TEXT else None
        if not in_list:
            if match and TASK_RE.match(match.group(4)) and self._rel(i, base) <= 3:
                self._glued(i)
            state.para_last = i
        elif match and len(match.group(1)) // 4 <= len(state.chain):
            self._list_item(i, len(match.group(1)) // 4, match, state)
        elif len(state.item_lines) == 1 and self._setext_in_item(i, base, state):
            pass
        elif state.item is not None:
            state.item_lines.append(i)
        return k + 1

    def _glued(self, i: int) -> None:
        self.page.findings.append(
            Finding(
                self.page.path,
                i + 1,
                self._col(i, self.doc.indent[i]),
                "CL010",
                "this checklist item follows a paragraph line with no blank line between, so it "
                "renders as plain text, not as a list item: add a blank line before the list",
            )
        )

    def _splits(self, i: int, base: int) -> str:
        """What splits a block wherever it stands: an admonition, a heading or a rule."""
        if self.doc.kinds[i] != TEXT or self.doc.work[i].lstrip()[:1] not in SPLIT_CHARS:
            return ""
        rel, text = self._rel(i, base), self._text(i, base)
        if rel == 0 and CONTAINER_RE.match(text):
            return "container"
        if rel == 0 and ATX_RE.match(text):
            return "heading"
        return "rule" if rel <= 3 and HR_RE.match(text) else ""

    def _split_any(
        self, idx: list[int], k: int, base: int, state: _State, at_start: bool
    ) -> int | None:
        """Admonitions and headings split any block, and rules any block they do not start."""
        i = idx[k]
        kind = self._splits(i, base)
        if not kind or (kind == "rule" and at_start):
            return None
        self._close(state)
        if kind == "container":
            end = self._gather_indented(idx, k + 1, base, lazy=False)
            self.walk(idx[k + 1 : end], base + 4)
            self._reset(state, "container")
            return end
        if kind == "heading":
            self._heading(i)
        self._reset(state, "other")
        return k + 1

    def _split_paragraph(
        self, idx: list[int], k: int, base: int, state: _State, in_list: bool
    ) -> int | None:
        """Blockquotes and footnotes split a paragraph; inside a list item they take the rest of
        the item, and a quote there keeps the id from reaching the item."""
        doc, i = self.doc, idx[k]
        if doc.kinds[i] != TEXT or doc.work[i].lstrip()[:1] not in ">[":
            return None
        rel, text = self._rel(i, base), self._text(i, base).lstrip()
        if rel > (4 * (len(state.chain) - 1) + 3 if in_list and state.chain else 3):
            return None
        if text.startswith(">"):
            state.block_after = in_list
            self._close(state)
            if not in_list:
                return self._quote(idx, k, base, state)
            inner = base + 4 * min(rel // 4, len(state.chain) - 1)
            return self._quote(idx[: self._item_end(idx, k, base, state)], k, inner, _State())
        if FOOTNOTE_DEF_RE.match(text):
            self._close(state)
            return self._footnote(idx, k, base, state, in_list)
        return None

    def _setext_in_item(self, i: int, base: int, state: _State) -> bool:
        """'- [ ] text' over a line of '=' or '-' is a heading inside the item, not a task."""
        rel = self._rel(i, base)
        if (
            self.doc.kinds[i] != TEXT
            or rel % 4
            or rel > 4 * (len(state.chain) - 1)
            or not SETEXT_RE.match(self._text(i, base).lstrip())
        ):
            return False
        if state.item is not None:
            self.page.items.remove(state.item)
            state.chain[-1].item = None
            state.item, state.item_lines = None, []
        parent = state.chain[-2].item if len(state.chain) > 1 else None
        if parent is not None and parent.id:
            parent.id_problem = "blocked"  # the heading is a block inside the parent item
        self.doc.headings.add(state.chain[-1].line)
        return True

    def _item_end(self, idx: list[int], k: int, base: int, state: _State) -> int:
        """Where the current item's lines end: the next item, a blank line or raw HTML."""
        doc, end = self.doc, k + 1
        while (
            end < len(idx)
            and doc.kinds[idx[end]] not in (HTML, COMMENT)
            and doc.work[idx[end]].strip()
        ):
            match = (
                LIST_RE.match(self._text(idx[end], base)) if doc.kinds[idx[end]] == TEXT else None
            )
            if (
                match
                and len(match.group(1)) // 4 <= len(state.chain)
                or self._splits(idx[end], base)
            ):
                break
            end += 1
        return end

    def _footnote(self, idx: list[int], k: int, base: int, state: _State, in_list: bool) -> int:
        """A footnote definition leaves the flow: the rest of its block and the indented blocks
        after it are its text (walked, since it renders); a list before it carries on after it."""
        doc, end = self.doc, k + 1
        if in_list:
            end = self._item_end(idx, k, base, state)
        while (
            end < len(idx)
            and doc.kinds[idx[end]] not in (HTML, COMMENT)
            and doc.work[idx[end]].strip()
        ):
            end += 1
        inner = _State(at_start=False, prev="other")
        if in_list:
            self._walk_lines(idx[k + 1 : end], base + 4, inner)
            return end
        self._walk_lines(idx[k + 1 : end], base + 4, inner)
        state.at_start, state.footnote = True, True
        return end

    def _indented_block(self, idx: list[int], k: int, base: int, rel: int, state: _State) -> int:
        """Four or more spaces at a block start: list item content, a container's body or code."""
        doc = self.doc
        state.at_start, state.blank = True, False
        if state.footnote or (state.prev == "container" and not state.chain):
            end = self._gather_indented(idx, k, base, lazy=state.footnote)
            self.walk(idx[k:end], base + 4)
            return end
        if state.prev == "list" and state.chain:
            end = self._gather_indented(idx, k, base, lazy=True)
            level = min(rel // 4, len(state.chain))
            inner = base + 4 * level
            first = idx[k]
            nested = (
                doc.kinds[first] == TEXT
                and self._rel(first, inner) <= 3
                and bool(LIST_RE.match(self._text(first, inner)))
                and level < len(state.chain)
            )
            joined = [state.chain[level - 1], *([state.chain[level]] if nested else [])]
            before = len(self.page.items)
            self.walk(idx[k:end], inner)
            new = [
                _Link(it.line - 1, it) for it in self.page.items[before:] if it.line == first + 1
            ]
            self._loose(state.gap, [*joined, *(new if nested else [])])
            return end
        self._revert_fences(idx, k)
        end = self._gather_indented(idx, k, base, lazy=False)
        for j in idx[k:end]:
            if doc.kinds[j] == TEXT:
                doc.code.add(j)
        self._reset(state, "other")
        return end

    def _revert_fences(self, idx: list[int], k: int) -> None:
        """superfences turns fences in an indented code block's Markdown block back into text."""
        doc, j = self.doc, k
        while (
            j < len(idx)
            and doc.kinds[idx[j]] not in (HTML, COMMENT)
            and (doc.kinds[idx[j]] == FENCE or doc.work[idx[j]].strip())
        ):
            if doc.kinds[idx[j]] == FENCE:
                line = idx[j]
                while line < len(doc.lines) and doc.kinds[line] == FENCE:
                    doc.kinds[line] = TEXT
                    line += 1
            j += 1

    def _gather_indented(self, idx: list[int], k: int, base: int, lazy: bool) -> int:
        """The end of indented content: blocks (blank-separated) that start four spaces past base.

        lazy: a block, once started, runs to its blank line whatever the indent (list items and
        footnotes); otherwise it stops at the first line with less indent (code, admonitions).
        """
        doc, j, n = self.doc, k, len(idx)
        while j < n:
            i = idx[j]
            if doc.kinds[i] in (HTML, COMMENT):
                break
            if doc.kinds[i] == TEXT and not doc.work[i].strip():
                nxt = j
                while nxt < n and doc.kinds[idx[nxt]] == TEXT and not doc.work[idx[nxt]].strip():
                    nxt += 1
                if nxt < n and doc.kinds[idx[nxt]] != HTML and self._rel(idx[nxt], base) >= 4:
                    j = nxt
                    continue
                break
            if self._rel(i, base) < 4 and not (
                lazy and j > k and self._splits(i, base) != "container"
            ):
                break
            j += 1
        return j

    def _quote(self, idx: list[int], k: int, base: int, state: _State) -> int:
        """A blockquote, walked as a container: its block (markers blanked, lazy lines kept) and
        any quote blocks right after it, which Python-Markdown adds to the same quote."""
        doc, end, n = self.doc, k, len(idx)
        while end < n:
            i = idx[end]
            if doc.kinds[i] in (HTML, COMMENT) or (end > k and self._splits(i, base)):
                break
            if doc.kinds[i] == TEXT and not doc.work[i].strip():
                nxt = end
                while nxt < n and doc.kinds[idx[nxt]] == TEXT and not doc.work[idx[nxt]].strip():
                    nxt += 1
                if (
                    nxt < n
                    and doc.kinds[idx[nxt]] == TEXT
                    and self._rel(idx[nxt], base) <= 3
                    and (QUOTE_RE.match(self._text(idx[nxt], base)))
                ):
                    end = nxt
                    continue
                break
            match = QUOTE_RE.match(self._text(i, base)) if doc.kinds[i] == TEXT else None
            if match:  # '> text' becomes 'text' at base + 2; a lazy line keeps its own indent
                cut = len(doc.work[i]) - len(self._text(i, base)) + match.end()
                self._shift(i, " " * (base + 2) + doc.work[i][cut:], base + 2 - cut)
            elif doc.kinds[i] == TEXT:
                self._shift(i, "  " + doc.work[i], 2)
            end += 1
        self.walk(idx[k:end], base + 2)
        self._reset(state, "other", at_start=False)  # a rule or heading that ends it still splits
        return end

    def _shift(self, i: int, work: str, by: int) -> None:
        """Replace a line's working text; columns in it move by `by` from the file's."""
        doc = self.doc
        doc.work[i], doc.indent[i] = work, _indent(work)
        doc.shift[i] = doc.shift.get(i, 0) + by

    def _col(self, i: int, pos: int) -> int:
        """1-based column in the file of 0-based position pos in the working text."""
        return pos - self.doc.shift.get(i, 0) + 1

    def _reset(self, state: _State, prev: str, at_start: bool = True) -> None:
        state.prev, state.at_start, state.blank = prev, at_start, False
        if prev != "list":
            state.chain = []

    def _heading(self, i: int) -> None:
        self.doc.headings.add(i)
        line = self.doc.work[i]
        match = HEADING_ATTR_RE.search(line.rstrip().rstrip("#")) if "{" in line else None
        if match:
            self._ids(match.group(1), i, match.start(1), "heading")

    def _list_item(self, i: int, level: int, match: re.Match[str], state: _State) -> None:
        self._close(state)
        del state.chain[level:]
        task = TASK_RE.match(match.group(4))
        item = None
        if task:
            item = Item(
                line=i + 1,
                col=self._col(i, self.doc.indent[i]),
                text=task.group(2),
                checked=task.group(1) != " ",
            )
            self.page.items.append(item)
        state.chain.append(_Link(i, item))
        state.item, state.item_lines = item, [i]

    def _loose(self, gap: int, links: list[_Link]) -> None:
        tasks = sorted(
            {id(link.item): link.item for link in links if link.item is not None}.values(),
            key=lambda item: item.line,
        )
        if not tasks:
            return
        for task in tasks:
            task.loose = True
        lines = ", ".join(str(task.line) for task in tasks[:-1])
        lines = f"{lines} and {tasks[-1].line}" if lines else str(tasks[-1].line)
        self.page.findings.append(
            Finding(
                self.page.path,
                gap + 1,
                1,
                "CL007",
                f"blank line in a checklist makes the list loose, so the id moves off the "
                f"item{'s' if len(tasks) > 1 else ''} on line{'s' if len(tasks) > 1 else ''} {lines}: "
                f"remove the blank line (checklists must be tight lists)",
            )
        )

    def _close(self, state: _State) -> None:
        """End the item and the paragraph being read."""
        if state.item is not None:
            self._finish_item(state.item, state.item_lines)
            if state.block_after and state.item.id:
                state.item.id_problem = "blocked"
        state.item, state.item_lines, state.block_after = None, [], False
        if state.para_last >= 0:
            self._paragraph_id(state.para_last)
            state.para_last = -1

    def _finish_item(self, item: Item, lines: list[int]) -> None:
        doc = self.doc
        attrs = [
            j
            for j in lines[1:]
            if doc.kinds[j] == TEXT
            and doc.work[j].lstrip()[:1] == "{"
            and ATTR_LINE_RE.match(doc.work[j])
        ]
        if attrs and attrs[-1] == lines[-1]:
            match = ATTR_LINE_RE.match(doc.work[lines[-1]])
            assert match is not None
            found = self._ids(match.group(1), lines[-1], match.start(1), "item")
            if found:
                item.id, item.id_line, item.id_col = found
            else:
                item.id_problem = "no-hash"
        elif attrs:
            item.id_problem = "not-last"
        elif SAME_LINE_ID_RE.search(doc.work[lines[-1]]):
            item.id_problem = "same-line"
        else:
            item.id_problem = "detached" if self._detached_id(lines[-1]) else "none"
        item.text_lines = [j + 1 for j in lines if j not in attrs]
        extra = [doc.work[j].strip() for j in lines[1:] if doc.kinds[j] == TEXT and j not in attrs]
        item.text = " ".join([item.text, *extra])

    def _detached_id(self, last: int) -> bool:
        """Is the next non-blank line, after at least one blank line, an id line?"""
        doc, j = self.doc, last + 1
        while j < len(doc.lines) and doc.kinds[j] == TEXT and not doc.work[j].strip():
            j += 1
        return (
            j > last + 1
            and j < len(doc.lines)
            and doc.kinds[j] == TEXT
            and bool(ATTR_LINE_RE.match(doc.work[j]))
            and "#" in doc.work[j]
        )

    def _paragraph_id(self, i: int) -> None:
        doc = self.doc
        match = ATTR_LINE_RE.match(doc.work[i]) if doc.kinds[i] == TEXT else None
        if match and i > 0 and doc.work[i - 1].strip():
            self._ids(match.group(1), i, match.start(1), "block")

    def _ids(self, attrs: str, i: int, start: int, kind: str) -> tuple[str, int, int] | None:
        """The id in an attribute list (attr_list keeps the last '#'), recorded for the page."""
        found = None
        for token in ATTR_TOKEN_RE.finditer(attrs):
            if token.group(0).startswith("#") and len(token.group(0)) > 1:
                found = (token.group(0)[1:], i + 1, self._col(i, start + token.start()))
        if found:
            self.page.ids.append(IdRef(found[0], found[1], found[2], kind))
        return found


def _collect_blocks(doc: _Doc) -> list[CiteBlock]:
    """Every citation block outside front matter, tagged with where it stands."""
    blocks: list[CiteBlock] = []
    for i in range(doc.front_end, len(doc.lines)):
        line = doc.lines[i]
        if "@" not in line:
            continue
        kind = doc.kinds[i]
        if kind == FENCE or i in doc.code:
            blocks += line_blocks(line, i + 1, "code")
        elif kind == COMMENT:
            blocks += line_blocks(line, i + 1, "comment")
        elif kind == HTML:
            blocks += line_blocks(line, i + 1, "html")
        else:
            blocks += _text_line_blocks(doc, i)
    return blocks


def _text_line_blocks(doc: _Doc, i: int) -> list[CiteBlock]:
    line, work = doc.lines[i], doc.work[i]
    shift = doc.shift.get(i, 0)
    code = (
        [(s - shift, e - shift) for s, e in (m.span() for m in CODE_SPAN_RE.finditer(work))]
        if ("`" in work or "<code" in work.lower())
        else []
    )
    comments = [m.span() for m in INLINE_COMMENT_RE.finditer(line)] if "<!--" in line else []
    default = "heading" if i in doc.headings else "text"
    found = []
    for block in line_blocks(line, i + 1, default):
        ats = [c.col - 1 for c in block.citations]
        if any(s <= at < e for at in ats for s, e in code):
            block.context = "code"
        elif any(s <= at < e for at in ats for s, e in comments):
            block.context = "comment"
        found.append(block)
    return found


def _attach_blocks(page: Page) -> None:
    """Give each item the citation blocks on its own lines, and its plain text."""
    by_line: dict[int, list[CiteBlock]] = {}
    for block in page.blocks:
        by_line.setdefault(block.line, []).append(block)
    for item in page.items:
        item.blocks = [block for line in item.text_lines for block in by_line.get(line, [])]


def plain_text(markdown: str) -> str:
    """Item text without citations, links, footnote references or emphasis marks."""
    text = markdown
    if "[" in text:
        text = BLOCK_RE.sub(
            lambda m: (
                "" if "@" in m.group(1) and _block_citations(m.group(1), 0, 0) else m.group(0)
            ),
            text,
        )
        text = FOOTNOTE_REF_RE.sub("", text)
        text = LINK_RE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = EMPHASIS_RE.sub(r"\2", text)
    return SPACE_PUNCT_RE.sub(r"\1", " ".join(text.split()))


def _title(doc: _Doc, page: Page) -> str:
    title = doc.meta.get("title") if isinstance(doc.meta, dict) else None
    if isinstance(title, str) and title.strip():
        return title.strip()
    for i in sorted(doc.headings):
        line = doc.work[i].strip()
        if line.startswith("# "):
            return HEADING_ATTR_RE.sub("", line[2:]).strip()
    return page.src


# --- BibTeX --------------------------------------------------------------------------------------


def parse_bibtex(
    text: str, path: str, keys_seen: dict[str, tuple[str, int]] | None = None
) -> Bibliography:
    """Parse one .bib with pybtex, collecting every error with its line instead of raising.

    keys_seen (lower-case key -> (path, line)) carries keys across files so duplicates between
    files are found too; pybtex itself refuses a repeated key, which is why the entries' start
    lines are recorded here as pybtex's own parser yields them.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = _BibReader(text, path, keys_seen if keys_seen is not None else {})
    reader.read()
    bib = Bibliography(paths=[path], findings=reader.findings)
    bib.entries = _entries(reader.parser, reader.starts, text, path)
    return bib


class _BibReader:
    """pybtex's BibTeX parser, run entry by entry so that each entry's line is known."""

    def __init__(self, text: str, path: str, seen: dict[str, tuple[str, int]]) -> None:
        from pybtex.database.input.bibtex import Parser

        self.text, self.path, self.seen = text, path, seen
        self.parser = Parser()
        self.parser.filename, self.parser.unnamed_entry_counter = path, 1
        self.findings: list[Finding] = []
        self.starts: list[tuple[str, int]] = []
        self.errors: list[Exception] = []

    def read(self) -> None:
        import pybtex.errors
        from pybtex.database.input.bibtex import LowLevelParser

        with pybtex.errors.capture() as errors:
            self.errors = errors
            low = LowLevelParser(
                self.text,
                handle_error=self.parser.handle_error,
                want_entry=self.parser.data.want_entry,
                filename=self.path,
                macros=self.parser.macros,
            )
            for command, body in low:
                line = self.text.count("\n", 0, low.command_start) + 1
                kind = command.lower()
                if kind == "preamble":
                    self.parser.process_preamble(*body)
                elif kind != "string" and body[0] is not None:  # no key: a syntax error below
                    self.entry(command, body, line)
        self.findings += [_syntax_finding(error, self.text, self.path) for error in errors]

    def entry(self, command: str, body: tuple, line: int) -> None:
        key = body[0]
        first = self.seen.get(key.lower())
        if first is not None:
            where = f"line {first[1]}" if first[0] == self.path else f"{first[0]}:{first[1]}"
            self.findings.append(
                Finding(
                    self.path,
                    line,
                    1,
                    "BIB002",
                    f"key '{key}' is already used by the entry at {where}: give this entry its own "
                    "key or merge the two (pybtex and mkdocs-bibtex refuse repeated keys)",
                )
            )
            return
        self.seen[key.lower()] = (self.path, line)
        before = len(self.errors)
        self.parser.process_entry(command, *body)
        self.starts.append((key, line))
        for error in self.errors[before:]:
            self.findings.append(_entry_error(error, self.text, self.path, line, key))
        del self.errors[before:]


def _syntax_finding(error: object, text: str, path: str) -> Finding:
    """Where pybtex stopped (a syntax error's error_context_info: entry start, line, position)."""
    info = getattr(error, "error_context_info", None)
    line, col, entry = getattr(error, "lineno", None) or 1, 1, ""
    if isinstance(info, tuple) and len(info) == 3:
        start, pos = info[0] or 0, info[2]
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        entry = f" in the entry that starts on line {text.count(chr(10), 0, start) + 1}"
    message = re.sub(r" in line \d+", "", str(error))
    return Finding(
        path,
        line,
        col,
        "BIB001",
        f"BibTeX does not parse ({message}){entry}; check its braces, commas and quotes",
    )


def _entry_error(error: object, text: str, path: str, line: int, key: str) -> Finding:
    """An error pybtex found in a parsed entry, such as a field given twice."""
    match = re.search(r"has a duplicate (\S+) field", str(error))
    if match:
        lines = text.split("\n")
        field_re = re.compile(rf"\s*{re.escape(match.group(1))}\s*=", re.IGNORECASE)
        hits = [n for n in range(line - 1, len(lines)) if field_re.match(lines[n])][:2]
        where = hits[-1] + 1 if hits else line
        return Finding(
            path,
            where,
            1,
            "BIB001",
            f"'{key}' has a second {match.group(1)} field: keep one (pybtex refuses both)",
        )
    return Finding(path, line, 1, "BIB001", f"{error}: fix the entry '{key}'")


def _entries(
    parser: object, starts: list[tuple[str, int]], text: str, path: str
) -> dict[str, Entry]:
    data = parser.data
    lines = text.split("\n")
    bounds = [line for _, line in starts] + [len(lines) + 1]
    entries: dict[str, Entry] = {}
    for n, (key, line) in enumerate(starts):
        if key not in data.entries:
            continue
        raw = data.entries[key]
        persons = {
            role.lower(): [_last_name(p) for p in people] for role, people in raw.persons.items()
        }
        fields = {name.lower(): str(value) for name, value in raw.fields.items()}
        citedin = tuple(k for k in re.split(r"[,;\s]+", fields.get("citedin", "")) if k)
        entry = Entry(key, raw.type.lower(), path, line, fields, persons, citedin=citedin)
        for j in range(line - 1, bounds[n + 1] - 1):
            match = re.match(r"\s*([A-Za-z][\w-]*)\s*=", lines[j])
            if match:
                entry.field_lines.setdefault(match.group(1).lower(), j + 1)
        entries[key] = entry
    return entries


def _last_name(person: object) -> str:
    parts = [*getattr(person, "prelast_names", []), *getattr(person, "last_names", [])]
    name = " ".join(parts) or str(person)
    return re.sub(r"[{}\\]", "", name)


def load_bibliography(paths: Sequence[Path], root: Path) -> tuple[Bibliography, list[str]]:
    """Read and parse every .bib file; unreadable files are input errors."""
    merged, errors, seen = Bibliography(), [], {}
    for path in paths:
        shown = display_path(path, root)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"cannot read {shown}: {_reason(exc)}")
            continue
        part = parse_bibtex(text, shown, seen)
        merged.paths.append(shown)
        merged.findings += part.findings
        merged.entries.update(part.entries)
    return merged, errors


# --- Rules ---------------------------------------------------------------------------------------


def check(
    pages: Sequence[Page], bib: Bibliography, strict_unused: bool = False, unused: bool = True
) -> list[Finding]:
    """Every rule over the scanned pages and the bibliography, sorted by file, line and column.

    unused: look for entries cited nowhere (BIB006), which only makes sense on the whole guide.
    """
    findings = list(bib.findings)
    for page in pages:
        findings += page.findings
        findings += _check_items(page)
        findings += _check_blocks(page, bib)
    findings += _check_ids(pages)
    if bib.parsed:
        findings += _check_entries(bib)
        if unused:
            findings += _check_unused(pages, bib, strict_unused)
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.col, f.code, f.message))


def _check_items(page: Page) -> list[Finding]:
    if page.is_snippet:
        return [
            Finding(
                page.path,
                item.line,
                item.col,
                "CL011",
                "a snippet holds a checklist item; snippets are pasted into pages after "
                "citations are rendered and items are checked: move the item into a checklist page",
            )
            for item in page.items
        ]
    found = []
    for item in page.items:
        if not item.citations:
            found.append(
                Finding(
                    page.path,
                    item.line,
                    item.col,
                    "CL001",
                    "checklist item has no citation: end it with the source it rests on, "
                    "for example [@seden2008innovation]",
                )
            )
        problem = _id_problem(item, page)
        if problem:
            found.append(Finding(page.path, item.line, item.col, "CL003", problem))
    return found


def _id_problem(item: Item, page: Page) -> str:
    if not item.id_problem:
        return ""
    hint = f"{{ #{_suggest_id(item, page)} }}"
    return {
        "none": f"checklist item has no id: add a line '  {hint}' right after it "
        "(lower-case kebab-case, unique across the site, never changed once published)",
        "detached": "a blank line separates the item from its '{ #id }' line, so the id does not "
        "reach the item: remove the blank line",
        "same-line": "on the item's own line '{ #id }' stays text: put it on the next line, "
        "indented by two spaces",
        "not-last": "the id line is not the item's last line, so the id does not reach the item: "
        "move the '{ #id }' line directly under the item's text",
        "no-hash": f"the attribute line after the item has no '#id': write it as '  {hint}'",
        "blocked": "a block inside the item (a quote, a heading or a footnote) follows its text, so "
        "the id does not reach the item: move that block out of the list",
    }.get(item.id_problem, "")


def _suggest_id(item: Item, page: Page) -> str:
    prefixes = Counter(i.id.split("-")[0] for i in page.items if i.id and "-" in i.id)
    prefix = prefixes.most_common(1)[0][0] if prefixes else "xx"
    words = [
        w
        for w in re.findall(r"[a-z0-9]+", item.plain.lower())
        if w not in {"a", "an", "and", "the", "of", "to", "for", "with", "in", "on", "is", "it"}
    ]
    return "-".join([prefix, *words[:3]]) if words else f"{prefix}-item"


def _check_blocks(page: Page, bib: Bibliography) -> list[Finding]:
    found = []
    for block in page.blocks:
        if page.is_snippet:
            found.append(
                Finding(
                    page.path,
                    block.line,
                    block.col,
                    "CL011",
                    "a snippet holds a citation; snippets are pasted into pages after citations are "
                    "rendered, so it would show as raw text: move the citation into the page",
                )
            )
        elif block.context == "code":
            found.append(
                Finding(
                    page.path,
                    block.line,
                    block.col,
                    "CL009",
                    "citation syntax inside code is rewritten by the renderer: to show the syntax, use "
                    "<code>[&#64;key]</code> (the &#64; entity renders as @ and is not a citation)",
                )
            )
        else:
            if block.context == "heading":
                found.append(
                    Finding(
                        page.path,
                        block.line,
                        block.col,
                        "CL008",
                        "citation in a heading changes the heading's anchor and text: cite in the text below",
                    )
                )
            if bib.parsed:
                found += _check_keys(page, block, bib)
    return found


def _check_keys(page: Page, block: CiteBlock, bib: Bibliography) -> list[Finding]:
    found = []
    for cite in block.citations:
        entry = bib.entries.get(cite.key)
        if entry is None:
            found.append(
                Finding(
                    page.path,
                    cite.line,
                    cite.col,
                    "CL002",
                    f"'{cite.key}' is not in {_bib_names(bib)}{_did_you_mean(cite.key, bib.entries)}",
                )
            )
        elif block.context != "comment" and any(k in bib.entries for k in entry.citedin):
            found += _secondary(page, block, cite, entry)
    return found


def _secondary(page: Page, block: CiteBlock, cite: Citation, entry: Entry) -> list[Finding]:
    """A work known only through another must be cited 'cited in' that other work."""
    via = [c for c in block.citations if c.key in entry.citedin]
    if not via:
        return [
            Finding(
                page.path,
                cite.line,
                cite.col,
                "CL006",
                f"'{cite.key}' is known only through '{entry.citedin[0]}' (its citedin field): add "
                f"'; cited in @{entry.citedin[0]}' to this citation",
            )
        ]
    if any(c.cited_in for c in via):
        return []
    return [
        Finding(
            page.path,
            via[0].line,
            via[0].col,
            "CL006",
            f"'{cite.key}' is known only through '{via[0].key}': write 'cited in @{via[0].key}' "
            f"so the reader sees it is a secondary citation",
        )
    ]


def _bib_names(bib: Bibliography) -> str:
    return " or ".join(bib.paths) if bib.paths else "the bibliography"


def _did_you_mean(key: str, keys: Iterable[str]) -> str:
    close = closest_keys(key, keys)
    return f" (did you mean {' or '.join(repr(k) for k in close)}?)" if close else ""


def closest_keys(key: str, keys: Iterable[str]) -> list[str]:
    """The bibliography keys most like a mistyped one: by spelling, by the same characters in
    another order (sedenross2007 for seden2007ross) or as a cut-short key. Ties are all given."""
    from difflib import SequenceMatcher

    typed = key.lower()

    def score(other: str) -> float:
        known = other.lower()
        spelled = SequenceMatcher(None, typed, known).ratio()
        reordered = 0.95 * SequenceMatcher(None, sorted(typed), sorted(known)).ratio()
        cut = (
            0.9 if len(typed) >= 6 and (known.startswith(typed) or typed.startswith(known)) else 0.0
        )
        return max(spelled, reordered, cut)

    scored = sorted(((score(k), k) for k in keys), key=lambda sk: (-sk[0], sk[1]))
    if not scored or scored[0][0] < 0.8:
        return []
    return [k for s, k in scored if s >= scored[0][0] - 0.02][:3]


def _check_ids(pages: Sequence[Page]) -> list[Finding]:
    found, first = [], {}
    for page in sorted(pages, key=lambda p: p.path):
        if page.is_snippet:
            continue
        for ref in page.ids:
            if not ID_RE.match(ref.id):
                found.append(
                    Finding(
                        page.path,
                        ref.line,
                        ref.col,
                        "CL005",
                        f"id '{ref.id}' is not lower-case kebab-case: use letters, digits and single "
                        f"hyphens, starting with a letter, such as '{_kebab(ref.id)}'",
                    )
                )
            if ref.id in first:
                where = first[ref.id]
                found.append(
                    Finding(
                        page.path,
                        ref.line,
                        ref.col,
                        "CL004",
                        f"id '{ref.id}' is already used at {where}: ids must be unique across the "
                        f"site, so choose a new one here",
                    )
                )
            else:
                first[ref.id] = f"{page.path}:{ref.line}"
    return found


def _kebab(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text).lower())
    kebab = "-".join(words) or "id"
    return kebab if kebab[0].isalpha() else f"id-{kebab}"


def _check_entries(bib: Bibliography) -> list[Finding]:
    found = []
    for entry in bib.entries.values():
        found += _required_fields(entry)
        found += _provenance(entry)
        for key in entry.citedin:
            if key not in bib.entries or key == entry.key:
                line = entry.field_lines.get("citedin", entry.line)
                why = "the entry itself" if key == entry.key else "not a key in the bibliography"
                others = [k for k in bib.entries if k != entry.key]
                hint = _did_you_mean(key, others) if key != entry.key else ""
                found.append(
                    Finding(
                        entry.path,
                        line,
                        1,
                        "BIB005",
                        f"citedin of '{entry.key}' names '{key}', which is {why}: name the work "
                        f"that cites it{hint}",
                    )
                )
    return found


def _required_fields(entry: Entry) -> list[Finding]:
    if entry.provenance == "cited-only":
        required, kind = CITED_ONLY_FIELDS, "a cited-only entry"
    elif entry.type in REQUIRED_FIELDS:
        required, kind = REQUIRED_FIELDS[entry.type], f"@{entry.type}"
    else:
        return [
            Finding(
                entry.path,
                entry.line,
                1,
                "BIB003",
                f"'{entry.key}' has the unknown entry type @{entry.type}: use one of "
                f"{', '.join('@' + t for t in sorted(REQUIRED_FIELDS))}",
            )
        ]
    missing = [
        need.replace("|", " or ")
        for need in required
        if not any(entry.has(name) for name in need.split("|"))
    ]
    if not missing:
        return []
    them = "it" if len(missing) == 1 else "them"
    hint = (
        "a note saying what is known"
        if entry.provenance == "cited-only"
        else f"{them}, or if only the citation is known, set provenance = {{cited-only}} with author, "
        "year and a note (never invent a field)"
    )
    return [
        Finding(
            entry.path,
            entry.line,
            1,
            "BIB003",
            f"'{entry.key}' ({kind}) lacks {', '.join(missing)}: add {hint}",
        )
    ]


def _provenance(entry: Entry) -> list[Finding]:
    value = entry.provenance
    if value in PROVENANCES:
        return []
    allowed = ", ".join("{" + p + "}" for p in PROVENANCES)
    if not value:
        return [
            Finding(
                entry.path,
                entry.line,
                1,
                "BIB004",
                f"'{entry.key}' has no provenance: add provenance = one of {allowed}",
            )
        ]
    return [
        Finding(
            entry.path,
            entry.field_lines.get("provenance", entry.line),
            1,
            "BIB004",
            f"'{entry.key}' has the unknown provenance '{value}': use one of {allowed}",
        )
    ]


def _check_unused(pages: Sequence[Page], bib: Bibliography, strict_unused: bool) -> list[Finding]:
    used = {
        c.key
        for page in pages
        if not page.is_snippet
        for block in page.blocks
        if block.context != "code"
        for c in block.citations
    }
    severity = "error" if strict_unused else "warning"
    return [
        Finding(
            entry.path,
            entry.line,
            1,
            "BIB006",
            f"'{entry.key}' is cited nowhere in the guide: cite it or remove the entry",
            severity,
        )
        for entry in bib.entries.values()
        if entry.key not in used
    ]


# --- Running over files --------------------------------------------------------------------------


def display_path(path: Path | str, root: Path | str) -> str:
    """The path as messages show it: relative to root when inside it, with '/'."""
    return _inside(os.path.abspath(path), os.path.abspath(root)) or Path(path).as_posix()


def _inside(path: str, base: str) -> str | None:
    """path relative to base, with '/', or None when it is not inside base (both absolute)."""
    rel = os.path.relpath(path, base)
    return None if rel == ".." or rel.startswith(".." + os.sep) else rel.replace(os.sep, "/")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"
    return getattr(exc, "strerror", None) or str(exc)


def markdown_files(paths: Sequence[Path], docs: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(file, src) for every .md under the given files and folders, skipping hidden names as
    MkDocs does; src is relative to the docs folder (or to the folder given)."""
    found: dict[str, str] = {}
    errors = []
    docs_abs = os.path.abspath(docs)
    for path in paths:
        top = os.path.abspath(path)
        if os.path.isdir(top):
            for folder, subfolders, names in os.walk(top):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in names:
                    if name.endswith(".md") and not name.startswith("."):
                        file = os.path.join(folder, name)
                        found[file] = _inside(file, docs_abs) or _inside(file, top) or name
        elif os.path.isfile(top):
            found[top] = _inside(top, docs_abs) or os.path.basename(top)
        else:
            errors.append(f"cannot read {Path(path).as_posix()}: no such file or folder")
    return sorted(found.items(), key=lambda fs: fs[1]), errors


def run(
    paths: Sequence[Path],
    bib_paths: Sequence[Path],
    root: Path | None = None,
    docs: Path | None = None,
    strict_unused: bool = False,
) -> Report:
    """Check Markdown files and folders against .bib files; never raises for bad input.

    Entries cited nowhere (BIB006) are looked for only when the whole docs folder is checked.
    """
    root = root or Path.cwd()
    docs = docs or root / DEFAULT_DOCS
    bib, errors = load_bibliography(bib_paths, root)
    files, missing = markdown_files(paths, docs)
    errors += missing
    pages = []
    root_abs = os.path.abspath(root)
    for file, src in files:
        shown = _inside(file, root_abs) or Path(file).as_posix()
        try:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"cannot read {shown}: {_reason(exc)}")
            continue
        pages.append(parse_page(text, shown, src))
    whole = any(os.path.abspath(path) == os.path.abspath(docs) for path in paths)
    return Report(pages, bib, check(pages, bib, strict_unused, unused=whole), errors)


# --- Evidence map, checklists.json and the renderer contract ------------------------------------


def page_url(src: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives a page (mkdocs.structure.files.File.url)."""
    stem = src.removesuffix(".md")
    parent, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        if directory_urls:
            return f"{parent}/" if parent else "./"
        return f"{parent}/index.html" if parent else "index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def evidence(
    report: Report, url_for: Callable[[str], str] = page_url, order: Sequence[str] = ()
) -> dict[str, object]:
    """Every checklist with its items and their sources, and the reverse index by source.

    order: page sources in the order to list them (the site's navigation); others follow.
    """
    entries = report.bibliography.entries
    checklists, by_source = [], {key: [] for key in sorted(entries)}
    rank = {src: n for n, src in enumerate(order)}
    for page in sorted(report.checklists, key=lambda p: (rank.get(p.src, len(rank)), p.src)):
        items = []
        for item in page.items:
            keys = list(dict.fromkeys(c.key for c in item.citations))
            url = url_for(page.src) + (f"#{item.rendered_id}" if item.rendered_id else "")
            items.append(
                {
                    "id": item.rendered_id,
                    "text": item.plain,
                    "checked": item.checked,
                    "url": url,
                    "line": item.line,
                    "keys": keys,
                    "citations": [
                        {"key": c.key, "prefix": c.prefix.strip(), "locator": c.locator.strip()}
                        for c in item.citations
                    ],
                }
            )
            for key in keys:
                by_source.setdefault(key, []).append(
                    {
                        "id": item.rendered_id,
                        "page": page.src,
                        "checklist": page.title,
                        "text": item.plain,
                        "url": url,
                    }
                )
        checklists.append(
            {"title": page.title, "page": page.src, "url": url_for(page.src), "items": items}
        )
    sources = {
        key: {"label": entries[key].label() if key in entries else key, "items": rest}
        for key, rest in by_source.items()
    }
    return {"checklists": checklists, "sources": sources}


EVIDENCE_INTRO = """---
title: Evidence map
description: Every checklist item with the sources it rests on, and every source with the items that rest on it.
---

# Evidence map

This page is built from the checklists each time the guide is built.
It lists every checklist item with the sources it rests on, then every source with the items that rest on it.
Follow an item to its place in the checklist, or a source to its full reference.
"""


def evidence_page(
    report: Report, page_src: str, bibliography_src: str, order: Sequence[str] = ()
) -> str:
    """The Evidence map page as Markdown, its links relative to page_src (e.g. reference/...)."""
    links = _Links(page_src, bibliography_src, report.bibliography.entries)
    data = evidence(report, url_for=lambda src: src, order=order)
    out = [EVIDENCE_INTRO, "## Checklists", ""]
    for checklist in data["checklists"]:  # type: ignore[union-attr]
        out += links.checklist(checklist)
    out += ["## Sources", ""]
    by_label = sorted(data["sources"].items(), key=lambda ks: (ks[1]["label"].casefold(), ks[0]))
    for key, source in by_label:  # type: ignore[union-attr]
        out += links.source(key, source)
    return "\n".join(out)


@dataclass
class _Links:
    """Markdown for the evidence map: relative links to pages, item anchors and references."""

    page_src: str
    bibliography_src: str
    entries: dict[str, Entry]

    def to(self, src: str, anchor: str | None = None) -> str:
        target = os.path.relpath(src, os.path.dirname(self.page_src) or ".").replace(os.sep, "/")
        return f"{target}#{anchor}" if anchor else target

    def reference(self, key: str) -> str:
        if key not in self.entries:
            return _md_escape(key)
        label = _md_escape(self.entries[key].label())
        return f"[{label}]({self.to(self.bibliography_src, 'ref-' + key)})"

    def citation(self, cite: dict[str, str]) -> str:
        prefix = f"{_md_escape(cite['prefix'])} " if cite["prefix"] else ""
        locator = f", {_md_escape(cite['locator'])}" if cite["locator"] else ""
        return f"{prefix}{self.reference(cite['key'])}{locator}"

    def checklist(self, checklist: dict) -> list[str]:
        count = _plural(len(checklist["items"]), "item")
        out = [
            f"### {_md_escape(checklist['title'])}",
            "",
            f"[Open the checklist]({self.to(checklist['page'])}): {count}.",
            "",
        ]
        for item in checklist["items"]:
            sources = "; ".join(self.citation(c) for c in item["citations"]) or "no source"
            out.append(
                f"- [{_md_escape(item['text'])}]({self.to(checklist['page'], item['id'])})  "
            )
            out.append(f"  Sources: {sources}")
        return [*out, ""]

    def source(self, key: str, source: dict) -> list[str]:
        out = [f"### {_md_escape(source['label'])}", ""]
        if key in self.entries:
            out += [f"[Full reference]({self.to(self.bibliography_src, 'ref-' + key)}).", ""]
        if not source["items"]:
            return [*out, "No checklist item rests on this source.", ""]
        out += [
            f"- [{_md_escape(rest['text'])}]({self.to(rest['page'], rest['id'])}) "
            f"({_md_escape(rest['checklist'])})"
            for rest in source["items"]
        ]
        return [*out, ""]


def _md_escape(text: str) -> str:
    """Plain text for a Markdown link label: no brackets, citations, HTML or emphasis."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("@", "&#64;").replace("<", "&lt;")
    return re.sub(r"([\[\]*_`\\])", r"\\\1", text)


def checklists_document(
    report: Report,
    url_for: Callable[[str], str],
    site_url: str = "",
    bibliography_url: str = "",
    order: Sequence[str] = (),
) -> dict[str, object]:
    """The content of checklists.json: every checklist with its items, for trainers and platforms."""
    data = evidence(report, url_for=url_for, order=order)
    base = site_url.rstrip("/") + "/" if site_url else ""

    def absolute(url: str) -> str:
        return base + url.removeprefix("./") if base else url

    entries = report.bibliography.entries
    for checklist in data["checklists"]:  # type: ignore[union-attr]
        checklist["url"] = absolute(checklist["url"])
        for item in checklist["items"]:
            item["url"] = absolute(item["url"])
            del item["line"]
    references = {
        key: {
            "label": entries[key].label(),
            "url": f"{base}{bibliography_url}#ref-{key}" if bibliography_url else "",
        }
        for key in sorted(entries)
    }
    return {
        "version": 1,
        "site_url": site_url,
        "checklists": data["checklists"],
        "references": references,
    }


def rendered_task_items(html: str) -> list[str | None]:
    """The id of every task-list item in rendered HTML, in order (None where there is none)."""
    from html.parser import HTMLParser

    class _Items(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.ids: list[str | None] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "li" and "task-list-item" in (found.get("class") or "").split():
                self.ids.append(found.get("id"))

    parser = _Items()
    parser.feed(html)
    parser.close()
    return parser.ids


def contract_problems(page: Page | None, rendered: Sequence[str | None]) -> list[tuple[int, str]]:
    """(line, message) wherever the rendered page disagrees with what citecheck found in it."""
    items = page.items if page is not None else []
    expected = [item.rendered_id for item in items]
    if len(expected) != len(rendered):
        found = (
            f"{len(expected)} (lines {', '.join(str(i.line) for i in items)})" if items else "none"
        )
        return [
            (
                items[0].line if items else 1,
                (
                    f"{_plural(len(rendered), 'checklist item')} rendered, but citecheck found {found}: "
                    f"the checker and the renderer disagree; simplify the Markdown around the list "
                    f"(a snippet include, unusual nesting) or report the case"
                ),
            )
        ]
    problems = []
    for item, want, got in zip(items, expected, rendered):
        if got is None and want is None and (item.loose or item.id_problem):
            continue  # already reported as CL003 or CL007
        if got != want:
            problems.append(
                (
                    item.line,
                    f"checklist item rendered with id {got!r}, but citecheck expected {want!r}",
                )
            )
    return problems


# --- Output --------------------------------------------------------------------------------------


def format_text(report: Report, quiet: bool = False) -> str:
    lines = [] if quiet else [f.text() for f in report.findings]
    return "\n".join([*lines, report.summary()])


def format_github(report: Report, quiet: bool = False) -> str:
    lines = []
    for f in [] if quiet else report.findings:
        kind = "error" if f.severity == "error" else "warning"
        props = (
            f"file={_gh_prop(f.path)},line={f.line},col={f.col},"
            f"title={_gh_prop(f'{f.code}/{f.name}')}"
        )
        lines.append(f"::{kind} {props}::{_gh_data(f.message)}")
    return "\n".join([*lines, report.summary()])


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_json(report: Report) -> str:
    document = {
        "version": 1,
        "summary": {
            "text": report.summary(),
            "problems": len(report.problems),
            "warnings": len(report.warnings),
            "exit_code": report.exit_code,
            "checklists": len(report.checklists),
            "items": sum(len(p.items) for p in report.checklists),
            "references": len(report.bibliography.entries),
        },
        "errors": report.input_errors,
        "findings": [f.as_dict() for f in report.findings],
        "evidence": evidence(report),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


# --- Command line --------------------------------------------------------------------------------


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Check that every checklist item in docs/ cites a source in the bibliography.",
        epilog="Exit status: 0 clean, 1 problems found, 2 usage error or unreadable input. "
        "Rules: docs/about/contributing/checks.md",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders to check (default: docs)"
    )
    parser.add_argument(
        "--bib",
        action="append",
        type=Path,
        metavar="FILE",
        help=f"BibTeX file, repeatable (default: {DEFAULT_BIB})",
    )
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    parser.add_argument(
        "--strict-unused",
        action="store_true",
        help="treat entries cited nowhere (BIB006, looked for when the whole docs "
        "folder is checked) as problems, not warnings",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    root = Path.cwd()
    report = run(
        args.paths or [Path(DEFAULT_DOCS)],
        args.bib or [Path(DEFAULT_BIB)],
        root=root,
        strict_unused=args.strict_unused,
    )
    for error in report.input_errors:
        print(f"citecheck: error: {error}", file=sys.stderr)
    if args.format == "json":
        print(format_json(report))
    elif args.format == "github":
        print(format_github(report, args.quiet))
    else:
        print(format_text(report, args.quiet))
    return report.exit_code


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except ModuleNotFoundError as missing:  # run with a Python that lacks the locked packages
        package = (missing.name or "?").split(".")[0]
        print(
            f"citecheck: error: this Python has no '{package}': run `make check`, or "
            "`.venv/bin/python scripts/citecheck.py` after `make install`",
            file=sys.stderr,
        )
        sys.exit(2)
