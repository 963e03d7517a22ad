"""MkDocs hook: trainers/questions.md gathers every page's discussion questions.

The page is generated: its questions are read from the pages themselves (the list
under "## Questions for reflection" or "## Questions for discussion") at every
build, in nav order, grouped by the nav's sections. The questions core does the work.
"""

from __future__ import annotations

import front_matter
import questions
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

PAGE = "trainers/questions.md"
TITLE = "All discussion questions"
INTRO = f"""\
# {TITLE}

!!! abstract "In short"

    - Every question for reflection or discussion in the guide, on one page, grouped by section.
    - Each set links back to its page, so a group can read the page before it discusses the questions.
    - The questions are the guide's own prompts for discussion, not findings from the research.

Use them to open a session, to set a task for small groups, or as preparation for a supervision or team meeting.
This page is put together from the pages themselves each time the guide is published, so it always matches them.
"""

_groups: list[tuple[str, list[str]]] = []  # nav sections: (title, src_uris in nav order)


def page_questions(file: File) -> questions.PageQuestions | None:
    meta, body = front_matter.split(file.content_string)
    found = questions.find_questions(body)
    if found is None:
        return None
    heading, anchor, items = found
    return questions.PageQuestions(file.src_uri, str(meta.get("title") or file.name), heading, anchor, items)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    sources = [f for f in files.documentation_pages() if f.src_uri != PAGE and not f.generated_by]
    metas = [front_matter.split(f.content_string)[0] for f in sources if page_questions(f)]
    meta = {
        "title": TITLE,
        "description": "Every discussion question in the guide on one page, grouped by section, with links to the pages.",
        **front_matter.review_window(metas),
    }
    files.append(File.generated(config, PAGE, content=front_matter.render(meta) + INTRO))
    return files


def _uris(item: object) -> list[str]:
    if isinstance(item, Section):
        return [uri for child in item.children for uri in _uris(child)]
    if isinstance(item, Page):
        return [item.file.src_uri]
    return []


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _groups[:] = [(item.title or "", _uris(item)) for item in nav.items]
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != PAGE:
        return markdown
    groups = []
    for title, uris in _groups:
        sources = [files.get_file_from_path(uri) for uri in uris if uri != PAGE]
        found = [page_questions(f) for f in sources if f is not None and not f.generated_by]
        groups.append((title, [q for q in found if q is not None]))
    return questions.page_markdown(groups, PAGE, markdown)
