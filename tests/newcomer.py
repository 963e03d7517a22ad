"""A newcomer's change, made as the walk-through says, in a copy of the project.

The copy may already hold what the contributor added by following the walk-through (even the
example itself, pasted): the example is taken out of the copy first, so the test's own
addition never clashes with theirs.
"""

from __future__ import annotations

import re
from pathlib import Path

GROUP_HEADING = "### Keeping it under review"
ID_LINE = re.compile(r"^  \{ #([\w-]+) \}$")


def item_id(item: list[str]) -> str:
    match = ID_LINE.match(item[-1])
    assert match, f"the example item should end with its id line: {item[-1]!r}"
    return match.group(1)


def remove_item(page: Path, identifier: str) -> None:
    """Take an item (its line and its id line) and its basis out of a checklist page."""
    lines = page.read_text(encoding="utf-8").split("\n")
    id_line = f"  {{ #{identifier} }}"
    if id_line in lines:
        at = lines.index(id_line)
        del lines[at - 1 : at + 1]
    key = f"  {identifier}:"
    if key in lines:
        at = lines.index(key)
        end = at + 1
        while end < len(lines) and lines[end].startswith("    "):
            end += 1
        del lines[at:end]
    page.write_text("\n".join(lines), encoding="utf-8")


def add_item(page: Path, item: list[str], basis: list[str] | None = None) -> int:
    """Put the item under the last item of the group, and its basis at the end of the front
    matter's `basis:` (adding `basis:` if there is none), as the walk-through says; the
    item's line number. Any earlier copy of the same item is taken out first."""
    remove_item(page, item_id(item))
    lines = page.read_text(encoding="utf-8").split("\n")
    if basis:
        front_end = lines.index("---", 1)
        if "basis:" not in lines[:front_end]:
            lines.insert(front_end, "basis:")
            front_end += 1
        lines[front_end:front_end] = basis
    assert GROUP_HEADING in lines, f"the walk-through adds to '{GROUP_HEADING}': update it and this"
    start = lines.index(GROUP_HEADING)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    last_id = max(i for i in range(start, end) if ID_LINE.match(lines[i]))
    lines[last_id + 1 : last_id + 1] = item
    page.write_text("\n".join(lines), encoding="utf-8")
    return last_id + 2


def replace_on_line(page: Path, line: int, old: str, new: str) -> None:
    lines = page.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], f"{old!r} is not on line {line} of {page}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    page.write_text("\n".join(lines), encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
