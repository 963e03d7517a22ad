"""A manager's ticks and notes travel and are never lost unasked, in a real browser: the JSON
download imported in a fresh browser profile, the question when it would change what is
saved, the files it refuses, items a page no longer has, Share, and the public address in
everything that leaves the page, also from the offline copy.

Runs on tests/fixtures/checklist-site/ (one checklist of three items), as
test_checklists_browser.py does, and reuses its served build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import FIXTURES, PUBLISHED_URL, strict_build
from page_sweep import REPORT_VIOLATIONS, recording_violations, violations
from site_pages import wait_for_checklist
from test_checklists_browser import FIRST, IDS, PROGRESS, SECOND, Visit, site_url, tick, today

__all__ = ["site_url"]  # the served fixture build, shared with test_checklists_browser.py

STATUS = ".checklist-transfer-status"
DIALOG = "dialog.checklist-import-dialog"
# A browser with a share sheet (phones), and one without (most desktop browsers).
SHARE_STUB = """
window.__shared = [];
navigator.share = data => { window.__shared.push(data); return Promise.resolve(); };
"""
NO_SHARE = "delete Navigator.prototype.share; delete navigator.share;"
FIRST_TEXT = "Check that participation fits the values of the team."
SECOND_TEXT = "Ask service users how much time the team gives to roles and responsibilities."


@pytest.fixture
def visit(browser, site_url: str) -> Iterator[Visit]:
    session = Visit(browser, site_url)
    yield session
    session.context.close()


def saved(page) -> dict[str, str]:
    """What this browser keeps for the guide."""
    return page.evaluate(
        "Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('practice-led:'))"
        ".map(k => [k, localStorage.getItem(k)]))")


def write_note(page, item: str, text: str) -> None:
    toggle = page.locator(f"#{item} .checklist-more-toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    page.locator(f"#checklist-note-{item}").fill(text)


def download(page, kind: str) -> Path:
    if page.get_by_role("button", name=f"Download as {kind}").is_hidden():
        page.get_by_role("button", name="Download", exact=True).click()
    with page.expect_download() as info:
        page.get_by_role("button", name=f"Download as {kind}").click()
    return Path(info.value.path())


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def email_href(page) -> str:
    """The address "Email summary" opens, made as the reader clicks it (not followed here)."""
    page.evaluate("document.addEventListener('click', e => { if (e.target.closest('a[href^=\"mailto:\"]'))"
                  " e.preventDefault(); }, true)")
    email = page.get_by_role("link", name="Email summary")
    email.click()
    return email.get_attribute("href")


def import_file(page, name: str, content: str | bytes) -> None:
    """Choose a file with Import's file picker, as a reader does, and wait until the page has
    read it: it asks, or says what it did (each message names the file)."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import", exact=True).click()
    body = content.encode("utf-8") if isinstance(content, str) else content
    chooser.value.set_files({"name": name, "mimeType": "application/octet-stream", "buffer": body})
    page.wait_for_function(
        "name => document.querySelector('dialog[open]') ||"
        f" document.querySelector('{STATUS}').textContent.includes(name)", arg=name)


def answer(page, choice: str) -> None:
    """Answer the import question with one of its buttons (or Escape), and wait until the
    dialog has left the page: the page acts on its close event, which the browser fires a
    task later."""
    if choice == "Escape":
        page.keyboard.press("Escape")
    else:
        page.locator(DIALOG).get_by_role("button", name=choice).click()
    page.locator(DIALOG).wait_for(state="detached", timeout=5000)


def test_a_json_download_restores_every_tick_and_note_in_a_fresh_browser(browser, visit: Visit, site_url: str) -> None:
    page = visit.open()
    tick(page, FIRST)
    write_note(page, "fx-values-fit", "Raised at supervision")
    write_note(page, "fx-compare-practice", "Start with the rota\nthen budgets")
    exported = download(page, "JSON").read_text(encoding="utf-8")

    data = json.loads(exported)
    assert data["format"] == "practice-led-checklist" and data["formatVersion"] == 1
    assert (data["title"], data["page"], data["address"], data["date"]) == (
        "Fixture checklist", "checklist/", visit.url, today())
    assert re.fullmatch(r"[0-9a-f]{8}", data["checklistVersion"])
    assert data["progress"] == {"done": 1, "total": 3}
    assert [(i["id"], i["ticked"], i["note"]) for i in data["items"]] == [
        ("fx-values-fit", True, "Raised at supervision"),
        ("fx-time-for-roles", False, ""),
        ("fx-compare-practice", False, "Start with the rota\nthen budgets")]
    assert data["items"][0]["text"] == FIRST_TEXT

    fresh = Visit(browser, site_url)
    try:
        other = fresh.open()
        assert saved(other) == {}
        import_file(other, "checklist.json", exported)
        assert "Restored the ticks and notes" in other.locator(STATUS).inner_text()
        assert other.locator(DIALOG).count() == 0  # nothing was saved, so nothing to ask
        assert other.locator(PROGRESS).inner_text() == "1 of 3 done"
        other.reload()  # kept, not just shown
        wait_for_checklist(other)
        assert other.get_by_role("checkbox", name=FIRST).is_checked()
        assert not other.get_by_role("checkbox", name=SECOND).is_checked()
        assert other.locator("#checklist-note-fx-values-fit").input_value() == "Raised at supervision"
        assert other.locator("#checklist-note-fx-compare-practice").input_value() == "Start with the rota\nthen budgets"
        assert saved(other) == saved(page)
        assert fresh.foreign_requests(site_url) == []
    finally:
        fresh.context.close()


