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


def straight_quotes(text: str) -> str:
    """The text with the typographic quotes the site shows (smarty) made straight again."""
    return text.translate(str.maketrans("‘’“”", "''\"\""))


def test_changelog_shows_in_the_site(guide: Build) -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    page = html.unescape(re.sub(r"<[^>]+>", "", guide.page("about/changelog")))
    page = re.sub(r"\s+", " ", page)
    entries = re.findall(r"^- (.+)$", text, re.MULTILINE)
    assert entries
    for entry in entries:
        plain = re.sub(r"\s+", " ", re.sub(r"[`*]", "", entry))
        assert straight_quotes(plain) in straight_quotes(page), entry
    assert "8<" not in guide.page("about/changelog")


def test_glossary_is_still_appended_to_pages(guide: Build) -> None:
    """The snippets base path now includes the root; the glossary must still be found first."""
    assert any("<abbr" in path.read_text(encoding="utf-8") for path in guide.pages())


def version_problems(cff: dict, changelog: str, project_version: str) -> list[str]:
    """What stops the citation file, the changelog and pyproject.toml agreeing, with the fix.

    Before the first release a reader cites the date they read the guide, so the citation
    file must not name a version; from then on all three name the newest release."""
    problems = []
    if not re.fullmatch(r"\d+\.\d+\.\d+", project_version):
        problems.append(f"pyproject.toml: version {project_version!r} is not three numbers, as 1.4.2")
    releases = RELEASE.findall(changelog)
    if not releases:
        problems += [
            f"CITATION.cff: remove `{key}`: CHANGELOG.md has no release yet, so there is none to cite"
            for key in ("version", "date-released") if key in cff
        ]
        return problems
    version, date = releases[0]
    for key, wanted in (("version", version), ("date-released", date)):
        if str(cff.get(key)) != wanted:
            problems.append(f"CITATION.cff: set `{key}: {wanted}`, as the newest release in CHANGELOG.md")
    if project_version != version:
        problems.append(f"pyproject.toml: set version = \"{version}\", the newest release in CHANGELOG.md")
    return problems


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
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert version_problems(cff, changelog, project) == []


RELEASED = "## [Unreleased]\n\n## [0.2.0] - 2027-03-01\n\n## [0.1.0] - 2026-12-01\n"
UNRELEASED = "## [Unreleased]\n\n### Added\n\n- A page.\n"


def test_a_release_must_be_named_alike_in_all_three() -> None:
    """The steps in releases.md: the newest release, in the citation file and the project."""
    cff = yaml.safe_load("version: 0.2.0\ndate-released: 2027-03-01\n")
    assert version_problems(cff, RELEASED, "0.2.0") == []
    assert version_problems({"version": "0.1.0", "date-released": cff["date-released"]}, RELEASED, "0.1.0") == [
        "CITATION.cff: set `version: 0.2.0`, as the newest release in CHANGELOG.md",
        'pyproject.toml: set version = "0.2.0", the newest release in CHANGELOG.md',
    ]
    assert version_problems({}, RELEASED, "0.2.0") == [
        "CITATION.cff: set `version: 0.2.0`, as the newest release in CHANGELOG.md",
        "CITATION.cff: set `date-released: 2027-03-01`, as the newest release in CHANGELOG.md",
    ]


def test_before_the_first_release_the_citation_file_names_no_version() -> None:
    assert version_problems({}, UNRELEASED, "0.1.0") == []
    assert version_problems({"version": "0.1.0"}, UNRELEASED, "0.1") == [
        "pyproject.toml: version '0.1' is not three numbers, as 1.4.2",
        "CITATION.cff: remove `version`: CHANGELOG.md has no release yet, so there is none to cite",
    ]
