"""Readability: what each page is scored on, the grade target of pages written for people who
use services, and the figures of every page in About > Quality."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import citecheck
import pytest
from conftest import FIXTURES, ROOT, Build, build_in_process, strict_build
from mkdocs.config import load_config

from practice_led import nav, prose, readability

SITE = FIXTURES / "readability"
CELL = r"\s*<td[^>]*>([^<]*)</td>"
ROW = re.compile(r'<tr>\s*<td><a href="([^"]*)">([^<]*)</a></td>' + CELL * 4 + r"\s*</tr>")
# What a reader reads on the fixture's pages: no citation, source list, Source panel, tooltip,
# code block or page footer.
READER_PROSE = {
    "Your say": [
        "Your say.", "You can tell us what you think of the service.",
        "We will listen, and we will tell you what we did.", "Talk to your key worker.",
        "Come to a meeting.", "A first-line manager can help you.", "Sources.",
    ],
    "Fixture checklist": ["Fixture checklist.", "The checklist.", "Check that the team shares its plans.", "Sources."],
}


def table(page: str) -> dict[str, tuple[str, str, str, str, str]]:
    """The readability table of a built page: title -> (link, grade, reading ease, words, target)."""
    return {title.replace("&#x27;", "'"): (href, *cells) for href, title, *cells in ROW.findall(page)}


def site_copy(tmp_path: Path) -> Path:
    """The fixture site in tmp_path, its paths to the project made absolute."""
    site = tmp_path / "readability"
    shutil.copytree(SITE, site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{ROOT}/"), encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def readability_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = strict_build(SITE / "mkdocs.yml", tmp_path_factory.mktemp("readability"))
    assert build.returncode == 0, build.output
    return build


def test_a_page_is_scored_on_its_prose_alone(readability_site: Build) -> None:
    your_say, checklist = readability_site.page("your-say"), readability_site.page("checklist")
    # What must be left out is on the pages...
    assert "(Seden, 2008)" in your_say and 'class="pl-cite"' in your_say
    assert '<div class="footnote"' in your_say and "<abbr title=" in your_say and "<pre" in your_say
    assert 'class="pl-source"' in checklist and "participatory models can be effective" in checklist
    # ...and the figures are those of the prose a reader reads.
    figures = table(readability_site.page("about/quality"))
    for title, units in READER_PROSE.items():
        expected = readability.score(units)
        assert figures[title][1:4] == (f"{expected.grade:.1f}", f"{expected.ease:.1f}", str(expected.words)), title


def test_a_citation_is_left_out_but_other_brackets_stay() -> None:
    html = ('<p>Ask everyone (staff too) what they think (Seden and Ross, 2007, p. 302; cited in Seden, 2008)'
            '<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup> '
            '<sup id="fnref:b"><a class="footnote-ref" href="#fn:b">2</a></sup>.</p>'
            '<h2 id="next">Next steps<a class="headerlink" href="#next">&para;</a></h2>')
    assert prose.units(html) == ["Ask everyone (staff too) what they think.", "Next steps."]


def test_comments_and_entities_read_as_a_reader_sees_them() -> None:
    html = ('<p>Tea &amp; talk</p><!-- an editor\'s note > not for readers -->'
            '<p>Say what <em>you</em> think &ndash; then ask.</p>')
    assert prose.units(html) == ["Tea & talk.", "Say what you think – then ask."]


def test_a_page_within_its_target_builds_and_a_page_without_one_may_score_higher(readability_site: Build) -> None:
    figures = table(readability_site.page("about/quality"))
    assert figures["Your say"][4] == "6 or below" and float(figures["Your say"][1]) <= 6
    assert figures["Readability fixture"][4] == "" and float(figures["Readability fixture"][1]) > 6


def test_a_page_above_its_target_fails_the_build_in_one_line(tmp_path: Path) -> None:
    site = site_copy(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - your-say/index.md\n", "      - your-say/index.md\n      - your-say/meetings.md\n"), encoding="utf-8")
    (site / "docs" / "your-say" / "meetings.md").write_text(
        "---\ntitle: Meetings\ndescription: When meetings are.\nreviewed: 2026-11-26\nnext_review: 2027-11-26\n---\n\n"
        "# Meetings\n\n"
        "Meetings are short.\n"
        "Organisational participation necessitates considerable institutional deliberation regarding "
        "the administrative responsibilities of representatives.\n",
        encoding="utf-8",
    )
    build = strict_build(config, tmp_path / "site")
    assert build.returncode != 0
    warnings = [line for line in build.output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, build.output
    found = re.fullmatch(
        r"WARNING\s+-\s+docs/your-say/meetings\.md:11: Flesch-Kincaid grade (\d+(?:\.\d)?) is above 6, "
        r"the target for your-say/ \(readability_targets in mkdocs\.yml\): split long sentences and use "
        r"everyday words; longest sentences: “Organisational participation necessitates considerable "
        r"institutional deliberation regarding the administrative responsibilities …” \(12 words\); "
        r"“Meetings are short\.” \(3 words\)",
        warnings[0],
    )
    assert found, warnings[0]
    assert float(found.group(1)) > 6
    assert "Traceback" not in build.output


def test_a_target_that_covers_no_page_fails_the_build_in_one_line(tmp_path: Path) -> None:
    """A misspelt folder would otherwise leave its pages unchecked without a word."""
    site = site_copy(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("your-say/: 6", "your-sya/: 6"), encoding="utf-8")
    build = strict_build(config, tmp_path / "site")
    assert build.returncode != 0
    warnings = [line for line in build.output.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING -  mkdocs.yml: readability_targets names 'your-sya/', which is no page or folder of docs/: "
        "correct it to a page's path or a folder ending in /"
    ], build.output


def test_the_most_specific_target_wins() -> None:
    targets = {"your-say/": 6, "your-say/easy-read/": 4, "trainers/handouts.md": 8}
    assert readability.target_for("your-say/easy-read/meetings.md", targets) == ("your-say/easy-read/", 4)
    assert readability.target_for("your-say/index.md", targets) == ("your-say/", 6)
    assert readability.target_for("trainers/handouts.md", targets) == ("trainers/handouts.md", 8)
    assert readability.target_for("your-saying.md", targets) is None


def test_the_table_is_filled_in_every_rebuild_as_make_serve_rebuilds(tmp_path: Path, caplog) -> None:
    config = site_copy(tmp_path) / "mkdocs.yml"
    for _ in range(2):
        build_in_process(config, tmp_path / "site", caplog)
        page = (tmp_path / "site" / "about" / "quality" / "index.html").read_text(encoding="utf-8")
        assert set(table(page)) == {"Readability fixture", "Your say", "Fixture checklist", "Quality checks"}


def test_the_quality_page_lists_every_page_of_the_guide(guide: Build, offline_guide: Build) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    try:
        pages = nav.pages(config.nav)
    finally:
        config.plugins.on_shutdown()
    figures = table(guide.page("about/quality"))
    linked = [urljoin("/about/quality/", href) for href, *_ in figures.values()]
    assert linked == [urljoin("/", citecheck.page_url(src, True)) for src in pages]
    for title, (_, grade, ease, words, _target) in figures.items():
        assert float(grade) and float(ease) and int(words) > 0, title
    offline = table((offline_guide.site / "about" / "quality.html").read_text(encoding="utf-8"))
    assert [href for href, *_ in offline.values()][:2] == ["../index.html", "../principles/index.html"]
    assert len(offline) == len(pages)
