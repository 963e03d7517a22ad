"""Privacy in a real browser: every page, online and in the offline copy, asks only its own site.

Every request a page makes while the sweep (page_sweep.py) has it open, at both widths, is
recorded: documents, styles, scripts, fonts, images, the search worker and index, and what
loads once the page is scrolled to its end. A font service, a CDN, an analytics script or
an embedded diagram from another host shows up here by its URL.
"""

from __future__ import annotations

import pytest
from page_sweep import Sweep, Visit, foreign_requests, origin

FIX = ("Serve the file from the guide itself (overrides/ or docs/assets/) or remove what asks for it: "
       "docs/about/privacy.md promises readers no requests to other websites.")


def unrecorded(visits: list[Visit]) -> list[str]:
    """Visits with no request at all: the page never opened, so it proves nothing."""
    return [f"{v.label} ({v.viewport}): no request recorded: {v.errors or 'the page did not open'}"
            for v in visits if not v.requests]


def test_every_page_requests_only_its_own_origin(sweep: Sweep) -> None:
    assert sweep.visits and unrecorded(sweep.visits) == [], unrecorded(sweep.visits)
    found = foreign_requests(sweep.visits, origin(sweep.base_url))
    if found:
        pytest.fail(f"{len(found)} requests to another origin:\n" + "\n".join(found) + "\n" + FIX,
                    pytrace=False)


def test_the_offline_copy_reads_only_its_own_folder_and_keeps_its_policy(offline_sweep: Sweep) -> None:
    visits = offline_sweep.visits
    problems = [e for v in visits for e in v.errors] + unrecorded(visits)
    problems += foreign_requests(visits, offline_sweep.base_url)
    problems += [line for v in visits for line in v.refused]  # its Content-Security-Policy
    if problems:
        pytest.fail(f"{len(problems)} problems opening the offline copy from its folder:\n"
                    + "\n".join(problems) + "\n" + FIX, pytrace=False)


# --- The check catches a regression -------------------------------------------------


def test_an_external_font_fails_naming_page_and_url(regression_sweep: Sweep) -> None:
    (visit,) = [v for v in regression_sweep.visits if v.path == "external-font/"]
    assert foreign_requests([visit], origin(regression_sweep.base_url)) == [
        "/external-font/ (phone): request to http://127.0.0.2:9/fonts/guide-sans.woff2"
    ], visit.requests


def test_the_clean_fixture_page_requests_nothing_foreign(regression_sweep: Sweep) -> None:
    (visit,) = [v for v in regression_sweep.visits if v.path == "clean/"]
    assert unrecorded([visit]) == []
    assert foreign_requests([visit], origin(regression_sweep.base_url)) == []
