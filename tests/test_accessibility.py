"""WCAG 2.2 AA in a real browser: axe-core on every page, phone and desktop, light and dark.

Material's defaults fail some of these rules; the fixes live in overrides/ (see the
"Accessibility fixes" section of overrides/assets/stylesheets/guide.css), never in a list
of excluded rules.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, Build, serve
from site_pages import goto, reader_pages

# Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA that axe-core knows.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
# The palettes are bound to prefers-color-scheme in mkdocs.yml; Material names them so.
SCHEMES = {"light": "default", "dark": "slate"}
AXE = Axe()


def violations(page, label: str) -> list[str]:
    """axe-core's WCAG A/AA violations on the open page, one line per offending element."""
    result = AXE.run(page, options=AXE_OPTIONS).response
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


def check_pages(context, base_url: str, paths: list[str], scheme: str | None = None) -> list[str]:
    """Open each path in one reused tab, run axe, and collect the violations."""
    page = context.new_page()
    found: list[str] = []
    try:
        for path in paths:
            label = f"/{path}"
            goto(page, base_url, path)
            if scheme is not None:
                shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                assert shown == scheme, f"{label}: palette '{shown}' shown, expected '{scheme}'"
            found += violations(page, label)
    finally:
        page.close()
    return found


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_page_meets_wcag_22_aa(
    browser, guide: Build, guide_url: str, viewport: str, scheme: str
) -> None:
    paths = reader_pages(guide.site)
    assert "" in paths and "404.html" in paths, paths
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    try:
        found = check_pages(context, guide_url, paths, SCHEMES[scheme])
    finally:
        context.close()
    if found:
        pytest.fail(
            f"{len(found)} WCAG 2.2 A/AA violations at {viewport} width, {scheme} palette, "
            f"in {len(paths)} pages:\n" + "\n".join(found), pytrace=False,
        )


# --- The check catches a regression -------------------------------------------------


@pytest.fixture(scope="module")
def regression_url():
    server = serve(FIXTURES / "regressions")
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_a_low_contrast_colour_fails_naming_page_rule_and_element(
    browser, regression_url: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    try:
        found = check_pages(context, regression_url, ["low-contrast/"])
    finally:
        context.close()
    report = "\n".join(found)
    assert "/low-contrast/: color-contrast" in report, report
    assert "guide-faint" in report, report  # the offending element, by its class
    assert len(found) == 1, report  # nothing else on that page is wrong


def test_the_fixture_pages_are_otherwise_clean(browser, regression_url: str) -> None:
    """The regression above is the only fault: the same page without it passes."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    try:
        assert check_pages(context, regression_url, ["clean/"]) == []
    finally:
        context.close()
