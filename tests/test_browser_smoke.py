"""The home page opens in a real browser and asks nothing of any other host."""

from __future__ import annotations

from urllib.parse import urlparse


def test_home_page_loads_with_only_own_origin_requests(browser, guide_url: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(guide_url, wait_until="networkidle")
    assert page.title().startswith("Practice-Led")
    own = urlparse(guide_url).netloc
    assert [url for url in requests if urlparse(url).netloc not in {own, ""}] == []
    page.close()
