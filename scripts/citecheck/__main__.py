"""python -m citecheck (with scripts/ on the path), the same as python scripts/citecheck.py."""

from __future__ import annotations

import sys

from .cli import command

sys.exit(command())
