"""A rule as a record: its code, severity, messages and check function."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from string import Template

from ..enums import Code, Severity
from ..model import Bibliography, Finding, Page
from ..site import Site


@dataclass(frozen=True)
class Corpus:
    """What the checks read: the scanned pages, the bibliography, how strict to be and where
    the source texts are."""

    pages: Sequence[Page]
    bibliography: Bibliography
    whole_guide: bool = True  # entries cited nowhere (BIB006) are looked for only then
    strict_unused: bool = False  # BIB006 is a problem, not a warning
    source_texts: tuple[Path, ...] = ()  # folders of source texts, for CL020
    site: Site | None = None  # the guide's mkdocs.yml and urls.txt: None for loose Markdown


@dataclass(frozen=True)
class Rule:
    """One rule. Its messages are string.Template texts, one for each situation the check
    reports, each saying what is wrong and then how to fix it."""

    code: Code
    severity: Severity
    messages: Mapping[str, str]
    check: Callable[[Rule, Corpus], Iterable[Finding]]

    @property
    def name(self) -> str:
        return self.code.rule_name

    def finding(
        self,
        path: str,
        line: int,
        col: int,
        situation: str,
        severity: Severity | None = None,
        **fields: object,
    ) -> Finding:
        message = Template(self.messages[situation]).substitute(fields)
        return Finding(path, line, col, self.code, message, severity or self.severity)


def reported_on_reading(rule: Rule, corpus: Corpus) -> Iterable[Finding]:
    """The check of a rule found while reading the bibliography (BIB001, BIB002)."""
    return [f for f in corpus.bibliography.findings if f.code == rule.code]
