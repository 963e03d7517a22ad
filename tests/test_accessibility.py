"""WCAG 2.2 AA in a real browser: axe-core on every page, phone and desktop, light and dark.

The pages are opened once, by the sweep in page_sweep.py; these tests read what axe found.
Every rule runs on each page at both widths in the palette it opened in; the rules that read
colour run in the other palette too, at one width a page, in turn (page_sweep.COLOUR_RULES).
Material's defaults fail some of these rules; the fixes live in overrides/ (see the
"Accessibility fixes" section of overrides/assets/stylesheets/guide.css), never in a list
of excluded rules.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import Build, serve
from page_sweep import PALETTES, VIEWPORTS, Sweep, sweep_site

FIX = ("Fix each in overrides/ (the \"Accessibility fixes\" in overrides/assets/stylesheets/guide.css), "
       "never by leaving a rule out.")


def test_axe_read_every_page_at_both_widths_and_in_both_palettes(sweep: Sweep) -> None:
    problems = [f"{v.label} ({v.viewport}): axe did not run" for v in sweep.visits if not v.violations]
    read: dict[str, set[str]] = {}
    for v in sweep.visits:
        read.setdefault(v.label, set()).update(v.violations)
    problems += [f"{label}: not checked in the {palette} palette at either width"
                 for label, palettes in read.items() for palette in sorted(set(PALETTES) - palettes)]
    assert sweep.visits and not problems, "\n".join(problems) + "\n(test_every_page.py says why)"


@pytest.mark.parametrize("palette", sorted(PALETTES))
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_page_meets_wcag_22_aa(sweep: Sweep, viewport: str, palette: str) -> None:
    visits = [v for v in sweep.at(viewport) if palette in v.violations]
    assert visits, f"axe did not run at {viewport} width in the {palette} palette on any page"
    found = [line for v in visits for line in v.violations[palette]]
    if found:
        pytest.fail(
            f"{len(found)} WCAG 2.2 A/AA violations at {viewport} width, {palette} palette, "
            f"in {len(visits)} pages:\n" + "\n".join(found) + "\n" + FIX, pytrace=False,
        )


# --- The check catches a regression -------------------------------------------------


def found_on(regression_sweep: Sweep, path: str) -> list[str]:
    (visit,) = [v for v in regression_sweep.visits if v.path == path]
    assert visit.errors == [], visit.errors
    return visit.violations["as shown"]


def test_a_low_contrast_colour_fails_naming_page_rule_and_element(regression_sweep: Sweep) -> None:
    found = found_on(regression_sweep, "low-contrast/")
    report = "\n".join(found)
    assert "/low-contrast/: color-contrast" in report, report
    assert "guide-faint" in report, report  # the offending element, by its class
    assert len(found) == 1, report  # nothing else on that page is wrong


def test_the_fixture_pages_are_otherwise_clean(regression_sweep: Sweep) -> None:
    """The regression above is the only fault: the same page without it passes."""
    assert found_on(regression_sweep, "clean/") == []


def test_a_fault_in_the_dark_palette_alone_fails_dark_only(
    browser, guide: Build, tmp_path: Path
) -> None:
    """The sweep really shows each palette: dark grey headings on the dark palette fail there."""
    site = shutil.copytree(guide.site, tmp_path / "site")
    with (site / "assets" / "stylesheets" / "guide.css").open("a", encoding="utf-8") as css:
        css.write('\n[data-md-color-scheme="slate"] .md-typeset h1 { color: #3a3a3a; }\n')
    server = serve(site)
    try:
        (visit,) = sweep_site(browser, f"http://127.0.0.1:{server.server_port}/", [""],
                              {"phone": VIEWPORTS["phone"]}).visits
    finally:
        server.shutdown()
    assert visit.errors == [] and visit.violations["light"] == [], visit
    (found,) = visit.violations["dark"]
    assert found.startswith("/: color-contrast") and "<h1 " in found, found
