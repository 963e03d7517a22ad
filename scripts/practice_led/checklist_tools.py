"""Each checklist's toolbar (progress, where the ticks are kept, Print, the downloads, Reset),
written into the page by the build (overrides/partials/checklist-tools.html).

Made by checklists.js once the page had loaded, the toolbar pushed the checklist down the
screen just as the reader began to read it: on a phone, a layout shift of about 0.11, which
cost the checklist about three points of its Lighthouse score. Written by the build, it is
there from the first paint, and the scripts only bring its buttons to life. Without
JavaScript it is not shown (main.html), since its buttons would do nothing.

It is added to the page as written (on_post_page), not to its content, which the search
index, the print versions and the handouts read, and none of them has a use for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from practice_led.page_html import VOID, Tag, matching_end, tags as read_tags

TEMPLATE = "partials/checklist-tools.html"
ITEM = 'class="task-list-item" id="'  # how pymdownx.tasklist and attr_list write an item with an id
HEADING = "the-checklist"  # the id of the heading "The checklist"


def place(tags: Sequence[Tag]) -> int | None:
    """Where the toolbar goes in a page's content: after the heading "The checklist", or else
    before the top-level block that holds the first item with an id, or before the h3 or h4
    just above that block. None when no item has an id."""
    for i, tag in enumerate(tags):
        if tag.kind == "start" and tag.name == "h2" and tag.attrs.get("id") == HEADING:
            return tags[matching_end(tags, i)].end
    tops: list[Tag] = []  # the content's top-level elements, so far
    depth = 0
    for tag in tags:
        if tag.kind == "start" and depth == 0:
            tops.append(tag)
        if is_item(tag):
            above = tops[-2] if len(tops) > 1 else None
            return above.start if above is not None and above.name in ("h3", "h4") else tops[-1].start
        if tag.name in VOID or tag.kind in ("empty", "other"):
            continue
        depth += 1 if tag.kind == "start" else -1
    return None


def is_item(tag: Tag) -> bool:
    return tag.kind == "start" and tag.name == "li" and tag.has_class("task-list-item") and bool(tag.attrs.get("id"))


def items(tags: Sequence[Tag]) -> int:
    """How many items with an id a page's content holds: the total its toolbar counts to."""
    return sum(1 for tag in tags if is_item(tag))


def with_toolbar(output: str, content: str, total: int, render) -> str:
    """The written page with its checklist's toolbar, `render(total)` giving its HTML for a
    checklist of `total` items (`items()` of the content, counted from the reading of the page
    the plugin already has); the page as it was where its content has no item with an id."""
    if not total:
        return output
    start = output.find(content)
    at = place(read_tags(content[:reading_end(content)]))
    if at is None or start < 0:
        return output
    return "".join((output[: start + at], "\n", render(total).strip(), "\n", output[start + at:]))  # one copy of a large page


def reading_end(content: str) -> int:
    """How much of the content `place` needs read: up to its first item with an id as
    pymdownx writes one, or to the end of the heading "The checklist" if that comes later.
    Reading a page of 24 kB in pure Python again took a tenth of a 500-page build."""
    first = content.find(ITEM)
    heading = content.find(f'id="{HEADING}"')
    if heading >= 0:
        first = max(first, content.find("</h2>", heading))
    end = content.find(">", first) if first >= 0 else -1
    return end + 1 if end >= 0 else len(content)
