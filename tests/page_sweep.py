"""One sweep over every page in a real browser, recording what the page-level checks read.

Opening a page and letting axe-core read it is most of what a browser test costs, so every
page of the guide is opened once per viewport (phone 390 px, desktop 1280 px) in Debian's
chromium, the two viewports side by side in two browsers, and everything the checks need is
recorded during that one visit:

1. every request the page makes, from navigation to the end of the visit (test_privacy.py;
   the search index is answered without its documents, see without_documents),
   and everything the page's Content-Security-Policy refused, in any of its frames
   (test_content_security_policy.py);
2. its title, as the browser shows it, where its first tick box ends, how far its layout
   shifted while it opened and set itself up, before anything was pressed (test_every_page.py),
   and each checklist item (test_every_page.py): its tab stops and how much taller than its text it is, closed;
   then each item's Source control is opened from the keyboard (focus, Enter) and what its
   panel shows is recorded. The panels are left open, so that axe checks them too;
3. axe-core's WCAG 2.2 A/AA violations in the palette the page opened in, then, at one of
   the two widths (the phone for the first page, the desktop for the next, and so on), the
   rules that read colour in the other palette (test_accessibility.py; COLOUR_RULES says why).
   The palette is switched with the toggle a reader uses, without reloading: Material
   keeps the palette it chose when the page opened, so a change of prefers-color-scheme
   alone leaves an open page as it is;
4. last, the page is scrolled to the end and the network left to settle, so that content
   loaded lazily is recorded too.

The `sweep` fixture in conftest.py runs this over the guide once per session, and
`offline_sweep` over the offline copy; the tests only read their record, so a failure names
page, viewport and palette without opening anything again. A problem opening a page (a
timeout, a missing palette toggle) is recorded for that visit too, in `errors`, and the rest
of the sweep goes on.

To add a check, extend this sweep instead of opening every page again:
- give `Visit` a field for what the check records;
- fill it in `visit()` at the step it needs: a listener attached next to the request
  recorder sees the whole visit (for example `page.on("console", ...)` for the errors a
  Content-Security-Policy violation logs); a look at the page as it opened goes beside
  the title; anything that depends on the palette goes in the palette loop;
- write a test that reads `sweep.visits` and fails naming page, viewport and the fix.
Every step runs twice per page, so keep each one to a single call into the page (the
keyboard is the exception: two calls per checklist item, on checklist pages only).
"""

from __future__ import annotations

import json
import multiprocessing
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from chromium import launch
from playwright.sync_api import Error as PlaywrightError
from site_pages import goto

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
# The guide's palettes, by the prefers-color-scheme each is bound to in mkdocs.yml, and the
# scheme Material shows for it as data-md-color-scheme on <body>.
PALETTES = {"light": "default", "dark": "slate"}
# Axe and page loads keep a browser busy: two browsers use two cores where one leaves the
# second idle (sweep_site).
BROWSERS = 2
# For pages without Material's palette toggle (the regression fixtures): axe once, as shown.
AS_SHOWN: dict[str, str | None] = {"as shown": None}

# Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA that axe-core knows.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# A palette changes colours and nothing else, so in the second palette only the rules that
# read colour can find anything new; running just those halves what axe costs there.
# They run at one width a page, taking turns: a page's own content has the same colours and
# text sizes at both widths, and what differs by width (the header's tabs and the sidebars,
# shown at one width only, and the checklist toolbar's smaller text on a phone) is styled the
# same on every page, so it is still checked in both palettes at both widths, on half the
# pages each. At both widths, the second palette took a third of the sweep's time.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_COLOUR_OPTIONS = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}
AXE_SOURCE = Axe().axe_script
# Each Content-Security-Policy violation, in every frame, as one console error line; the
# browser logs its own error too, which also covers frames the init script does not reach.
VIOLATION = "Content-Security-Policy refused:"
REPORT_VIOLATIONS = (
    "addEventListener('securitypolicyviolation', e => console.error("
    f"`{VIOLATION} ${{e.effectiveDirective}} ${{e.blockedURI || 'inline'}} (${{e.sourceFile}}:${{e.lineNumber}})`))"
)
BROWSER_VIOLATION = "Content Security Policy"
# Material's search index, which every page's search worker loads (see without_documents).
SEARCH_INDEX = "**/search/search_index.json"
# Requests that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}

# Each layout shift of the page, from its start (the browser's layout-shift entries, as
# Lighthouse adds them up for its Cumulative Layout Shift), with the elements that moved.
RECORD_SHIFTS = """new PerformanceObserver(list => list.getEntries().forEach(shift => (window.__plShifts ||= []).push({
  value: shift.value, line: `${shift.value.toFixed(3)} at ${Math.round(shift.startTime)} ms: ` + shift.sources.map(source => source.node
    ? source.node.nodeName.toLowerCase() + (source.node.id ? '#' + source.node.id : '')
      + (typeof source.node.className === 'string' && source.node.className ? '.' + source.node.className.trim().split(/\\s+/).join('.') : '')
    : '(gone)').join(', ')}))).observe({type: 'layout-shift', buffered: true})"""
