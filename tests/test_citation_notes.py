"""Citation notes (scripts/hook_citation_notes.py): faster builds, the very same pages.

- In Markdown: every case, converted the ordinary way and the fast way, gives the same
  HTML byte for byte; the cases the fast path vouches for really take it, and the ones
  it cannot vouch for are declined (and so take the ordinary path).
- A mark that lands where the fast path cannot follow is caught, and MkDocs renders the
  page again the ordinary way.
- A footnotes setting the fast path does not follow switches it off for the build.
- In MkDocs: the guide itself, and a generated guide with awkward pages, come out the
  same with and without the hook, links to notes pass the strict anchor check, and the
  build reports how many pages took the fast path.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from conftest import ROOT, build_in_process

from bench_build import generate_guide
from citation_notes import CitationNotes, DefinitionRenderer, prepare
from test_citation_batch import fixture_hooks, html_pages, write_config

NOTES_HOOK = "hook_citation_notes.py"
SEDEN = 'Seden, J. (2008) "Innovation still needed?" *The Innovation Journal*, 13(1).'
LAWLER = "Lawler, J. (2007) *Leadership in social work*, pp. 123--142."
SOURCES = f"\n## Sources\n\n[^seden]: {SEDEN}\n[^lawler]: {LAWLER}\n"


@pytest.fixture(scope="module")
def guide_markdown() -> tuple[list, dict]:
    """The guide's own Markdown extensions and settings (the glossary included)."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the glossary snippet's path is relative to the repository
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def both_ways(text: str, guide_markdown: tuple[list, dict]):
    """The page converted the ordinary way and the fast way, and the fast way's notes."""
    extensions, configs = guide_markdown
    notes = CitationNotes(extensions, configs)
    assert notes.enabled, "the probe page should convert the same both ways"
    ordinary = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
    fast_text = notes.prepare(text)
    fast_markdown = markdown.Markdown(
        extensions=[*extensions, notes.extension], extension_configs=configs
    )
    fast = fast_markdown.convert(text if fast_text is None else fast_text)
    return ordinary, fast, notes.extension.notes if fast_text is not None else None


# Pages as mkdocs-bibtex hands them to Markdown: marks after the citation, notes under Sources.
FAST_CASES = {
    "paragraph, repeated and adjacent marks": (
        "Text (Seden, 2008)[^seden].\nMore (Lawler, 2007; cited in Seden, 2008)[^lawler] [^seden]."
        "\nAgain[^seden][^lawler].\n"
    ),
    "list, task list, table, admonition, details": (
        "- a point (Seden, 2008)[^seden]\n- [ ] a task (Lawler, 2007)[^lawler]\n\n"
        "| A | B |\n|---|---|\n| cell (Seden, 2008)[^seden] | x |\n\n"
        '!!! note "In short (Seden, 2008)[^seden]"\n\n    Inside (Lawler, 2007)[^lawler].\n\n'
        '??? tip "More"\n\n    Folded (Seden, 2008)[^seden].\n'
    ),
    "headings, where the table of contents reads the mark": (
        "# Title (Seden, 2008)[^seden]\n\n## Part (Lawler, 2007)[^lawler]\n\nText[^seden].\n"
    ),
    "quotes and attribute lists right after a mark": (
        'She said "it works (Seden, 2008)[^seden]". And \'so (Lawler, 2007)[^lawler]\'.\n'
        "Marked (Seden, 2008)[^seden]{: .cite }\n"
    ),
    "emphasis, links and a glossary term around marks": (
        "*As argued (Seden, 2008)[^seden]* and [see this (Lawler, 2007)[^lawler]](https://example.org/)."
        "\nOn practice-led management (Seden, 2008)[^seden].\n"
    ),
    "code, escapes and look-alikes that are not marks": (
        "`code [^seden]` and \\[^seden] and \\\\[^seden] and ![^seden] and [^unknown].\n\n"
        "```\nfenced [^seden]\n```\n\n    indented [^lawler]\n\nText (Lawler, 2007)[^lawler].\n"
    ),
    "raw HTML, with and without Markdown inside": (
        "<div>raw [^seden]</div>\n\n"
        '<div markdown="1">\nInside (Lawler, 2007)[^lawler].\n</div>\n\nText[^seden].\n'
    ),
    "a note never marked in the text": "Only Seden is marked (Seden, 2008)[^seden].\n",
}


