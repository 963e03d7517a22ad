"""The guide's nav as mkdocs.yml writes it: its pages in order, and its top-level sections."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavSection:
    title: str
    pages: list[str]  # src_uris, in nav order

    @property
    def folder(self) -> str:
        """The folder all its pages are in ('' when they are not in one)."""
        folders = {posixpath.dirname(page) for page in self.pages}
        return folders.pop() if len(folders) == 1 else ""


def pages(nav: Any) -> list[str]:
    """The Markdown files named in the nav, in order (links to other sites left out)."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in pages(value)]
    if isinstance(nav, list):
        return [src for entry in nav for src in pages(entry)]
    return []


def sections(nav: Any) -> list[NavSection]:
    """Each top-level entry of the nav: a titled section or page, or an untitled page ('')."""
    found = []
    for entry in nav or []:
        if isinstance(entry, dict):
            found += [NavSection(str(title), pages(value)) for title, value in entry.items()]
        else:
            found.append(NavSection("", pages(entry)))
    return found
