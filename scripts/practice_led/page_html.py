"""Where the tags of a rendered page lie: one reading of its HTML, shared by every pass that
needs one (the items check, the prose scored for readability, the Source panels).

The standard library's HTML parser reads in pure Python, so each pass that read the page
again cost about as much as the first. Each tag is kept with its offsets in the page: text
is what lies between tags, and a pass that changes the page does so only at those places,
so every other byte stays as MkDocs wrote it. Comments and declarations are tags of their
own kind here, so that no pass takes them for text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


@dataclass(frozen=True)
class Tag:
    # "start", "end", "empty" for a self-closed tag (<path/>), which nothing closes, or
    # "other" for a comment, a declaration or a processing instruction
    kind: str
    name: str
    attrs: dict[str, str]
    start: int  # offsets of the tag in the page
    end: int

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)  # text is read between tags, not here
        self.page = page
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", page)]
        self.tags: list[Tag] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _add(self, kind: str, name: str, attrs: list[tuple[str, str | None]], end: int | None = None) -> None:
        start = self._offset()
        if end is None:
            end = start + len(self.get_starttag_text() or "")
        self.tags.append(Tag(kind, name, {k: v or "" for k, v in attrs}, start, end))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("empty", tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag, [], self.page.index(">", self._offset()) + 1)

    def _other(self, opening: str, data: str) -> None:
        """A comment, declaration or instruction: `opening` ('<!--', '<!', '<?' or '<![')
        and `data` come before the '>' that ends it."""
        start = self._offset()
        end = self.page.index(">", start + len(opening) + len(data)) + 1
        self.tags.append(Tag("other", "", {}, start, end))

    def handle_comment(self, data: str) -> None:
        self._other("<!--", data)

    def handle_decl(self, data: str) -> None:
        self._other("<!", data)

    def handle_pi(self, data: str) -> None:
        self._other("<?", data)

    def unknown_decl(self, data: str) -> None:
        self._other("<![", data)


def tags(page: str) -> list[Tag]:
    """Every tag of the page, in order, with its offsets."""
    reader = _Reader(page)
    reader.feed(page)
    reader.close()
    return reader.tags


def matching_end(tags: Sequence[Tag], i: int) -> int:
    """The index of the end tag that closes the start tag at i (len(tags) if none does)."""
    depth = 0
    for j in range(i, len(tags)):
        tag = tags[j]
        if tag.name in VOID or tag.kind in ("empty", "other"):
            continue
        depth += 1 if tag.kind == "start" else -1
        if depth == 0:
            return j
    return len(tags)


def task_item_ids(tags: Sequence[Tag]) -> list[str | None]:
    """The id of every task-list item, in order (None where there is none)."""
    return [tag.attrs.get("id") or None for tag in tags
            if tag.kind == "start" and tag.name == "li" and tag.has_class("task-list-item")]
