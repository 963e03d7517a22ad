"""Links: every internal link and #anchor of the built guide resolves (scripts/tools/linkcheck.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Build


import linkcheck

SITE_URL = "https://example.org/guide/"
ITEM_ID = re.compile(r'<li class="task-list-item" id="([^"]+)"')


def test_every_internal_link_and_anchor_of_the_guide_resolves(guide: Build) -> None:
    assert guide.returncode == 0, guide.output
    report = linkcheck.check_site(guide.site, linkcheck.site_url_from_config(ROOT / "mkdocs.yml"))
    assert report.internal > report.pages, report.summary()  # the pages were really read
    if report.problems:
        lines = [str(p).removeprefix(guide.site.as_posix() + "/") for p in report.problems]
        pytest.fail("\n".join(lines) + "\n" + report.summary(), pytrace=False)


def test_links_into_checklist_items_are_checked(guide: Build, tmp_path: Path) -> None:
    """Trainers link single checklist items: take the items' ids away and those links break."""
    assert guide.returncode == 0, guide.output
    copy = Path(shutil.copytree(guide.site, tmp_path / "site"))
    item_ids: set[str] = set()
    for page in copy.glob("checklists/*/index.html"):
        html = page.read_text(encoding="utf-8")
        item_ids |= set(ITEM_ID.findall(html))
        page.write_text(ITEM_ID.sub('<li class="task-list-item"', html), encoding="utf-8")
    assert item_ids, "no checklist item with an id was built"
    problems = linkcheck.check_site(copy, linkcheck.site_url_from_config(ROOT / "mkdocs.yml")).problems
    broken_items = {p.reason for p in problems if p.reason.startswith("no anchor")}
    assert broken_items & {f"no anchor '#{i}' in page" for i in item_ids}, (
        "no page of the guide links to a single checklist item, so this check proves nothing; "
        "found only:\n" + "\n".join(map(str, problems))
    )


# --- The core, on small sites written here -------------------------------------------


def write_site(root: Path, files: dict[str, str]) -> Path:
    for name, html in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


HOME = """<!doctype html><title>Home</title>
<a href="principles/">Principles</a>
<a href="principles/#why">Why</a>
<a href="checklists/boards/#bd-training">One checklist item</a>
<a href="checklists/boards/index.html#bd-training">Same, by file name</a>
<a href="checklists/boards">A folder without its slash</a>
<a href="#top">Top</a> <a href="#">Also the top</a>
<a href="/guide/principles/">Under the published path</a>
<a href="https://example.org/guide/principles/#why">The site's own address</a>
<a href="https://elsewhere.example/page#x">Elsewhere</a>
<a href="mailto:someone@example.org">Mail</a>
<img src="assets/logo.png" alt="">
<h1 id="top">Home</h1>
"""
PRINCIPLES = """<!doctype html><title>Principles</title>
<h2 id="why">Why</h2><a name="old-name"></a>
<a href="../">Home</a> <a href="./#old-name">An old-style anchor</a>
<a href="../checklists/boards/#bd-training">An item</a>
"""
BOARDS = """<!doctype html><title>Boards</title>
<ul><li class="task-list-item" id="bd-training">Training</li></ul>
"""
REDIRECT = """<!doctype html><meta http-equiv="refresh" content="0; url=../principles/">
<title>Moved</title>"""


@pytest.fixture()
def good_site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {
        "index.html": HOME,
        "principles/index.html": PRINCIPLES,
        "checklists/boards/index.html": BOARDS,
        "old-principles/index.html": REDIRECT,
        "assets/logo.png": "",
    })


def test_a_site_whose_links_all_resolve_has_no_problems(good_site: Path) -> None:
    report = linkcheck.check_site(good_site, SITE_URL)
    assert report.problems == []
    assert report.pages == 4
    assert report.internal == 14
    assert [url for _, _, url in report.external] == [
        "https://elsewhere.example/page#x", "mailto:someone@example.org",
    ]


