"""The contributors record shows on its page, and a mistake in it fails the build with one
line naming file and line."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Build, strict_build

from practice_led import contributors

GOOD_RECORD = """# comment
- name: Practice-Led founding team
  role: founding team
  contributed: Wrote the first edition.
- name: A. Reader
  role: review
  contributed: Checked page numbers *twice* [and] more.
  github: a-reader
"""


def test_contributors_record_reads_in_order_and_escapes_markdown() -> None:
    people = contributors.parse(GOOD_RECORD, "CONTRIBUTORS.yml")
    assert [p.name for p in people] == ["Practice-Led founding team", "A. Reader"]
    rendered = contributors.markdown(people)
    assert "[**A. Reader**](https://github.com/a-reader) (review)" in rendered
    assert r"\*twice\* \[and\]" in rendered


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            "- name: A\n  role: b\n  contributed: c\n- name: B\n   role: x\n",
            "CONTRIBUTORS.yml:5: not valid YAML",
        ),
        (
            "- name: A\n  role: b\n- name: B\n  role: c\n  contributed: d\n",
            "CONTRIBUTORS.yml:1: this entry has no 'contributed': add a line 'contributed: ...'",
        ),
        (
            "- name: A\n  role: b\n  contributed: c\n  email: a@example.org\n",
            "CONTRIBUTORS.yml:4: unknown field 'email': use only name, role, contributed, github",
        ),
        (
            "- name: A\n  role: b\n  contributed: c\n- name: a\n  role: b\n  contributed: c\n",
            "CONTRIBUTORS.yml:4: 'a' is already listed at line 1: add to that entry instead",
        ),
        ("name: A\n", "CONTRIBUTORS.yml:1: the file must be a list of entries"),
    ],
)
def test_contributors_record_mistakes_name_file_and_line(record: str, message: str) -> None:
    with pytest.raises(contributors.ContributorsError) as error:
        contributors.parse(record, "CONTRIBUTORS.yml")
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_a_bad_contributors_record_stops_the_build_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "docs" / "about").mkdir(parents=True)
    (tmp_path / "docs" / "about" / "contributors.md").write_text(
        "---\ntitle: Contributors\n---\n\n# Contributors\n\n<!-- contributors -->\n",
        encoding="utf-8",
    )
    (tmp_path / "CONTRIBUTORS.yml").write_text(
        "- name: A\n  role: b\n  contributed: c\n- name: B\n   role: x\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        yaml.safe_dump(
            {
                "INHERIT": str(ROOT / "mkdocs.yml"),
                "docs_dir": "docs",
                "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
                "nav": ["about/contributors.md"],
                "plugins": [
                    "search",
                    {"bibtex": {"bib_file": str(ROOT / "bibliography" / "references.bib")}},
                    "practice-led",
                ],
            }
        ),
        encoding="utf-8",
    )
    build = strict_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert build.returncode != 0
    errors = [line for line in build.output.splitlines() if "CONTRIBUTORS.yml" in line]
    expected = (
        "ERROR   -  CONTRIBUTORS.yml:5: not valid YAML (mapping values are not allowed here): "
        "check the indentation and quote any text that contains a colon"
    )
    assert errors == [expected]
    assert "Traceback" not in build.output


def test_contributors_page_lists_everyone_in_the_record(guide: Build) -> None:
    people = contributors.load(ROOT / "CONTRIBUTORS.yml")
    assert people, "CONTRIBUTORS.yml lists nobody"
    page = html.unescape(re.sub(r"<[^>]+>", "", guide.page("about/contributors")))
    for person in people:
        assert f"{person.name} ({person.role}): {person.contributed}" in page
