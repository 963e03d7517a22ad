"""MkDocs hook: a print version of each section, at print/<section>/.

Adds one generated page per section (not in the nav, not in search) and, when it
is rendered, fills it with the section's pages in nav order, combined by the
print_pages core. Its review dates are the latest review and the earliest next
review of the pages it holds.
"""

from __future__ import annotations

import front_matter
import print_pages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

SECTIONS = ("principles", "context", "participation", "case-studies", "checklists")
PRINT_DIR = "print"

_sections: dict[str, str] = {}  # src_uri of a print page -> its section folder


def print_uri(section: str) -> str:
    return f"{PRINT_DIR}/{section}.md"


def placeholder(section: str, pages: list[File]) -> str:
    metas = [front_matter.split(f.content_string)[0] for f in pages]
    index = next((m for f, m in zip(pages, metas) if f.src_uri == f"{section}/index.md"), {})
    name = index.get("title") or section.replace("-", " ").capitalize()
    title = f"{name}: print version"
    meta = {
        "title": title,
        "description": f"Every page of the {name} section on one page, for printing or saving as a PDF.",
        **front_matter.review_window(metas),
        "search": {"exclude": True},
    }
    return front_matter.render(meta) + (
        f"# {title}\n\n"
        f"Every page of the [{name}](../{section}/index.md) section on one page, "
        "for printing, saving as a PDF or reading offline.\n"
        "Each page keeps its own list of sources, and ends with its address online.\n"
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _sections.clear()
    for section in SECTIONS:
        pages = [f for f in files.documentation_pages() if f.src_uri.startswith(f"{section}/")]
        if not pages:
            continue
        uri = print_uri(section)
        files.append(File.generated(config, uri, content=placeholder(section, pages),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
        _sections[uri] = section
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation, **_: object) -> dict:
    section = _sections.get(page.file.src_uri)
    if section is None:
        return context
    chapters = [
        print_pages.Chapter(p.file.src_uri, p.url, p.title or "", p.content or "",
                            print_pages.public_address(config.site_url or "", p.url))
        for p in nav.pages
        if p.file.src_uri.startswith(f"{section}/")
    ]
    page.content = (page.content or "") + print_pages.combine(chapters, page.url)
    if page.toc.items:
        page.toc.items[0].children += [
            AnchorLink(c.title, print_pages.chapter_prefix(c.src_uri), 2) for c in chapters
        ]
    return context
