"""A manager can tick, annotate, reset, export and print a checklist, in a real browser.

Runs on tests/fixtures/checklist-site/ (one checklist page with cited items in two groups,
each with a basis, on the real configuration), so it does not depend on the state
of the guide's content.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import FIXTURES, serve, strict_build
from page_sweep import violations
from site_pages import wait_for_checklist

IDS = ["fx-values-fit", "fx-time-for-roles", "fx-compare-practice"]
# An item with a Source panel is named by its text alone: its citation is in the panel.
FIRST = re.compile(r"^Check that participation fits the values of the team\.$")
FIRST_CITED = "Check that participation fits the values of the team. (Pine and Healy, 2007, p. 54; cited in Seden, 2008)"
SECOND = re.compile(r"^Ask service users how much time the team gives")
PROGRESS = ".checklist-progress"
MORE = "Note and link"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # Serve first, then build with that address as site_url: Material's instant
    # navigation only handles links that match the sitemap, port included.
    dest = tmp_path_factory.mktemp("cl")
    server = serve(dest)
    url = f"http://127.0.0.1:{server.server_port}/"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CHECKLIST_SITE_URL", url)
        build = strict_build(FIXTURES / "checklist-site" / "mkdocs.yml", dest)
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    yield url
    server.shutdown()


class Visit:
    """A fresh browser profile (empty localStorage) that records every request it makes."""

    def __init__(self, browser, site_url: str, **options) -> None:
        self.context = browser.new_context(timezone_id="UTC", accept_downloads=True, **options)
        self.requests: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.set_default_timeout(5000)
        self.page = self.context.new_page()
        self.url = site_url + "checklist/"
        self.scripted = options.get("java_script_enabled", True)

    def open(self):
        """The checklist as a reader starts on it: once its script has set it up, which waits
        for the theme's start."""
        self.page.goto(self.url)
        if self.scripted:
            wait_for_checklist(self.page)
        return self.page

    def foreign_requests(self, site_url: str) -> list[str]:
        own = urlparse(site_url).netloc
        return [url for url in self.requests
                if urlparse(url).scheme not in {"data", "blob"} and urlparse(url).netloc != own]


@pytest.fixture
def visit(browser, site_url: str) -> Iterator[Visit]:
    session = Visit(browser, site_url)
    yield session
    session.context.close()


def tick(page, name: re.Pattern[str]) -> None:
    """Click the visible box, as a reader does (the real input sits under it)."""
    page.get_by_role("checkbox", name=name).check(force=True)


def today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


def test_ticks_survive_a_reload_and_progress_is_announced(visit: Visit, site_url: str) -> None:
    page = visit.open()
    progress = page.locator(PROGRESS)
    assert progress.get_attribute("aria-live") == "polite"
    assert progress.inner_text() == "0 of 3 done"
    boxes = page.get_by_role("checkbox")
    assert boxes.count() == 3
    assert all(boxes.nth(i).is_enabled() for i in range(3))

    tick(page, FIRST)
    page.get_by_role("checkbox", name=SECOND).focus()  # and one from the keyboard
    page.keyboard.press("Space")
    assert progress.inner_text() == "2 of 3 done"

    page.reload()
    wait_for_checklist(page)
    assert page.get_by_role("checkbox", name=FIRST).is_checked()
    assert page.get_by_role("checkbox", name=SECOND).is_checked()
    assert not page.locator("#fx-compare-practice input").is_checked()
    assert page.locator(PROGRESS).inner_text() == "2 of 3 done"
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('practice-led:'))")
    # the ticks, and the summary the pages that link here show (checklist-progress.js)
    assert sorted(stored) == ["practice-led:progress:checklist/", "practice-led:tick:fx-time-for-roles",
                              "practice-led:tick:fx-values-fit"]
    assert visit.foreign_requests(site_url) == []


