"""What citecheck knows about pages, items, ids and the bibliography, and what it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .grammar import Citation, CiteBlock, Place, strip_markup
from .enums import Code, Severity, StrEnum

if TYPE_CHECKING:  # basis.py reads the bibliography this module defines
    from .basis import WrittenBases

DEFAULT_DOCS = "docs"
DEFAULT_BIB = "bibliography/references.bib"
SNIPPETS_DIR = "_snippets"
DIRECT_CITATION = "direct"  # citedin = {direct}: a work the guide cites directly, not through the paper
_RULE_NAMES = {code.value: code.rule_name for code in Code}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem (severity "error") or warning, at a 1-based line and column."""

    path: str
    line: int
    col: int
    code: str  # a Code, or its value such as "CL001"
    message: str
    severity: str = Severity.ERROR

    @property
    def name(self) -> str:
        return _RULE_NAMES.get(self.code, "")

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


class IdProblem(StrEnum):
    """Why an item's id does not reach the rendered item (each is a CL003 message key in
    rules/pages.py)."""

    NONE = "none"  # no id line at all
    DETACHED = "detached"  # a blank line separates the id line from the item
    NOT_LAST = "not-last"  # more of the item follows the id line
    NO_HASH = "no-hash"  # an attribute line without '#id'
    SAME_LINE = "same-line"  # '{ #id }' on the item's own line
    BLOCKED = "blocked"  # a block inside the item (quote, heading, footnote) follows its text


@dataclass(slots=True)
class Item:
    """A checklist item: a rendered task-list item."""

    line: int
    col: int
    markdown: str  # the item's text as written, its continuation lines joined by spaces
    checked: bool
    id: str | None = None
    id_line: int = 0
    id_col: int = 0
    blocks: list[CiteBlock] = field(default_factory=list)
    text_lines: list[int] = field(default_factory=list)  # the item's own lines, id line excluded
    id_problem: IdProblem | None = None
    loose: bool = False  # a blank line moved the id off the item (CL007)

    @property
    def citations(self) -> list[Citation]:
        text = Place.TEXT
        return [c for b in self.blocks if b.place == text for c in b.citations]

    @property
    def readable_text(self) -> str:
        """The item's text without its citations, links or emphasis (for people, not parsers)."""
        text = self.markdown
        for block in self.blocks:
            text = text.replace(f"[{block.raw}]", "", 1)
        return strip_markup(text)

    @property
    def rendered_id(self) -> str | None:
        """The id the rendered <li> should carry, as far as the checker can tell."""
        return None if self.loose or self.id_problem else self.id


class IdOwner(StrEnum):
    """What an explicit { #id } attribute gives its id to."""

    ITEM = "item"
    HEADING = "heading"
    BLOCK = "block"  # a paragraph


@dataclass(slots=True)
class IdRef:
    """An explicit { #id } attribute on an item, a heading or a paragraph."""

    id: str
    line: int
    col: int
    owner: IdOwner


@dataclass(slots=True)
class LooseList:
    """A blank line (gap_line) that makes the list around it loose, and the items it affects."""

    gap_line: int
    item_lines: list[int]


@dataclass(slots=True)
class GluedItem:
    """A task item written straight under a paragraph line, so it renders as text."""

    line: int
    col: int


@dataclass(slots=True)
class FrontMatterError:
    """YAML front matter MkDocs would show as page text; kind is a CL012 message key."""

    line: int
    col: int
    kind: str  # invalid-yaml | not-a-mapping
    yaml_problem: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """A Markdown link to another page of the guide or to a place on one: its target file
    (relative to the linking page, "" for the page itself) and anchor ("" for none)."""

    line: int
    col: int
    target: str
    anchor: str


@dataclass
class Page:
    """What the scanner found in one Markdown file."""

    path: str  # as shown in messages
    src: str  # relative to the docs folder, with '/'
    title: str = ""
    items: list[Item] = field(default_factory=list)
    blocks: list[CiteBlock] = field(default_factory=list)
    ids: list[IdRef] = field(default_factory=list)
    loose_lists: list[LooseList] = field(default_factory=list)
    glued_items: list[GluedItem] = field(default_factory=list)
    front_matter_error: FrontMatterError | None = None
    bases: WrittenBases | None = None  # the front matter's `basis`, when it has one
    front_matter: dict[str, object] = field(default_factory=dict)  # every value a string
    front_matter_lines: dict[str, int] = field(default_factory=dict)  # top-level name -> line
    front_matter_repeats: list[tuple[str, int]] = field(default_factory=list)  # (name, line)
    anchors: set[str] = field(default_factory=set)  # every id a link can point to on the page
    includes: bool = False  # pulls in other files (--8<--), whose ids the checker cannot see
    links: list[Link] = field(default_factory=list)

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
        """Author-date label such as 'Seden and Ross (2007)' or 'Aldgate et al. (2007)'; a work
        with neither author nor editor (an Act) goes by its title: 'Care Act 2014 (2014)'."""
        title = self.fields.get("title", "").replace("{", "").replace("}", "").strip()
        names = self.persons.get("author") or self.persons.get("editor") or [title or self.key]
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
    findings: list[Finding] = field(default_factory=list)  # BIB001 and BIB002, found on reading

    @property
    def parsed(self) -> bool:
        return not any(f.code == Code.PARSE_ERROR for f in self.findings)


@dataclass
class Report:
    pages: list[Page]
    bibliography: Bibliography
    findings: list[Finding]
    input_errors: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

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
        head = f"{plural(problems, 'problem')}" + (
            f" in {plural(files, 'file')}" if problems else ""
        )
        if self.warnings:
            codes = ", ".join(sorted({str(f.code) for f in self.warnings}))
            head += f", {plural(len(self.warnings), 'warning')} ({codes})"
        items = sum(len(p.items) for p in self.checklists)
        return (
            f"{head}; {plural(items, 'checklist item')} in "
            f"{plural(len(self.checklists), 'checklist')} checked against "
            f"{plural(len(self.bibliography.entries), 'reference')}"
        )


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
