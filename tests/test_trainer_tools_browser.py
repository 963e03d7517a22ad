"""In a real browser: copy link, cite this page, print, and the offline copy from a folder."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
from conftest import ROOT, Build
from page_sweep import REPORT_VIOLATIONS, recording_violations
from site_pages import goto
from test_site import fetched_urls, is_external

import url_manifest as um

SITE_URL = um.load_config(ROOT / "mkdocs.yml")["site_url"]
CHECKLIST = "checklists/access-and-support/"
ITEM = "as-holistic-strategy"
PRINCIPLES = "principles/practice-led-management/"
POINT = "pl-grounded-in-practice"


@pytest.fixture
def clipboard_page(browser):
    """A page in a context that may read and write the clipboard."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def announced(page) -> str:
    """What Material's copy confirmation said, read out as a status message (guide-a11y.js)."""
    page.wait_for_function("document.querySelector('.md-dialog')?.textContent.trim().length > 0")
    region = page.locator(".md-dialog")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    return region.text_content().strip()


# --- Copy link ----------------------------------------------------------------------------

def item_copy_link(page):
    """The item's copy-link button, behind its "Note and link" control, opened as a reader does."""
    page.locator(f"li#{ITEM}").get_by_role("button", name=re.compile("note and link$", re.I)).click()
    return page.locator(f"li#{ITEM}").get_by_role("button", name="Copy link to this item")


def test_copy_link_on_a_checklist_item_copies_its_public_address(clipboard_page, guide_url: str) -> None:
    page = clipboard_page
    page.goto(guide_url + CHECKLIST)
    item_copy_link(page).click()
    assert clipboard(page) == f"{SITE_URL}{CHECKLIST}#{ITEM}"
    assert announced(page) == "Copied to clipboard"


def test_copy_link_on_a_principle_point_works_from_the_keyboard(clipboard_page, guide_url: str) -> None:
    page = clipboard_page
    goto(page, guide_url, PRINCIPLES)
    button = page.get_by_role("button", name="Copy link to this section").and_(
        page.locator(f"h2#{POINT} .pl-copy-link"))
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert clipboard(page) == f"{SITE_URL}{PRINCIPLES}#{POINT}"
    assert confirmation_shown(page) == "Copied to clipboard"


def confirmation_shown(page) -> str:
    """Material's "Copied to clipboard" box, seen on screen (not only read out)."""
    page.wait_for_selector(".md-dialog.md-dialog--active", state="attached")
    dialog = page.locator(".md-dialog")
    page.wait_for_function("""() => {
        const d = document.querySelector('.md-dialog'), r = d.getBoundingClientRect(), s = getComputedStyle(d);
        return s.visibility === 'visible' && parseFloat(s.opacity) > 0.9 && r.width > 50
            && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
    }""")
    return dialog.inner_text().strip()


def test_copying_an_items_link_shows_its_confirmation_on_screen(clipboard_page, guide_url: str) -> None:
    page = clipboard_page
    goto(page, guide_url, CHECKLIST)
    item_copy_link(page).click()
    assert confirmation_shown(page) == "Copied to clipboard"


def test_every_heading_shows_one_link_control(browser, guide_url: str) -> None:
    page = browser.new_page()
    goto(page, guide_url, PRINCIPLES)
    controls = page.evaluate("""() => [...document.querySelectorAll('.md-content__inner :is(h2, h3, h4)[id]')]
        .map(h => [h.id, [...h.querySelectorAll('a[href], button')].filter(c => c.checkVisibility())
            .map(c => c.className)])""")
    page.close()
    assert len(controls) > 7
    assert [(h, c) for h, c in controls if c != ["pl-copy-link"]] == []


# --- Where a link lands ---------------------------------------------------------------------

def landed(page) -> list[str]:
    """The headings and items shown as where the link landed: marked with a visible outline."""
    return page.evaluate("""() => [...document.querySelectorAll('.md-content :is(h2, h3, h4, li.task-list-item)')]
        .filter(el => getComputedStyle(el).outlineStyle === 'solid' && parseFloat(getComputedStyle(el).outlineWidth) >= 2)
        .map(el => el.id)""")


