"""The whole guide's reference, on the home page and for trainers, says what CITATION.cff says."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, Build, strict_build

from practice_led import front_matter, guide_citation

PAGES = ["", "trainers"]  # the home page's citing section, the trainers' page


def metas() -> list[dict]:
    return [front_matter.split(p.read_text(encoding="utf-8"))[0]
            for p in (ROOT / "docs").rglob("*.md") if "_snippets" not in p.parts]


def block(page_html: str, element_id: str) -> str:
    return re.search(rf'id="{element_id}">(.*?)</(?:span|code)>', page_html, re.DOTALL).group(1)


@pytest.mark.parametrize("url", PAGES, ids=["home", "trainers"])
def test_the_whole_guide_reference_is_what_citation_cff_says(guide: Build, url: str) -> None:
    assert guide.returncode == 0, guide.output
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    author = cff["authors"][0]["name"]
    released = cff.get("date-released")
    date = front_matter.as_date(released) if released else front_matter.review_window(metas())["reviewed"]
    version = f", version {cff['version']}" if cff.get("version") else ""
    page = guide.page(url)
    assert html.unescape(block(page, "cite-guide-harvard")) == (
        f"{author} ({date.year}) <em>{cff['title']}</em>{version}. Available at: {cff['url']} (Accessed: [date])."
    )
    fields = dict(re.findall(r"^\s+(\w+)\s+= \{(.*)\},?$", html.unescape(block(page, "cite-guide-bibtex")), re.MULTILINE))
    assert fields["author"] == "{" + author + "}"
    assert (fields["title"], fields["url"], fields["date"]) == (cff["title"], cff["url"], date.isoformat())
    assert fields.get("version") == (str(cff["version"]) if cff.get("version") else None)
    # Which date it uses is said in words.
    said = f"{date.day} {date:%B %Y}"
    note = re.search(r'<p class="pl-cite-date">(.*?)</p>', page).group(1)
    assert said in note and ("released" in note if released else "No version" in note)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "CITATION.cff"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_release_gives_its_version_and_date_and_people_are_named_in_harvard_form(tmp_path: Path) -> None:
    citation = guide_citation.load(write(tmp_path, (
        "cff-version: 1.2.0\ntitle: A Guide\nurl: https://example.org/guide/\nversion: 1.2.0\n"
        "date-released: 2027-03-01\nauthors:\n  - family-names: Seden\n    given-names: Janet Anne\n"
        "  - name: Practice-Led contributors\n")))
    later_review = dt.date(2027, 5, 1)  # a release's date wins over any review after it
    assert guide_citation.harvard(citation, later_review) == (
        "Seden, J. A. and Practice-Led contributors (2027) <em>A Guide</em>, version 1.2.0. "
        "Available at: https://example.org/guide/ (Accessed: [date]).")
    entry = guide_citation.bibtex(citation, later_review)
    assert "author       = {Seden, Janet Anne and {Practice-Led contributors}}" in entry
    assert "date         = {2027-03-01}" in entry and "version      = {1.2.0}" in entry
    assert guide_citation.date_note(citation, later_review) == "This reference is to version 1.2.0, released on 1 March 2027."


@pytest.mark.parametrize(("text", "message"), [
    ("title: A Guide\nauthors:\n  - name: X\n", "CITATION.cff: add `url:`, which the guide's reference gives"),
    ("title: A Guide\nurl: https://example.org/\n", "CITATION.cff: `authors` must list each author"),
    ("title: A Guide\n\turl: https://example.org/\n", "CITATION.cff:2: not valid YAML"),
])
def test_a_citation_file_it_cannot_use_is_one_line_naming_the_fix(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(guide_citation.CitationFileError) as error:
        guide_citation.load(write(tmp_path, text))
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_a_theme_without_the_guide_s_partial_is_one_line_naming_the_fix(tmp_path: Path) -> None:
    """The plugin renders the guide's reference with the guide's own partial; a theme without
    it (plain Material) gets one line, not a template traceback."""
    site = tmp_path / "site-src"
    shutil.copytree(FIXTURES / "readability", site)
    shutil.copy(ROOT / "CITATION.cff", site / "CITATION.cff")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("../../../", f"{ROOT}/")
        .replace(f"custom_dir: {ROOT}/overrides", f"custom_dir: {tmp_path / 'no-overrides'}"),
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "overrides", tmp_path / "no-overrides")
    (tmp_path / "no-overrides" / "partials" / "cite-guide.html").unlink()
    index = site / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n<!-- cite the guide -->\n", encoding="utf-8")
    build = strict_build(config, tmp_path / "out")
    assert build.returncode != 0
    assert "a page holds <!-- cite the guide --> but the theme has no partials/cite-guide.html: set the " \
        "theme's custom_dir to the guide's overrides/, or remove the marker" in build.output
    assert "Traceback" not in build.output
