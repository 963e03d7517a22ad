"""A reader's progress on a checklist shows wherever the guide links to it, and a ticked
checklist prints on one A4 sheet to fill in, in a real browser on the real guide.

Links to a checklist are found by where they lead, so these tests look for them the same way
(any link whose address ends in the checklist's name), not by the markup of the pages.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import PUBLISHED_URL, ROOT, Build
from page_sweep import violations
from site_pages import wait_for_checklist

CHECKLISTS = sorted(path for path in (ROOT / "docs" / "checklists").glob("*.md") if path.name != "index.md")
WIDTHS = {"phone": 390, "desktop": 1280}
ACTION_LINES = "Action Owner By when"  # the heads of the ruled lines, as the PDF's text reads
NOTE = "Raise at the team meeting on Tuesday; Sam asks the tenants' forum what help they need first, then reports."


def items(path: Path) -> int:
    return len(re.findall(r"^- \[ \] ", path.read_text(encoding="utf-8"), re.M))


def basis_quotes(path: Path) -> list[str]:
    front = path.read_text(encoding="utf-8").split("---\n")[1]
    return [entry["quote"].strip("“”") for entry in yaml.safe_load(front)["basis"].values()]


LONGEST = max(CHECKLISTS, key=items)


def linked_checklists(html: str) -> list[str]:
    """The names of the checklists a built page links to, in the order of its links."""
    names = [path.stem for path in CHECKLISTS]
    found = re.findall(r'href="(?:\.\./)*(?:checklists/)?([a-z-]+)(?:/|\.html)(?:#the-checklist)?"', html)
    return [name for name in found if name in names]


class Guide:
    """The guide as a reader opens it: served online, or the offline copy from its folder,
    where a page is <name>.html, not <name>/."""

    def __init__(self, build: Build, base: str, offline: bool) -> None:
        self.build, self.base, self.offline = build, base, offline

    def page(self, source: str) -> str:
        """A page's address from its file in docs/, e.g. checklists/index.md."""
        if self.offline:
            return source.removesuffix(".md") + ".html"
        return re.sub(r"(^|/)index/$", r"\1", source.removesuffix(".md") + "/")

    def url(self, source: str) -> str:
        return self.base + self.page(source)

    def html(self, source: str) -> str:
        page = self.page(source)
        return (self.build.site / (page if self.offline else page + "index.html")).read_text(encoding="utf-8")


@pytest.fixture(params=["online", "offline"])
def where(request, guide: Build, offline_guide: Build, guide_url: str) -> Guide:
    if request.param == "online":
        return Guide(guide, guide_url, offline=False)
    assert offline_guide.returncode == 0, offline_guide.output
    return Guide(offline_guide, offline_guide.site.resolve().as_uri() + "/", offline=True)


def shown_progress(page) -> list[str]:
    return page.locator("article .pl-link-progress").all_inner_texts()


def links_to(page, name: str):
    return page.locator(f"article a[href$='{name}/'], article a[href$='{name}.html'],"
                        f" article a[href$='{name}/#the-checklist'], article a[href$='{name}.html#the-checklist']")