# The shifts so far: two frames first, for the browser to report the last of them.
SHIFTS = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
  () => done(window.__plShifts || []))))"""

SHOWN_SCHEME = "document.body.getAttribute('data-md-color-scheme')"
PALETTE_TOGGLE = "form[data-md-component='palette'] label:not([hidden])"
# Material marks the body while it swaps palettes (transitions off); colours are final after.
PALETTE_SHOWN = (
    "scheme => document.body.getAttribute('data-md-color-scheme') === scheme"
    " && !document.body.hasAttribute('data-md-color-switching')"
)


# Per checklist item, closed: what takes a tab stop (in the item, not in an item nested in
# it), and how much taller the item is than with its row of controls taken out.
ITEMS_CLOSED = """() => [...document.querySelectorAll('article li.task-list-item[id]')].map(li => {
  const own = el => el.closest('li.task-list-item') === li;
  const focusable = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]';
  const stops = [...li.querySelectorAll(focusable)].filter(el => own(el) && !el.disabled
    && el.tabIndex >= 0 && el.checkVisibility()).map(el =>
      el.tagName.toLowerCase() + (el.textContent.trim() ? ' "' + el.textContent.trim().slice(0, 30) + '"' : ''));
  const row = li.querySelector(':scope > .pl-item-tools');
  const closed = li.getBoundingClientRect().height;
  let extra = 0;
  if (row) {
    row.style.display = 'none';
    extra = closed - li.getBoundingClientRect().height;
    row.style.display = '';
  }
  const line = parseFloat(getComputedStyle(li).lineHeight);
  return {id: li.id, stops, extra, line, source: !!(row && row.querySelector(':scope > .pl-source > summary'))};
})"""
# Per item, after its Source control was opened from the keyboard: what the reader sees.
ITEMS_OPENED = """() => [...document.querySelectorAll('article li.task-list-item[id]')].map(li => {
  const part = name => li.querySelector(':scope > .pl-item-tools > .pl-source[open] ' + name);
  const shown = el => !!el && el.checkVisibility() && el.getBoundingClientRect().height > 0
    ? el.innerText.trim() : '';
  return {id: li.id, words: shown(part('.pl-source-words')), citation: shown(part('.pl-source-cite'))};
})"""
SOURCE_CONTROL = 'li[id="{}"] > .pl-item-tools > .pl-source > summary'
# How far down the page, in CSS px, the first checklist item's box ends, once the checklist's
# own script has set it up (its toolbar takes room too); None on a page without one.
FIRST_TICK_BOX = """async () => {
  const box = document.querySelector('article li.task-list-item[id] .task-list-control');
  if (!box) return null;
  while (!document.querySelector('[data-checklist-ready]')) await new Promise(r => setTimeout(r, 50));
  return box.getBoundingClientRect().bottom + window.scrollY;
}"""


class SweepError(Exception):
    """A page could not be checked as the sweep means to check it."""


@dataclass
class Item:
    """One checklist item as the sweep found it."""

    id: str
    stops: list[str]  # what takes a tab stop in the closed item, in page order
    extra: float  # how much taller the closed item is than its text, in CSS px
    line: float  # the item's line height, in CSS px
    source: bool  # it has a Source control
    words: str = ""  # what its open Source panel shows: the quotation,
    citation: str = ""  # and the citation


@dataclass
class Visit:
    """What one page showed at one viewport."""

    path: str  # relative to the site's root; '' is the home page
    viewport: str
    title: str = ""
    first_tick_box: float | None = None  # where its first checklist box ends, in CSS px
    shift: float = 0.0  # how far its layout shifted as it opened, added up as Lighthouse does
    shifts: list[str] = field(default_factory=list)  # each of those shifts, one line each
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # Content-Security-Policy violations
    violations: dict[str, list[str]] = field(default_factory=dict)  # palette -> one line each
    items: list[Item] = field(default_factory=list)  # its checklist items
    errors: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"/{self.path}"


@dataclass
class Sweep:
    base_url: str
    visits: list[Visit]

    def at(self, viewport: str) -> list[Visit]:
        return [v for v in self.visits if v.viewport == viewport]


def sweep_site(
    browser, base_url: str, paths: list[str],
    viewports: dict[str, dict] = VIEWPORTS, palettes: dict[str, str | None] = PALETTES,
) -> Sweep:
    """Visit each path at each viewport; `palettes` ({} for none) are the palettes axe checks
    each page in, the second at one viewport a page, in turn (COLOUR_RULES). The visits are
    shared among BROWSERS browsers, by viewport, and by page when there are fewer viewports
    than browsers: the first share is swept here, in `browser`, each other one at the same
    time, in a process with a chromium of its own."""
    per_viewport = max(1, BROWSERS // len(viewports))
    shares = [(name, size, part, set(paths[k::len(viewports)])) for k, (name, size) in enumerate(viewports.items())
              for i in range(per_viewport) if (part := paths[i::per_viewport])]
    (name, size, part, every_palette), *others = shares
    if not others:
        return Sweep(base_url, sweep_viewport(browser, base_url, part, name, size, palettes, every_palette))
    spawn = multiprocessing.get_context("spawn")  # a fork would copy this process's Playwright
    with ProcessPoolExecutor(max_workers=len(others), mp_context=spawn) as pool:
        elsewhere = [pool.submit(sweep_in_own_browser, base_url, *share, palettes) for share in others]
        visits = sweep_viewport(browser, base_url, part, name, size, palettes, every_palette)
        for future in elsewhere:
            visits += future.result()
    order = [(viewport, path) for viewport in viewports for path in paths]
    return Sweep(base_url, sorted(visits, key=lambda v: order.index((v.viewport, v.path))))


def sweep_in_own_browser(
    base_url: str, viewport: str, size: dict, paths: list[str], every_palette: set[str],
    palettes: dict[str, str | None],
) -> list[Visit]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return sweep_viewport(browser, base_url, paths, viewport, size, palettes, every_palette)
        finally:
            browser.close()


def sweep_viewport(
    browser, base_url: str, paths: list[str], viewport: str, size: dict,
    palettes: dict[str, str | None], every_palette: set[str],
) -> list[Visit]:
    """Visit each path in one tab at one viewport: those in `every_palette` in every palette,
    the others in the one they open in."""
    context = browser.new_context(viewport=size, color_scheme="light")
    context.route(SEARCH_INDEX, without_documents)
    context.add_init_script(REPORT_VIOLATIONS)
    context.add_init_script(RECORD_SHIFTS)
    if palettes:
        context.add_init_script(AXE_SOURCE)  # given once; quicker than sending it to each page
    try:
        page = context.new_page()
        return [visit(page, base_url, path, viewport, palettes, path in every_palette) for path in paths]
    finally:
        context.close()


def without_documents(route) -> None:
    """The search index as the site serves it, with its documents left out.

    Material's search worker builds its index from every page's text each time a page
    opens, which costs about as much as axe's rules on the page; a reader's query is the
    only thing that reads it, and no query is typed here (test_content_security_policy.py
    searches the whole index). The request is still made and recorded, and the worker
    starts, and loads what it loads, as it does for a reader."""
    response = route.fetch()
    index = json.loads(response.text())
    route.fulfill(response=response, json={**index, "docs": []})


def visit(
    page, base_url: str, path: str, viewport: str, palettes: dict[str, str | None], every_palette: bool = True
) -> Visit:
    record = Visit(path, viewport)
    # 1. listeners that see the whole visit
    with recording_requests(page) as requests, recording_violations(page) as refused:
        try:
            goto(page, base_url, path)
            record.title = page.title()  # 2. the page as it opened, and its checklist items
            record.first_tick_box = page.evaluate(FIRST_TICK_BOX)
            shifts = page.evaluate(SHIFTS)
            record.shift = sum(shift["value"] for shift in shifts)
            record.shifts = [shift["line"] for shift in shifts]
            record.items = checklist_items(page)
            checked = shown_first(page, palettes)[: None if every_palette else 1]
            for turn, (name, scheme) in enumerate(checked):  # 3. each palette
                if scheme is not None:
                    show_palette(page, name, scheme, record.label)
                options = AXE_OPTIONS if turn == 0 else AXE_COLOUR_OPTIONS
                record.violations[name] = violations(page, record.label, options)
            settle(page, requests)  # 4. last: what loads once the reader scrolls
        except (PlaywrightError, SweepError) as error:
            record.errors.append(f"{record.label} ({viewport}): {str(error).splitlines()[0]}")
    record.requests = requests.urls
    record.refused = [f"{record.label} ({viewport}): {line}" for line in refused]
    return record


@dataclass
class Requests:
    """Every URL the page requests while the block runs, and the requests not yet answered."""

    urls: list[str] = field(default_factory=list)
    waiting: set = field(default_factory=set)

    def asked(self, request) -> None:
        self.urls.append(request.url)
        self.waiting.add(request)

    def answered(self, request) -> None:
        self.waiting.discard(request)


@contextmanager
def recording_requests(page) -> Iterator[Requests]:
    requests = Requests()
    listeners = {"request": requests.asked, "requestfinished": requests.answered,
                 "requestfailed": requests.answered}
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        yield requests
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)


@contextmanager
def recording_violations(page) -> Iterator[list[str]]:
    """Each Content-Security-Policy violation while the block runs, in any frame of the page
    (as REPORT_VIOLATIONS reports it, or as the browser logs it), one line each."""
    lines: list[str] = []

    def record(message) -> None:
        text = message.text
        if message.type == "error" and (text.startswith(VIOLATION) or BROWSER_VIOLATION in text):
            lines.append(text if len(text) <= 240 else text[:240] + "...")

    page.on("console", record)
    try:
        yield lines
    finally:
        page.remove_listener("console", record)


def checklist_items(page) -> list[Item]:
    """Each checklist item closed, then with its Source control opened from the keyboard
    (left open, for axe)."""
    items = [Item(**found) for found in page.evaluate(ITEMS_CLOSED)]
    for item in items:
        if item.source:
            page.focus(SOURCE_CONTROL.format(item.id))
            page.keyboard.press("Enter")
    if any(item.source for item in items):
        opened = {found["id"]: found for found in page.evaluate(ITEMS_OPENED)}
        for item in items:
            item.words, item.citation = opened[item.id]["words"], opened[item.id]["citation"]
    return items


def shown_first(page, palettes: dict[str, str | None]) -> list[tuple[str, str | None]]:
    """The palettes to check, the one the page opened in first: one switch per page."""
    if not palettes:
        return []
    shown = page.evaluate(SHOWN_SCHEME)
    return sorted(palettes.items(), key=lambda item: item[1] != shown)


def show_palette(page, name: str, scheme: str, label: str) -> None:
    """Show the page in a palette with the header's toggle, as a reader switches it.

    The click is dispatched, not made with the mouse: a pointer left over the toggle
    would show its tooltip, half faded in, to axe. The emulated system preference is set
    to match, as a reader's would be."""
    page.emulate_media(color_scheme=name)
    if page.evaluate(SHOWN_SCHEME) != scheme:
        toggle = page.locator(PALETTE_TOGGLE)
        if toggle.count() != 1:
            raise SweepError(f"no palette toggle in the header to show the {name} palette")
        toggle.dispatch_event("click")  # with two palettes, the toggle shows the other one
        page.evaluate("document.activeElement?.blur()")  # the click focused the toggle's input
    try:
        page.wait_for_function(PALETTE_SHOWN, arg=scheme, timeout=10_000)
    except PlaywrightError:
        shown = page.evaluate(SHOWN_SCHEME)
        raise SweepError(
            f"the palette toggle left '{shown}' on {label}, expected the {name} palette ('{scheme}')"
        ) from None