@pytest.mark.parametrize("case", FAST_CASES)
def test_fast_path_gives_the_same_html(case: str, guide_markdown) -> None:
    ordinary, fast, notes = both_ways(FAST_CASES[case] + SOURCES, guide_markdown)
    assert notes is not None, "the page should take the fast path"
    assert not notes.leaked
    assert fast == ordinary
    assert '<div class="footnote">' in fast


def test_glossary_terms_and_typography_in_notes_are_kept(guide_markdown) -> None:
    text = "Text[^a].\n\n[^a]: On practice-led management -- *a study* of \"voice\".\n"
    ordinary, fast, notes = both_ways(text, guide_markdown)
    assert notes is not None and fast == ordinary
    assert "<abbr" in fast and "&ndash;" in fast and "&ldquo;voice&rdquo;" in fast


LEAKS = {
    "in an HTML attribute": 'A <span title="(Seden, 2008)[^seden]">term</span> here[^seden].\n',
    "in a link address": "[a link](https://example.org/[^seden]) and text[^seden].\n",
}


@pytest.mark.parametrize("case", LEAKS)
def test_marks_where_the_fast_path_cannot_follow_are_flagged(case: str, guide_markdown) -> None:
    _, fast, notes = both_ways(LEAKS[case] + SOURCES, guide_markdown)
    assert notes is not None and notes.leaked
    assert "\x02" not in fast


DECLINED = {
    "another footnote of the author's own": "Text[^seden] and a note[^mine].\n\n[^mine]: Mine.\n",
    "a page with its own abbreviations": "Text[^seden] on NPM.\n\n*[NPM]: New public management\n",
    "a page that includes a snippet": 'Text[^seden].\n\n--8<-- "glossary.md"\n',
    "the footnote place marker": "Text[^seden].\n\n///Footnotes Go Here///\n",
}


@pytest.mark.parametrize("case", DECLINED)
def test_pages_the_fast_path_cannot_vouch_for_are_declined(case: str, guide_markdown) -> None:
    renderer = DefinitionRenderer(*guide_markdown)
    assert prepare(DECLINED[case] + SOURCES, renderer) is None


DECLINED_NOTES = {
    "text run on after the notes": f"Text[^seden].\n\n[^seden]: {SEDEN}\nmore text\n",
    "indented text after the notes": f"Text[^seden].\n\n[^seden]: {SEDEN}\n\n    more\n",
    "notes straight after text": f"Text[^seden].\n[^seden]: {SEDEN}\n",
    "a note defined twice": f"Text[^seden].\n\n[^seden]: {SEDEN}\n[^seden]: {LAWLER}\n",
    "a note with a relative link": "Text[^seden].\n\n[^seden]: See [the page](other.md).\n",
    "a note with a mark of its own": "Text[^seden].\n\n[^seden]: See[^lawler].\n",
}


@pytest.mark.parametrize("case", DECLINED_NOTES)
def test_notes_that_are_not_one_plain_block_are_declined(case: str, guide_markdown) -> None:
    renderer = DefinitionRenderer(*guide_markdown)
    assert prepare(DECLINED_NOTES[case], renderer) is None
    ordinary, fast, _ = both_ways(DECLINED_NOTES[case], guide_markdown)
    assert fast == ordinary


def test_a_footnotes_setting_it_does_not_follow_switches_it_off(guide_markdown) -> None:
    extensions, configs = guide_markdown
    by_reference = {**configs, "footnotes": {"USE_DEFINITION_ORDER": False}}
    notes = CitationNotes(extensions, by_reference)
    assert not notes.enabled
    assert notes.prepare("Text[^lawler] then[^seden].\n" + SOURCES) is None
    # A setting it does follow keeps it on, and the pages the same.
    arrows = {**configs, "footnotes": {"BACKLINK_TEXT": "back", "SEPARATOR": "-"}}
    assert CitationNotes(extensions, arrows).enabled
    ordinary, fast, _ = both_ways("Text[^seden].\n" + SOURCES, (extensions, arrows))
    assert fast == ordinary and 'href="#fnref-seden"' in fast and ">back</a>" in fast


