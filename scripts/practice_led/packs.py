"""Course packs: what the pack page offers, and the pack of each session outline.

The pack page (docs/trainers/packs.md) holds `<!-- pack catalogue -->`; the build puts there
every page of the guide (the home page aside), section by section, and under each checklist
every item, as links addressed for the build it makes (online or the offline copy). Each link
carries its pack key (`data-pl-pack`): a page's address relative to the site root
("checklists/access-and-support/"), or an item's id ("as-holistic-strategy"), which is unique
across the guide; and each has its box to tick before it. The page's script
(overrides/assets/javascripts/packs.js) turns the boxes into choices; a pack is shared as the
pack page's address with `?pack=` and the keys in order, separated by commas.

A link to the pack page marked `{ .pl-session-pack }` gets the pack of the section (## heading)
it is in: every page that section links to, in the order it first links to them.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import citecheck

MARKER = "<!-- pack catalogue -->"
PARAMETER = "pack"
SESSION_PACK_CLASS = "pl-session-pack"
# [words](target){ ... .pl-session-pack ... } and every other Markdown link to a page.
SESSION_PACK_LINK = re.compile(r"\]\(([^)\s]*)\)\{[^}]*\." + SESSION_PACK_CLASS + r"\b[^}]*\}")
PAGE_LINK = re.compile(r"\]\(([^)\s#?]+\.md)(?:#[^)\s]*)?\)")
SECTION = re.compile(r"^## ", re.MULTILINE)


class Item(NamedTuple):
    """A checklist item: its id and its text."""

    id: str
    text: str


@dataclass(frozen=True)
class Entry:
    src: str  # "checklists/access-and-support.md"
    title: str
    items: list[Item] = field(default_factory=list)

    @property
    def key(self) -> str:
        return page_key(self.src)


@dataclass(frozen=True)
class Group:
    title: str
    entries: list[Entry]
    print_version: str = ""  # src of the section's print version, if it has one


def page_key(src: str) -> str:
    """A page's pack key: its address relative to the site root, as the online guide has it."""
    return citecheck.page_url(src, True).removeprefix("./")


def checklist_items(report: citecheck.Report) -> dict[str, list[Item]]:
    """Every checklist item with an id, by page, as citecheck read them."""
    return {
        page.src: [Item(item.rendered_id, item.readable_text) for item in page.items if item.rendered_id]
        for page in report.checklists
    }


def catalogue(groups: Iterable[Group], href: Callable[[str], str], site_url: str) -> str:
    """The HTML that takes the place of MARKER: each group, its pages, each page's items.

    href gives the link from the pack page to a page (by src); site_url is what the public
    addresses in a pack's list of links start with. HTML, not Markdown, so that the
    glossary's abbreviations do not mark up every title in the list."""
    site = site_url.rstrip("/") + "/"
    # Kept out of the search index: each title and item is found on its own page.
    lines = [f'<div class="pl-pack-catalogue" data-pl-site="{_escape(site)}" data-search-exclude>']
    for group in groups:
        if not group.entries:
            continue
        lines += [f'<p class="pl-pack-group"><strong>{_escape(group.title)}</strong></p>', "<ul>"]
        for entry in group.entries:
            lines.append(f"<li>{_choice(entry.title, href(entry.src), entry.key)}")
            if entry.items:
                lines.append("<ul>")
                lines += [f"<li>{_choice(i.text, href(entry.src) + '#' + i.id, i.id, entry.title)}</li>"
                          for i in entry.items]
                lines.append("</ul>")
            lines.append("</li>")
        lines.append("</ul>")
        if group.print_version:
            lines.append(f"<p>All of {_escape(group.title)} on one page: "
                         f'<a class="pl-pack-print" href="{_escape(href(group.print_version))}">print version</a></p>')
    lines.append("</div>")
    return "\n".join(lines) + "\n"


def with_session_packs(markdown: str, src: str) -> str:
    """Each `{ .pl-session-pack }` link with the pack of its section in its address."""
    if SESSION_PACK_CLASS not in markdown:
        return markdown
    starts = [0, *(m.start() for m in SECTION.finditer(markdown)), len(markdown)]
    parts = [markdown[a:b] for a, b in zip(starts, starts[1:]) if b > a]
    return "".join(_with_pack(part, src) for part in parts)


def _with_pack(section: str, src: str) -> str:
    keys = []
    for target in PAGE_LINK.findall(SESSION_PACK_LINK.sub("", section)):
        key = page_key(posixpath.normpath(posixpath.join(posixpath.dirname(src), target)))
        if key not in keys:
            keys.append(key)

    def with_keys(link: re.Match) -> str:
        target = link.group(1).split("?")[0]
        return link.group(0).replace(f"]({link.group(1)})", f"]({target}?{PARAMETER}={','.join(keys)})", 1)

    return SESSION_PACK_LINK.sub(with_keys, section)


def _choice(words: str, href: str, key: str, page_title: str = "") -> str:
    """A link and, before it, its box to tick: written here, so that the page does not move
    as its script sets up (hidden without the script: pl-needs-script, overrides/main.html)."""
    words = " ".join(words.split())
    label = f"In the pack: {page_title}: {words}" if page_title else f"In the pack: {words}"
    return (f'<input type="checkbox" class="pl-pack-pick pl-needs-script" aria-label="{_escape(label)}">'
            f'<a href="{_escape(href)}" data-pl-pack="{_escape(key)}">{_escape(words)}</a>')


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
