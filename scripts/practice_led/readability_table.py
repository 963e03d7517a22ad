"""The readability figures of every page of the guide, as a table for About > Quality.

The page holds `<!-- readability -->` where the table goes. Every page must be scored before
the table can be made, so the plugin fills it in after all pages are rendered
(on_page_context), whichever order the pages are built in.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from practice_led.readability import Score, target_for

MARKER = "<!-- readability -->"
RIGHT = ' style="text-align: right;"'  # as Python-Markdown aligns a number column


@dataclass(frozen=True)
class Row:
    title: str
    href: str  # relative to the page the table is on
    score: Score | None  # None: the page has no prose
    target: float | None = None  # the highest grade the page may score, if it has a target


def rows(pages: Iterable[Page], from_url: str, scores: Mapping[str, Score | None],
         targets: Mapping[str, float]) -> list[Row]:
    """A row for each page, in the order given, linked from the page at from_url."""
    return [
        Row(page.title or page.file.src_uri, get_relative_url(page.url, from_url), scores.get(page.file.src_uri),
            (target_for(page.file.src_uri, targets) or (None, None))[1])
        for page in pages
    ]


def table(rows: Iterable[Row]) -> str:
    head = ["<th>Page</th>"] + [f"<th{RIGHT}>{name}</th>" for name in ("Grade", "Reading ease", "Words", "Target")]
    body = []
    for row in rows:
        figures = ([f"{row.score.grade:.1f}", f"{row.score.ease:.1f}", str(row.score.words)]
                   if row.score else ["–", "–", "0"])
        target = f"{row.target:g} or below" if row.target is not None else ""
        cells = [f'<td><a href="{html.escape(row.href)}">{html.escape(row.title, quote=False)}</a></td>']
        cells += [f"<td{RIGHT}>{value}</td>" for value in (*figures, target)]
        body.append("<tr>\n" + "\n".join(cells) + "\n</tr>")
    return ("<table>\n<thead>\n<tr>\n" + "\n".join(head) + "\n</tr>\n</thead>\n<tbody>\n"
            + "\n".join(body) + "\n</tbody>\n</table>")
