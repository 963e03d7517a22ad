"""The practice-led plugin: its place among the other plugins, and what goes wrong when it is misused."""

from __future__ import annotations

import shutil
from pathlib import Path

import mkdocs_bibtex
import pytest
from conftest import FIXTURES, ROOT, Build, strict_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from practice_led import bibtex_adapter

TRAINERS = FIXTURES / "trainers"


def handlers(config, event: str) -> list[str]:
    """Who handles an event, in the order MkDocs runs them: 'plugin.method'."""
    return [f"{type(h.__self__).__module__.split('.')[0]}.{h.__name__}" for h in config.plugins.events[event]]


@pytest.fixture(scope="module")
def guide_config():
    config = load_config(str(ROOT / "mkdocs.yml"))
    yield config
    config.plugins.on_shutdown()


def test_the_style_and_bibliography_are_ready_before_mkdocs_bibtex_reads_them(guide_config) -> None:
    order = handlers(guide_config, "config")
    assert order.index("practice_led._prepare_citations") < order.index("mkdocs_bibtex.on_config"), order


def test_the_offline_copy_is_adapted_after_materials_offline_plugin_adds_its_shim(guide_config) -> None:
    order = handlers(guide_config, "config")
    assert order.index("material.on_config", order.index("mkdocs_bibtex.on_config")) < order.index(
        "practice_led._adapt_offline_copy"
    ), order
    assert order[-1] == "practice_led._adapt_offline_copy", order


def test_pages_are_filled_in_before_mkdocs_bibtex_renders_their_citations(guide_config) -> None:
    order = handlers(guide_config, "page_markdown")
    assert order.index("practice_led._fill_markers") < order.index("mkdocs_bibtex.on_page_markdown"), order


def test_footnotes_are_taken_out_after_mkdocs_bibtex_and_back_before_any_plugin_reads_the_html(guide_config) -> None:
    """citation_footnotes.py: the marks and sources mkdocs-bibtex writes are taken out of the
    page's Markdown, and written into its HTML before anything reads it."""
    order = handlers(guide_config, "page_markdown")
    assert order.index("mkdocs_bibtex.on_page_markdown") < order.index("practice_led._take_footnotes"), order
    assert handlers(guide_config, "page_content")[0] == "practice_led._restore_footnotes"


def test_citations_become_controls_after_the_page_has_read_them_as_written(guide_config) -> None:
    """The Source panels, the handouts and the readability scores read each citation with
    its footnote marks; only then does each become one control (citation_controls.py)."""
    order = handlers(guide_config, "page_content")
    assert order.index("practice_led._page_content") < order.index("practice_led._citation_controls"), order


def test_the_citation_batch_sees_the_files_every_other_plugin_has_added(guide_config) -> None:
    assert handlers(guide_config, "files")[-1] == "practice_led.on_files"


def test_a_citation_in_a_discussion_question_is_rendered(tmp_path: Path) -> None:
    site = tmp_path / "trainers"
    shutil.copytree(TRAINERS, site)
    page = site / "docs" / "principles" / "alpha.md"
    text = page.read_text(encoding="utf-8")
    question = next(line for line in text.splitlines() if line.startswith("- ") and "?" in line)
    page.write_text(text.replace(question, question + " [@seden2008innovation, p. 5]", 1), encoding="utf-8")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{ROOT}/"), encoding="utf-8")

    build = strict_build(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    html = (tmp_path / "site" / "trainers" / "questions" / "index.html").read_text(encoding="utf-8")
    assert "(Seden, 2008, p. 5)" in html
    assert "[@" not in html and "\\bibliography" not in html
    assert 'href="#fn:seden2008innovation"' in html  # the reference is listed under the questions


def build_trainers_with_print_sections(tmp_path: Path, print_options: str) -> Build:
    """The trainers fixture built with its print_sections line replaced by print_options."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        (TRAINERS / "mkdocs.yml").read_text(encoding="utf-8")
        .replace("../../../", f"{ROOT}/").replace("docs_dir: docs", f"docs_dir: {TRAINERS / 'docs'}")
        .replace("print_sections: [Principles, Checklists]", print_options),
        encoding="utf-8",
    )
    return strict_build(config, tmp_path / "site")


def test_an_unknown_print_section_stops_the_build_naming_the_sections(tmp_path: Path) -> None:
    build = build_trainers_with_print_sections(tmp_path, "print_sections: [Principles, Checklist]")
    assert build.returncode != 0
    assert ("mkdocs.yml: print_sections lists 'Checklist', which is not a top-level nav section whose "
            "pages share one folder: use one of 'Principles', 'Checklists', 'For trainers'") in build.output
    assert "Traceback" not in build.output


def test_a_large_print_section_without_a_print_version_stops_the_build_with_the_fix(tmp_path: Path) -> None:
    build = build_trainers_with_print_sections(
        tmp_path, "print_sections: [Principles]\n      large_print_sections: [Checklists]")
    assert build.returncode != 0
    assert ("mkdocs.yml: large_print_sections lists 'Checklists', which is not in print_sections: add it to "
            "print_sections too, or take it out of large_print_sections") in build.output
    assert "Traceback" not in build.output


def test_an_untested_mkdocs_bibtex_release_is_refused_with_the_fix(monkeypatch) -> None:
    monkeypatch.setattr(bibtex_adapter.metadata, "version", lambda name: "4.5.0")
    with pytest.raises(PluginError, match=r"written for mkdocs-bibtex 4\.4\.0, found 4\.5\.0: run `make install`"):
        bibtex_adapter.check_version()


@pytest.mark.parametrize("dependency", bibtex_adapter.DEPENDENCIES, ids=lambda d: f"{d.file}:{d.line}")
def test_each_private_line_the_adapter_relies_on_is_where_it_says(dependency) -> None:
    source = Path(mkdocs_bibtex.__file__).parent / dependency.file
    line = source.read_text(encoding="utf-8").splitlines()[dependency.line - 1].strip()
    assert line == dependency.text, (
        f"mkdocs-bibtex {dependency.file}:{dependency.line} now reads {line!r}: check what "
        f"bibtex_adapter.py does with it ({dependency.why}), then update DEPENDENCIES"
    )


def test_the_policy_is_set_after_every_other_plugin_has_written_its_pages(guide_config) -> None:
    """Redirect stubs and the offline copy's search index are written in on_post_build too."""
    assert handlers(guide_config, "post_build")[-1] == "practice_led._set_the_policy"
