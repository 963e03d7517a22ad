"""A reader meets each citation as one control, opens its full text, follows it to the
sources and comes back to the same place, in a real browser at phone and desktop width.

Runs on tests/fixtures/site/ (one page, two sentences each citing a work through Seden
(2008), so the paper's entry in the sources is reached from two citations).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import Build, serve
from page_sweep import VIEWPORTS, violations

FIRST_FULL = "(Pine and Healy, 2007, p. 54; cited in Seden, 2008)"
SECOND_FULL = "(Harris, 2007, pp. 20–21; cited in Seden, 2008)"
PAPER = "#fn:seden2008innovation"
OPEN = "[popover]:popover-open"


@pytest.fixture(scope="module")
def cited_url(citation_site: Build) -> Iterator[str]:
    assert citation_site.returncode == 0, citation_site.output
    server = serve(citation_site.site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, cited_url: str):
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    context.set_default_timeout(5000)
    page = context.new_page()
    page.goto(cited_url)
    yield page
    context.close()


def focus_order(page, stops: int) -> list[str]:
    """What Tab reaches, from the page's title on: id or class of each element."""
    page.locator("h1 a.headerlink").focus()
    order = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        order.append(page.evaluate("() => document.activeElement.id || document.activeElement.className"))
    return order


def test_a_citation_is_one_tab_stop_that_opens_its_full_text_and_closes_with_escape(page) -> None:
    order = focus_order(page, 3)
    assert order[:2] == ["pl-cite-1", "pl-cite-2"], order  # one stop each, nothing between them
    page.locator("#pl-cite-1").focus()
    page.keyboard.press("Enter")
    popover = page.locator(OPEN)
    assert popover.count() == 1 and popover.get_attribute("id") == "pl-cite-1-full"
    assert popover.inner_text().startswith(FIRST_FULL)
    # Whole, on screen: under the citation on a desktop, along the foot of a phone's screen.
    box, width, height = popover.bounding_box(), page.viewport_size["width"], page.viewport_size["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] >= 0 and box["y"] + box["height"] <= height
    page.keyboard.press("Tab")  # open, its links come next
    assert page.evaluate("document.activeElement.textContent") == "Pine and Healy (2007)"
    page.keyboard.press("Escape")
    assert page.locator(OPEN).count() == 0
    assert page.evaluate("document.activeElement.id") == "pl-cite-1"


def test_a_tap_outside_closes_the_citation(page) -> None:
    page.locator("#pl-cite-2").click()
    assert page.locator(OPEN).inner_text().startswith(SECOND_FULL)
    page.locator("h1").click()
    assert page.locator(OPEN).count() == 0


def in_view(page, selector: str) -> bool:
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight; }""", selector)


def test_back_from_the_sources_returns_to_the_citation_followed(page) -> None:
    entry = PAPER.replace(":", "\\:")
    backs = page.locator(".footnote li a.pl-cite-back")
    assert backs.count() == page.locator(".footnote li").count()  # one per source...
    assert page.locator(".footnote li a.pl-cite-back:visible").count() == 0  # ...shown once it has a use
    page.locator("#pl-cite-2").click()  # the second citation of the paper, not the first
    page.locator(OPEN).get_by_role("link", name="Seden (2008)").click()
    assert page.locator(OPEN).count() == 0
    assert page.evaluate("document.activeElement.id") == PAPER[1:] and in_view(page, entry)
    back = page.locator(f"{entry} a.pl-cite-back")
    assert back.is_visible() and page.locator(".footnote a:visible", has_text="Back").count() == 1
    page.keyboard.press("Tab")  # from the entry the reader landed on, on to its way back
    page.keyboard.press("Tab")  # (after the entry's link to the paper itself)
    assert page.evaluate("document.activeElement.className").startswith("pl-cite-back")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "pl-cite-2" and in_view(page, "#pl-cite-2")


def test_print_shows_each_citation_in_full_where_it_stands(page) -> None:
    page.emulate_media(media="print")
    paragraph = page.locator("article p", has_text="Participation fits social work values")
    assert FIRST_FULL in paragraph.inner_text()
    assert page.locator("button.pl-cite").first.is_hidden()
    assert page.locator(".pl-cite-refs").first.is_hidden() and "Full reference" not in paragraph.inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_open_citation_passes_axe_in_both_palettes(browser, cited_url: str, scheme: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(cited_url)
        page.locator("#pl-cite-1").focus()
        page.keyboard.press("Enter")
        page.locator(OPEN).wait_for()
        found = violations(page, f"open citation, {scheme}")
        assert found == [], "\n".join(found)
    finally:
        context.close()


def test_without_script_the_citation_still_opens(browser, cited_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(cited_url)
        page.locator("#pl-cite-1").click()
        assert page.locator(OPEN).inner_text().startswith(FIRST_FULL)
        page.locator(OPEN).get_by_role("link", name="Seden (2008)").click()
        assert page.url.endswith(PAPER)
        assert page.locator(".footnote a.pl-cite-back:visible").count() == 0  # the browser's Back is the way
    finally:
        context.close()
