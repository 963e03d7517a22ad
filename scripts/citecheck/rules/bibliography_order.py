"""The bibliography's layout: entries sorted by key (BIB007), so a reader of the file, and a
merge of two changes to it, finds each entry where it belongs."""

from __future__ import annotations

from collections.abc import Iterator

from ..enums import Code, Severity
from ..model import Entry, Finding
from .rule import Corpus, Rule


def key_order(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    if corpus.site is None or not corpus.bibliography.parsed:
        return  # a guide convention, not BibTeX's
    by_file: dict[str, list[Entry]] = {}
    for entry in corpus.bibliography.entries.values():
        by_file.setdefault(entry.path, []).append(entry)
    for entries in by_file.values():
        entries.sort(key=lambda e: e.line)
        for n, entry in enumerate(entries):
            after = next((e for e in entries[:n] if e.key.lower() > entry.key.lower()), None)
            if after is not None:
                yield rule.finding(
                    entry.path, entry.line, 1, "out-of-order",
                    key=entry.key, before=after.key, before_line=after.line,
                )


RULES = (
    Rule(
        Code.KEY_ORDER,
        Severity.ERROR,
        {
            "out-of-order": "'$key' is out of order: entries are sorted by key (alphabetical "
            "order), so move it up to just above '$before' (line $before_line)",
        },
        key_order,
    ),
)
