"""MkDocs hook: make Material's offline copy work from a folder without any other host.

Material's offline plugin (enabled by OFFLINE=true, see scripts/offline_copy.py) adds the
iframe-worker shim from unpkg.com to the page's scripts; search from a folder needs
it, but a request to another host is what the guide never makes. This swaps that
URL for the copy kept in overrides/assets/javascripts/vendor/ (same version, MIT).

It also turns off instant navigation in that build: from file:// Material skips it,
and in doing so completes its `document$` stream before the page is ready, so no
script listening to it (copy link, checklists, Material's own) would ever start.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

LOCAL_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


def is_shim(url: object) -> bool:
    return "iframe-worker" in str(url)


def local_polyfills(polyfills: list[str]) -> list[str]:
    """The polyfill list with every iframe-worker URL pointing at the bundled copy."""
    return [LOCAL_SHIM if is_shim(url) else url for url in polyfills]


def offline_features(features: list[str]) -> list[str]:
    """Theme features without instant navigation, which cannot work from file://."""
    return [feature for feature in features if not feature.startswith("navigation.instant")]


@event_priority(-100)  # after the offline plugin's own on_config has added the shim
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    polyfills = list(config.extra.get("polyfills") or [])
    if not any(is_shim(url) for url in polyfills):
        return config  # an ordinary build: the offline plugin is off
    config.extra["polyfills"] = local_polyfills(polyfills)
    config.theme["features"] = offline_features(list(config.theme.get("features") or []))
    return config
