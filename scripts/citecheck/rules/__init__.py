"""The rules: one registry of records (code, name, severity, messages, check). The checks run
from it, bibtex.py takes its BIB001 and BIB002 messages from it, and tests/test_rules.py holds it
against the rules page and the golden cases. A rule's name comes from its Code member
(enums.py), which is how a Finding, and so every output format, names it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..enums import Code
from ..model import Bibliography, Finding, Page
from .basis import RULES as BASIS_RULES
from .bibliography import RULES as BIBLIOGRAPHY_RULES
from .citations import RULES as CITATION_RULES
from .ids import RULES as ID_RULES
from .pages import RULES as PAGE_RULES
from .rule import Corpus, Rule

_RECORDS = {
    rule.code: rule
    for rule in (*PAGE_RULES, *CITATION_RULES, *ID_RULES, *BASIS_RULES, *BIBLIOGRAPHY_RULES)
}
RULES: dict[Code, Rule] = {code: _RECORDS[code] for code in Code}  # in code order


def check(
    pages: Sequence[Page],
    bib: Bibliography,
    strict_unused: bool = False,
    unused: bool = True,
    source_texts: Sequence[Path] = (),
) -> list[Finding]:
    """Every rule over the scanned pages and the bibliography, sorted by file, line and column.

    unused: the whole guide is checked, so look for what only makes sense on all of it: entries
    cited nowhere (BIB006), quotations shared too widely (CL018), quoted words over the budget
    (CL019). source_texts: folders of source texts, to find every quotation in (CL020).
    """
    corpus = Corpus(
        pages,
        bib,
        whole_guide=unused,
        strict_unused=strict_unused,
        source_texts=tuple(source_texts),
    )
    findings = {finding for rule in RULES.values() for finding in rule.check(rule, corpus)}
    return sorted(findings, key=lambda f: (f.path, f.line, f.col, f.code, f.message))


__all__ = ["RULES", "Corpus", "Rule", "check"]