def test_each_kind_of_broken_link_is_reported_with_file_line_and_reason(good_site: Path) -> None:
    (good_site / "checklists" / "boards" / "index.html").write_text(
        BOARDS + '<a href="../missing/">Gone</a>\n<a href="#nowhere">Nowhere</a>\n'
        '<a href="../../principles/#gone-heading">Gone heading</a>\n'
        '<a href="/elsewhere/">Outside the published path</a>\n',
        encoding="utf-8",
    )
    (good_site / "old-principles" / "index.html").write_text(
        REDIRECT.replace("../principles/", "../principals/"), encoding="utf-8"
    )
    report = linkcheck.check_site(good_site, SITE_URL)
    assert sorted(map(str, report.problems)) == [
        (f"{good_site.as_posix()}/checklists/boards/index.html:3: broken link '../missing/' "
        "(no such page)"),
        (f"{good_site.as_posix()}/checklists/boards/index.html:4: broken link '#nowhere' "
        "(no anchor '#nowhere' in page)"),
        (f"{good_site.as_posix()}/checklists/boards/index.html:5: broken link "
        "'../../principles/#gone-heading' (no anchor '#gone-heading' in page)"),
        (f"{good_site.as_posix()}/checklists/boards/index.html:6: broken link '/elsewhere/' "
        "(no such page)"),
        (f"{good_site.as_posix()}/old-principles/index.html:1: broken link '../principals/' "
        "(no such page)"),
    ]


def test_a_renamed_checklist_item_breaks_links_to_it(good_site: Path) -> None:
    boards = good_site / "checklists" / "boards" / "index.html"
    boards.write_text(BOARDS.replace("bd-training", "bd-learning"), encoding="utf-8")
    problems = [str(p) for p in linkcheck.check_site(good_site, SITE_URL).problems]
    assert len(problems) == 3, problems
    assert all("(no anchor '#bd-training' in page)" in p for p in problems), problems


def test_percent_encoded_paths_and_anchors_resolve(tmp_path: Path) -> None:
    site = write_site(tmp_path, {
        "index.html": '<a href="a%20b/#caf%C3%A9">x</a>',
        "a b/index.html": '<h2 id="café">Café</h2>',
    })
    assert linkcheck.check_site(site).problems == []


# --- The command line ----------------------------------------------------------------


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "tools" / "linkcheck.py"), *args],
        cwd=cwd, check=False, capture_output=True, text=True,
    )


def test_the_command_fails_on_a_broken_anchor_naming_page_and_anchor() -> None:
    proc = run_cli("tests/fixtures/regressions", "--site-url", SITE_URL)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == ("tests/fixtures/regressions/broken-anchor/index.html:20: broken link "
                        "'../clean/#item-three' (no anchor '#item-three' in page)")
    assert lines[-1].startswith("1 broken links;"), proc.stdout
    assert (FIXTURES / "regressions" / "clean" / "index.html").is_file()


def test_the_command_passes_a_clean_site_and_lists_external_links(good_site: Path) -> None:
    proc = run_cli(str(good_site), "--site-url", SITE_URL, "--list-external")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (f"{good_site.as_posix()}/index.html:10: external link "
            "'https://elsewhere.example/page#x' (not fetched)") in proc.stdout.splitlines()
    assert proc.stdout.splitlines()[-1].startswith("0 broken links; 14 internal links in 4 pages")


def test_the_command_reads_site_url_from_mkdocs_yml(tmp_path: Path, good_site: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: X\nsite_url: {SITE_URL}\nplugins:\n  - offline:\n"
        "      enabled: !ENV [OFFLINE, false]\n", encoding="utf-8")
    assert run_cli(str(good_site), cwd=tmp_path).returncode == 0
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nsite_url: https://other.example/\n")
    proc = run_cli(str(good_site), cwd=tmp_path)
    assert proc.returncode == 1  # '/guide/...' is outside https://other.example/'s pages
    assert "broken link '/guide/principles/' (no such page)" in proc.stdout


def test_a_missing_site_folder_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli(str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == (
        f"linkcheck: no such folder '{tmp_path / 'nope'}': build the site first (make build)"
    )
