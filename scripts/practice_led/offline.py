"""The offline copy: Material's offline build, made to work from a folder without any other host.

Material's offline plugin (on in the build scripts/tools/offline_copy.py makes) adds the
iframe-worker shim from unpkg.com to the page's scripts; search from a folder needs it,
but a request to another host is what the guide never makes. The copy kept in
overrides/assets/javascripts/vendor/ (same version, MIT) takes its place.

Instant navigation is turned off in that build: from file:// Material skips it, and in
doing so completes its `document$` stream before the page is ready, so no script
listening to it (copy link, checklists, Material's own) would ever start.

And a page drops what only makes sense online: its `<p class="pl-online-only">`
paragraphs (such as the link to download the offline copy, which is not inside it) go,
and its `<p class="pl-offline-only" hidden data-search-exclude>` paragraphs (kept out of
the online search index) are shown.
"""

from __future__ import annotations

import re
from typing import Any

LOCAL_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
ONLINE_ONLY = re.compile(r'<p class="pl-online-only">.*?</p>\n?', re.DOTALL)
OFFLINE_ONLY_HIDDEN = '<p class="pl-offline-only" hidden data-search-exclude>'


def is_offline_build(plugins: Any) -> bool:
    """Material's offline plugin is configured and enabled."""
    offline = plugins.get("material/offline")
    return bool(offline is not None and offline.config.enabled)


def local_polyfills(polyfills: list[str]) -> list[str]:
    """The polyfill list with every iframe-worker URL pointing at the bundled copy."""
    return [LOCAL_SHIM if "iframe-worker" in str(url) else url for url in polyfills]


def offline_features(features: list[str]) -> list[str]:
    """Theme features without instant navigation, which cannot work from file://."""
    return [feature for feature in features if not feature.startswith("navigation.instant")]


def for_the_offline_copy(html: str) -> str:
    """The page as the offline copy shows it: online-only paragraphs out, offline-only shown."""
    return ONLINE_ONLY.sub("", html).replace(OFFLINE_ONLY_HIDDEN, '<p class="pl-offline-only">')
