"""The command line: python scripts/citecheck.py [PATHS] [--bib FILE] [--format F] [--quiet]
[--strict-unused] [--source-texts DIR]."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .formats import Format, formatted
from .model import DEFAULT_BIB, DEFAULT_DOCS
from .runner import run
from .site import load_site


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Check that every checklist item in docs/ cites a source in the bibliography.",
        epilog="Exit status: 0 clean, 1 problems found, 2 usage error or unreadable input. "
        "Rules: docs/about/contributing/checks.md",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders to check (default: docs)"
    )
    parser.add_argument(
        "--bib",
        action="append",
        type=Path,
        metavar="FILE",
        help=f"BibTeX file, repeatable (default: {DEFAULT_BIB})",
    )
    parser.add_argument("--format", choices=[f.value for f in Format], default=Format.TEXT.value)
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    parser.add_argument(
        "--strict-unused",
        action="store_true",
        help="treat entries cited nowhere (BIB006, looked for when the whole docs "
        "folder is checked) as problems, not warnings",
    )
    parser.add_argument(
        "--source-texts",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="a folder of source texts (repeatable): find every basis quotation word for word "
        "in the text its bibliography entry names (sourcetext); off by default",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Check, print the findings and the summary; return the exit status."""
    args = _arguments(argv)
    report = run(
        args.paths or [Path(DEFAULT_DOCS)],
        args.bib or [Path(DEFAULT_BIB)],
        root=Path.cwd(),
        strict_unused=args.strict_unused,
        source_texts=args.source_texts,
        site=load_site(Path.cwd()),
    )
    for error in report.input_errors:
        print(f"citecheck: error: {error}", file=sys.stderr)
    print(formatted(report, Format(args.format), args.quiet))
    return report.exit_code


def command() -> int:
    """main() as a process runs it: no traceback for a closed pipe or a Python without the
    locked packages."""
    try:
        return main()
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ModuleNotFoundError as missing:  # run with a Python that lacks the locked packages
        package = (missing.name or "?").split(".")[0]
        print(
            f"citecheck: error: this Python has no '{package}': run `make check`, or "
            "`.venv/bin/python scripts/citecheck.py` after `make install`",
            file=sys.stderr,
        )
        return 2
