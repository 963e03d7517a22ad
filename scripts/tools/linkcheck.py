#!/usr/bin/env python3
"""linkcheck: every internal link and #anchor in the built site resolves.

Run from the project root after a build:

    python scripts/tools/linkcheck.py                 # site/, site_url read from mkdocs.yml
    python scripts/tools/linkcheck.py build/ --site-url https://example.org/guide/
    python scripts/tools/linkcheck.py --list-external # also list the external links (never fetched)

One line per problem, sorted by file and line:

    site/principles/index.html:212: broken link '../context/#npm' (no anchor '#npm' in page)
    site/index.html:88: broken link 'checklists/missing/' (no such page)

Exit status: 0 clean, 1 broken links, 2 usage error (no such site folder).

A link is internal when it is relative, starts with '/', or starts with the site's own URL
(site_url); '/' links are read under site_url's path (Material's 404 page uses them). It
resolves when the file it names exists (a folder stands for its index.html) and, when it
has a #fragment, that page has an element with that id (or an <a name>). External links
(another host, or mailto: and the like) are counted and listed, never fetched.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that point at another document or file, by element.
LINK_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
# Schemes that never name a file of the site.
NON_FILE_SCHEMES = ("mailto", "tel", "javascript", "data", "blob", "about", "sms")
REFRESH_URL = re.compile(r"""^\s*\d*\s*;?\s*url\s*=\s*['"]?([^'"]*)""", re.IGNORECASE)
PAGE = "index.html"
OUTSIDE = "outside-the-site:"  # marks a path on the site's host but not under site_url


@dataclass(frozen=True)
class Link:
    line: int
    url: str


@dataclass
class Page:
    """What a link checker needs from one HTML file: its ids and its outgoing links."""

    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: broken link '{self.url}' ({self.reason})"


@dataclass
class Report:
    problems: list[Problem]
    pages: int
    internal: int
    external: list[tuple[str, int, str]]

    def summary(self) -> str:
        return (
            f"{len(self.problems)} broken links; {self.internal} internal links in "
            f"{self.pages} pages checked, {len(self.external)} external links listed, not fetched"
        )


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        line = self.getpos()[0]
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            if values.get(attribute, "").strip():
                self.page.links.append(Link(line, values[attribute].strip()))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = REFRESH_URL.match(values.get("content", ""))
            if match and match.group(1).strip():
                self.page.links.append(Link(line, match.group(1).strip()))

    handle_startendtag = handle_starttag


def parse_page(html: str) -> Page:
    """The ids and outgoing links of one HTML document."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


def page_url(relative: str) -> str:
    """The URL path under the site root that serves a file ('a/index.html' -> '/a/')."""
    path = "/" + relative
    return path[: -len(PAGE)] if path.endswith("/" + PAGE) else path


def _target_file(url_path: str) -> str:
    """The file a URL path under the site root names ('/a/' -> 'a/index.html')."""
    relative = unquote(url_path).lstrip("/")
    if relative == "" or relative.endswith("/"):
        return relative + PAGE
    return str(PurePosixPath(relative))


def _resolve(path: str) -> str:
    """An absolute URL path without dot segments ('/a/./b/../' -> '/a/')."""
    return urlsplit(urljoin("http://site/", path)).path or "/"


def classify(url: str, source: str, site_url: str) -> str | None:
    """Where a link leads: None if to another site, else a path under the site root.

    `source` is the linking file's path relative to the site root. A path outside the
    published path (site_url's path) comes back as OUTSIDE + the path, so that it is
    reported rather than read as a file of the site.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() in NON_FILE_SCHEMES:
        return None
    own = urlsplit(site_url or "/")
    base = own.path if own.path.endswith("/") else own.path + "/"
    if parts.scheme or parts.netloc:  # absolute or protocol-relative
        if not own.netloc or parts.netloc.lower() != own.netloc.lower():
            return None
        if parts.scheme and own.scheme and parts.scheme.lower() != own.scheme.lower():
            return None
        path = _resolve(parts.path or "/")
    elif parts.path.startswith("/"):
        path = _resolve(parts.path)
    else:
        return _resolve(urljoin(page_url(source), parts.path)) if parts.path else page_url(source)
    return "/" + path[len(base):] if path.startswith(base) else OUTSIDE + path


def check_site(site: Path, site_url: str = "") -> Report:
    """Check every link of every HTML file under `site`."""
    files = sorted(site.rglob("*.html"))
    pages = {
        path.relative_to(site).as_posix(): parse_page(path.read_text(encoding="utf-8"))
        for path in files
    }
    problems: list[Problem] = []
    external: list[tuple[str, int, str]] = []
    internal = 0
    for source, page in pages.items():
        shown = (site / source).as_posix()
        for link in page.links:
            target = classify(link.url, source, site_url)
            if target is None:
                external.append((shown, link.line, link.url))
                continue
            internal += 1
            reason = _broken(site, pages, target, urlsplit(link.url).fragment)
            if reason:
                problems.append(Problem(shown, link.line, link.url, reason))
    return Report(problems, len(pages), internal, external)


def _broken(site: Path, pages: dict[str, Page], target: str, fragment: str) -> str | None:
    """Why a link to `target` (path under the site root) with `fragment` is broken, if it is."""
    if target.startswith(OUTSIDE):
        return "no such page"
    relative = _target_file(target)
    if relative not in pages and not (site / relative).is_file():
        if (site / relative).is_dir() and f"{relative}/{PAGE}" in pages:
            relative = f"{relative}/{PAGE}"
        else:
            return "no such page"
    anchor = unquote(fragment)
    if anchor and relative in pages and anchor not in pages[relative].ids:
        return f"no anchor '#{anchor}' in page"
    return None


# --- Command line -------------------------------------------------------------------


def site_url_from_config(config: Path) -> str:
    """site_url from mkdocs.yml, ignoring MkDocs' own YAML tags (!ENV and the like)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    return str(data.get("site_url") or "")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="linkcheck", description="Check every internal link and #anchor of a built site."
    )
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    parser.add_argument(
        "--site-url", help="the site's own URL (default: site_url in ./mkdocs.yml, if any)"
    )
    parser.add_argument(
        "--list-external", action="store_true", help="also list external links (not fetched)"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    site = Path(args.site)
    if not site.is_dir():
        print(f"linkcheck: no such folder '{site}': build the site first (make build)",
              file=sys.stderr)
        return 2
    site_url = args.site_url
    if site_url is None:
        config = Path("mkdocs.yml")
        site_url = site_url_from_config(config) if config.is_file() else ""
    report = check_site(site, site_url)
    for problem in sorted(report.problems, key=lambda p: (p.path, p.line, p.url)):
        print(problem)
    if args.list_external:
        for path, line, url in sorted(set(report.external)):
            print(f"{path}:{line}: external link '{url}' (not fetched)")
    print(report.summary())
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
