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


def with_toolbar(output: str, content: str, render) -> str:
    """The written page with its checklist's toolbar, `render(total)` giving its HTML for a
    checklist of `total` items; the page as it was where its content has no item with an id."""
    if ITEM not in content:
        return output
    tags = read_tags(content)
    at = place(tags)
    start = output.find(content)
    if at is None or start < 0:
        return output
    total = sum(1 for tag in tags if is_item(tag))
    return output[: start + at] + "\n" + render(total).strip() + "\n" + output[start + at:]
