"""Citations' footnotes written by the plugin (write_citation_footnotes) make the pages Markdown makes.

- The plugin writes them on every page of the guide that has them.
- The whole guide is the same, file for file and byte for byte, with Markdown writing them.
- So is each kind of place a citation can stand, through the guide's Markdown extensions.
- A page the plugin cannot write as Markdown would is left to Markdown; a placeholder that
  comes through Markdown where it cannot be put back stops the build with one line.
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.config import load_config

from conftest import ROOT, Build, strict_build

from offline_copy import NAME as OFFLINE_COPY
from practice_led import citation_controls, citation_footnotes

KEYS = {"seden2008innovation": "Seden (2008)", "lawler2007leadership": "Lawler (2007)"}
SOURCES = (
    "[^seden2008innovation]: Seden, J. (2008) *Innovation still needed?* Available at: <http://example.org/a>.\n"
    "[^lawler2007leadership]: Lawler, J. (2007) 'Leadership in social work', *BJSW*, 37(1), pp. 123--142.\n"
)
SEDEN = "(Seden, 2008)[^seden2008innovation]"
BOTH = "(Lawler, 2007, p. 3; cited in Seden, 2008)[^lawler2007leadership][^seden2008innovation]"


@pytest.fixture(scope="module")
def guide_markdown() -> tuple[list, dict]:
    """The guide's Markdown extensions and their options, as mkdocs.yml sets them."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def pages_both_ways(page: str, extensions: tuple[list, dict]) -> tuple[str, str]:
    """The page as Markdown and citation_controls make it, then with the plugin writing its footnotes."""
    body, taken = citation_footnotes.take(page, KEYS)
    assert taken is not None, "the page was left to Markdown"
    by_markdown = markdown.Markdown(extensions=extensions[0], extension_configs=extensions[1]).convert(page)
    by_plugin = citation_footnotes.restore(
        markdown.Markdown(extensions=extensions[0], extension_configs=extensions[1]).convert(body),
        taken, citation_footnotes.Notes(*extensions),
    )
    return citation_controls.for_page(by_markdown, KEYS), citation_controls.for_page(by_plugin, KEYS)


def test_the_plugin_writes_the_footnotes_of_every_page_of_the_guide_that_has_them(guide: Build) -> None:
    counted = re.search(r"Citations' footnotes: (\d+) pages written, (\d+) pages left to Markdown", guide.output)
    assert counted is not None, "the build does not say how many pages' footnotes it wrote"
    with_sources = [p for p in guide.pages() if '<div class="footnote"' in p.read_text("utf-8")
                    and not p.relative_to(guide.site).as_posix().startswith("print/")]  # print versions: copied
    assert (int(counted[1]), int(counted[2])) == (len(with_sources), 0)


def test_the_guide_is_the_same_when_markdown_writes_the_footnotes(
    guide: Build, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build

    monkeypatch.chdir(ROOT)  # snippets are found from the working directory
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins["practice-led"].config.write_citation_footnotes = False
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    ours = {p.relative_to(guide.site) for p in guide.site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert theirs == ours - {Path(f"{OFFLINE_COPY}.zip")}
    different = [str(p) for p in sorted(theirs)
                 if not filecmp.cmp(guide.site / p, tmp_path / "site" / p, shallow=False)]
    assert different == []


@pytest.mark.parametrize("page", [
    f"A point {SEDEN}.\n\nAnother {BOTH}, and again {SEDEN}.\n\n{SOURCES}",
    f"- [ ] An item {BOTH}\n  {{ #an-item }}\n    - nested {SEDEN}\n\n!!! note \"Note\"\n\n    In a box {SEDEN}.\n\n{SOURCES}",
    f"| a | b |\n|---|---|\n| cell {SEDEN} | cell {BOTH} |\n\n> Quoted {SEDEN}\n\n{SOURCES}",
    f"A [link to a page](https://example.org) {SEDEN}, *emphasis {SEDEN}*, \"quoted\" {BOTH}.\n\n{SOURCES}\n\nAfter the sources.\n",
    f"A source that is a list {SEDEN}, {BOTH}.\n\n{SOURCES.replace(': Seden', ': 1. Seden')}",
], ids=["paragraphs", "lists-and-admonitions", "tables-and-quotes", "inline-and-after", "source-not-a-paragraph"])
def test_citations_are_written_as_markdown_writes_them(page: str, guide_markdown: tuple[list, dict]) -> None:
    by_markdown, by_plugin = pages_both_ways(page, guide_markdown)
    assert by_plugin == by_markdown


@pytest.mark.parametrize("page", [
    f"## A heading {SEDEN}\n\nText.\n\n{SOURCES}",
    f"A heading {SEDEN}\n---\n\nText.\n\n{SOURCES}",
    f"Code `x` beside {SEDEN}.\n\n{SOURCES}",
    f"A note of the page's own[^1] and {SEDEN}.\n\n[^1]: Not a citation.\n\n{SOURCES}",
    f"An abbreviation, BJSW, {SEDEN}.\n\n*[BJSW]: British Journal of Social Work\n\n{SOURCES}",
    f"Text {SEDEN}.\n\n{SOURCES}\n    indented: more of the last source\n",
    f"Text {SEDEN}.\n\n///Footnotes Go Here///\n\n{SOURCES}",
    f"A glossary term with a mark: practice-led management[^seden2008innovation].\n\n{SOURCES}",
], ids=["heading", "setext-heading", "code-span", "own-footnote", "abbreviation", "continued", "place-marker",
        "joined-to-a-word"])
def test_pages_it_would_not_write_as_markdown_does_are_left_to_markdown(page: str) -> None:
    assert citation_footnotes.take(page, KEYS) == (page, None)


def test_a_placeholder_that_cannot_be_put_back_stops_the_build_with_one_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(  # in code: citecheck warns too (CL009), and the build stops
        "# Home\n\n```markdown\nA point [@seden2008innovation].\n```\n\n\\bibliography\n", encoding="utf-8")
    write_site_config(tmp_path, docs)
    build = strict_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert build.returncode != 0
    assert (
        "ERROR   -  docs/index.md: a citation's footnote marks are inside an HTML tag or code: move the "
        "citation out of it, or set write_citation_footnotes: false under practice-led in mkdocs.yml"
    ) in build.output.splitlines()
    assert "Traceback" not in build.output


def test_footnotes_options_it_does_not_write_stop_the_build_with_the_fix(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nText.\n", encoding="utf-8")
    write_site_config(tmp_path, docs, footnotes={"BACKLINK_TEXT": "back"})
    build = strict_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert build.returncode != 0
    assert (
        "ERROR   -  mkdocs.yml: practice-led writes citations' footnotes as the footnotes extension does "
        "with its defaults: remove the footnotes options under markdown_extensions, or set "
        "write_citation_footnotes: false under practice-led"
    ) in build.output.splitlines()


def write_site_config(folder: Path, docs: Path, footnotes: dict | None = None) -> None:
    """A one-page site on the guide's settings."""
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "nav": ["index.md"],
        "plugins": ["search", {"bibtex": {"bib_file": str(ROOT / "bibliography" / "references.bib"),
                                          "enable_inline_citations": False}}, "practice-led"],
    }
    if footnotes is not None:
        config["markdown_extensions"] = [{"footnotes": footnotes}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
