"""Python-Markdown's block structure, line by line, with the line numbers kept.

A container (the document, an admonition body, a list item's indented content, a blockquote)
is a list of line indexes and a base indent. Blocks start after a blank line, a raw HTML block,
a heading or a rule. A list needs a blank line before it unless it starts a block; items nest
by four spaces; a blank line that joins a block to a list makes the neighbouring items loose
(their text, and so their id, moves into a <p>).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from ..model import IdProblem, Item, Page
from .items import TASK_RE, ItemRecorder, ListLevel
from .layout import HR_RE, LIST_RE, SETEXT_RE, Layout, Splitter
from .lines import FENCE, RAW, TEXT, Lines

FOOTNOTE_DEF_RE = re.compile(r"^[ ]{0,3}\[\^[^\]]+\]:")
QUOTE_RE = re.compile(r"^[ ]{0,3}> ?")


class Block(Enum):
    """The kind of the previous block, which decides how an indented line is read."""

    LIST = "list"
    CONTAINER = "container"  # an admonition or details block
    OTHER = "other"


@dataclass
class _State:
    """Where the walker is inside one container."""

    at_start: bool = True  # the next line begins a block
    blank: bool = False  # a blank line came before it
    prev: Block | None = None  # the previous block
    chain: list[ListLevel] = field(default_factory=list)  # the last list item at each level
    item: Item | None = None  # the task item whose lines are being read
    item_lines: list[int] = field(default_factory=list)
    para_last: int = -1  # the last line of the paragraph being read
    block_after: bool = False  # a block inside the item follows its text (the id cannot reach it)
    footnote: bool = False  # the last block was a footnote definition, whose text indents
    gap: int = -1  # the first blank line of the latest run of blank lines


class Walker:
    """Walks a page's containers, recording items, ids and headings as it meets them."""

    def __init__(self, doc: Lines, page: Page) -> None:
        self.doc, self.page = doc, page
        self.record = ItemRecorder(doc, page)
        self.layout = Layout(doc)

    def walk(self, idx: list[int], base: int) -> None:
        self._walk_lines(idx, base, _State())

    def _walk_lines(self, idx: list[int], base: int, state: _State) -> None:
        doc, k, n = self.doc, 0, len(idx)
        while k < n:
            i = idx[k]
            if doc.kinds[i] in RAW:
                self._close(state)
                self._reset(state, Block.OTHER)
                k += 1
            elif doc.kinds[i] is TEXT and not doc.work[i].strip():
                self._close(state)
                if not state.blank:
                    state.gap = i
                state.at_start = state.blank = True
                k += 1
            elif state.at_start:
                k = self._block_start(idx, k, base, state)
            else:
                k = self._continue_block(idx, k, base, state)
        self._close(state)

    def _block_start(self, idx: list[int], k: int, base: int, state: _State) -> int:
        """A line that begins a block, tried in Python-Markdown's processor order."""
        doc, i = self.doc, idx[k]
        rel = self.layout.indent_in(i, base)
        if rel >= 4:
            return self._indented_block(idx, k, base, rel, state)
        blank = state.blank
        state.at_start = state.blank = state.footnote = False
        split = self._split_any(idx, k, base, state, at_start=True)
        if split is not None:
            return split
        text = self.layout.text_in(i, base)
        if doc.kinds[i] is FENCE:
            self._reset(state, Block.OTHER, at_start=False)
        elif self.layout.underlined(idx, k, base):
            self.record.heading(i)
            self._reset(state, Block.OTHER)
            return k + 2
        elif HR_RE.match(text):
            self._reset(state, Block.OTHER)
        elif match := LIST_RE.match(text):
            self._list_start(i, match, state, joins=blank and state.prev is Block.LIST)
        elif QUOTE_RE.match(text):
            return self._quote(idx, k, base, state)
        elif FOOTNOTE_DEF_RE.match(text):
            state.blank = blank
            return self._footnote(idx, k, base, state, in_list=False)
        else:
            self._reset(state, Block.OTHER, at_start=False)
            state.para_last = i
        return k + 1

    def _list_start(self, i: int, match: re.Match[str], state: _State, joins: bool) -> None:
        """A list at a block start; after a blank line it joins the list before it, loosely."""
        joined = [state.chain[0]] if joins and state.chain else []
        if not joined:
            state.chain = []
        state.prev = Block.LIST
        self._list_item(i, 0, match, state)
        if joined:
            self.record.loose_list(state.gap, [*joined, ListLevel(i, state.item)])

    def _continue_block(self, idx: list[int], k: int, base: int, state: _State) -> int:
        """A line that continues the current block (no blank line before it)."""
        i = idx[k]
        in_list = state.prev is Block.LIST
        split = self._split_any(idx, k, base, state, at_start=False)
        if split is None:
            split = self._split_paragraph(idx, k, base, state, in_list)
        if split is not None:
            return split
        match = self.layout.list_item(i, base)
        if not in_list:
            if match and TASK_RE.match(match.group(4)) and self.layout.indent_in(i, base) <= 3:
                self.record.glued(i)
            state.para_last = i
        elif match and len(match.group(1)) // 4 <= len(state.chain):
            self._list_item(i, len(match.group(1)) // 4, match, state)
        elif len(state.item_lines) == 1 and self._setext_in_item(i, base, state):
            pass
        elif state.item is not None:
            state.item_lines.append(i)
        return k + 1

    def _split_any(
        self, idx: list[int], k: int, base: int, state: _State, at_start: bool
    ) -> int | None:
        """Admonitions and headings split any block, and rules any block they do not start."""
        i = idx[k]
        splitter = self.layout.splitter(i, base)
        if splitter is None or (splitter is Splitter.RULE and at_start):
            return None
        self._close(state)
        if splitter is Splitter.CONTAINER:
            end = self.layout.indented_end(idx, k + 1, base, lazy=False)
            self.walk(idx[k + 1 : end], base + 4)
            self._reset(state, Block.CONTAINER)
            return end
        if splitter is Splitter.HEADING:
            self.record.heading(i)
        self._reset(state, Block.OTHER)
        return k + 1

    def _split_paragraph(
        self, idx: list[int], k: int, base: int, state: _State, in_list: bool
    ) -> int | None:
        """Blockquotes and footnotes split a paragraph; inside a list item they take the rest of
        the item, and a quote there keeps the id from reaching the item."""
        doc, i = self.doc, idx[k]
        if doc.kinds[i] is not TEXT or doc.work[i].lstrip()[:1] not in ">[":
            return None
        rel, text = self.layout.indent_in(i, base), self.layout.text_in(i, base).lstrip()
        if rel > (4 * (len(state.chain) - 1) + 3 if in_list and state.chain else 3):
            return None
        if text.startswith(">"):
            state.block_after = in_list
            self._close(state)
            if not in_list:
                return self._quote(idx, k, base, state)
            inner = base + 4 * min(rel // 4, len(state.chain) - 1)
            return self._quote(
                idx[: self.layout.item_end(idx, k, base, len(state.chain))], k, inner, _State()
            )
        if FOOTNOTE_DEF_RE.match(text):
            self._close(state)
            return self._footnote(idx, k, base, state, in_list)
        return None

    def _setext_in_item(self, i: int, base: int, state: _State) -> bool:
        """'- [ ] text' over a line of '=' or '-' is a heading inside the item, not a task."""
        rel = self.layout.indent_in(i, base)
        if (
            self.doc.kinds[i] is not TEXT
            or rel % 4
            or rel > 4 * (len(state.chain) - 1)
            or not SETEXT_RE.match(self.layout.text_in(i, base).lstrip())
        ):
            return False
        if state.item is not None:
            self.record.drop_item(state.item)
            state.chain[-1].item = None
            state.item, state.item_lines = None, []
        parent = state.chain[-2].item if len(state.chain) > 1 else None
        if parent is not None and parent.id:
            parent.id_problem = IdProblem.BLOCKED  # the heading is a block inside the parent item
        self.doc.headings.add(state.chain[-1].line)
        return True

    def _footnote(self, idx: list[int], k: int, base: int, state: _State, in_list: bool) -> int:
        """A footnote definition leaves the flow: the rest of its block and the indented blocks
        after it are its text (walked, since it renders); a list before it carries on after it."""
        doc, end = self.doc, k + 1
        if in_list:
            end = self.layout.item_end(idx, k, base, len(state.chain))
        while end < len(idx) and doc.kinds[idx[end]] not in RAW and doc.work[idx[end]].strip():
            end += 1
        self._walk_lines(idx[k + 1 : end], base + 4, _State(at_start=False, prev=Block.OTHER))
        if not in_list:
            state.at_start, state.footnote = True, True
        return end

    def _indented_block(self, idx: list[int], k: int, base: int, rel: int, state: _State) -> int:
        """Four or more spaces at a block start: list item content, a container's body or code."""
        state.at_start, state.blank = True, False
        if state.footnote or (state.prev is Block.CONTAINER and not state.chain):
            end = self.layout.indented_end(idx, k, base, lazy=state.footnote)
            self.walk(idx[k:end], base + 4)
            return end
        if state.prev is Block.LIST and state.chain:
            return self._list_content(idx, k, base, rel, state)
        self._revert_fences(idx, k)
        end = self.layout.indented_end(idx, k, base, lazy=False)
        for j in idx[k:end]:
            if self.doc.kinds[j] is TEXT:
                self.doc.code.add(j)
        self._reset(state, Block.OTHER)
        return end

    def _list_content(self, idx: list[int], k: int, base: int, rel: int, state: _State) -> int:
        """Indented blocks after a blank line in a list: more of an item, perhaps a nested list;
        the blank line makes the items around it loose."""
        doc = self.doc
        end = self.layout.indented_end(idx, k, base, lazy=True)
        level = min(rel // 4, len(state.chain))
        inner = base + 4 * level
        first = idx[k]
        nested = (
            doc.kinds[first] is TEXT
            and self.layout.indent_in(first, inner) <= 3
            and bool(LIST_RE.match(self.layout.text_in(first, inner)))
            and level < len(state.chain)
        )
        joined = [state.chain[level - 1], *([state.chain[level]] if nested else [])]
        before = len(self.page.items)
        self.walk(idx[k:end], inner)
        new = [
            ListLevel(it.line - 1, it) for it in self.page.items[before:] if it.line == first + 1
        ]
        self.record.loose_list(state.gap, [*joined, *(new if nested else [])])
        return end

    def _revert_fences(self, idx: list[int], k: int) -> None:
        """superfences turns fences in an indented code block's Markdown block back into text."""
        doc, j = self.doc, k
        while (
            j < len(idx)
            and doc.kinds[idx[j]] not in RAW
            and (doc.kinds[idx[j]] is FENCE or doc.work[idx[j]].strip())
        ):
            line = idx[j]
            while line < len(doc.lines) and doc.kinds[line] is FENCE:
                doc.kinds[line] = TEXT
                line += 1
            j += 1

    def _quote(self, idx: list[int], k: int, base: int, state: _State) -> int:
        """A blockquote, walked as a container: its block (markers blanked, lazy lines kept) and
        any quote blocks right after it, which Python-Markdown adds to the same quote."""
        doc, end, n = self.doc, k, len(idx)
        while end < n:
            i = idx[end]
            if doc.kinds[i] in RAW or (end > k and self.layout.splitter(i, base)):
                break
            if doc.kinds[i] is TEXT and not doc.work[i].strip():
                nxt = self.layout.after_blanks(idx, end)
                if (
                    nxt < n
                    and doc.kinds[idx[nxt]] is TEXT
                    and self.layout.indent_in(idx[nxt], base) <= 3
                    and QUOTE_RE.match(self.layout.text_in(idx[nxt], base))
                ):
                    end = nxt
                    continue
                break
            match = QUOTE_RE.match(self.layout.text_in(i, base)) if doc.kinds[i] is TEXT else None
            if match:  # '> text' becomes 'text' at base + 2; a lazy line keeps its own indent
                cut = len(doc.work[i]) - len(self.layout.text_in(i, base)) + match.end()
                doc.replace_work(i, " " * (base + 2) + doc.work[i][cut:], base + 2 - cut)
            elif doc.kinds[i] is TEXT:
                doc.replace_work(i, "  " + doc.work[i], 2)
            end += 1
        self.walk(idx[k:end], base + 2)
        self._reset(
            state, Block.OTHER, at_start=False
        )  # a rule or heading that ends it still splits
        return end

    def _reset(self, state: _State, prev: Block, at_start: bool = True) -> None:
        state.prev, state.at_start, state.blank = prev, at_start, False
        if prev is not Block.LIST:
            state.chain = []

    def _list_item(self, i: int, level: int, match: re.Match[str], state: _State) -> None:
        self._close(state)
        del state.chain[level:]
        item = self.record.task_item(i, match.group(4))
        state.chain.append(ListLevel(i, item))
        state.item, state.item_lines = item, [i]

    def _close(self, state: _State) -> None:
        """End the item and the paragraph being read."""
        if state.item is not None:
            self.record.finish_item(state.item, state.item_lines)
            if state.block_after and state.item.id:
                state.item.id_problem = IdProblem.BLOCKED
        state.item, state.item_lines, state.block_after = None, [], False
        if state.para_last >= 0:
            self.record.paragraph_end(state.para_last)
            state.para_last = -1