# --- MkDocs -----------------------------------------------------------------------------
def built_files(site: Path) -> dict[str, bytes]:
    """Every page, and the search index, which reads the same HTML."""
    return {**html_pages(site), "search": (site / "search" / "search_index.json").read_bytes()}


def test_the_guide_is_the_same_with_and_without_the_hook(tmp_path: Path, caplog, monkeypatch) -> None:
    monkeypatch.setenv("PRACTICE_LED_CACHE", str(tmp_path / "cache"))
    config = ROOT / "mkdocs.yml"
    hooks = [str(ROOT / h) for h in load_config(config_file=str(config))["hooks"]]
    assert any(h.endswith(NOTES_HOOK) for h in hooks), "the guide should use the hook"
    fast_log = build_in_process(config, tmp_path / "fast", caplog)
    build_in_process(
        config, tmp_path / "plain", caplog, hooks=[h for h in hooks if not h.endswith(NOTES_HOOK)]
    )
    assert "Citation notes: " in fast_log and " 0 pages on the fast path" not in fast_log
    assert built_files(tmp_path / "fast") == built_files(tmp_path / "plain")


AWKWARD_PAGES = {
    "heading.md": "# Heading cited [@seden2008innovation]\n\nText [@seden2008innovation].\n",
    "quote.md": '# Quote\n\nShe said "it works [@seden2008innovation]". Done.\n',
    "code.md": "# Code\n\nWrite `[@seden2008innovation]`, and see [@seden2008innovation].\n",
    # Markdown itself puts a mark inside the attribute, which MkDocs warns about; the fast
    # path's token lands there too, so the page is rendered again, to the same output.
    "attribute.md": '# Leak\n\nA <abbr title="[@seden2008innovation]">term</abbr> [@seden2008innovation].\n',
    "own-note.md": "# Own note\n\nCited [@seden2008innovation], noted[^mine].\n\n[^mine]: Mine.\n",
    "links-to-notes.md": (
        "# Links\n\nSee [the note](heading.md#fn:seden2008innovation) "
        "and [the second mark](heading.md#fnref2:seden2008innovation).\n"
    ),
}


def test_a_generated_guide_with_awkward_pages_is_the_same(tmp_path: Path, caplog, monkeypatch) -> None:
    monkeypatch.setenv("PRACTICE_LED_CACHE", str(tmp_path / "cache"))
    docs = tmp_path / "docs"
    generate_guide(docs, 12)
    for name, text in AWKWARD_PAGES.items():
        (docs / name).write_text(text + "\n\\bibliography\n", encoding="utf-8")
    bib = ROOT / "bibliography" / "references.bib"
    hooks = fixture_hooks(batch=True)
    assert any(h.endswith(NOTES_HOOK) for h in hooks), "the fixture site should build like the guide"
    plain = [h for h in hooks if not h.endswith(NOTES_HOOK)]
    configs = {name: write_config(tmp_path / f"{name}.yml", docs, bib, h) for name, h in (("fast", hooks), ("plain", plain))}
    logs = {
        name: build_in_process(config, tmp_path / name, caplog, strict=False)
        for name, config in configs.items()
    }
    # attribute.md goes again the ordinary way; own-note.md and the links page are declined.
    assert "(1 of them rendered again)" in logs["fast"], logs["fast"]
    assert built_files(tmp_path / "fast") == built_files(tmp_path / "plain")
    warnings = {name: [line for line in log.splitlines() if line.startswith("WARNING")] for name, log in logs.items()}
    assert [w for w in warnings["fast"] if "attribute.md" not in w] == [], "links to notes should resolve"
    assert len(warnings["fast"]) == len(warnings["plain"])
    heading = (tmp_path / "fast" / "heading" / "index.html").read_text(encoding="utf-8")
    assert 'id="fn:seden2008innovation"' in heading and 'id="fnref:seden2008innovation"' in heading


def test_the_benchmark_runs_and_finds_its_builds_identical() -> None:
    """scripts/bench_build.py, at a size that takes seconds: its table, and a = c."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_build.py"), "--sizes", "6", "--repeat", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| 6 |")]
    assert len(rows) == 3, proc.stdout  # as it goes, then clock and CPU tables
    assert re.search(r"^- 6 pages: median \d\.\d{3}, \d\.\d{3} to \d\.\d{3} over 1 attempt$", proc.stdout, re.M)
    assert all(row.endswith("| identical |") for row in rows)
