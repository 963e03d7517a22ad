"""citecheck: prove that every checklist item in docs/ rests on a source in the bibliography.

The rules are documented on docs/about/contributing/checks.md and recorded in rules/. This
package is the pure core: it never imports MkDocs, so the build hook (scripts/hook_citecheck.py)
and the command line (scripts/citecheck.py) run exactly the same checks.

    enums.py      severities and rule codes (a code's member name is the rule's name)
    grammar.py    the citation grammar, as mkdocs-bibtex reads it
    model.py      pages, items, ids, entries, findings and the report
    files.py      which Markdown files to read, and paths as messages show them
    scan/         Markdown scanning: items, ids and citations with line and column
    basis.py      the basis of an item (front matter `basis`), shared with the build
    source_text.py  finding a basis quotation word for word in its source text
    bibtex.py     reading .bib files with pybtex
    rules/        the rules, one record each, in one registry
    runner.py     reading files and applying every rule
    site.py       the guide's urls.txt (each address's release) and mkdocs.yml (redirects, pages
                  the build makes), for the rules on published addresses and links
    evidence.py   the Evidence map page and checklists.json
    contract.py   the renderer contract, checked by the build
    formats.py    text, GitHub and JSON output
    cli.py        the command line
"""

from __future__ import annotations

from .bibtex import load_bibliography, parse_bibtex
from .cli import main
from .contract import contract_problems
from .enums import Code, Severity
from .evidence import checklists_document, evidence, evidence_page, page_url
from .files import display_path, markdown_files
from .formats import Format, format_github, format_json, format_text
from .grammar import Citation, CiteBlock, Place, citation_blocks, strip_markup
from .model import (
    DEFAULT_BIB,
    DEFAULT_DOCS,
    Bibliography,
    Entry,
    Finding,
    IdProblem,
    IdRef,
    Item,
    Page,
    Report,
)
from .rules import RULES, Rule, check
from .rules.basis import MAX_WORDS, QUOTED_WORDS_BUDGET, SHARED_LIMIT
from .rules.bibliography import CITED_ONLY_FIELDS, PROVENANCES, REQUIRED_FIELDS
from .rules.citations import closest_keys
from .runner import run
from .scan import parse_page

__all__ = [
    "CITED_ONLY_FIELDS",
    "MAX_WORDS",
    "QUOTED_WORDS_BUDGET",
    "SHARED_LIMIT",
    "DEFAULT_BIB",
    "DEFAULT_DOCS",
    "PROVENANCES",
    "REQUIRED_FIELDS",
    "RULES",
    "Bibliography",
    "Citation",
    "CiteBlock",
    "Code",
    "Entry",
    "Finding",
    "Format",
    "IdProblem",
    "IdRef",
    "Item",
    "Page",
    "Place",
    "Report",
    "Rule",
    "Severity",
    "check",
    "checklists_document",
    "citation_blocks",
    "closest_keys",
    "contract_problems",
    "display_path",
    "evidence",
    "evidence_page",
    "format_github",
    "format_json",
    "format_text",
    "load_bibliography",
    "main",
    "markdown_files",
    "page_url",
    "parse_bibtex",
    "parse_page",
    "run",
    "strip_markup",
]
