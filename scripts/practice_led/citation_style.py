"""The citation style, in the guide's language.

pandoc formats dates, quotation marks and their punctuation in the style's default locale,
and mkdocs-bibtex gives it no other way to choose one: without it, a British style prints
"Accessed: December 2, 2026" and puts commas inside quotation marks. So the build uses a
copy of the style whose root names the locale, written next to the citation cache.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from practice_led.disk_cache import write_atomically

_STYLE_TAG = re.compile(r"<style\b[^>]*>")
_LOCALE = re.compile(r'\sdefault-locale="[^"]*"')


def with_locale(style_xml: str, locale: str) -> str:
    """The style with its root element's default-locale set to locale."""
    tag = _STYLE_TAG.search(style_xml)
    if tag is None:
        raise ValueError("not a CSL style: it has no <style> element")
    old = tag.group(0)
    new = _LOCALE.sub("", old)[:-1].rstrip() + f' default-locale="{locale}">'
    return style_xml[: tag.start()] + new + style_xml[tag.end() :]


def localised_style(style: Path, locale: str, folder: Path) -> Path:
    """A copy of the style set to locale, in folder, or in the temporary folder when folder
    cannot be written (as an unwritable citation cache costs only speed, this costs nothing).
    The copy is rewritten only when it changes, so `make serve` sees no new style each build."""
    text = with_locale(style.read_text(encoding="utf-8"), locale)
    name = f"{style.stem}.{locale}.csl"
    try:
        return _kept(folder / name, text)
    except OSError:
        return _kept(Path(tempfile.gettempdir()) / "practice-led" / name, text)


def _kept(copy: Path, text: str) -> Path:
    if not copy.exists() or copy.read_text(encoding="utf-8") != text:
        write_atomically(copy, text.encode("utf-8"))  # a build may be reading it
    return copy