def conflict(page) -> str:
    """Save ticks and a note, download them, then change both: the download now differs."""
    tick(page, FIRST)
    write_note(page, "fx-values-fit", "From the office PC")
    exported = download(page, "JSON").read_text(encoding="utf-8")
    page.get_by_role("checkbox", name=FIRST).uncheck(force=True)
    tick(page, SECOND)
    write_note(page, "fx-values-fit", "From the phone")
    return exported


@pytest.mark.parametrize("choice", ["Keep mine", "Take the file's", "Merge both", "Escape"])
def test_a_file_that_differs_asks_first_and_each_choice_does_what_it_says(visit: Visit, choice: str) -> None:
    page = visit.open()
    exported = conflict(page)
    before = saved(page)

    import_file(page, "office.json", exported)
    dialog = page.get_by_role("dialog", name="Import “office.json”?")
    assert dialog.is_visible()
    assert saved(page) == before, "the import changed something before the reader chose"
    changes = dialog.locator(".checklist-import-changes > li")
    assert changes.count() == 2
    assert lines(changes.nth(0).inner_text()) == [
        FIRST_TEXT,
        "In this browser now: not ticked, note: “From the phone”.",
        "In the file: ticked, note: “From the office PC”."]
    assert lines(changes.nth(1).inner_text())[1:] == [
        "In this browser now: ticked, no note.", "In the file: not ticked, no note."]
    assert not any(item in dialog.inner_text() for item in IDS)
    assert page.evaluate("document.activeElement.id") == "checklist-import-title"  # axe: the screen test below

    answer(page, choice)
    assert page.evaluate("document.activeElement.textContent") == "Import"
    first = page.get_by_role("checkbox", name=FIRST).is_checked()
    second = page.get_by_role("checkbox", name=SECOND).is_checked()
    note = page.locator("#checklist-note-fx-values-fit").input_value()
    status = page.locator(STATUS).inner_text()
    if choice in ("Keep mine", "Escape"):
        assert saved(page) == before and "nothing was imported" in status
    elif choice == "Take the file's":
        assert (first, second, note) == (True, False, "From the office PC")
        assert "Took the ticks and notes" in status
    else:
        assert (first, second) == (True, True)
        day = datetime.now(timezone.utc)
        assert note == f"From the phone\n\nFrom the file saved on {day.day} {day:%B %Y}:\nFrom the office PC"
        assert "no tick or note was lost" in status
    page.reload()  # what the choice left is what is kept
    wait_for_checklist(page)
    assert page.get_by_role("checkbox", name=FIRST).is_checked() == first
    assert page.locator("#checklist-note-fx-values-fit").input_value() == note


def test_a_file_with_the_same_answers_changes_nothing_and_says_so(visit: Visit) -> None:
    page = visit.open()
    tick(page, FIRST)
    exported = download(page, "JSON").read_text(encoding="utf-8")
    import_file(page, "same.json", exported)
    assert page.locator(DIALOG).count() == 0
    assert "nothing to change" in page.locator(STATUS).inner_text()


