"""The basis of a checklist item: the few words of a source it rests on.

A checklist page lists the basis of each of its items in its front matter, under `basis`,
keyed by the item's id:

    basis:
      tk-change-of-ethos:
        quote: “a change in the whole ethos and philosophy of management”
        credit: seden2007ross
        note: The guide's suggestion, building on this point.

`quote` is a marked quotation (“…”, fragments joined by “…”), `credit` the key of the work
the words credit the point to (one the item cites), `note` an optional remark in the
guide's own words. The words are always those of a text we have: the credited work's own,
or, for a work known only through another (its `citedin` field), that other work's.

`read_bases` gives the bases as the build renders them; `written_bases` gives them as written,
each part with its line and column, for the checker's messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .model import Bibliography

FIELDS = ("quote", "credit", "note")
OPEN, CLOSE, ELLIPSIS = "“", "”", "…"
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_SIC_RE = re.compile(r"\s*\[sic\]", re.IGNORECASE)


@dataclass(frozen=True)
class Basis:
    item_id: str
    quote: str  # as written, with its quotation marks
    credit: str
    note: str = ""

    @property
    def words(self) -> str:
        """The quotation without its outer marks."""
        text = self.quote.strip()
        if text.startswith(OPEN) and text.endswith(CLOSE):
            text = text[1:-1]
        return text.strip()

    @property
    def fragments(self) -> list[str]:
        """The quoted pieces, split at each ellipsis, without [sic] marks."""
        pieces = (_SIC_RE.sub("", piece).strip() for piece in self.words.split(ELLIPSIS))
        return [piece for piece in pieces if piece]

    @property
    def word_count(self) -> int:
        return sum(count_words(piece) for piece in self.fragments)


def count_words(text: str) -> int:
    """Words as a basis counts them: runs of letters and digits, with an apostrophe inside."""
    return len(_WORD_RE.findall(text))


def read_bases(meta: Mapping[str, object] | None) -> dict[str, Basis]:
    """The bases a page's front matter gives, by item id; entries that are not mappings are
    skipped here and reported by the checker."""
    bases: dict[str, Basis] = {}
    raw = (meta or {}).get("basis")
    if not isinstance(raw, Mapping):
        return bases
    for item_id, value in raw.items():
        if isinstance(value, Mapping):
            bases[str(item_id)] = Basis(
                item_id=str(item_id),
                quote=str(value.get("quote") or ""),
                credit=str(value.get("credit") or ""),
                note=str(value.get("note") or ""),
            )
    return bases


@dataclass(frozen=True)
class WrittenField:
    """One field of a basis as written: its text (None when it is a list or a mapping), where
    its name stands, and whether its value stays on one line."""

    name: str
    text: str | None
    line: int
    col: int
    one_line: bool


@dataclass(frozen=True)
class WrittenBasis:
    """A basis as written in the front matter, at the line and column of its item id."""

    item_id: str
    line: int
    col: int
    fields: tuple[WrittenField, ...] | None  # None: the entry is not a mapping

    def field(self, name: str) -> WrittenField | None:
        return next((f for f in self.fields or () if f.name == name), None)

    @property
    def basis(self) -> Basis | None:
        """The basis, when the entry is a mapping."""
        if self.fields is None:
            return None
        text = {f.name: f.text or "" for f in self.fields}
        return Basis(self.item_id, text.get("quote", ""), text.get("credit", ""), text.get("note", ""))


@dataclass(frozen=True)
class WrittenBases:
    """Every basis a page's front matter gives; place is where `basis` is, when it is there but
    not a mapping of item ids."""

    entries: tuple[WrittenBasis, ...] = ()
    place: tuple[int, int] | None = None


def written_bases(front_matter: str, first_line: int = 2) -> WrittenBases:
    """The bases in a page's front matter (the YAML between its `---` lines, whose first line is
    the file's line first_line), with line and column from PyYAML's node marks."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(front_matter, Loader=loader)
    except yaml.YAMLError:  # reported as CL012
        return WrittenBases()
    if not isinstance(root, yaml.MappingNode):
        return WrittenBases()

    def at(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + first_line, node.start_mark.column + 1

    found = next(((k, v) for k, v in root.value if k.value == "basis"), None)
    if found is None:
        return WrittenBases()
    if not isinstance(found[1], yaml.MappingNode):
        return WrittenBases(place=at(found[0]))
    entries = []
    for key, value in found[1].value:
        fields = None
        if isinstance(value, yaml.MappingNode):
            fields = tuple(
                WrittenField(
                    str(name.value),
                    text.value if isinstance(text, yaml.ScalarNode) else None,
                    *at(name),
                    one_line=text.start_mark.line == text.end_mark.line,
                )
                for name, text in value.value
            )
        entries.append(WrittenBasis(str(key.value), *at(key), fields))
    return WrittenBases(tuple(entries))


def words_from(credit: str, bibliography: Bibliography) -> str:
    """The key of the text whose words a basis quotes: the credited work, or the work it is
    known through, followed to the end of its `citedin` chain."""
    key, seen = credit, set()
    while key not in seen:
        seen.add(key)
        entry = bibliography.entries.get(key)
        if entry is None or not entry.citedin:
            return key
        key = entry.citedin[-1]
    return key
