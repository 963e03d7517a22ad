"""MkDocs hook: render all citations of a build in one pandoc batch, cached across builds.

mkdocs-bibtex runs pandoc (three processes) for each page with a citation it has not
seen in this build. At the start of every build, `mkdocs serve` rebuilds included, this
hook reads every page's Markdown, hands each citation block the rendering stored in the
cache or renders all the missing ones in one batch (a pandoc run per core), and puts the
results in mkdocs-bibtex's own caches; the plugin's per-page calls then find everything and start
no process. The output is the plugin's own, byte for byte (tests/test_citation_batch.py).

The cache lives in .cache/citations/ (or $PRACTICE_LED_CACHE/citations); renderings no
build has used for 30 days are removed (checked once a day), `make clean` empties it,
and deleting it is always safe. Keys cover the citation, the BibTeX entries
it cites, the CSL style and pandoc, so an edited entry or style re-renders what uses it.
The logic is in citation_cache.py; this adapts MkDocs events to it. It must come after
hook_csl.py in `hooks:`, which sets the style.
"""

from __future__ import annotations

import logging

from citation_cache import (
    DiskCache,
    Fingerprint,
    cache_dir,
    collect_blocks,
    every_entry,
    memoize_runs,
    prefill,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs_bibtex.registry import PandocRegistry

log = logging.getLogger("mkdocs.plugins.citation_batch")


@event_priority(50)  # after hook_csl.py (100) sets the style, before mkdocs-bibtex (0) loads
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # mkdocs-bibtex keeps its registry, in-memory caches included, across `mkdocs serve`
    # rebuilds unless a .bib file's mtime changed, so a changed style would keep old text.
    # A fresh registry every build costs one parse of the .bib; the disk cache does the rest.
    plugin = config.plugins.get("bibtex")
    if plugin is not None:
        plugin.last_configured = None
    return config


def _read(file: File) -> str | None:
    try:
        return file.content_string
    except (OSError, UnicodeDecodeError):  # MkDocs reports the unreadable page itself
        return None


@event_priority(-50)  # after hooks that add generated pages to the files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    plugin = config.plugins.get("bibtex")
    registry = getattr(plugin, "registry", None)
    if not isinstance(registry, PandocRegistry):  # no CSL style: the plugin runs no pandoc
        return files
    fingerprint = Fingerprint.of(registry)
    if fingerprint is None:  # mkdocs-bibtex reports the unreadable style itself
        return files
    cache = DiskCache(cache_dir())
    pages = [text for file in files.documentation_pages() if (text := _read(file)) is not None]
    blocks = collect_blocks(pages, extra=every_entry(registry.bib_data))
    report = prefill(registry, blocks, cache, fingerprint)
    memoize_runs(registry, cache, fingerprint)
    log.info(report.summary() + "".join(f"; {note}" for note in report.notes))
    if removed := cache.prune():
        log.info("Citation cache: removed %d renderings no build has used for 30 days", removed)
    return files
