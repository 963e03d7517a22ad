"""Valid HTML: the Nu HTML Checker (npm vnu-jar, run on Java) over every page of the site.

Zero errors, apart from the few that Material for MkDocs itself writes into every page,
listed in MATERIAL_KNOWN_ISSUES with the reason each one is harmless. An allowance covers
one message on one kind of Material element only: the same message on anything else, and
every other error, fails with the page, line and message.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Build

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class KnownIssue:
    name: str
    message: re.Pattern[str]
    element: re.Pattern[str]  # the start tag the checker highlights
    why: str


MATERIAL_KNOWN_ISSUES = [
    KnownIssue(
        "toggle-autocomplete",
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
        re.compile(r'^<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
        "Material's drawer and search are opened by hidden checkboxes; it marks them "
        "autocomplete=off so that Firefox does not restore them open on reload. Browsers "
        "ignore the attribute on a checkbox otherwise: nothing a reader meets.",
    ),
    KnownIssue(
        "nav-label-empty-tabindex",
        re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
        re.compile(r'^<label class="md-nav__link[ "][^>]*for="__nav_[0-9_]+"'),
        "Material's navigation.sections/indexes template writes tabindex=\"\" on the label "
        "of a section heading in the sidebar. An invalid tabindex is treated as absent, so "
        "the label stays out of the tab order, which is what Material intends.",
    ),
    KnownIssue(
        "toc-title-label",
        re.compile(r"^The value of the “for” attribute of the “label” element must be the ID "
                   r"of a non-hidden form control\.$"),
        re.compile(r'^<label class="md-nav__title" for="__toc">'),
        "Material's table-of-contents title is a label for the checkbox that folds the "
        "contents into the navigation on small screens; on pages where Material leaves "
        "that checkbox out (section index pages, pages outside the navigation) the label "
        "points at nothing and does nothing.",
    ),
]


def vnu_command() -> list[str]:
    """The checker's command line; skips (or fails in CI) when it is not installed."""
    missing = []
    if shutil.which("java") is None:
        missing.append("java (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        how = ("`make test` runs npm ci" if shutil.which("npm")
               else "apt-get install npm; `make test` then runs npm ci")
        missing.append(f"{VNU_JAR.relative_to(ROOT)} ({how})")
    if missing:
        reason = "the Nu HTML Checker needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + ": .ci/run must install it")
        pytest.skip(reason)
    # One short run: the JIT's quick tier alone halves its CPU time here and finds the same
    # errors; that tier needs more stack than the checker's own 512k minimum.
    return ["java", "-Xss2m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR)]


def validate(root: Path) -> list[dict]:
    """Every error the checker reports for the HTML files under `root` (one Java process)."""
    proc = subprocess.run(
        [*vnu_command(), "--format", "json", "--errors-only", "--exit-zero-always",
         "--skip-non-html", str(root)],
        check=False, capture_output=True, text=True,
    )
    try:
        messages = json.loads(proc.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu HTML Checker gave no report (exit {proc.returncode}):\n{proc.stderr}")
    return [m for m in messages if m.get("type") == "error"]


def highlighted(message: dict) -> str:
    """The start tag the checker highlights. Its offsets can be a character early (seen where
    the line falls on a boundary of its input buffer), so surrounding white space is dropped."""
    extract = message.get("extract", "")
    start = message.get("hiliteStart", 0)
    return extract[start:start + message.get("hiliteLength", 0)].strip()


def known_issue(message: dict) -> KnownIssue | None:
    for issue in MATERIAL_KNOWN_ISSUES:
        if issue.message.search(message["message"]) and issue.element.search(highlighted(message)):
            return issue
    return None


def describe(message: dict, root: Path) -> str:
    path = Path(message["url"].removeprefix("file:")).relative_to(root.resolve())
    return (f"{path.as_posix()}:{message.get('lastLine', '?')}: {message['message']}\n"
            f"    {' '.join(highlighted(message).split())[:200]}")


@pytest.fixture(scope="module")
def guide_errors(guide: Build) -> list[dict]:
    assert guide.returncode == 0, guide.output
    return validate(guide.site)


def test_every_page_is_valid_html(guide: Build, guide_errors: list[dict]) -> None:
    unexpected = [describe(m, guide.site) for m in guide_errors if known_issue(m) is None]
    if unexpected:
        pytest.fail(f"{len(unexpected)} HTML errors (Nu HTML Checker):\n" + "\n".join(unexpected),
                    pytrace=False)


def test_each_known_material_issue_still_occurs(guide_errors: list[dict]) -> None:
    """An allowance that no longer matches anything is dropped, not carried forever."""
    used = {issue.name for m in guide_errors if (issue := known_issue(m))}
    stale = [issue.name for issue in MATERIAL_KNOWN_ISSUES if issue.name not in used]
    assert not stale, f"Material no longer writes these; remove them from the list: {stale}"


# --- The check catches a regression -------------------------------------------------


def test_an_invalid_element_fails_naming_page_and_problem() -> None:
    root = FIXTURES / "regressions"
    unexpected = [describe(m, root) for m in validate(root) if known_issue(m) is None]
    assert unexpected == [
        ("invalid-element/index.html:19: Element “div” not allowed as child of element “ul” "
        "in this context. (Suppressing further errors from this subtree.)\n"
        "    <div>")
    ], unexpected