def test_a_link_to_an_item_marks_the_item_and_leaves_its_tick_working(browser, guide_url: str) -> None:
    page = browser.new_page()
    goto(page, guide_url, f"{CHECKLIST}#{ITEM}")
    assert landed(page) == [ITEM]
    box = page.locator(f"li#{ITEM} input[type=checkbox]")
    box.check(force=True)  # the visible box sits over the real input
    tick = page.locator(f"li#{ITEM} .task-list-indicator").evaluate("el => getComputedStyle(el, '::after').content")
    assert box.is_checked() and tick != "none" and landed(page) == [ITEM]
    page.goto(guide_url + CHECKLIST + "#as-training")  # another item on the same page
    assert landed(page) == ["as-training"]
    page.close()


def test_every_heading_and_checklist_item_with_an_id_gets_a_copy_link(browser, guide_url: str) -> None:
    page = browser.new_page()
    goto(page, guide_url, CHECKLIST)
    counts = page.evaluate("""() => {
        const content = document.querySelector('.md-content__inner');
        const targets = [...content.querySelectorAll('h2[id], h3[id], h4[id], li.task-list-item[id]')];
        return [targets.length, targets.filter(t => t.querySelector('.pl-copy-link')).length];
    }""")
    page.close()
    assert counts[0] > 9 and counts[0] == counts[1]


def test_copy_link_works_after_instant_navigation(published_page) -> None:
    page = published_page
    page.goto(SITE_URL + "checklists/")
    page.evaluate("window.__sameDocument = true")
    page.locator(f".md-content a[href$='{CHECKLIST.split('/')[1]}/']").first.click()
    # navigation.tracking may already have put the section in view into the address.
    page.wait_for_url(re.compile(re.escape(SITE_URL + CHECKLIST) + r"(#[\w-]*)?$"))
    assert page.evaluate("window.__sameDocument === true")  # Material swapped the page in place
    item_copy_link(page).click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert clipboard(page) == f"{SITE_URL}{CHECKLIST}#{ITEM}"


def test_a_link_followed_by_instant_navigation_marks_where_it_lands(published_page) -> None:
    """Instant navigation changes the address without the browser following it, so :target
    would not mark the item: the guide's script does."""
    page = published_page
    page.goto(SITE_URL + "trainers/linking/")
    page.evaluate("window.__sameDocument = true")
    link = page.locator(f".md-content a[href$='#{ITEM}']").first
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # the contents' tracking has put the section in view in the address
    link.click()
    page.wait_for_url(re.compile(re.escape(SITE_URL + CHECKLIST)))
    page.wait_for_selector(f"li#{ITEM}.pl-landed")
    assert page.evaluate("window.__sameDocument === true")
    assert landed(page) == [ITEM]


def test_the_online_build_opened_from_a_folder_still_sets_up_its_page_tools(browser, guide: Build) -> None:
    """From file:// Material ends its stream of pages (document$) without giving the first one."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto((guide.site / CHECKLIST / "index.html").as_uri())
    item_copy_link(page).click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert clipboard(page) == f"{SITE_URL}{CHECKLIST}#{ITEM}"
    assert page.locator(".checklist-tools").count() == 1
    context.close()


# --- Cite this page ----------------------------------------------------------------------------

def test_cite_this_page_copies_the_harvard_reference_and_bibtex(clipboard_page, guide_url: str) -> None:
    page = clipboard_page
    page.goto(guide_url + CHECKLIST)
    page.get_by_role("button", name="Copy reference").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('Practice-Led'))")
    harvard = clipboard(page)
    assert harvard == " ".join(page.locator("#cite-harvard").inner_text().split())
    assert f"Available at: {SITE_URL}{CHECKLIST} (Accessed: [date])." in harvard
    assert announced(page) == "Copied to clipboard"
    # Pasted into a word processor, the reference keeps its italics.
    html = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        return await (await item.getType('text/html')).text();
    }""")
    assert "<em>Practice-Led</em>" in html and f"Available at: {SITE_URL}{CHECKLIST}" in html
    page.get_by_text("BibTeX entry").click()
    page.get_by_role("button", name="Copy BibTeX").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('@misc'))")
    bibtex = clipboard(page)
    assert f"url          = {{{SITE_URL}{CHECKLIST}}}" in bibtex and bibtex.rstrip().endswith("}")


def test_the_whole_guide_s_reference_copies_apart_from_the_page_s(clipboard_page, guide_url: str) -> None:
    """The home page has two references, each with buttons named for what they copy."""
    page = clipboard_page
    page.goto(guide_url)
    page.get_by_role("button", name="Copy the guide's reference").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.includes('(Accessed: [date])'))")
    assert clipboard(page) == " ".join(page.locator("#cite-guide-harvard").inner_text().split())
    assert clipboard(page).endswith(f"Practice-Led. Available at: {SITE_URL} (Accessed: [date]).")
    page.get_by_text("BibTeX entry for the whole guide").click()
    page.get_by_role("button", name="Copy the guide's BibTeX").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('@misc{practiceled-guide,'))")
    assert f"url          = {{{SITE_URL}}}" in clipboard(page)


