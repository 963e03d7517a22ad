"""Course packs (trainers/packs/), in a real browser: a trainer chooses pages and single
checklist items, prints them as one pack in that order, copies the links, shares the choice;
each session outline opens its own pack; the offline copy says what it can do instead."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

from conftest import ROOT, Build
from site_pages import goto

import url_manifest as um

SITE_URL = um.load_config(ROOT / "mkdocs.yml")["site_url"]
PACKS = "trainers/packs/"
# Three pages and two single items, in the order a trainer ticks them ...
TICKED = ["principles/leadership/", "as-holistic-strategy", "checklists/tokenism-review/",
          "as-training", "context/"]
# ... then "Move up" on the last one: the pack's order.
ORDER = ["principles/leadership/", "as-holistic-strategy", "checklists/tokenism-review/",
         "context/", "as-training"]
READY = ".pl-pack-output[data-pl-pack-ready]"


def titles_and_addresses(guide: Build, keys: list[str]) -> list[tuple[str, str]]:
    """What the built guide says each key is: a page's <h1>, or an item's checklist and text
    (checklists.json), with its public address."""
    items = {item["id"]: (checklist["title"], item["text"], item["url"])
             for checklist in json.loads((guide.site / "checklists.json").read_text())["checklists"]
             for item in checklist["items"]}
    found = []
    for key in keys:
        if key in items:
            checklist, text, url = items[key]
            found.append((f"{checklist}: {text}", url))
        else:
            h1 = re.search(r"<h1[^>]*>(.*?)</h1>", guide.page(key), re.DOTALL).group(1)
            h1 = re.sub(r'<a class="headerlink".*?</a>', "", h1)  # its ¶
            found.append((html.unescape(re.sub(r"<[^>]+>", "", h1)).strip(), SITE_URL + key))
    return found


def pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "pack.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def tick(page, title: str) -> None:
    page.get_by_role("checkbox", name=f"In the pack: {title}", exact=True).check()


def parts_in_order(page) -> list[str]:
    """The public address each part of the assembled pack ends with, in order."""
    return page.locator(f"{READY} .pl-print-address").evaluate_all(
        "lines => lines.map(l => l.textContent.replace(/^Online: /, ''))")


def test_a_pack_of_three_pages_and_two_items_prints_in_the_chosen_order_with_its_links(
    browser, guide: Build, guide_url: str, tmp_path: Path
) -> None:
    expected = titles_and_addresses(guide, ORDER)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    goto(page, guide_url, PACKS)
    for title, _ in titles_and_addresses(guide, TICKED):
        tick(page, title)
    page.get_by_role("button", name=f"Move up: {expected[3][0]}", exact=True).click()
    page.wait_for_selector(READY, state="attached")
    assert parts_in_order(page) == [url for _, url in expected]

    text = pdf_text(page.pdf(format="A4", prefer_css_page_size=True), tmp_path)
    positions = [text.find(f"Online: {url}") for _, url in expected]
    assert -1 not in positions and positions == sorted(positions), positions
    assert "Choose pages and items" not in text  # only the pack prints, not the page that makes it
    assert text.count("\f") >= 4  # each page starts a new sheet

    lists = {f: page.locator(f"#pl-pack-links-{f}").input_value() for f in ("text", "markdown", "html")}
    assert lists["text"] == "\n\n".join(f"{title}\n{url}" for title, url in expected)
    assert lists["markdown"] == "\n".join(f"- [{title}]({url})" for title, url in expected)
    assert lists["html"] == "<ul>\n" + "\n".join(
        f'  <li><a href="{html.escape(url)}">{html.escape(title, quote=False)}</a></li>' for title, url in expected
    ) + "\n</ul>"
    page.get_by_role("button", name="Copy Markdown").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('- ['))")
    assert page.evaluate("navigator.clipboard.readText()") == lists["markdown"]

    share = page.locator("#pl-pack-share-link").input_value()
    assert share == f"{SITE_URL}{PACKS}?pack={','.join(ORDER)}"
    assert page.url.split("#")[0].endswith(share[len(SITE_URL):])  # a reload keeps the pack
    shared = context.new_page()  # the shared link, opened elsewhere, rebuilds the same pack
    goto(shared, guide_url, share[len(SITE_URL):])
    shared.wait_for_selector(READY, state="attached")
    assert parts_in_order(shared) == parts_in_order(page)
    assert all(shared.get_by_role("checkbox", name=f"In the pack: {t}", exact=True).is_checked()
               for t, _ in expected)
    context.close()


def test_each_session_outline_opens_its_own_pack_in_one_click(browser, guide_url: str) -> None:
    page = browser.new_page()
    goto(page, guide_url, "trainers/sessions/")
    # Each outline's pack: the pages its section links to, in the order it first links them.
    wanted = page.evaluate("""() => {
        const packs = {};
        for (const link of document.querySelectorAll('a.pl-session-pack')) {
            let h = link.closest('p').previousElementSibling;
            while (h.tagName !== 'H2') h = h.previousElementSibling;
            const pages = [];
            for (let el = h.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling)
                for (const a of el.querySelectorAll('a[href]:not(.pl-session-pack)')) {
                    const url = new URL(a.href);
                    if (url.origin === location.origin && !pages.includes(url.pathname)) pages.push(url.pathname);
                }
            packs[h.id] = pages;
        }
        return packs;
    }""")
    assert len(wanted) == 4 and all(len(pages) >= 4 for pages in wanted.values()), wanted
    for outline in wanted:
        goto(page, guide_url, "trainers/sessions/")
        page.locator(f"h2#{outline} ~ p a.pl-session-pack").first.click()
        page.wait_for_selector(READY, state="attached")
        paths = [address[len(SITE_URL) - 1:] for address in parts_in_order(page)]
        assert paths == [p for p in wanted[outline] if p != "/trainers/packs/"], outline
    page.close()


def test_a_session_outlines_pack_opens_by_instant_navigation(published_page) -> None:
    """Readers of the published guide move between pages without a reload: the pack page,
    swapped in with its ?pack= address, still puts the pack together."""
    page = published_page
    page.goto(SITE_URL + "trainers/sessions/")
    page.evaluate("window.__sameDocument = true")
    page.locator("h2#sessions-principles ~ p a.pl-session-pack").first.click()
    page.wait_for_selector(READY, state="attached")
    assert page.evaluate("window.__sameDocument === true")
    assert parts_in_order(page)[0] == SITE_URL + "principles/practice-led-management/"
    assert page.url.split("#")[0] == SITE_URL + PACKS + "?pack=" + ",".join(
        address[len(SITE_URL):] for address in parts_in_order(page))


def test_the_offline_copy_lists_the_pack_to_open_and_print_and_still_gives_its_links(
    browser, offline_guide: Build
) -> None:
    assert offline_guide.returncode == 0, offline_guide.output
    page = browser.new_page()
    page.goto((offline_guide.site / "trainers" / "packs.html").as_uri() + "?pack=" + ",".join(ORDER))
    page.wait_for_selector(READY, state="attached")
    folder = page.locator(".pl-pack-folder")
    assert "cannot be put together as one document here" in folder.inner_text()
    site = offline_guide.site.as_uri() + "/"
    links = [link.removeprefix(site) for link in
             folder.locator("ol a").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
    assert [re.sub(r"\.html(#.*)?$", "", link) for link in links] == [
        "principles/leadership", "checklists/access-and-support", "checklists/tokenism-review",
        "context/index", "checklists/access-and-support"]
    assert links[1].endswith("#as-holistic-strategy") and links[4].endswith("#as-training")
    assert folder.get_by_role("link", name=re.compile("print version")).count() == 3  # principles, checklists, context
    assert not page.get_by_role("button", name="Print the pack").is_visible()
    assert page.locator("#pl-pack-links-text").input_value().splitlines()[1] == SITE_URL + ORDER[0]
    page.close()


def test_a_pack_link_naming_something_the_guide_lacks_says_so(browser, guide_url: str) -> None:
    key = "no-such-item"
    page = browser.new_page()
    goto(page, guide_url, f"{PACKS}?pack=context/,{key}")
    page.wait_for_selector(READY, state="attached")
    assert f"does not have: {key}" in page.locator(".pl-pack-status").inner_text()
    assert len(parts_in_order(page)) == 1
    page.close()


def test_without_javascript_the_pack_page_lists_every_link_and_says_why_it_cannot_choose(
    browser, guide_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(guide_url + PACKS)  # not goto(): it waits for what the script adds
    assert "needs the page's script" in page.locator(".pl-pack").inner_text()
    assert page.locator(".pl-pack-panel").is_hidden()  # controls that would do nothing
    shown = page.locator(".pl-pack-pick").evaluate_all("boxes => [boxes.length, boxes.filter(b => b.checkVisibility()).length]")
    assert shown[0] > 50 and shown[1] == 0, f"{shown[1]} of {shown[0]} boxes to tick shown"
    assert page.locator("a[data-pl-pack='as-training']").is_visible()
    context.close()
