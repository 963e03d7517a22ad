"""The sweep (page_sweep.py) opened every page of the guide, at both widths in both palettes.

The accessibility and privacy checks read what the sweep recorded; these tests make sure
there is nothing it missed, so that those checks passing means every page passed.
"""

from __future__ import annotations

from conftest import Build
from page_sweep import VIEWPORTS, Sweep
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
