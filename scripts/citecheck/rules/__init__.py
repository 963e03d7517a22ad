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
from .bibliography_order import RULES as ORDER_RULES
from .citations import RULES as CITATION_RULES
from .cited_in import RULES as CITED_IN_RULES
from .front_matter import RULES as FRONT_MATTER_RULES
from .ids import RULES as ID_RULES
from .links import RULES as LINK_RULES
from .pages import RULES as PAGE_RULES
from .published import RULES as PUBLISHED_RULES
from ..site import Site
from .rule import Corpus, Rule

_RECORDS = {
    rule.code: rule
    for group in (
        PAGE_RULES, CITATION_RULES, ID_RULES, BASIS_RULES, BIBLIOGRAPHY_RULES, ORDER_RULES, CITED_IN_RULES,
        FRONT_MATTER_RULES, LINK_RULES, PUBLISHED_RULES,
    )
    for rule in group
}
RULES: dict[Code, Rule] = {code: _RECORDS[code] for code in Code}  # in code order


def check(
    pages: Sequence[Page],
    bib: Bibliography,
    strict_unused: bool = False,
    unused: bool = True,
    source_texts: Sequence[Path] = (),
    site: Site | None = None,
) -> list[Finding]:
    """Every rule over the scanned pages and the bibliography, sorted by file, line and column.

    unused: the whole guide is checked, so look for what only makes sense on all of it: entries
    cited nowhere (BIB006), quotations shared too widely (CL018), quoted words over the budget
    (CL019), links between pages and addresses gone since urls.txt. source_texts: folders of
    source texts, to find every quotation in (CL020). site: the guide's mkdocs.yml and urls.txt,
    for the rules on the guide's own conventions (None for loose Markdown).
    """
    corpus = Corpus(
        pages,
        bib,
        whole_guide=unused,
        strict_unused=strict_unused,
        source_texts=tuple(source_texts),
        site=site,
    )
    findings = {finding for rule in RULES.values() for finding in rule.check(rule, corpus)}
    return sorted(findings, key=lambda f: (f.path, f.line, f.col, f.code, f.message))


__all__ = ["RULES", "Corpus", "Rule", "check"]