def test_files_it_cannot_restore_from_are_refused_with_a_message_and_change_nothing(visit: Visit) -> None:
    page = visit.open()
    tick(page, SECOND)
    write_note(page, "fx-compare-practice", "Keep this")
    exported = json.loads(download(page, "JSON").read_text(encoding="utf-8"))
    markdown = download(page, "Markdown").read_text(encoding="utf-8")
    page.get_by_role("checkbox", name=SECOND).uncheck(force=True)  # so a wrongly applied file would show
    before = saved(page)
    another = {**exported, "page": "checklists/access-and-support/", "title": "Access and support",
               "items": [{**item, "ticked": True} for item in exported["items"]]}
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status"
    cases = [
        ("access.json", json.dumps(another), "holds ticks and notes for another checklist, “Access and support”"),
        ("broken.json", json.dumps(exported)[:200], "is not a checklist download from this guide"),
        ("contacts.json", json.dumps({"name": "Team contacts", "items": []}), "does not say it comes from Practice-Led"),
        ("damaged.json", json.dumps({**exported, "items": [{"id": "fx-values-fit", "ticked": "yes"}]}), "is damaged"),
        ("checklist.md", markdown, "is a Markdown download, which is for reading, not for importing"),
        ("photo.json", b"\x89PNG\r\n\x1a\n", "is not a checklist download from this guide"),
    ]
    for name, content, reason in cases:
        import_file(page, name, content)
        message = status.inner_text()
        assert reason in message and "nothing has changed" in message.lower(), message
        assert "checklist-transfer-problem" in (status.get_attribute("class") or "")
        assert page.locator(DIALOG).count() == 0
        assert saved(page) == before, name
        assert page.locator(PROGRESS).inner_text() == "0 of 3 done"


def test_a_file_from_another_version_names_the_items_the_page_no_longer_has(visit: Visit) -> None:
    page = visit.open()
    tick(page, FIRST)
    exported = json.loads(download(page, "JSON").read_text(encoding="utf-8"))
    page.evaluate("localStorage.clear()")
    page.reload()
    wait_for_checklist(page)
    older = {**exported, "checklistVersion": "0badc0de", "items": [
        *exported["items"][:2],  # the page's third item was added since
        {"id": "fx-retired", "section": "Values", "text": "Hold a meeting about the old rota.",
         "ticked": True, "note": "Booked for May"}]}

    import_file(page, "older.json", json.dumps(older))
    dialog = page.get_by_role("dialog", name="Import “older.json”?")
    assert dialog.is_visible()  # nothing is saved, but items are applied only when the reader says so
    assert saved(page) == {}
    text = dialog.inner_text()
    assert "saved from an earlier or different version of this checklist" in text
    assert "Hold a meeting about the old rota. (in the file: ticked, note: “Booked for May”)" in text
    assert "1 item on this page is not in the file; it stays as it is." in text
    assert "fx-retired" not in text
    answer(page, "Restore from the file")

    assert page.get_by_role("checkbox", name=FIRST).is_checked()
    status = page.locator(STATUS).inner_text()
    assert "1 item in the file is no longer on this page" in status
    assert "Hold a meeting about the old rota." in status
    assert "fx-retired" not in json.dumps(saved(page))