def test_pages_show_review_dates_and_cite_this_page(browser, guide_url: str) -> None:
    page = browser.new_page()
    for path in ["", PRINCIPLES, CHECKLIST, "print/checklists/", "trainers/questions/"]:
        page.goto(guide_url + path)
        assert page.get_by_role("heading", name="Cite this page").is_visible(), path
        assert page.get_by_text("Last reviewed:").is_visible(), path
        assert page.get_by_text("Next review due:").is_visible(), path
        assert page.get_by_role("button", name="Copy reference").is_visible(), path
    page.close()


# --- Print ---------------------------------------------------------------------------------

def test_print_hides_navigation_and_keeps_items_sources_and_link_addresses(browser, guide_url: str) -> None:
    page = browser.new_page()
    goto(page, guide_url, CHECKLIST)
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   f"li#{ITEM} .pl-copy-link", ".pl-cite-actions"]:
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(f"li#{ITEM}").is_visible()
    assert page.locator(".footnote li").first.is_visible()
    assert page.get_by_text("Cite this page").is_visible()
    after = "(a) => getComputedStyle(a, '::after').content"
    external = page.locator(".pl-page-info a[href^='https://github.com']")
    assert external.get_attribute("href") in external.evaluate(after)
    internal = page.locator(".md-content a.pl-internal").first
    assert internal.evaluate(after) in ("none", "normal")
    page.close()


def test_printing_before_the_page_is_idle_still_marks_links_and_adds_buttons(
    browser, guide_url: str
) -> None:
    page = browser.new_page()
    page.add_init_script("window.requestIdleCallback = function () { return 0; };")  # never idle
    page.goto(guide_url + CHECKLIST)
    assert page.locator(".pl-copy-link").count() == 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".md-content a.pl-internal").count() > 0
    assert page.locator(f"li#{ITEM} .pl-copy-link").count() == 1
    page.close()


