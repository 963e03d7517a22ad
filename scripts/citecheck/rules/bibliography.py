"""Rules on the bibliography: BIB001 to BIB006. BIB001 and BIB002 are found while the .bib is
read (bibtex.py), since an entry that does not parse has no fields to check."""

from __future__ import annotations

from collections.abc import Iterator

from ..grammar import Place
from ..enums import Code, Severity
from ..model import Entry, Finding
from .citations import did_you_mean
from .rule import Corpus, Rule, reported_on_reading

# How far an entry's details were confirmed: the first three for works known through the paper,
# the last two for later sources the guide cites directly or as another source quotes them.
PROVENANCES = ("checked", "paper", "cited-only", "at-source", "quoted-in")
CITED_ONLY_FIELDS = ("author", "year", "note")
# BibTeX's required fields per entry type; "a|b" means either will do.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "legislation": ("title", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
    "misc": (),
    "online": ("author|editor", "title", "url", "urldate"),
}


def _entries(corpus: Corpus) -> Iterator[Entry]:
    """The entries, once the bibliography parses (else there is nothing sound to check)."""
    if corpus.bibliography.parsed:
        yield from corpus.bibliography.entries.values()


def missing_fields(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for entry in _entries(corpus):
        if entry.provenance == "cited-only":
            required, kind, situation = CITED_ONLY_FIELDS, "a cited-only entry", "lacks-cited-only"
        elif entry.type in REQUIRED_FIELDS:
            required, kind, situation = REQUIRED_FIELDS[entry.type], f"@{entry.type}", "lacks"
        else:
            types = ", ".join("@" + t for t in sorted(REQUIRED_FIELDS))
            yield _at_entry(rule, entry, "unknown-type", type=entry.type, types=types)
            continue
        missing = [
            need.replace("|", " or ")
            for need in required
            if not any(entry.has(name) for name in need.split("|"))
        ]
        if missing:
            them = "it" if len(missing) == 1 else "them"
            yield _at_entry(
                rule, entry, situation, kind=kind, missing=", ".join(missing), them=them
            )


def provenance(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    allowed = ", ".join("{" + p + "}" for p in PROVENANCES)
    for entry in _entries(corpus):
        value = entry.provenance
        if not value:
            yield _at_entry(rule, entry, "none", allowed=allowed)
        elif value not in PROVENANCES:
            line = entry.field_lines.get("provenance", entry.line)
            yield _at_entry(rule, entry, "unknown", line=line, value=value, allowed=allowed)


def unknown_citedin(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    keys = corpus.bibliography.entries
    for entry in _entries(corpus):
        line = entry.field_lines.get("citedin", entry.line)
        for key in entry.citedin:
            if key == entry.key:
                yield _at_entry(rule, entry, "itself", line=line, named=key)
            elif key not in keys:
                hint = did_you_mean(key, [k for k in keys if k != entry.key])
                yield _at_entry(rule, entry, "unknown", line=line, named=key, did_you_mean=hint)


def unused_entries(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    if not corpus.whole_guide:
        return
    code = Place.CODE
    used = {
        c.key
        for page in corpus.pages
        if not page.is_snippet
        for block in page.blocks
        if block.place != code
        for c in block.citations
    }
    severity = Severity.ERROR if corpus.strict_unused else rule.severity
    for entry in _entries(corpus):
        if entry.key not in used:
            yield _at_entry(rule, entry, "unused", severity=severity)


def _at_entry(
    rule: Rule,
    entry: Entry,
    situation: str,
    line: int = 0,
    severity: Severity | None = None,
    **fields: object,
) -> Finding:
    """A finding on an entry's first line (or the line given), naming its key."""
    return rule.finding(
        entry.path, line or entry.line, 1, situation, severity, key=entry.key, **fields
    )


RULES = (
    Rule(
        Code.PARSE_ERROR,
        Severity.ERROR,
        {
            "syntax": "BibTeX does not parse ($problem)$where; check its braces, commas and quotes",
            "duplicate-field": "'$key' has a second $field field: keep one (pybtex refuses both)",
            "entry": "$problem: fix the entry '$key'",
        },
        reported_on_reading,
    ),
    Rule(
        Code.DUPLICATE_KEY,
        Severity.ERROR,
        {
            "used": "key '$key' is already used by the entry at $where: give this entry its own "
            "key or merge the two (pybtex and mkdocs-bibtex refuse repeated keys)",
        },
        reported_on_reading,
    ),
    Rule(
        Code.MISSING_FIELD,
        Severity.ERROR,
        {
            "unknown-type": "'$key' has the unknown entry type @$type: use one of $types",
            "lacks": "'$key' ($kind) lacks $missing: add $them, or if only the citation is "
            "known, set provenance = {cited-only} with author, year and a note (never invent a "
            "field)",
            "lacks-cited-only": "'$key' ($kind) lacks $missing: add a note saying what is known",
        },
        missing_fields,
    ),
    Rule(
        Code.PROVENANCE,
        Severity.ERROR,
        {
            "none": "'$key' has no provenance: add provenance = one of $allowed",
            "unknown": "'$key' has the unknown provenance '$value': use one of $allowed",
        },
        provenance,
    ),
    Rule(
        Code.UNKNOWN_CITEDIN,
        Severity.ERROR,
        {
            "itself": "citedin of '$key' names '$named', which is the entry itself: name the "
            "work that cites it",
            "unknown": "citedin of '$key' names '$named', which is not a key in the "
            "bibliography: name the work that cites it$did_you_mean",
        },
        unknown_citedin,
    ),
    Rule(
        Code.UNUSED_ENTRY,
        Severity.WARNING,
        {"unused": "'$key' is cited nowhere in the guide: cite it or remove the entry"},
        unused_entries,
    ),
)