@pytest.fixture(scope="module")
def offline_checklist(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The fixture checklist in an offline copy (OFFLINE=true, as the guide's download),
    published at the guide's address, opened from a folder."""
    dest = tmp_path_factory.mktemp("offline")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CHECKLIST_SITE_URL", PUBLISHED_URL)
        env.setenv("OFFLINE", "true")
        build = strict_build(FIXTURES / "checklist-site" / "mkdocs.yml", dest)
    assert build.returncode == 0, build.output
    return (dest / "checklist.html").as_uri()


def test_everything_that_leaves_the_offline_copy_names_the_public_address(browser, offline_checklist: str) -> None:
    context = browser.new_context(accept_downloads=True, timezone_id="UTC")
    context.add_init_script(REPORT_VIOLATIONS)
    context.add_init_script(NO_SHARE)
    try:
        page = context.new_page()
        with recording_violations(page) as refused:
            use_the_offline_copy(page, offline_checklist)
        assert refused == [], "the Content-Security-Policy refused what the tools did"
    finally:
        context.close()


def use_the_offline_copy(page, offline_checklist: str) -> None:
    """Tick, download every kind, share and import again, from a page opened from a folder."""
    page.goto(offline_checklist)
    wait_for_checklist(page)
    assert page.url.startswith("file://")
    tick(page, FIRST)
    public = PUBLISHED_URL + "checklist/"

    data = json.loads(download(page, "JSON").read_text(encoding="utf-8"))
    assert (data["address"], data["page"]) == (public, "checklist/")
    markdown = download(page, "Markdown").read_text(encoding="utf-8")
    assert f"- Page: <{public}>" in markdown
    csv_text = download(page, "CSV").read_text(encoding="utf-8-sig")
    assert f'"{public}#fx-values-fit"' in csv_text
    page.get_by_role("button", name="Share", exact=True).click()
    assert parse_qs(urlsplit(email_href(page)).query)["body"][0].endswith(public)
    for text in (json.dumps(data), markdown, csv_text):
        assert "file:" not in text

    import_file(page, "from-the-copy.json", json.dumps(data))  # and the copy takes its own file back
    assert "nothing to change" in page.locator(STATUS).inner_text()


def test_after_instant_navigation_the_download_names_the_page_it_came_from(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.url.replace("checklist/", ""))  # the home page, one level up
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="the fixture checklist").click()
    wait_for_checklist(page)
    assert page.evaluate("window.__sameDocument === true"), "instant navigation was not used"
    data = json.loads(download(page, "JSON").read_text(encoding="utf-8"))
    assert (data["page"], data["address"]) == ("checklist/", visit.url)


def test_markdown_and_csv_read_without_item_ids(visit: Visit) -> None:
    page = visit.open()
    tick(page, FIRST)
    markdown = download(page, "Markdown").read_text(encoding="utf-8")
    csv_text = download(page, "CSV").read_text(encoding="utf-8-sig")
    assert not any(item in markdown for item in IDS), markdown
    # The CSV's one place for ids is the last column, each item's link.
    for line, item in zip(csv_text.splitlines()[1:], IDS, strict=True):
        assert line.count(item) == 1 and line.endswith(f'#{item}"'), line
    assert csv_text.splitlines()[0].endswith('"Item link"')



@pytest.mark.parametrize("share_sheet", [True, False], ids=["share sheet", "copy and email"])
def test_share_sends_a_readable_summary_without_item_ids(browser, site_url: str, share_sheet: bool) -> None:
    session = Visit(browser, site_url, permissions=["clipboard-read", "clipboard-write"])
    try:
        session.context.add_init_script(SHARE_STUB if share_sheet else NO_SHARE)
        page = session.open()
        tick(page, FIRST)
        write_note(page, "fx-values-fit", "Raised at supervision")
        page.get_by_role("button", name="Share", exact=True).click()
        expected_start = ["Fixture checklist", re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}: 1 of 3 ticked$"),
                          "Ticked:", f"✓ {FIRST_TEXT}", "  Note: Raised at supervision",
                          "Not ticked yet:", f"☐ {SECOND_TEXT}"]
        if share_sheet:
            shared = page.evaluate("window.__shared")
            assert len(shared) == 1
            assert shared[0]["title"] == "Fixture checklist" and shared[0]["url"] == session.url
            texts = [shared[0]["text"]]
            assert page.locator("#checklist-share").is_hidden()  # the browser's own sheet was enough
        else:
            panel = page.locator("#checklist-share")
            assert panel.is_visible()
            assert page.get_by_role("button", name="Share", exact=True).get_attribute("aria-expanded") == "true"
            page.get_by_role("button", name="Copy summary").click()
            page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('Fixture checklist'))")
            copied = page.evaluate("navigator.clipboard.readText()")
            query = parse_qs(urlsplit(email_href(page)).query)
            assert query["subject"][0].startswith("Fixture checklist: checklist, ")
            assert query["body"][0].replace("\r\n", "\n") == copied
            assert lines(copied)[-1] == session.url
            texts = [copied]
            page.keyboard.press("Escape")  # from inside the panel: closes it, back on Share
            assert panel.is_hidden()
            assert page.evaluate("document.activeElement.textContent") == "Share"
        for text in texts:
            shown = lines(text)
            for line, expected in zip(shown, expected_start, strict=False):
                assert expected.match(line) if isinstance(expected, re.Pattern) else line == expected, shown
            assert not any(item in text for item in IDS), text
            assert "“" not in text  # no source words: the summary is the reader's, not the sources'
    finally:
        session.context.close()


@pytest.mark.parametrize(("width", "scheme"), [(390, "dark"), (1280, "light")])
def test_the_tools_and_the_import_question_fit_the_screen(browser, site_url: str, width: int, scheme: str) -> None:
    session = Visit(browser, site_url, viewport={"width": width, "height": 800}, color_scheme=scheme)
    try:
        page = session.open()
        notice = page.locator(".checklist-hint").inner_text()
        assert "only in this browser" in notice and "may clear" in notice and "Download keeps a copy" in notice
        tools = page.locator(".checklist-tools")
        assert tools.bounding_box()["y"] < page.locator("#fx-values-fit").bounding_box()["y"]  # where the reader ticks
        page.get_by_role("button", name="Download", exact=True).click()
        page.evaluate("delete Navigator.prototype.share")
        page.get_by_role("button", name="Share", exact=True).click()
        for control in page.locator(".checklist-tools button:visible, .checklist-tools a:visible").all():
            box = control.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 24, control.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert violations(page, f"the open Download and Share choices, {scheme}") == []

        exported = conflict(page)
        import_file(page, "office.json", exported)
        dialog = page.locator(DIALOG)
        box = dialog.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] <= 800
        page.keyboard.press("Tab")  # from the title, to the first choice, the safe one
        keep = dialog.get_by_role("button", name="Keep mine")
        assert keep.evaluate("el => el === document.activeElement")
        assert keep.is_visible() and keep.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
        assert violations(page, f"the import question, {scheme}") == []
    finally:
        session.context.close()
