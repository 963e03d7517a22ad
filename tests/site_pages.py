"""The pages of a built site that a reader can open, and how a browser test reaches them."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from linkcheck import site_url_from_config

from practice_led.asset_bundle import BUNDLE

ROOT = Path(__file__).resolve().parent.parent

REDIRECT = re.compile(r"<meta[^>]+http-equiv=[\"']?refresh", re.IGNORECASE)
NOT_FOUND = "404.html"


def site_base_path(config: Path = ROOT / "mkdocs.yml") -> str:
    """The path the site is published under ('/guide/'), from site_url."""
    path = urlsplit(site_url_from_config(config)).path or "/"
    return path if path.endswith("/") else path + "/"


def reader_pages(site: Path) -> list[str]:
    """URL paths, relative to the site root, of every page ('' is the home page).

    Redirect stubs (mkdocs-redirects) are left out: a browser leaves them at once,
    for a page that is on this list.
    """
    paths = []
    for file in sorted(site.rglob("*.html")):
        if REDIRECT.search(file.read_text(encoding="utf-8")):
            continue
        relative = file.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def goto(page, base_url: str, path: str, wait_until: str = "load") -> None:
    """Open a page of a site served at base_url.

    Material writes the 404 page's links under the published path (site_url's path,
    '/guide/'), since a server shows it at any address. The test server serves the site
    at '/', so for that page those requests are sent to the same files under '/'.
    """
    base_path = site_base_path()
    if path != NOT_FOUND or base_path == "/":
        page.goto(base_url + path, wait_until=wait_until)
        wait_for_page_tools(page)
        return
    published = base_url.rstrip("/") + base_path

    def to_root(route) -> None:
        route.continue_(url=base_url + route.request.url[len(published):])

    page.route(published + "**", to_root)
    try:
        page.goto(base_url + path, wait_until=wait_until)
        wait_for_page_tools(page)
    finally:
        page.unroute(published + "**", to_root)


def wait_for_checklist(page) -> None:
    """Wait until a checklist's script has set it up: its boxes and toolbar wired, its count
    restored (checklists.js then marks the content data-checklist-ready). The build writes
    the toolbar, so finding it proves nothing."""
    page.wait_for_selector("[data-checklist-ready]", state="attached")


def wait_for_page_tools(page) -> None:
    """Wait for the copy-link buttons, which the guide's script adds once the browser is idle,
    and for a course pack the address asks for, so that a check of the page covers them too.
    Pages without the script are left as they are."""
    if page.locator(f"script[src$='{BUNDLE.rsplit('/', 1)[-1]}']").count():
        page.wait_for_selector("[data-pl-links-ready]", state="attached")
        if "?pack=" in page.url:
            page.wait_for_selector(".pl-pack-output[data-pl-pack-ready]", state="attached")
