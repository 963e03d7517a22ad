"""A manager on a phone reaches the first tick box of the right checklist in two taps.

At 390 x 844 px, without scrolling: the home page's first screen links to a checklist, and
following that link opens a page whose first tick box is on its first screen (every checklist's
first tick box is measured by the page sweep: test_every_page.py); searching a task in a
manager's words finds its checklist. One browser tab, reused for every page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from site_pages import goto, wait_for_page_tools

PHONE = {"width": 390, "height": 844}

# Links in the page's text to the top of a checklist page (not to a section further down),
# on the first screen and visible.
CHECKLIST_LINKS_ON_FIRST_SCREEN = """height => [...document.querySelectorAll('article a[href]')]
  .filter(a => /\\/checklists\\/[^/#?]+\\/$/.test(new URL(a.href).pathname) && !new URL(a.href).hash)
  .filter(a => { const r = a.getBoundingClientRect();
                 return a.checkVisibility() && r.height > 0 && r.top >= 0 && r.bottom <= height; })
  .map(a => ({href: a.href, text: a.textContent.trim()}))"""
# Where the first tick box's visible box ends, from the top of the page, and whether it shows.
FIRST_TICK_BOX = """() => { const box = document.querySelector('article li.task-list-item[id] .task-list-control');
  if (!box) return null;
  const r = box.getBoundingClientRect();
  return {bottom: r.bottom + window.scrollY, shown: box.checkVisibility() && r.height > 0}; }"""


@pytest.fixture(scope="module")
def phone(browser) -> Iterator:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(10000)
    yield context.new_page()
    context.close()


def open_checklist(page) -> dict | None:
    """Wait for the checklist's script to set the page up (its toolbar takes room too), then
    measure the first tick box."""
    wait_for_page_tools(page)
    page.wait_for_selector("[data-checklist-ready]", state="attached")
    assert page.evaluate("window.scrollY") == 0, f"{page.url} opened scrolled down"
    return page.evaluate(FIRST_TICK_BOX)


def test_the_home_pages_first_phone_screen_leads_to_a_checklist_in_two_taps(
    phone, guide_url: str
) -> None:
    goto(phone, guide_url, "")
    links = phone.evaluate(CHECKLIST_LINKS_ON_FIRST_SCREEN, PHONE["height"])
    assert links, ("the home page's first screen at 390 x 844 px shows no link to a checklist page: "
                   "keep the checklists to start with right after the 'In short' box in docs/index.md")
    phone.get_by_role("link", name=links[0]["text"], exact=True).first.click()
    phone.wait_for_url(links[0]["href"])
    box = open_checklist(phone)
    assert box and box["shown"], f"{phone.url}: the home page's first checklist link leads to no tick box"
    assert box["bottom"] <= PHONE["height"], (
        f"{phone.url}: the first tick box ends {box['bottom']:.0f} px down, below the first screen "
        f"({PHONE['height']} px): shorten the 'Use it when' line or what comes before '## The checklist'")


def search_results(page, query: str) -> list[str]:
    """The addresses the guide's search lists for query, best first. Material searches what
    the box holds each time a key is released, so the box is emptied (which empties the list),
    then given the whole query and one key: the list that then appears answers the query."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_selector(".md-search-result__item", state="detached")
    box.fill(query)
    box.press("End")
    try:
        page.wait_for_selector(".md-search-result__item > a", timeout=10_000)
    except PlaywrightTimeoutError:
        raise AssertionError(f"searching {query!r} lists nothing") from None
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => new URL(a.href).pathname)")


def test_searching_a_task_in_a_managers_words_finds_its_checklist_first(
    phone, guide_url: str
) -> None:
    goto(phone, guide_url, "")
    phone.locator("label[for='__search']").first.click()
    first = search_results(phone, "service user group")[0]
    assert first.startswith("/checklists/") and first != "/checklists/", (
        f"searching 'service user group' lists {first} first, not a checklist: give the checklist for "
        "that task the words as tags in its front matter (docs/about/contributing/adding-content.md)")
    missed = []
    for page in sorted((ROOT / "docs" / "checklists").glob("*.md")):
        tags = yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1]).get("tags") or []
        for tag in tags:
            if f"/checklists/{page.stem}/" not in search_results(phone, tag)[:3]:
                missed.append(f"{page.name}: '{tag}'")
    assert not missed, "a checklist's tag does not find it among the first three results:\n" + "\n".join(missed)