def moved_beyond_the_progress(page) -> list[str]:
    """What moved on the page after it was first shown, outside the paragraphs and list items
    that got a progress note (their own text may reflow; nothing below them may jump)."""
    return page.evaluate("""() => new Promise(done => {
      const moved = [];
      new PerformanceObserver(list => list.getEntries().forEach(e => {
        if (!e.hadRecentInput) e.sources.forEach(s => moved.push(s.node));
      })).observe({type: "layout-shift", buffered: true});
      const block = node => node && (node.nodeType === 1 ? node : node.parentElement).closest("li, p, td, dd");
      const noted = [...document.querySelectorAll(".pl-link-progress")].map(block);
      setTimeout(() => done(moved.filter(node => !noted.includes(block(node)))
        .map(node => node ? node.textContent.trim().slice(0, 60) : "(removed)")), 200);
    })""")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_progress_shows_beside_links_to_a_started_checklist_and_goes_with_reset(
    browser, where: Guide, width: int
) -> None:
    # The checklist the home page points to first, if it points to one, else the index's first.
    started = (linked_checklists(where.html("index.md")) or linked_checklists(where.html("checklists/index.md")))[0]
    total = items(ROOT / "docs" / "checklists" / f"{started}.md")
    context = browser.new_context(viewport={"width": width, "height": 844})
    context.set_default_timeout(5000)
    page = context.new_page()
    try:
        for source in ["index.md", "checklists/index.md"]:  # nothing started: nothing shown
            page.goto(where.url(source))
            assert shown_progress(page) == [], source

        page.goto(where.url(f"checklists/{started}.md"))
        wait_for_checklist(page)
        boxes = page.locator("li.task-list-item[id] input[type=checkbox]")
        boxes.nth(0).check(force=True)
        boxes.nth(1).check(force=True)
        page.locator("li.task-list-item[id] .checklist-more-toggle").first.click()
        page.locator("li.task-list-item[id] textarea").first.fill(NOTE)

        for source in ["checklists/index.md", "index.md"]:
            page.goto(where.url(source))
            links = links_to(page, started)
            expected = f"(2 of {total} ticked)"
            assert shown_progress(page) == [expected] * links.count(), source
            for i in range(links.count()):
                link = links.nth(i)
                # right after the link, outside its name: the link still says only where it goes
                assert link.evaluate("a => a.nextElementSibling.textContent.trim()") == expected
                assert "ticked" not in link.inner_text()
            if source == "checklists/index.md":
                assert links.count() >= 1
                assert moved_beyond_the_progress(page) == []
                assert violations(page, f"{source} with progress at {width} px") == []

        page.goto(where.url(f"checklists/{started}.md"))
        wait_for_checklist(page)
        page.get_by_role("button", name="Reset", exact=True).click()
        page.get_by_role("button", name="Clear ticks and notes").click()
        assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('practice-led:progress:'))") == []
        page.goto(where.url("checklists/index.md"))
        assert shown_progress(page) == []
    finally:
        context.close()


def test_progress_is_kept_under_the_page_path_and_follows_instant_navigation(published_page) -> None:
    page = published_page
    name = LONGEST.stem
    page.goto(PUBLISHED_URL + "checklists/")
    page.evaluate("window.__sameDocument = true")
    links_to(page, name).first.click()
    wait_for_checklist(page)
    page.locator("li.task-list-item[id] input[type=checkbox]").first.check(force=True)
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('practice-led:progress:checklists/{name}/'))")
    assert saved["done"] == 1 and saved["total"] == items(LONGEST)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", saved["updated"])

    page.go_back()
    page.wait_for_selector("article .pl-link-progress")
    assert page.evaluate("window.__sameDocument === true")  # Material swapped the page in place
    assert shown_progress(page) == [f"(1 of {items(LONGEST)} ticked)"]


# --- Print checklist only --------------------------------------------------------------------

def pdf_pages_and_text(pdf: bytes, folder: Path) -> tuple[int, str]:
    path = folder / "sheet.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)), " ".join(text.split())


def test_print_checklist_only_fits_the_longest_ticked_and_noted_checklist_on_one_a4_sheet(
    browser, guide_url: str, tmp_path: Path, a4_sheets
) -> None:
    total = items(LONGEST)
    title = re.search(r"^# (.+)$", LONGEST.read_text(encoding="utf-8"), re.M).group(1)
    page = browser.new_page()
    page.set_default_timeout(5000)
    try:
        page.goto(guide_url + f"checklists/{LONGEST.stem}/")
        for item in page.locator("li.task-list-item[id]").all():
            item.locator("input[type=checkbox]").check(force=True)
            item.locator(".checklist-more-toggle").click()
            item.locator("textarea").fill(NOTE)
        page.evaluate("window.print = () => { window.__printed = true; }")
        page.get_by_role("button", name="Print checklist only").click()
        assert page.evaluate("window.__printed === true")

        page.emulate_media(media="print")
        pages, text = pdf_pages_and_text(page.pdf(format="A4", prefer_css_page_size=True), tmp_path)
        assert pages == 1
        assert title in text and f"{total} of {total} ticked" in text
        assert text.count(NOTE) == total
        assert ACTION_LINES in text
        quotes = basis_quotes(LONGEST)
        assert [quote for quote in quotes if quote in text] == []
        assert "Words of" not in text

        # Once the print is over, the whole page prints again, its sources with it.
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        pages, text = pdf_pages_and_text(page.pdf(format="A4", prefer_css_page_size=True), tmp_path)
        assert pages > 1
        assert all(quote in text for quote in quotes)
        assert ACTION_LINES not in text
    finally:
        page.close()
