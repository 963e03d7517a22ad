"""Every page links to "Edit this page" and to a prefilled "Report a problem" form."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlparse

from conftest import ROOT, Build
from contributor_docs import CHECKLIST

# Where the guide's source lives: readers edit its pages and report problems there.
REPOSITORY = "https://github.com/practice-led/guide"
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def links(page_html: str, label: str) -> list[str]:
    return [
        html.unescape(href)
        for href in re.findall(rf'<a href="([^"]+)"[^>]*aria-label="{re.escape(label)}"', page_html)
    ]


def test_every_page_links_to_a_prefilled_report_form(guide: Build) -> None:
    form = ROOT / ".github" / "ISSUE_TEMPLATE" / "report-content-error.yml"
    pages = [
        p
        for p in guide.pages()
        if p.name == "index.html" and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    ]  # redirect stubs
    assert len(pages) > 20
    for path in pages:
        page_html = path.read_text(encoding="utf-8")
        (href,) = links(page_html, "Report a problem with this page")
        url = urlparse(href)
        assert f"{url.scheme}://{url.netloc}{url.path}" == REPOSITORY + "/issues/new"
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        assert form.exists() and query["template"] == form.name
        # The address the page gives as its own, where it is published.
        (canonical,) = CANONICAL.findall(page_html)
        assert query["page"] == canonical, path.relative_to(guide.site)
        assert query["title"].startswith("Problem on: ")


def test_report_link_names_the_page_it_is_on(guide: Build) -> None:
    (href,) = links(guide.page("checklists/tokenism-review"), "Report a problem with this page")
    query = parse_qs(urlparse(href).query)
    assert query["page"] == ["https://practice-led.github.io/guide/checklists/tokenism-review/"]
    title = re.search(
        r"^title: (.+)$", (ROOT / CHECKLIST).read_text(encoding="utf-8"), re.MULTILINE
    ).group(1)
    assert query["title"] == [f"Problem on: {title}"]


def test_edit_link_opens_the_page_source(guide: Build) -> None:
    """GitHub's editor, on the page's own Markdown file, on the branch the site is built from."""
    (href,) = links(guide.page("checklists/tokenism-review"), "Edit this page")
    assert (ROOT / CHECKLIST).is_file()
    assert href == f"{REPOSITORY}/edit/main/{CHECKLIST}"


def _rgb(css: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_page_actions_are_named_links_with_enough_contrast(browser, guide_url: str) -> None:
    """A reader sees both actions, assistive technology names them, and the icons reach 3:1."""
    page = browser.new_page()
    try:
        page.goto(guide_url + "checklists/tokenism-review/")
        background = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        for name in ("Edit this page", "Report a problem with this page"):
            link = page.get_by_role("link", name=name, exact=True)
            assert link.count() == 1 and link.is_visible(), name
            *fg, alpha = _rgb(link.evaluate("e => getComputedStyle(e).color"))
            shown = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg, background[:3]))
            light, dark = sorted((_luminance(shown), _luminance(background[:3])), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 3, f"{name}: icon contrast below 3:1"
    finally:
        page.close()
