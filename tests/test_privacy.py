"""Privacy in a real browser: every page, online and in the offline copy, asks only its own site.

Each page is opened in Debian's chromium and left until the network is quiet, scrolled to
the end so that lazy content loads too; every request it makes (documents, styles,
scripts, fonts, images, the search worker and index) is recorded. A font service, a CDN,
an analytics script or an embedded diagram from another host shows up here by its URL.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import FIXTURES, Build, serve
from site_pages import goto, reader_pages

# Requests that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}


def foreign_requests(page, base_url: str, path: str, own: str) -> list[str]:
    """Open a page, let it finish, and return every request outside `own` (a URL prefix)."""
    requests: list[str] = []

    def record(request) -> None:
        requests.append(request.url)

    page.on("request", record)
    try:
        goto(page, base_url, path)
        # Scrolled before the network goes quiet, so lazy content is waited for too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
    finally:
        page.remove_listener("request", record)
    return [
        url for url in requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES and not url.startswith(own)
    ]


def check_pages(context, base_url: str, paths: list[str], own: str) -> list[str]:
    page = context.new_page()
    try:
        return [
            f"/{path}: request to {url}"
            for path in paths
            for url in foreign_requests(page, base_url, path, own)
        ]
    finally:
        page.close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def test_every_page_requests_only_its_own_origin(browser, guide: Build, guide_url: str) -> None:
    paths = reader_pages(guide.site)
    context = browser.new_context()
    try:
        found = check_pages(context, guide_url, paths, _origin(guide_url))
    finally:
        context.close()
    if found:
        pytest.fail(f"{len(found)} requests to another origin:\n" + "\n".join(found), pytrace=False)


def test_the_offline_copy_reads_only_its_own_folder(browser, offline_guide: Build) -> None:
    assert offline_guide.returncode == 0, offline_guide.output
    folder = offline_guide.site.resolve().as_uri() + "/"
    # Opened from the folder, as a reader opens it: every page is a file, index.html included.
    paths = [p + "index.html" if p == "" or p.endswith("/") else p
             for p in reader_pages(offline_guide.site) if p != "404.html"]
    context = browser.new_context()
    try:
        found = check_pages(context, folder, paths, folder)
    finally:
        context.close()
    if found:
        pytest.fail(f"{len(found)} requests outside the offline copy's folder:\n"
                    + "\n".join(found), pytrace=False)


# --- The check catches a regression -------------------------------------------------


@pytest.fixture(scope="module")
def regression_url():
    server = serve(FIXTURES / "regressions")
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_an_external_font_fails_naming_page_and_url(browser, regression_url: str) -> None:
    context = browser.new_context()
    try:
        found = check_pages(context, regression_url, ["external-font/"], _origin(regression_url))
    finally:
        context.close()
    assert found == [
        "/external-font/: request to http://127.0.0.2:9/fonts/guide-sans.woff2"
    ], found


def test_the_clean_fixture_page_requests_nothing_foreign(browser, regression_url: str) -> None:
    context = browser.new_context()
    try:
        assert check_pages(context, regression_url, ["clean/"], _origin(regression_url)) == []
    finally:
        context.close()
