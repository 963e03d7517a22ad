"""Every private part of mkdocs-bibtex the guide touches, named in one place.

mkdocs-bibtex renders citations with pandoc, page by page, and offers no public way to
hand it renderings made elsewhere. The citation batch (citation_cache.py) does that
through the names below. mkdocs-bibtex is archived upstream, so its last release,
TESTED_VERSION, is pinned; each name is listed with the line of that release it depends
on (src/mkdocs_bibtex/<file> in the release on PyPI, the copy installed in .venv).

A different release is refused when the build starts (check_version), and
tests/test_bibtex_adapter.py reads each listed line in the installed package, so a
release that moves one fails there, not in a reader's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from typing import Any, Callable

from mkdocs.exceptions import PluginError

TESTED_VERSION = "4.4.0"
RELEASE = f"https://pypi.org/project/mkdocs-bibtex/{TESTED_VERSION}/"

# A pandoc run takes citation blocks (mkdocs_bibtex.citation.CitationBlock) and gives
# (inline text by block text, reference text by key).
Rendering = tuple[dict[str, str], dict[str, str]]


@dataclass(frozen=True)
class Dependency:
    """A line of mkdocs-bibtex TESTED_VERSION that this module relies on."""

    file: str  # in src/mkdocs_bibtex/
    line: int
    text: str  # what the line says, stripped
    why: str


DEPENDENCIES = (
    Dependency("plugin.py", 60, "if self.last_configured is not None:",
               "forget_registry: the plugin keeps its registry, and every rendering in it, "
               "across `mkdocs serve` rebuilds unless a .bib file changed"),
    Dependency("registry.py", 111, "self._inline_cache: dict[str, str] = {}",
               "store: a block's inline text, by the block's text"),
    Dependency("registry.py", 112, "self._reference_cache: dict[str, str] = {}",
               "store: a reference's text, by key"),
    Dependency("registry.py", 176, "def bib_data_bibtex(self) -> str:",
               "render: a cached property, computed once before threads share it"),
    Dependency("registry.py", 180,
               "def _process_with_pandoc(self, citation_blocks: list[CitationBlock]) -> tuple[dict, dict]:",
               "render, memoize: the plugin's own pandoc run, so the text is the text it makes"),
)


def check_version() -> None:
    """Refuse a release of mkdocs-bibtex the adapter was not written for."""
    try:
        found = metadata.version("mkdocs-bibtex")
    except metadata.PackageNotFoundError:
        found = None
    if found != TESTED_VERSION:
        raise PluginError(
            f"practice-led: written for mkdocs-bibtex {TESTED_VERSION}, found {found or 'none'}: "
            f"run `make install` to install the pinned release, or, to move to another one, check "
            f"each line in DEPENDENCIES of scripts/practice_led/bibtex_adapter.py against it first"
        )


def forget_registry(plugin: Any) -> None:
    """Make the plugin build a fresh registry in its on_config (so a changed style takes effect)."""
    plugin.last_configured = None


def store(registry: Any, block_text: str, inline: str, references: dict[str, str]) -> None:
    """Hand the registry a block's rendering, as if its own pandoc run had made it."""
    registry._inline_cache[block_text] = inline
    registry._reference_cache.update(references)


def render(registry: Any, blocks: list[Any]) -> Rendering:
    """The plugin's own pandoc run over these blocks, bypassing any memoize() wrapper."""
    registry.bib_data_bibtex  # computed here, not raced for by threads that call this at once
    return type(registry)._process_with_pandoc(registry, blocks)


def memoize(registry: Any, lookup: Callable[[list[Any], Callable[[list[Any]], Rendering]], Rendering]) -> None:
    """Route the registry's remaining pandoc runs through lookup(blocks, run), once per registry."""
    if getattr(registry, "_practice_led_memoized", False):
        return
    run = registry._process_with_pandoc
    registry._process_with_pandoc = lambda blocks: lookup(blocks, run)
    registry._practice_led_memoized = True
