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
        return sum(len(_WORD_RE.findall(piece)) for piece in self.fragments)


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
