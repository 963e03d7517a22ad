"""Where each top-level name of a page's front matter is written."""

from __future__ import annotations

import re

from .lines import Lines

KEY_RE = re.compile(r"^([A-Za-z0-9_-]+)\s*:")


def key_lines(doc: Lines) -> dict[str, int]:
    """Each top-level name in the YAML front matter, with its 1-based line (the first, if
    written twice)."""
    found: dict[str, int] = {}
    if not doc.meta:
        return found
    for i in range(1, max(doc.front_end - 1, 1)):
        match = KEY_RE.match(doc.lines[i])
        if match:
            found.setdefault(match.group(1), i + 1)
    return found
