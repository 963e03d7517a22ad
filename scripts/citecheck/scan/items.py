"""Recording what the block walker meets: task items and their ids, heading and paragraph ids,
loose lists and task items glued to a paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import GluedItem, IdOwner, IdProblem, IdRef, Item, LooseList, Page
from .lines import TEXT, Lines

TASK_RE = re.compile(r"^\[([ xX])\] +(.*)$")
ATTR_LINE_RE = re.compile(r"^[ ]*\{:?[ ]*([^\}\n ][^\n]*?)[ ]*\}[ ]*$")
HEADING_ATTR_RE = re.compile(r"[ ]+\{:?[ ]*([^\}\n ].*?)[ ]*\}[ ]*$")
ATTR_TOKEN_RE = re.compile(r"""[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+""")
SAME_LINE_ID_RE = re.compile(r"\{:?[ ]*#[^}\s]+[^}]*\}[ ]*$")


@dataclass(slots=True)
class ListLevel:
    """The latest list item at one nesting level: its 0-based line, and the task item it is
    (None for an ordinary list item)."""

    line: int
    item: Item | None


class ItemRecorder:
    """Adds to the page what the walker finds, reading the lines it is given."""

    def __init__(self, doc: Lines, page: Page) -> None:
        self.doc, self.page = doc, page

    def task_item(self, i: int, content: str) -> Item | None:
        """A task item if the list item's content (after its marker) starts with a tick box."""
        task = TASK_RE.match(content)
        if not task:
            return None
        item = Item(
            line=i + 1,
            col=self.doc.column(i, self.doc.indent[i]),
            markdown=task.group(2),
            checked=task.group(1) != " ",
        )
        self.page.items.append(item)
        return item

    def finish_item(self, item: Item, lines: list[int]) -> None:
        """The item's id (an attribute line that ends it) or why it has none, and its text."""
        doc = self.doc
        attrs = [
            j
            for j in lines[1:]
            if doc.kinds[j] is TEXT
            and doc.work[j].lstrip()[:1] == "{"
            and ATTR_LINE_RE.match(doc.work[j])
        ]
        if attrs and attrs[-1] == lines[-1]:
            match = ATTR_LINE_RE.match(doc.work[lines[-1]])
            assert match is not None
            found = self._ids(match.group(1), lines[-1], match.start(1), IdOwner.ITEM)
            if found:
                item.id, item.id_line, item.id_col = found
            else:
                item.id_problem = IdProblem.NO_HASH
        elif attrs:
            item.id_problem = IdProblem.NOT_LAST
        elif SAME_LINE_ID_RE.search(doc.work[lines[-1]]):
            item.id_problem = IdProblem.SAME_LINE
        else:
            item.id_problem = IdProblem.DETACHED if self._detached_id(lines[-1]) else IdProblem.NONE
        item.text_lines = [j + 1 for j in lines if j not in attrs]
        extra = [doc.work[j].strip() for j in lines[1:] if doc.kinds[j] is TEXT and j not in attrs]
        item.markdown = " ".join([item.markdown, *extra])

    def _detached_id(self, last: int) -> bool:
        """Is the next non-blank line, after at least one blank line, an id line?"""
        doc, j = self.doc, last + 1
        while j < len(doc.lines) and doc.kinds[j] is TEXT and not doc.work[j].strip():
            j += 1
        return (
            j > last + 1
            and j < len(doc.lines)
            and doc.kinds[j] is TEXT
            and bool(ATTR_LINE_RE.match(doc.work[j]))
            and "#" in doc.work[j]
        )

    def drop_item(self, item: Item) -> None:
        """A task line that turned out to be a setext heading."""
        self.page.items.remove(item)

    def heading(self, i: int) -> None:
        self.doc.headings.add(i)
        line = self.doc.work[i]
        match = HEADING_ATTR_RE.search(line.rstrip().rstrip("#")) if "{" in line else None
        if match:
            self._ids(match.group(1), i, match.start(1), IdOwner.HEADING)

    def paragraph_end(self, i: int) -> None:
        """A paragraph's last line, which may give the paragraph an id."""
        doc = self.doc
        match = ATTR_LINE_RE.match(doc.work[i]) if doc.kinds[i] is TEXT else None
        if match and i > 0 and doc.work[i - 1].strip():
            self._ids(match.group(1), i, match.start(1), IdOwner.BLOCK)

    def _ids(self, attrs: str, i: int, start: int, owner: IdOwner) -> tuple[str, int, int] | None:
        """The id in an attribute list (attr_list keeps the last '#'), recorded for the page."""
        found = None
        for token in ATTR_TOKEN_RE.finditer(attrs):
            if token.group(0).startswith("#") and len(token.group(0)) > 1:
                found = (token.group(0)[1:], i + 1, self.doc.column(i, start + token.start()))
        if found:
            self.page.ids.append(IdRef(found[0], found[1], found[2], owner))
        return found

    def loose_list(self, gap: int, levels: list[ListLevel]) -> None:
        """The blank line at 0-based line gap joins these list items into a loose list."""
        tasks = sorted(
            {id(level.item): level.item for level in levels if level.item is not None}.values(),
            key=lambda item: item.line,
        )
        if not tasks:
            return
        for task in tasks:
            task.loose = True
        self.page.loose_lists.append(LooseList(gap + 1, [task.line for task in tasks]))

    def glued(self, i: int) -> None:
        self.page.glued_items.append(GluedItem(i + 1, self.doc.column(i, self.doc.indent[i])))