def test_print_is_dark_ink_on_white_even_from_the_dark_palette(browser, guide_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(guide_url + CHECKLIST)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate("""() => [
        getComputedStyle(document.querySelector('.md-content p')).color,
        getComputedStyle(document.querySelector('.md-typeset h2')).color,
        getComputedStyle(document.body).backgroundColor]""")
    context.close()
    assert colours == ["rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(255, 255, 255)"]


def test_a_checklist_prints_on_at_most_two_a4_sheets(browser, guide_url: str, a4_sheets) -> None:
    page = browser.new_page()
    page.goto(guide_url + CHECKLIST)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2


HANDOUT = "print/your-say/"
SMALLEST_PT = 14
PX_PER_PT = 96 / 72

# Every visible run of words in the article on paper, and every link address print.css adds
# after a link: its font size and line height in pixels, its element, and what it says.
PRINTED_TEXT = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !element.checkVisibility()) continue;
    const style = getComputedStyle(element);
    found.push([parseFloat(style.fontSize), style.lineHeight, element.tagName,
                walker.currentNode.textContent.trim().slice(0, 40)]);
  }
  for (const link of document.querySelectorAll("article a[href^='http']")) {
    const after = getComputedStyle(link, "::after");
    if (link.checkVisibility() && after.content !== "none") found.push([parseFloat(after.fontSize), "", "A", link.href]);
  }
  return found;
}"""


def test_the_large_print_handout_prints_every_word_at_14pt_or_more_in_one_column(browser, guide_url: str) -> None:
    page = browser.new_page()
    goto(page, guide_url, HANDOUT)
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED_TEXT)
    assert len(printed) > 100
    small = [f"{size / PX_PER_PT:.1f} pt: {text}" for size, _, _, text in printed if size < SMALLEST_PT * PX_PER_PT - 0.01]
    assert small == [], "words in the large-print handout set under 14 pt:\n" + "\n".join(small)
    cramped = [text for size, height, tag, text in printed
               if tag in ("P", "LI") and height.endswith("px") and float(height[:-2]) < 1.5 * size]
    assert cramped == [], f"lines of text spaced under 1.5 in the handout: {cramped}"
    lefts = page.evaluate("""() => [...document.querySelectorAll('article .pl-print-chapter > p')]
        .map(p => Math.round(p.getBoundingClientRect().left))""")
    assert len(set(lefts)) == 1, f"paragraphs start at {sorted(set(lefts))}: not one column"
    slip = page.locator(".pl-reply-slip li").first
    assert slip.bounding_box()["height"] > 4 * SMALLEST_PT * PX_PER_PT, "no room to write on the reply slip"
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 5


def test_a_page_of_the_section_links_to_the_handout_on_screen_but_not_on_paper(browser, guide_url: str) -> None:
    page = browser.new_page()
    goto(page, guide_url, "your-say/")
    link = page.get_by_role("link", name=re.compile("^Large print"))
    assert link.is_visible()
    link.click()
    page.wait_for_url(re.compile(re.escape(HANDOUT) + "$"))
    goto(page, guide_url, "your-say/")
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name=re.compile("^Large print")).is_visible()
    page.close()


# --- The offline copy ----------------------------------------------------------------------

def test_offline_copy_loads_nothing_from_another_host(offline_guide: Build) -> None:
    assert offline_guide.returncode == 0, offline_guide.output
    offenders = {}
    for path in offline_guide.pages():
        external = [u for u in fetched_urls(path.read_text(encoding="utf-8")) if is_external(u)]
        if external:
            offenders[str(path.relative_to(offline_guide.site))] = external
    assert offenders == {}
    assert (offline_guide.site / "search" / "search_index.js").is_file()


def test_only_the_offline_copy_drops_instant_navigation(guide: Build, offline_guide: Build) -> None:
    assert guide.returncode == 0 and offline_guide.returncode == 0, offline_guide.output
    features = re.compile(r'"features": \[([^\]]*)\]')
    online = features.search((guide.site / "index.html").read_text(encoding="utf-8")).group(1)
    offline = features.search((offline_guide.site / "index.html").read_text(encoding="utf-8")).group(1)
    assert '"navigation.instant"' in online
    assert "navigation.instant" not in offline
    assert set(offline.split(", ")) == set(online.split(", ")) - {'"navigation.instant"'}


def test_offline_copy_opens_from_a_folder_and_search_works(browser, offline_guide: Build) -> None:
    assert offline_guide.returncode == 0, offline_guide.output
    """Search runs in a hidden frame there (iframe-worker), under the page's Content-Security-Policy."""
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with recording_violations(page) as refused:
        page.goto((offline_guide.site / "index.html").as_uri())
        assert page.title().startswith("Practice-Led")
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially("tokenism", delay=20)
        first = page.locator(".md-search-result__item a").first
        first.wait_for(timeout=15000)
        assert urlparse(first.get_attribute("href")).scheme == "file"
        first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and "tokenism" in page.content().lower()
    context.close()
    assert [u for u in requests if urlparse(u).scheme not in {"file", "data", "blob", "about"}] == []
    assert refused == []


def test_offline_copy_copies_public_addresses(browser, offline_guide: Build) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto((offline_guide.site / "checklists" / "access-and-support.html").as_uri())
    item_copy_link(page).click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert clipboard(page) == f"{SITE_URL}{CHECKLIST}#{ITEM}"
    context.close()


def test_make_build_puts_the_download_where_the_link_points(guide: Build) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\nbuild:"):].split("\n\n")[0]
    assert "scripts/tools/offline_copy.py" in recipe
    assert (guide.site / "practice-led-offline.zip").is_file()
    handouts = (ROOT / "docs" / "trainers" / "handouts.md").read_text(encoding="utf-8")
    link = re.search(r'href="([^"]*practice-led-offline\.zip)"', handouts).group(1)
    # trainers/handouts.md is served at trainers/handouts/: the link must reach the site root.
    assert urljoin("http://h/trainers/handouts/", link) == "http://h/practice-led-offline.zip"


def test_only_the_online_guide_offers_the_download(guide: Build, offline_guide: Build) -> None:
    """The zip is not inside the offline copy, so the copy says where the reader is instead."""
    online = (guide.site / "trainers" / "handouts" / "index.html").read_text(encoding="utf-8")
    offline = (offline_guide.site / "trainers" / "handouts.html").read_text(encoding="utf-8")
    download = re.compile(r'href="[^"]*practice-led-offline\.zip"')
    assert download.search(online)
    assert re.search(r'<p class="pl-offline-only" hidden[ >]', online)
    assert not download.search(offline)
    assert '<p class="pl-offline-only">' in offline and "reading the offline copy" in offline
