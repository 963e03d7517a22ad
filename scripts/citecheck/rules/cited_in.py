"""Every work says where the guide found it (BIB008): the `citedin` field names the text we
have that cites it, or `citedin = {direct}` says the guide cites it directly (later law and
regulation, say). Without the field, the "cited in" rule (CL006) cannot see the work is known
only at second hand. The text we have, which the other entries name, needs neither."""

from __future__ import annotations

from collections.abc import Iterator

from ..enums import Code, Severity
from ..model import DIRECT_CITATION, Finding
from .rule import Corpus, Rule


def no_citedin(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    bib = corpus.bibliography
    if not bib.parsed:
        return
    named = {
        key
        for entry in bib.entries.values()
        for key in entry.citedin
        if key in bib.entries and key != entry.key
    }
    # The texts the guide has (the paper), not later sources that name one they quote.
    texts = {key for key in named if not bib.entries[key].fields.get("citedin", "").strip()}
    if not named:
        return  # no entry names the text it was found in (BIB005 says why), so none stands out
    sources = " or ".join(sorted(texts or named))
    for entry in bib.entries.values():
        if entry.citedin or entry.key in named:
            continue
        if entry.fields.get("citedin", "").strip() == DIRECT_CITATION:
            continue
        yield rule.finding(entry.path, entry.line, 1, "none", key=entry.key, sources=sources)


RULES = (
    Rule(
        Code.NO_CITEDIN,
        Severity.ERROR,
        {
            "none": "'$key' does not say where the guide found it: add citedin = {$sources} if "
            "it is known through the paper, or citedin = {direct} if the guide cites it directly",
        },
        no_citedin,
    ),
)
