"""MkDocs hook: make Material's offline copy work from a folder without any other host.

Material's offline plugin (enabled by OFFLINE=true, see scripts/offline_copy.py) adds the
iframe-worker shim from unpkg.com to the page's scripts; search from a folder needs
it, but a request to another host is what the guide never makes. This swaps that
URL for the copy kept in overrides/assets/javascripts/vendor/ (same version, MIT).

It also turns off instant navigation in that build: from file:// Material skips it,
and in doing so completes its `document$` stream before the page is ready, so no
script listening to it (copy link, checklists, Material's own) would ever start.

And it drops what only makes sense online: a page's `<p class="pl-online-only">`
paragraphs (such as the link to download the offline copy, which is not inside it)
go, and its `<p class="pl-offline-only" hidden data-search-exclude>` paragraphs (kept out
of the online search index) are shown.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

LOCAL_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
ONLINE_ONLY = re.compile(r'<p class="pl-online-only">.*?</p>\n?', re.DOTALL)
OFFLINE_ONLY_HIDDEN = '<p class="pl-offline-only" hidden data-search-exclude>'


def is_shim(url: object) -> bool:
    return "iframe-worker" in str(url)


def is_offline_build(config: MkDocsConfig) -> bool:
    """The offline plugin is on: it lists the shim (ours, once on_config has swapped it)."""
    return any(is_shim(url) for url in config.extra.get("polyfills") or [])


def local_polyfills(polyfills: list[str]) -> list[str]:
    """The polyfill list with every iframe-worker URL pointing at the bundled copy."""
    return [LOCAL_SHIM if is_shim(url) else url for url in polyfills]


def for_the_offline_copy(html: str) -> str:
    """The page as the offline copy shows it: online-only paragraphs out, offline-only shown."""
    return ONLINE_ONLY.sub("", html).replace(OFFLINE_ONLY_HIDDEN, '<p class="pl-offline-only">')


def offline_features(features: list[str]) -> list[str]:
    """Theme features without instant navigation, which cannot work from file://."""
    return [feature for feature in features if not feature.startswith("navigation.instant")]


@event_priority(-100)  # after the offline plugin's own on_config has added the shim
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not is_offline_build(config):
        return config  # an ordinary build: the offline plugin is off
    config.extra["polyfills"] = local_polyfills(list(config.extra["polyfills"]))
    config.theme["features"] = offline_features(list(config.theme.get("features") or []))
    return config


def on_page_content(html: str, config: MkDocsConfig, **_: object) -> str:
    return for_the_offline_copy(html) if is_offline_build(config) else html