def test_reset_clears_this_page_only_and_only_after_confirming_in_the_page(visit: Visit, site_url: str) -> None:
    page = visit.open()
    page.evaluate("localStorage.setItem('practice-led:tick:another-page-item', '1')")
    tick(page, FIRST)
    page.get_by_role("button", name=MORE).first.click()
    page.get_by_label("Your private note on this item").first.fill("Ask the team")

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    reset = page.get_by_role("button", name="Reset", exact=True)
    question = page.get_by_role("group", name="Clear every tick and note on this checklist?")
    assert not question.is_visible()

    reset.click()  # asks in the page; "Keep them" has the focus, so Enter keeps everything
    assert question.is_visible() and reset.get_attribute("aria-expanded") == "true"
    assert violations(page, "the Reset question") == []
    page.keyboard.press("Enter")
    assert not question.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Reset"
    assert page.get_by_role("checkbox", name=FIRST).is_checked()

    reset.click()
    page.keyboard.press("Escape")
    assert not question.is_visible()
    assert "1 of 3 done" in page.locator(PROGRESS).inner_text()

    reset.click()
    question.get_by_role("button", name="Clear ticks and notes").click()
    assert not page.get_by_role("checkbox", name=FIRST).is_checked()
    assert "0 of 3 done" in page.locator(PROGRESS).inner_text()
    assert dialogs == [], "Reset used the browser's own dialog, which some office PCs block"

    page.reload()
    wait_for_checklist(page)
    assert not page.get_by_role("checkbox", name=FIRST).is_checked()
    assert page.locator("#checklist-note-fx-values-fit").input_value() == ""
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('practice-led:'))")
    assert stored == ["practice-led:tick:another-page-item"]


def test_a_private_note_is_a_labelled_disclosure_and_survives_a_reload(visit: Visit) -> None:
    page = visit.open()
    toggle = page.locator("#fx-time-for-roles").get_by_role("button", name=MORE)
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#checklist-note-fx-time-for-roles").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    note = page.locator("#fx-time-for-roles").get_by_label("Your private note on this item")
    assert note.evaluate("el => el === document.activeElement")
    note.fill("Bring to the team meeting")

    page.reload()
    wait_for_checklist(page)
    note = page.locator("#fx-time-for-roles").get_by_label("Your private note on this item")
    assert note.is_visible()
    assert note.input_value() == "Bring to the team meeting"


def test_markdown_and_csv_downloads_hold_the_date_ticks_notes_and_sources(
    visit: Visit, site_url: str, tmp_path: Path
) -> None:
    page = visit.open()
    tick(page, FIRST)
    page.locator("#fx-compare-practice").get_by_role("button", name=MORE).click()
    page.locator("#checklist-note-fx-compare-practice").fill("=start with the rota\nthen budgets")

    page.get_by_role("button", name="Download", exact=True).click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as Markdown").click()
    download = info.value
    assert download.suggested_filename == f"checklist-{today()}.md"
    markdown = Path(download.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# Fixture checklist\n")
    assert f"Date: {today()}" in markdown
    assert visit.url in markdown
    ticked = re.search(r"^- \[x\] (.*)$", markdown, re.M)
    assert ticked and ticked.group(1) == FIRST_CITED, markdown  # no footnote numbers after "2008)"
    first = markdown[ticked.start():markdown.index("- [ ] Ask service users")]
    assert first.endswith(
        "    - Source words: “participatory models can be effective”\n"
        "    - Source credit: Words of Seden (2008), crediting Pine and Healy (2007), p. 54\n"
    ), first  # and no guide's note, as its basis has none
    assert (
        "    - Source words: “the time given to roles and responsibilities”\n"
        "    - Source credit: Words of Seden (2008), crediting Seden and Ross (2007)\n"
        "    - Guide's note: Asking service users is the guide's suggestion.\n"
    ) in markdown
    assert "- [ ] Ask service users" in markdown
    last = markdown[markdown.index("- [ ] Compare"):]
    assert "(Harris, 2007, pp. 20–21; cited in Seden, 2008)" in last
    assert "then budgets" in markdown
    assert "## Values" in markdown and "## Practice" in markdown

    with page.expect_download() as info:
        page.get_by_role("button", name="Download as CSV").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert [row["Item link"] for row in rows] == [visit.url + "#" + item for item in IDS]
    assert [row["Done"] for row in rows] == ["yes", "no", "no"]
    assert {row["Date"] for row in rows} == {today()}
    assert {row["Checklist"] for row in rows} == {"Fixture checklist"}
    assert {row["Page"] for row in rows} == {visit.url}
    assert rows[0]["Item"] == FIRST_CITED
    assert rows[1]["Source words"] == "“the time given to roles and responsibilities”"
    assert rows[1]["Source credit"] == "Words of Seden (2008), crediting Seden and Ross (2007)"
    assert rows[1]["Guide's note"] == "Asking service users is the guide's suggestion." and rows[0]["Guide's note"] == ""
    assert rows[2]["Source credit"] == "Words of Seden (2008), crediting Harris (2007), pp. 20–21"
    # A note that starts like a formula is neutralised for spreadsheets, not lost.
    assert rows[2]["Note"] == "'=start with the rota\nthen budgets"
    assert visit.foreign_requests(site_url) == []


def test_print_shows_items_ticks_and_notes_without_navigation_or_controls(visit: Visit) -> None:
    page = visit.open()
    tick(page, FIRST)
    page.locator("#fx-values-fit").get_by_role("button", name=MORE).click()
    page.locator("#checklist-note-fx-values-fit").fill("Done at supervision")

    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".checklist-tools",
                   ".checklist-more-toggle", ".checklist-note-text", ".pl-source > summary"]:
        assert page.locator(chrome).first.is_hidden(), chrome
    for item in IDS:
        assert page.locator(f"#{item}").is_visible()
    for item in IDS:  # each source on paper, though no one opened it on screen
        for part in (".pl-source-cite", ".pl-source-words", ".pl-source-credit"):
            assert page.locator(f"#{item} {part}").is_visible(), (item, part)
    assert "p. 54" in page.locator("#fx-values-fit .pl-source-cite").inner_text()
    assert page.locator("#fx-values-fit .checklist-note-print").inner_text() == "Done at supervision"
    assert page.locator("#fx-time-for-roles .checklist-note-print").is_hidden()

    def tick_mark(item: str) -> str:
        return page.locator(f"#{item} .task-list-indicator").evaluate(
            "el => getComputedStyle(el, '::after').content")

    assert tick_mark("fx-values-fit") != "none"
    assert tick_mark("fx-time-for-roles") == "none"
    assert page.locator("#fx-values-fit").evaluate("el => getComputedStyle(el).breakInside") == "avoid"


