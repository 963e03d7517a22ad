"""Reading .bib files with pybtex, every error kept with its file and line instead of raised."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .files import display_path, read_error
from .enums import Code
from .model import DIRECT_CITATION, Bibliography, Entry, Finding
from .rules import RULES

PARSE_ERROR = RULES[Code.PARSE_ERROR]
DUPLICATE_KEY = RULES[Code.DUPLICATE_KEY]
DUPLICATE_FIELD_RE = re.compile(r"has a duplicate (\S+) field")
FIELD_START_RE = re.compile(r"\s*([A-Za-z][\w-]*)\s*=")


def load_bibliography(paths: Sequence[Path], root: Path) -> tuple[Bibliography, list[str]]:
    """Read and parse every .bib file; unreadable files are input errors."""
    merged, errors, seen = Bibliography(), [], {}
    for path in paths:
        shown = display_path(path, root)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(read_error(shown, exc))
            continue
        part = parse_bibtex(text, shown, seen)
        merged.paths.append(shown)
        merged.findings += part.findings
        merged.entries.update(part.entries)
    return merged, errors


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
                DUPLICATE_KEY.finding(self.path, line, 1, "used", key=key, where=where)
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
    line, col, where = getattr(error, "lineno", None) or 1, 1, ""
    if isinstance(info, tuple) and len(info) == 3:
        start, pos = info[0] or 0, info[2]
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        where = f" in the entry that starts on line {text.count(chr(10), 0, start) + 1}"
    problem = re.sub(r" in line \d+", "", str(error))
    return PARSE_ERROR.finding(path, line, col, "syntax", problem=problem, where=where)


def _entry_error(error: object, text: str, path: str, line: int, key: str) -> Finding:
    """An error pybtex found in a parsed entry, such as a field given twice."""
    match = DUPLICATE_FIELD_RE.search(str(error))
    if not match:
        return PARSE_ERROR.finding(path, line, 1, "entry", problem=error, key=key)
    lines = text.split("\n")
    field_re = re.compile(rf"\s*{re.escape(match.group(1))}\s*=", re.IGNORECASE)
    hits = [n for n in range(line - 1, len(lines)) if field_re.match(lines[n])][:2]
    where = hits[-1] + 1 if hits else line
    return PARSE_ERROR.finding(path, where, 1, "duplicate-field", key=key, field=match.group(1))


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
        citedin = tuple(
            k for k in re.split(r"[,;\s]+", fields.get("citedin", "")) if k and k != DIRECT_CITATION
        )
        entry = Entry(key, raw.type.lower(), path, line, fields, persons, citedin=citedin)
        for j in range(line - 1, bounds[n + 1] - 1):
            match = FIELD_START_RE.match(lines[j])
            if match:
                entry.field_lines.setdefault(match.group(1).lower(), j + 1)
        entries[key] = entry
    return entries


def _last_name(person: object) -> str:
    parts = [*getattr(person, "prelast_names", []), *getattr(person, "last_names", [])]
    name = " ".join(parts) or str(person)
    return re.sub(r"[{}\\]", "", name)
