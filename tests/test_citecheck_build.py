"""citecheck inside the build: a strict build of a small fixture site on the real configuration
passes when every item is sound and fails on a bad one; it publishes the evidence map and
checklists.json; and the rules page shows its syntax examples exactly as written."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import strict_build

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "citecheck-site"
CHECKS_PAGE = ROOT / "docs" / "about" / "contributing" / "checks.md"


def copy_fixture(target: Path) -> Path:
    """The fixture with the real rules page, its ../../../ paths pointing at the project."""
    shutil.copytree(FIXTURE, target)
    shutil.copy(CHECKS_PAGE, target / "docs" / "about" / "contributing" / "checks.md")
    config = target / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../", f"{ROOT}/"), encoding="utf-8"
    )
    return target


def build_folder(folder: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Strict-build a copied fixture from inside its folder, as a contributor would."""
    build = strict_build(folder / "mkdocs.yml", folder / "site", cwd=folder, env=env)
    return build.returncode, build.output


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = copy_fixture(tmp_path_factory.mktemp("good") / "site-src")
    code, output = build_folder(folder)
    assert code == 0, output
    assert "WARNING" not in output, output
    return folder / "site"


@pytest.fixture(scope="module")
def bad_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str]:
    """Four faults: an item loses its citation; a snippet pastes in an item citecheck cannot
    see; a citation misspells its key; a basis quotes words its source text (given through
    PRACTICE_LED_SOURCE_TEXTS, as a contributor would) does not have."""
    folder = copy_fixture(tmp_path_factory.mktemp("bad") / "site-src")
    boards = folder / "docs" / "checklists" / "boards.md"
    text = boards.read_text(encoding="utf-8")
    boards.write_text(
        text.replace("on the board. [@seden2008innovation]", "on the board."), encoding="utf-8"
    )
    (folder / "docs" / "_snippets" / "pasted.md").write_text(
        "- [ ] Pasted in. [@seden2008innovation]\n  { #sn-pasted }\n", encoding="utf-8"
    )
    index = folder / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        .replace("## Sources", '--8<-- "pasted.md"\n\n## Sources')
        .replace("one paper [@seden2008innovation]", "one paper [@sedne2008innovation]"),
        encoding="utf-8",
    )
    texts = folder / "texts"
    texts.mkdir()
    (texts / "fixture-paper.md").write_text(
        "Invented text: power relationships, training and support, a review with the members.\n",
        encoding="utf-8",
    )
    return build_folder(folder, env={"PRACTICE_LED_SOURCE_TEXTS": "texts"})


def test_strict_build_fails_on_a_bad_item_with_file_line_and_code(bad_output) -> None:
    """Each mistake once, as one line: mkdocs-bibtex's own warning about the key is dropped."""
    code, output = bad_output
    assert code == 1
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        (
            "WARNING -  docs/_snippets/pasted.md:1:1: CL011/snippet-content a snippet holds a checklist "
            "item; snippets are pasted into pages after citations are rendered and items are checked: "
            "move the item into a checklist page"
        ),
        (
            "WARNING -  docs/_snippets/pasted.md:1:18: CL011/snippet-content a snippet holds a citation; "
            "snippets are pasted into pages after citations are rendered, so it would show as raw text: "
            "move the citation into the page"
        ),
        (
            "WARNING -  docs/checklists/boards.md:18:5: CL020/quote-not-in-source the quote of "
            "'bd-access-and-support' is not word for word in fixture-paper.md: “access and "
            "support” is not there; copy the words as the text gives them (its typos too, with "
            "[sic] if you wish)"
        ),
        (
            "WARNING -  docs/checklists/boards.md:34:1: CL001/uncited-item checklist item has no "
            "citation: end it with the source it rests on, for example [@seden2008innovation]"
        ),
        (
            "WARNING -  docs/index.md:10:31: CL002/unknown-key 'sedne2008innovation' is not in "
            "bibliography/references.bib (did you mean 'seden2008innovation'?)"
        ),
        (
            "WARNING -  docs/index.md:1: 1 checklist item rendered, but citecheck found none: the "
            "checker and the renderer disagree; simplify the Markdown around the list (a snippet "
            "include, unusual nesting) or report the case"
        ),
    ]
    assert "Aborted with 6 warnings in strict mode!" in output
    assert "Traceback" not in output


def test_every_rendered_item_carries_its_id(good: Path) -> None:
    page = (good / "checklists" / "boards" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<li class="task-list-item"([^>]*)>', page) == [
        ' id="bd-equal-participation"',
        ' id="bd-training"',
        ' id="bd-training-review"',
        ' id="bd-access-and-support"',
    ]


