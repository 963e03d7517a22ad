"""Checking files and folders against .bib files: read, scan, apply every rule."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .bibtex import load_bibliography
from .files import inside, markdown_files, read_error
from .model import DEFAULT_DOCS, Report
from .rules import check
from .scan import parse_page
from .site import Site


def run(
    paths: Sequence[Path],
    bib_paths: Sequence[Path],
    root: Path | None = None,
    docs: Path | None = None,
    strict_unused: bool = False,
    source_texts: Sequence[Path] = (),
    site: Site | None = None,
) -> Report:
    """Check Markdown files and folders against .bib files; never raises for bad input.

    Entries cited nowhere (BIB006) and the quotation budgets (CL018, CL019) are looked for only
    when the whole docs folder is checked; quotations are looked for in their source texts
    (CL020) only when folders of them are given.
    """
    root = root or Path.cwd()
    docs = docs or root / DEFAULT_DOCS
    bib, errors = load_bibliography(bib_paths, root)
    files, missing = markdown_files(paths, docs)
    errors += missing
    errors += [
        f"cannot read {Path(folder).as_posix()}: no such folder of source texts"
        for folder in source_texts
        if not os.path.isdir(folder)
    ]
    pages = []
    root_abs = os.path.abspath(root)
    for file, src in files:
        shown = inside(file, root_abs) or Path(file).as_posix()
        try:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(read_error(shown, exc))
            continue
        pages.append(parse_page(text, shown, src))
    whole = any(os.path.abspath(path) == os.path.abspath(docs) for path in paths)
    findings = check(
        pages, bib, strict_unused, unused=whole, source_texts=source_texts, site=site
    )
    return Report(pages, bib, findings, errors)
