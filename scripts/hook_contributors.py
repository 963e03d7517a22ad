"""MkDocs hook: the Contributors page lists everyone in CONTRIBUTORS.yml.

The page (docs/about/contributors.md) holds a marker; this replaces it with the
list that scripts/contributors.py reads and checks. A mistake in the file stops
the build with one line per problem (`CONTRIBUTORS.yml:7: ...`), also under
`mkdocs serve`, which watches the file.
"""

from __future__ import annotations

from pathlib import Path

import contributors
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

PAGE = "about/contributors.md"
MARKER = "<!-- contributors -->"
DATA_FILE = "CONTRIBUTORS.yml"  # next to mkdocs.yml


def _data_file(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / DATA_FILE


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    if page.file.src_uri != PAGE or MARKER not in markdown:
        return markdown
    try:
        people = contributors.load(_data_file(config), where=DATA_FILE)
    except contributors.ContributorsError as error:
        raise PluginError(str(error)) from None
    return markdown.replace(MARKER, contributors.markdown(people))


def on_serve(server, config: MkDocsConfig, builder, **_: object):
    path = _data_file(config)
    if path.exists():
        server.watch(str(path))
    return server
