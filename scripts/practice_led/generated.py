"""The pages the guide adds to a build, made from the pages written in docs/.

The evidence map (every checklist item with its sources), the discussion questions of
every page, and a print version of each chosen nav section. Each is whole Markdown
before any page is rendered, so citations in it render like any other page's; only a
print version waits for its section's pages to be rendered (fill_print_page).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

import citecheck
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from practice_led import front_matter, print_pages, questions
from practice_led.nav import NavSection

Sources = dict[str, tuple[dict, str]]  # src_uri -> (front matter, Markdown body) of each page in docs/


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    markdown: str
    in_nav: bool = True  # False: reachable by links only, like the print versions


def evidence_map(report: citecheck.Report, src_uri: str, bibliography_page: str, order: list[str]) -> GeneratedPage:
    return GeneratedPage(src_uri, citecheck.evidence_page(report, src_uri, bibliography_page, order=order))


def questions_page(src_uri: str, sections: list[NavSection], sources: Sources) -> GeneratedPage:
    """Every page's discussion questions, grouped by nav section; dated like the pages they come from."""
    found = {
        src: gathered
        for src, (meta, body) in sources.items()
        if src != src_uri and (gathered := questions.page_questions(src, page_title(meta, src), body))
    }
    groups = []
    for section in sections:
        pages = [found[src] for src in section.pages if src in found]
        groups.append((section.title or (pages[0].title if pages else ""), pages))
    window = front_matter.review_window(sources[src][0] for src in found)
    return GeneratedPage(src_uri, questions.gathered_page(groups, src_uri, window))


def print_versions(titles: list[str], sections: list[NavSection], sources: Sources,
                   large_print: list[str] | None = None) -> dict[GeneratedPage, NavSection]:
    """A print version of each nav section named in titles, with the section it prints;
    those also named in large_print are large-print handouts."""
    large = set(large_print or [])
    if stray := [title for title in large_print or [] if title not in titles]:
        raise ValueError(
            f"mkdocs.yml: large_print_sections lists {', '.join(repr(t) for t in stray)}, which is not "
            "in print_sections: add it to print_sections too, or take it out of large_print_sections"
        )
    by_title = {section.title: section for section in sections if section.title}
    versions = {}
    for title in titles:
        section = by_title.get(title)
        if section is None or not section.folder:
            raise ValueError(
                f"mkdocs.yml: print_sections lists '{title}', which is not a top-level nav section whose "
                f"pages share one folder: use one of {', '.join(repr(t) for t in by_title)}"
            )
        index = sources.get(f"{section.folder}/index.md", ({}, ""))[0]
        window = front_matter.review_window(sources[src][0] for src in section.pages if src in sources)
        markdown = print_pages.placeholder(str(index.get("title") or title), section.folder, window,
                                           large_print=title in large)
        versions[GeneratedPage(print_pages.print_uri(section.folder), markdown, in_nav=False)] = section
    return versions


def fill_print_page(page: Page, section: NavSection, site_url: str, navigation: Navigation) -> None:
    """Add the section's rendered pages to its print version, and each to its table of contents."""
    rendered = {p.file.src_uri: p for p in navigation.pages}
    chapters = [
        print_pages.Chapter(p.file.src_uri, p.url, p.title or "", p.content or "",
                            print_pages.public_address(site_url, p.url))
        for src in section.pages if (p := rendered.get(src)) is not None
    ]
    page.content = (page.content or "") + print_pages.combine(chapters, page.url)
    if page.toc.items:
        page.toc.items[0].children += [
            AnchorLink(c.title, print_pages.chapter_prefix(c.src_uri), 2) for c in chapters
        ]


def page_title(meta: dict, src_uri: str) -> str:
    """A page's title from its front matter, or its file name."""
    return str(meta.get("title") or posixpath.splitext(posixpath.basename(src_uri))[0])
