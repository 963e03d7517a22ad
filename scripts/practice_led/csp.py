"""The Content-Security-Policy every page carries: the browser itself keeps the guide's
privacy promise, whatever a page's HTML comes to hold.

The policy is a `<meta http-equiv>` tag (static hosts cannot be relied on for headers),
put before anything else in `<head>`: a policy covers only what the browser reads after it.

Scripts, fetches, fonts and workers come only from the guide's own site; images from the
site and `data:` (Material's icons); styles from the site, plus inline `style` attributes
('unsafe-inline' for styles only: Markdown tables write `style="text-align: right"` on
cells, and a style cannot send anything anywhere). Inline scripts run only if their
SHA-256 hash is listed.

One set of hashes for the whole site: under Material's instant navigation the policy of
the first page a reader opens stays in force for every page reached from it, so each page
lists the hashes of every inline script the theme writes on any page (a few: Material's,
some of which name the page's depth, as in `new URL("../..", location)`). A script in a
page's own content (raw HTML in its Markdown) is never hashed: the browser refuses it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<text>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
SOURCE = re.compile(r"\ssrc\s*=", re.IGNORECASE)
TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# Types a browser runs; any other (Material's `application/json` configuration) is data.
RUN_TYPES = {"", "text/javascript", "application/javascript", "module"}
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script the browser would run on the page."""
    scripts = []
    for match in SCRIPT.finditer(html):
        attributes = match["attributes"]
        kind = TYPE.search(attributes)
        if SOURCE.search(attributes) or (kind and kind[1].lower() not in RUN_TYPES):
            continue
        scripts.append(match["text"])
    return scripts


def script_hash(text: str) -> str:
    """A CSP source expression for one inline script: its SHA-256, as the browser computes it."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def site_hashes(pages: Iterable[tuple[str, str]]) -> list[str]:
    """The hashes of every inline script the pages' template writes, sorted, each once.

    Each page is its HTML and its content (what its Markdown rendered to, '' for a page
    that has none); scripts in the content are left out."""
    return sorted({
        script_hash(text)
        for html, content in pages
        for text in inline_scripts(html.replace(content, "", 1) if content else html)
    })


def policy(script_hashes: Iterable[str], *, any_inline_script: bool = False) -> str:
    """The policy text. `any_inline_script` replaces the hashes by 'unsafe-inline', for
    where inline scripts cannot be known at build time (see plugin.py)."""
    inline = ["'unsafe-inline'"] if any_inline_script else list(script_hashes)
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *inline],
        "style-src": ["'self'", "'unsafe-inline'"],  # style="" attributes of Markdown tables
        "img-src": ["'self'", "data:"],  # Material's icons
        "font-src": ["'self'"],
        "connect-src": ["'self'"],  # instant navigation, search index, sitemap
        "worker-src": ["'self'"],  # search
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def with_policy(html: str, text: str) -> str:
    """The page with the policy as the first thing in its head after the character set
    (which must stay within the first bytes); a page without a head is left as it is."""
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        return html
    return html[: anchor.end()] + META.format(policy=text) + html[anchor.end():]