def test_a_second_tab_follows_ticks_and_notes(visit: Visit) -> None:
    first = visit.open()
    second = visit.context.new_page()
    second.goto(visit.url)
    tick(first, FIRST)
    first.locator("#fx-values-fit").get_by_role("button", name=MORE).click()
    first.locator("#checklist-note-fx-values-fit").fill("Seen in both tabs")
    second.wait_for_function("document.querySelector('.checklist-progress').textContent === '1 of 3 done'")
    assert second.get_by_role("checkbox", name=FIRST).is_checked()
    assert second.locator("#checklist-note-fx-values-fit").input_value() == "Seen in both tabs"


def test_print_button_opens_the_print_dialog(visit: Visit) -> None:
    page = visit.open()
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print", exact=True).click()
    assert page.evaluate("window.__printed === true")


def test_without_javascript_the_items_read_as_a_plain_list(browser, site_url: str) -> None:
    session = Visit(browser, site_url, java_script_enabled=False)
    try:
        page = session.open()
        for item in IDS:
            assert page.locator(f"#{item}").is_visible()
        assert "Check that participation fits" in page.locator("#fx-values-fit").inner_text()
        assert page.locator("#fx-values-fit input").is_disabled()
        assert page.locator(".checklist-tools").is_hidden()  # its buttons would do nothing
        source = page.locator("#fx-values-fit summary")
        source.focus()  # the Source panel is the browser's own: it opens without a script
        page.keyboard.press("Enter")
        assert page.locator("#fx-values-fit .pl-source-words").is_visible()
    finally:
        session.context.close()


def test_checklists_work_even_when_materials_script_does_not_load(visit: Visit) -> None:
    visit.page.route("**/bundle.*.min.js", lambda route: route.abort())
    page = visit.open()
    assert page.evaluate("window.document$ === undefined")  # the theme's script did not run
    tick(page, FIRST)
    assert page.locator(PROGRESS).inner_text() == "1 of 3 done"
    page.reload()
    wait_for_checklist(page)
    assert page.get_by_role("checkbox", name=FIRST).is_checked()


def test_instant_navigation_sets_up_each_visit_exactly_once(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.url.replace("checklist/", ""))
    page.evaluate("window.__sameDocument = true")
    for _ in range(2):
        page.get_by_role("link", name="the fixture checklist").click()
        wait_for_checklist(page)
        tick(page, FIRST)
        page.get_by_role("link", name="the fixture home").click()
        page.wait_for_selector("text=Work through")
    page.get_by_role("link", name="the fixture checklist").click()
    wait_for_checklist(page)
    assert page.evaluate("window.__sameDocument === true"), "instant navigation was not used"
    assert page.locator(".checklist-tools").count() == 1
    assert page.locator("#fx-values-fit .checklist-more-toggle").count() == 1
    assert page.locator("#fx-values-fit .pl-source").count() == 1
    assert page.get_by_role("checkbox", name=FIRST).is_checked()
    assert page.locator(PROGRESS).inner_text() == "1 of 3 done"


