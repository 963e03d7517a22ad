"""Where each top-level name of a page's front matter is written."""

from __future__ import annotations

import re

from .lines import Lines

KEY_RE = re.compile(r"^([A-Za-z0-9_-]+)\s*:")


def key_lines(doc: Lines) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """Each top-level name in the YAML front matter with its 1-based line (the first, if
    written twice), and (name, line) of each later time a name is written again, which YAML
    takes without a word, keeping only the last."""
    found: dict[str, int] = {}
    again: list[tuple[str, int]] = []
    if not doc.meta:
        return found, again
    for i in range(1, max(doc.front_end - 1, 1)):
        match = KEY_RE.match(doc.lines[i])
        if match and match.group(1) in found:
            again.append((match.group(1), i + 1))
        elif match:
            found[match.group(1)] = i + 1
    return found, again
