"""Serve the guide's own scripts as one file.

A page that loads several small scripts makes the phone wait for each before the page
settles: on the long explanation page, three separate scripts cost the page speed goal
(see About > Quality). The sources stay separate, one concern per file, listed in
mkdocs.yml's extra_javascript in the order they run; the build serves them joined, and
leaves the separate files out of the site, so nothing loads a copy that is not used.
Stylesheets stay separate files: joined, they let the phone paint the header before the
text, which measured slower (About > Quality).
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

BUNDLE = "assets/javascripts/practice-led.js"


@dataclass(frozen=True)
class Script:
    path: str  # as listed in mkdocs.yml, e.g. assets/javascripts/checklists.js
    text: str


def join(scripts: list[Script]) -> str:
    """The scripts in order, each under a comment naming its source file.

    Each source is a self-contained function, so ";" ends one before the next begins
    even when a source omits its last semicolon.
    """
    return "\n;\n".join(f"/* --- {script.path} --- */\n{script.text.strip()}\n" for script in scripts)


class MissingScript(Exception):
    """extra_javascript lists a file that is in neither docs/ nor overrides/."""


def _joinable(script: str | ExtraScriptValue) -> bool:
    """A script without attributes of its own (defer, async, type: module): it can be joined."""
    return isinstance(script, str) or not (script.defer or script.async_ or script.type)


def _take(files: Files, path: str) -> Script:
    file = files.get_file_from_path(path)
    if file is None:
        raise MissingScript(
            f"mkdocs.yml: extra_javascript lists {path}, which is in neither docs/ nor "
            "overrides/: add the file there or remove the entry"
        )
    files.remove(file)
    return Script(path, file.content_string)


def bundle(files: Files, config: MkDocsConfig) -> list[str | ExtraScriptValue]:
    """Replace the joinable scripts in files by their bundle; the new extra_javascript list."""
    joinable = [s for s in config.extra_javascript if _joinable(s)]
    if not joinable:
        return list(config.extra_javascript)
    files.append(File.generated(config, BUNDLE, content=join([_take(files, str(s)) for s in joinable])))
    return [BUNDLE, *(s for s in config.extra_javascript if not _joinable(s))]
