"""MkDocs hook: citecheck inside every build, the Evidence map page and checklists.json.

A thin adapter over scripts/citecheck.py (all the logic lives there):

- on_config: if the bibliography does not parse, say where (file, line) and stop, instead of
  letting mkdocs-bibtex stop later with a traceback;
- on_files: check docs/ against the bibliography once per build (every `mkdocs serve` rebuild
  too), log each problem as a WARNING so `mkdocs build --strict` fails, and add the generated
  page reference/evidence-map.md (never committed); mkdocs-bibtex's own warnings about a key
  citecheck has reported (one with a traceback) are dropped, so each mistake shows once;
- on_page_content: the renderer contract: the task-list items rendered on each page are the
  ones citecheck found there, each with its id;
- on_post_build: write checklists.json at the site root, for trainers and learning platforms.

Findings are logged under "mkdocs.plugins.citecheck" as `path:line:col: CODE/name message`,
the form the problem matcher in .github/ reads.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import citecheck
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.citecheck")

EVIDENCE_PAGE = "reference/evidence-map.md"
BIBLIOGRAPHY_PAGE = "reference/bibliography.md"
CHECKLISTS_JSON = "checklists.json"

_state: dict[str, Any] = {}


class _ReportedKeys(logging.Filter):
    """Drops mkdocs-bibtex's warnings about unknown keys that citecheck has already reported."""

    ABOUT_A_KEY = re.compile(
        r"(?:Citing unknown reference key|Inline reference to unknown key|Error formatting citation) (\S+)"
    )

    def __init__(self) -> None:
        super().__init__()
        self.keys: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        about = self.ABOUT_A_KEY.match(record.getMessage())
        return not (about and about.group(1) in self.keys)


_reported_keys = _ReportedKeys()
_bibtex_log = logging.getLogger("mkdocs.plugins.mkdocs-bibtex")
for _earlier in [f for f in _bibtex_log.filters if type(f).__name__ == "_ReportedKeys"]:
    _bibtex_log.removeFilter(_earlier)  # left by this hook's previous load (`mkdocs serve`)
_bibtex_log.addFilter(_reported_keys)


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def bibliography_files(config: MkDocsConfig) -> list[Path]:
    """The .bib files mkdocs-bibtex reads (bib_file, or every .bib under bib_dir)."""
    plugin = config.plugins.get("bibtex")
    options = getattr(plugin, "config", None)
    bib_file = getattr(options, "bib_file", None)
    bib_dir = getattr(options, "bib_dir", None)
    if bib_file:
        return [_root(config) / bib_file]
    if bib_dir:
        return sorted((_root(config) / bib_dir).rglob("*.bib"))
    return [_root(config) / citecheck.DEFAULT_BIB]


@event_priority(100)  # before mkdocs-bibtex parses the .bib in its own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    bib, errors = citecheck.load_bibliography(bibliography_files(config), _root(config))
    fatal = errors + [f.text() for f in bib.findings if f.code in ("BIB001", "BIB002")]
    for message in fatal:
        log.error(message)
    if fatal:
        raise PluginError("citecheck: the bibliography cannot be read; fix the problems above")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir)
    report = citecheck.run([docs], bibliography_files(config), root=_root(config), docs=docs)
    for error in report.input_errors:
        log.warning("citecheck: %s", error)
    for finding in report.findings:
        (log.warning if finding.severity == "error" else log.info)(finding.text())
    _reported_keys.keys = report.unknown_keys
    _state.clear()
    _state["report"] = report
    _state["pages"] = {page.src: page for page in report.pages}
    _state["urls"] = {file.src_uri: file.url for file in files if file.src_uri.endswith(".md")}
    existing = files.get_file_from_path(EVIDENCE_PAGE)
    if existing is not None:
        log.info("citecheck: %s is generated; the file in docs/ is ignored", EVIDENCE_PAGE)
        files.remove(existing)
    order = _nav_pages(config.nav or [])
    content = citecheck.evidence_page(report, EVIDENCE_PAGE, BIBLIOGRAPHY_PAGE, order=order)
    files.append(File.generated(config, EVIDENCE_PAGE, content=content))
    return files


def _nav_pages(nav: Any) -> list[str]:
    """The Markdown files named in mkdocs.yml's nav, in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in _nav_pages(value)]
    if isinstance(nav, list):
        return [src for entry in nav for src in _nav_pages(entry)]
    return []


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    found = _state.get("pages", {}).get(page.file.src_uri)
    if found is None or found.is_snippet:
        return html  # a page generated by a hook: citecheck did not read its Markdown
    for line, problem in citecheck.contract_problems(found, citecheck.rendered_task_items(html)):
        log.warning("%s:%d: %s", found.path, line, problem)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    report = _state.get("report")
    if report is None:
        return
    urls: dict[str, str] = _state.get("urls", {})
    document = citecheck.checklists_document(
        report,
        order=_nav_pages(config.nav or []),
        url_for=lambda src: urls.get(src, citecheck.page_url(src, config.use_directory_urls)),
        site_url=config.site_url or "",
        bibliography_url=urls.get(BIBLIOGRAPHY_PAGE, ""),
    )
    target = Path(config.site_dir) / CHECKLISTS_JSON
    target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when the bibliography changes, not only docs/."""
    for path in bibliography_files(config):
        server.watch(str(path))
    return server
