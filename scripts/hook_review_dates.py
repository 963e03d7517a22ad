"""MkDocs hook: every page shows review dates, generated pages included.

Pages written in docs/ carry `reviewed` and `next_review` in their front matter
(tests/test_page_info.py fails when one does not). A page generated at build time
that sets no dates of its own is only as current as the pages it is built from, so
it gets the latest review and the earliest next review among the guide's pages.
"""

from __future__ import annotations

import datetime as dt

import front_matter
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_window: dict[str, dt.date] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    metas = [front_matter.split(f.content_string)[0]
             for f in files.documentation_pages() if not f.generated_by]
    _window.clear()
    _window.update(front_matter.review_window(metas))
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    if page.file.generated_by:
        for field, value in _window.items():
            page.meta.setdefault(field, value)
    return context
