"""Where the build writes a checklist's toolbar (scripts/practice_led/checklist_tools.py):
straight above the items, wherever a page keeps them, and nowhere on a page without any."""

from __future__ import annotations

from practice_led.checklist_tools import items, with_toolbar
from practice_led.page_html import tags

ITEMS = ('<ul class="task-list">\n<li class="task-list-item" id="one">First</li>\n'
         '<li class="task-list-item" id="two">Second</li>\n</ul>\n')


def toolbar(total: int) -> str:
    return f"<nav>TOOLS {total}</nav>"


def written(content: str) -> str:
    """The toolbar's place in a page whose article is `content`, shown as [TOOLS n]."""
    page = f"<html><body><article>{content}</article></body></html>"
    out = with_toolbar(page, content, items(tags(content)), toolbar)
    return out.removeprefix("<html><body><article>").removesuffix("</article></body></html>").replace(
        "\n<nav>TOOLS ", "[TOOLS ").replace("</nav>\n", "]")


def test_it_goes_under_the_heading_the_checklist_and_counts_every_item() -> None:
    content = ('<h1>Title</h1>\n<p>Use it when</p>\n<h2 id="the-checklist">The checklist</h2>\n'
               '<p>Tick what holds.</p>\n' + ITEMS)
    assert written(content) == content.replace("</h2>\n", "</h2>[TOOLS 2]\n")


def test_without_that_heading_it_goes_above_the_heading_over_the_first_items() -> None:
    for level in ("h3", "h4"):
        content = f'<h1>Title</h1>\n<p>Intro</p>\n<{level} id="a">Part A</{level}>\n' + ITEMS
        assert written(content) == content.replace(f"<{level} ", f"[TOOLS 2]<{level} "), level


def test_without_a_heading_over_the_items_it_goes_above_the_block_that_holds_them() -> None:
    content = '<h1>Title</h1>\n<h2 id="x">Other</h2>\n<p>Intro</p>\n<div class="admonition">' + ITEMS + "</div>\n"
    assert written(content) == content.replace('<div class="admonition">', '[TOOLS 2]<div class="admonition">')


def test_a_page_whose_items_have_no_ids_is_left_as_it_is() -> None:
    content = '<h2 id="the-checklist">The checklist</h2>\n' + ITEMS.replace(' id="one"', "").replace(' id="two"', "")
    assert written(content) == content


def test_a_heading_the_checklist_below_the_first_items_still_takes_the_toolbar() -> None:
    content = ITEMS + '<h2 id="the-checklist">The checklist</h2>\n' + ITEMS.replace('"one"', '"three"').replace('"two"', '"four"')
    assert written(content) == content.replace("</h2>\n", "</h2>[TOOLS 4]\n")
