"""citecheck inside the build: the same findings as `make check`, reported where the build reports.

Every checklist item must cite a reference; citecheck (scripts/citecheck/) holds the rules.
Here the build reads its report: findings are logged as warnings (so a strict build
fails) in the `path:line:col: CODE/name message` form the problem matcher in .github/
reads, the rendered items are compared with the ones citecheck found, and mkdocs-bibtex's
own warnings about a key citecheck has reported are dropped, so each mistake shows once.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

import citecheck
from citecheck import Code, Severity

log = logging.getLogger("mkdocs.plugins.citecheck")
UNREADABLE = (Code.PARSE_ERROR, Code.DUPLICATE_KEY)  # the bibliography cannot be used at all
BIBTEX_LOG = logging.getLogger("mkdocs.plugins.mkdocs-bibtex")


class BibliographyError(Exception):
    """The bibliography cannot be read; its problems have been logged."""


def check_bibliography(paths: list[Path], root: Path) -> None:
    """Log every problem that stops the bibliography being read, then raise."""
    bib, errors = citecheck.load_bibliography(paths, root)
    fatal = errors + [f.text() for f in bib.findings if f.code in UNREADABLE]
    for message in fatal:
        log.error(message)
    if fatal:
        raise BibliographyError("citecheck: the bibliography cannot be read; fix the problems above")


def source_folders(option: str, root: Path) -> list[Path]:
    """The folders of source texts the plugin's source_texts option names (':'-separated)."""
    return [root / folder for folder in option.split(os.pathsep) if folder.strip()]


def run(
    docs: Path, bib_files: list[Path], root: Path, source_texts: list[Path] | None = None
) -> citecheck.Report:
    """Check docs/ and log each finding: problems as warnings, the rest as information."""
    report = citecheck.run([docs], bib_files, root=root, docs=docs, source_texts=source_texts or [])
    for error in report.input_errors:
        log.warning("citecheck: %s", error)
    for finding in report.findings:
        (log.warning if finding.severity == Severity.ERROR else log.info)(finding.text())
    return report


def check_rendered_page(report: citecheck.Report, src_uri: str, rendered: Sequence[str | None]) -> None:
    """Warn when a page's rendered task-list items (their ids, page_html.task_item_ids) are
    not the items citecheck found."""
    found = next((page for page in report.pages if page.src == src_uri), None)
    if found is None or found.is_snippet:
        return  # a generated page: citecheck did not read its Markdown
    for line, problem in citecheck.contract_problems(found, rendered):
        log.warning("%s:%d: %s", found.path, line, problem)


class ReportedKeys(logging.Filter):
    """Drops mkdocs-bibtex's warnings about unknown keys that citecheck has already reported."""

    ABOUT_A_KEY = re.compile(
        r"(?:Citing unknown reference key|Inline reference to unknown key|Error formatting citation) (\S+)"
    )

    def __init__(self, keys: set[str]) -> None:
        super().__init__()
        self.keys = keys

    def filter(self, record: logging.LogRecord) -> bool:
        about = self.ABOUT_A_KEY.match(record.getMessage())
        return not (about and about.group(1) in self.keys)