# axe reads colours as they are drawn, so it waits for what is still moving (at most 2 s):
# a Source control opened from the keyboard scrolls the page, and the header's title then
# fades in, mid-way a colour no reader is left with (once, 3.27:1 on the desktop).
AXE_RUN = """async options => {
  const moving = document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity);
  await Promise.race([Promise.all(moving.map(a => a.finished.catch(() => null))),
                      new Promise(done => setTimeout(done, 2000))]);
  return axe.run(document, options);
}"""


def violations(page, label: str, options: dict = AXE_OPTIONS) -> list[str]:
    """axe-core's violations on the open page, one line per offending element."""
    if not page.evaluate("typeof window.axe?.run === 'function'"):
        page.evaluate(AXE_SOURCE)  # once per page: injecting axe costs as much as some of its rules
    result = page.evaluate(AXE_RUN, options)
    lines = []
    for rule in result["violations"]:
        for node in rule["nodes"]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"])
            html = " ".join(node["html"].split())[:160]
            why = " ".join(node.get("failureSummary", "").split())[:300]
            lines.append(
                f"{label}: {rule['id']} ({rule['impact']}) {rule['help']}\n"
                f"    element: {target}  {html}\n    {why}"
            )
    return lines


def settle(page, requests: Requests, seconds: float = 10) -> None:
    """Scroll to the end and let the requests that starts be made and answered.

    Not Playwright's "networkidle": that is reached once per page, half a second after its
    requests stop, so it waits for nothing more on a page that has reached it already, and
    for half a second on one that has not."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    # Two frames: time for lazy content that came into view to ask for its files.
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    deadline = time.monotonic() + seconds
    while requests.waiting:
        if time.monotonic() > deadline:
            raise SweepError(f"no answer in {seconds:.0f} s to " + ", ".join(r.url for r in requests.waiting))
        page.wait_for_timeout(20)


def foreign_requests(visits: list[Visit], own: str) -> list[str]:
    """Each request, by page and viewport, to anything outside `own` (a URL prefix)."""
    return [
        f"{v.label} ({v.viewport}): request to {url}"
        for v in visits
        for url in v.requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES and not url.startswith(own)
    ]


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"