def test_checklists_json_lists_every_item_with_its_address_and_sources(good: Path) -> None:
    document = json.loads((good / "checklists.json").read_text(encoding="utf-8"))
    base = "https://practice-led.github.io/guide/"
    assert document["site_url"] == base
    (checklist,) = document["checklists"]
    assert (checklist["title"], checklist["url"]) == (
        "Before joining a board",
        f"{base}checklists/boards/",
    )
    assert [(i["id"], i["checked"], i["url"], i["keys"]) for i in checklist["items"]] == [
        (
            "bd-equal-participation",
            False,
            f"{base}checklists/boards/#bd-equal-participation",
            ["seden2008innovation"],
        ),
        (
            "bd-training",
            True,
            f"{base}checklists/boards/#bd-training",
            ["pine2007new", "seden2008innovation"],
        ),
        (
            "bd-training-review",
            False,
            f"{base}checklists/boards/#bd-training-review",
            ["seden2007ross", "seden2008innovation"],
        ),
        (
            "bd-access-and-support",
            False,
            f"{base}checklists/boards/#bd-access-and-support",
            ["beresford2003involving", "seden2007ross", "seden2008innovation"],
        ),
    ]
    assert checklist["items"][3]["text"] == "Check that both access and support are in place."
    assert checklist["items"][3]["citations"] == [
        {"key": "beresford2003involving", "prefix": "", "locator": "p. 27"},
        {"key": "seden2007ross", "prefix": "cited in", "locator": "p. 202"},
        {"key": "seden2008innovation", "prefix": "cited in", "locator": ""},
    ]
    assert checklist["items"][3]["basis"] == {
        "quote": "“access and support”",
        "credit": "beresford2003involving",
        "locator": "p. 27",
        "words_from": "seden2008innovation",
        "note": "",
    }
    assert document["references"]["pine2007new"] == {
        "label": "Pine and Healy (2007)",
        "url": f"{base}reference/bibliography/#ref-pine2007new",
    }


def test_evidence_map_links_items_to_anchors_and_sources_to_the_bibliography(good: Path) -> None:
    page = (good / "reference" / "evidence-map" / "index.html").read_text(encoding="utf-8")
    bibliography = (good / "reference" / "bibliography" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+#[^"]+)"', page))
    items = {
        f"../../checklists/boards/#{i}"
        for i in (
            "bd-equal-participation",
            "bd-training",
            "bd-training-review",
            "bd-access-and-support",
        )
    }
    sources = {
        f"../bibliography/#ref-{k}"
        for k in ("beresford2003involving", "pine2007new", "seden2007ross", "seden2008innovation")
    }
    assert items | sources <= links
    assert all(f'id="{link.split("#")[1]}"' in bibliography for link in sources)
    assert "Pine and Healy (2007)" in page
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert (
        "Basis: “power relationships” (Seden (2008)). "
        "Note: Talking about it openly is the guide’s suggestion."
    ) in shown
    assert (
        "Basis: “access and support” (words of Seden (2008), crediting Beresford "
    ) in shown
    assert 'class="task-list-item"' not in page


def test_rules_page_shows_every_example_exactly_as_written(good: Path) -> None:
    source = CHECKS_PAGE.read_text(encoding="utf-8")
    page = (good / "about" / "contributing" / "checks" / "index.html").read_text(encoding="utf-8")
    examples = re.findall(r"<pre><code>.*?</code></pre>|(?<!`)<code>.*?</code>", source, re.DOTALL)
    assert len(examples) > 30
    assert [e for e in examples if e not in page] == []
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "[@seden2008innovation]" in shown
    assert "[@pine2007new, p. 54; cited in @seden2008innovation]" in shown
    assert "[@" not in page and 'class="footnote-ref"' not in page
    assert {f"cl{n:03d}" for n in range(1, 12)} | {f"bib{n:03d}" for n in range(1, 7)} <= set(
        re.findall(r'<h3 id="([a-z]+\d+)"', page)
    )


def test_a_bibliography_that_does_not_parse_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    folder = copy_fixture(tmp_path / "site-src")
    bib = folder / "bibliography" / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(
            "year       = {2007},\n  provenance = {paper}",
            "year       = {2007,\n  provenance = {paper}",
            1,
        ),
        encoding="utf-8",
    )
    returncode, output = build_folder(folder)
    assert returncode != 0
    (message,) = [line for line in output.splitlines() if "BIB001" in line]
    assert re.fullmatch(
        r"ERROR +- +bibliography/references\.bib:\d+:\d+: BIB001/parse-error BibTeX does not "
        r"parse \(.*\) in the entry that starts on line 12; check its braces, commas "
        r"and quotes",
        message,
    ), message
    assert "Traceback" not in output
