"""MkDocs hook: citation footnotes without Markdown re-reading them on every page.

mkdocs-bibtex hands Markdown each page's citations as footnotes; this renders each
distinct note once per build and adds the marks and the list of notes as finished
HTML, with the ids, numbers and layout the footnotes extension gives them, so pages
come out byte for byte the same, faster (citation_notes.py has the logic;
tests/test_citation_notes.py the proof). A page the fast path cannot vouch for takes
the ordinary path, and the build log says how many took which.
"""

from __future__ import annotations

import logging
from collections import Counter

from citation_notes import CitationNotes
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_bibtex.citation import Citation

log = logging.getLogger("mkdocs.plugins.citation_notes")
_notes: CitationNotes | None = None
_original: dict[str, str] = {}  # page -> its Markdown before the definitions came out
_counts: Counter[str] = Counter()  # pages: fast, again (fast, then rendered again), ordinary


@event_priority(-100)  # after every hook that adds Markdown extensions
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _notes, _original, _counts
    _notes, _original, _counts = None, {}, Counter()
    if "footnotes" in config.markdown_extensions:
        _notes = CitationNotes(list(config.markdown_extensions), dict(config.mdx_configs))
        config.markdown_extensions.append(_notes.extension)
        if not _notes.enabled:
            log.info("Citation notes: the probe page differs, so every page takes the ordinary path")
    return config


@event_priority(-60)  # after hook_citation_batch.py (-50) has filled mkdocs-bibtex's caches
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Every reference rendered as a definition at once, rather than page by page."""
    plugin = config.plugins.get("bibtex")
    registry = getattr(plugin, "registry", None)
    if _notes is not None and registry is not None:
        texts = []
        for key in registry.bib_data.entries:
            try:
                texts.append(registry.reference_text(Citation(key=key)))
            except KeyError:  # not rendered yet: its pages render it when they come
                continue
        _notes.render(texts)
    return files


@event_priority(-100)  # after mkdocs-bibtex (0) has written the footnotes
def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    if _notes is None:
        return markdown
    fast = _notes.prepare(markdown)
    if fast is None:
        _counts["ordinary"] += 1
        return markdown
    _counts["fast"] += 1
    _original[page.file.src_uri] = markdown
    return fast


@event_priority(100)  # before any hook reads the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    original = _original.pop(page.file.src_uri, None)
    if _notes is None or original is None:
        return html
    page.markdown = original
    notes = _notes.extension.notes
    if notes is not None and notes.leaked:  # a mark went where the fast path cannot follow
        _counts["again"] += 1
        _notes.extension.pending = None
        page.render(config, files)
        return page.content or ""
    if notes is not None and page.present_anchor_ids is not None:
        page.present_anchor_ids |= notes.anchor_ids
    return html


def on_post_build(config: MkDocsConfig) -> None:
    if _notes is not None:
        log.info(
            "Citation notes: %d pages on the fast path (%d of them rendered again), %d ordinary",
            _counts["fast"],
            _counts["again"],
            _counts["ordinary"],
        )
