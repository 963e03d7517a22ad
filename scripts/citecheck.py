#!/usr/bin/env python3
"""citecheck: prove that every checklist item in docs/ rests on a source in the bibliography.

Run from the project root:

    python scripts/citecheck.py                  # docs/ against bibliography/references.bib
    python scripts/citecheck.py docs/checklists  # only some files or folders
    python scripts/citecheck.py --format github  # workflow annotations
    python scripts/citecheck.py --format json    # findings and the evidence map

Exit status: 0 clean (warnings allowed), 1 problems found, 2 usage error or unreadable input.
The rules are documented on docs/about/contributing/checks.md; the code is the package
scripts/citecheck/.
"""

from __future__ import annotations

import os
import sys

# `import citecheck` finds the package scripts/citecheck/, not this file: in one folder on the
# path a package directory wins over a module of the same name. So this file is only the command.
# The folder goes on the path for runs that do not put it there (runpy, another working folder).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from citecheck.cli import command  # noqa: E402

if __name__ == "__main__":
    sys.exit(command())
