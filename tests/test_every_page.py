"""The sweep (page_sweep.py) opened every page of the guide, at both widths, and in both palettes.

The accessibility and privacy checks read what the sweep recorded; these tests make sure
there is nothing it missed, so that those checks passing means every page passed. The
checklist items are checked here too, every one at both widths, from the same visit.
"""

from __future__ import annotations

import pytest
from conftest import Build
from page_sweep import VIEWPORTS, Item, Sweep
from site_pages import reader_pages


def test_the_sweep_opened_every_reader_page_at_both_widths(sweep: Sweep, guide: Build) -> None:
    paths = reader_pages(guide.site)
    assert "" in paths and "404.html" in paths, paths  # the home page and the error page
    expected = {(viewport, path) for viewport in VIEWPORTS for path in paths}
    opened = {(v.viewport, v.path) for v in sweep.visits}
    assert sorted(expected - opened) == [], "pages the sweep did not open"
    errors = [e for v in sweep.visits for e in v.errors]
    assert errors == [], "pages the sweep could not check:\n" + "\n".join(errors)


def test_every_page_opens_with_the_guides_name_in_its_title(sweep: Sweep) -> None:
    (home,) = {v.title for v in sweep.visits if v.path == ""}
    assert home.startswith("Practice-Led"), f"the home page's title is {home!r}"
    untitled = [f"{v.label} ({v.viewport}): {v.title!r}" for v in sweep.visits
                if "Practice-Led" not in v.title]
    assert untitled == [], "pages whose title does not name the guide (an error page?):\n" + "\n".join(untitled)


def test_every_checklists_first_tick_box_is_on_its_first_phone_screen(sweep: Sweep) -> None:
    """A manager who opens a checklist on a phone can tick without scrolling."""
    screen = VIEWPORTS["phone"]["height"]
    checklists = [v for v in sweep.at("phone") if v.path.startswith("checklists/") and v.first_tick_box]
    assert len(checklists) >= 9, [v.label for v in checklists]
    too_low = [f"{v.label}: first tick box ends {v.first_tick_box:.0f} px down"
               for v in checklists if v.first_tick_box > screen]
    assert too_low == [], (
        f"at 390 px a checklist's first tick box must end within the first {screen} px; put the "
        "'Use it when' line, then '## The checklist', straight after the title:\n" + "\n".join(too_low))


# Lighthouse counts layout shifts against a page from 0.1; what the guide's scripts set up
# should move nothing (the build writes the controls they wire: a checklist's toolbar,
# checklist_tools.py; a course pack's panel and boxes, packs.py). A page whose address asks
# it to build something (a session's pack, ?pack=) grows by what it builds, and is left out.
MOST_SHIFT = 0.01


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_no_page_moves_under_the_reader_as_it_sets_itself_up(sweep: Sweep, viewport: str) -> None:
    moved = [f"{v.label}: " + "; ".join(v.shifts) for v in sweep.at(viewport)
             if v.shift > MOST_SHIFT and "?" not in v.path]
    assert moved == [], (
        f"pages whose layout shifted as they opened at {viewport} width (what moved, when); make what "
        "the scripts add take its room in the built page:\n" + "\n".join(moved))


def test_no_page_of_the_offline_copy_moves_as_it_sets_itself_up(offline_sweep: Sweep) -> None:
    moved = [f"{v.label}: " + "; ".join(v.shifts) for v in offline_sweep.visits if v.shift > MOST_SHIFT]
    assert offline_sweep.visits and moved == [], (
        "pages of the offline copy whose layout shifted as they opened from the folder (what moved, "
        "when); leave out in its build what it cannot use (pl-online-only), instead of hiding it by "
        "script:\n" + "\n".join(moved))


# --- Every checklist item: the box, its Source, "Note and link"; one line under its text ---

MAX_STOPS = 3  # the box, the Source control, "Note and link"


def items_at(sweep: Sweep, viewport: str) -> list[tuple[str, Item]]:
    found = [(v.label, item) for v in sweep.at(viewport) for item in v.items]
    assert len(found) >= 50, f"the sweep found {len(found)} checklist items at {viewport} width"
    return found


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_checklist_item_has_at_most_three_tab_stops(sweep: Sweep, viewport: str) -> None:
    crowded = [f"{page}#{item.id}: {len(item.stops)} tab stops: {', '.join(item.stops)}"
               for page, item in items_at(sweep, viewport) if len(item.stops) > MAX_STOPS]
    assert crowded == [], (
        f"checklist items with more than {MAX_STOPS} tab stops at {viewport} width (the box, Source and "
        "'Note and link' only: a citation belongs in the Source panel, which needs the item's basis in "
        "its page's front matter):\n" + "\n".join(crowded))


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_closed_checklist_item_is_its_text_and_one_line(sweep: Sweep, viewport: str) -> None:
    tall = [f"{page}#{item.id}: {item.extra:.1f} px under its text, more than a line ({item.line:.1f} px)"
            for page, item in items_at(sweep, viewport) if item.extra > item.line + 0.5]
    assert tall == [], (
        f"closed checklist items taller than their text and one line at {viewport} width; keep the row of "
        "controls (.pl-item-tools in checklists.css) to one line:\n" + "\n".join(tall))


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_checklist_items_source_opens_from_the_keyboard_with_its_words_and_citation(
    sweep: Sweep, viewport: str
) -> None:
    wrong = []
    for page, item in items_at(sweep, viewport):
        if not item.source:
            wrong.append(f"{page}#{item.id}: no Source control (give the item a basis in its page's front matter)")
        elif not item.words.startswith("“") or not item.citation.startswith("("):
            wrong.append(f"{page}#{item.id}: opened with Enter, its panel shows words {item.words!r} "
                         f"and citation {item.citation!r}")
    assert wrong == [], f"checklist items whose source a reader cannot open at {viewport} width:\n" + "\n".join(wrong)