# Material gives the first page from its DOMContentLoaded listener on the document; one on
# the window runs after it, at the end of that task.
RECORD_SET_UP_AT_START = """window.addEventListener('DOMContentLoaded', () => {
  window.__setUpAtStart = !!document.querySelector('.checklist-more-toggle');
})"""
# Subscribed after the guide's scripts, so it runs after their set-ups for the same page.
RECORD_SET_UP_ON_ARRIVAL = """() => {
  window.__setUpOnArrival = [];
  document$.subscribe(() => window.__setUpOnArrival.push(
    !!document.querySelector('[data-checklist-ready] .checklist-tools')));
}"""


def test_the_first_page_is_set_up_after_materials_start_and_later_ones_before_they_show(visit: Visit) -> None:
    # A phone answers no tap during the long task in which Material starts, so the first
    # page's set-up waits for it to end; a page that instant navigation brings in is set
    # up in the task it arrives in, so the reader never sees it without its controls.
    visit.context.add_init_script(RECORD_SET_UP_AT_START)
    page = visit.open()
    assert page.evaluate("window.__setUpAtStart") is False, "the checklist was set up during Material's start"
    page.evaluate(RECORD_SET_UP_ON_ARRIVAL)
    page.get_by_role("link", name="the fixture home").click()
    page.wait_for_selector("text=Work through")
    page.get_by_role("link", name="the fixture checklist").click()
    wait_for_checklist(page)
    # First the page opened first (replayed on subscribing), then the home page, which
    # has no checklist, then the checklist brought in.
    assert page.evaluate("window.__setUpOnArrival") == [True, False, True]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checklist_controls_pass_axe_in_both_palettes(browser, site_url: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    session = Visit(browser, site_url, color_scheme=scheme)
    try:
        page = session.open()
        tick(page, FIRST)
        page.locator("#fx-values-fit").get_by_role("button", name=MORE).click()
        page.locator("#fx-values-fit summary").click()
        page.locator("#fx-time-for-roles summary").click()
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}
        mine = {"include": [[".checklist-tools"], [".task-list"]]}  # other page parts have their own tests
        results = Axe().run(page, context=mine, options=options)
        assert results.violations_count == 0, results.generate_report()
    finally:
        session.context.close()


def test_each_item_has_three_tab_stops_and_its_source_opens_from_the_keyboard(visit: Visit) -> None:
    page = visit.open()
    page.wait_for_selector("[data-pl-links-ready]", state="attached")
    page.get_by_role("checkbox", name=FIRST).focus()
    stops = []
    for _ in range(7):  # the first two items, then what follows them
        stops.append(page.evaluate(
            "() => { const el = document.activeElement; const li = el.closest('li.task-list-item');"
            " return [li && li.id, el.tagName.toLowerCase(), el.textContent.trim()]; }"))
        page.keyboard.press("Tab")
    controls = [["input", ""], ["summary", "Source"], ["button", MORE]]
    assert stops[:6] == [[item, *control] for item in IDS[:2] for control in controls], stops
    assert stops[6][0] != IDS[1], stops  # nothing more in the second item

    page.locator("#fx-time-for-roles summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#fx-time-for-roles .pl-source").get_attribute("open") is not None
    panel = page.locator("#fx-time-for-roles .pl-source-panel").inner_text()
    assert "“the time given to roles and responsibilities”" in panel
    assert "Guide's note: Asking service users is the guide's suggestion." in panel
    assert "(Seden and Ross, 2007; cited in Seden, 2008)" in panel
    assert "Words of Seden (2008), crediting Seden and Ross (2007)" in panel
    page.keyboard.press("Space")
    assert page.locator("#fx-time-for-roles .pl-source").get_attribute("open") is None


def test_note_and_link_holds_the_note_and_the_items_link_and_escape_closes_it(visit: Visit, site_url: str) -> None:
    page = visit.open()
    page.wait_for_selector("[data-pl-links-ready]", state="attached")
    more = page.locator("#fx-compare-practice").get_by_role("button", name=MORE)
    more.click()
    copy = page.locator("#fx-compare-practice").get_by_role("button", name="Copy link to this item")
    assert copy.is_visible()
    assert copy.get_attribute("data-clipboard-text") == visit.url + "#fx-compare-practice"
    assert page.locator("#fx-compare-practice .pl-copy-link").count() == 1  # only the one in the panel
    page.locator("#checklist-note-fx-compare-practice").press("Escape")
    assert more.get_attribute("aria-expanded") == "false"
    assert more.evaluate("el => el === document.activeElement")
