"""The changelog shows in the site, and the citation file, changelog and project agree."""

from __future__ import annotations

import html
import re

import yaml
from conftest import ROOT, Build

RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def test_changelog_follows_keep_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings[0] == "[Unreleased]"
    versions = [tuple(map(int, v.split("."))) for v, _ in RELEASE.findall(text)]
    assert len(versions) == len(headings) - 1, (
        "each release heading reads '## [1.2.3] - YYYY-MM-DD'"
    )
    assert versions == sorted(versions, reverse=True), "newest first"
    assert set(re.findall(r"^### (.+)$", text, re.MULTILINE)) <= {
        "Added",
        "Changed",
        "Deprecated",
        "Removed",
        "Fixed",
        "Security",
    }
    for heading in headings:
        label = heading.split("]")[0].lstrip("[")
        assert re.search(rf"^\[{re.escape(label)}\]: https://", text, re.MULTILINE), (
            f"link for {label}"
        )


def test_changelog_shows_in_the_site(guide: Build) -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    page = html.unescape(re.sub(r"<[^>]+>", "", guide.page("about/changelog")))
    page = re.sub(r"\s+", " ", page)
    entries = re.findall(r"^- (.+)$", text, re.MULTILINE)
    assert entries
    for entry in entries:
        plain = re.sub(r"\s+", " ", re.sub(r"[`*]", "", entry))
        assert plain.replace("'", "’") in page.replace("'", "’"), entry
    assert "8<" not in guide.page("about/changelog")


def test_glossary_is_still_appended_to_pages(guide: Build) -> None:
    """The snippets base path now includes the root; the glossary must still be found first."""
    assert any("<abbr" in path.read_text(encoding="utf-8") for path in guide.pages())


def test_citation_file_changelog_and_project_agree_on_the_version() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] in {"software", "dataset"}
    assert cff["message"] and cff["title"] == "Practice-Led"
    assert cff["authors"] == [{"name": "Practice-Led contributors"}]
    (paper,) = cff["references"]
    assert paper["type"] == "article" and paper["year"] == 2008
    project = re.search(
        r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE
    ).group(1)
    releases = RELEASE.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    if not releases:  # a reader must not cite a version the changelog does not have
        assert "version" not in cff and "date-released" not in cff, "no release yet"
        return
    newest = (str(cff.get("version")), str(cff.get("date-released")))
    assert newest == releases[0], "CITATION.cff names the newest release in CHANGELOG.md"
    assert project == releases[0][0], "pyproject.toml names the newest release"
