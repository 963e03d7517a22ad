"""MkDocs hook: serve the scripts of extra_javascript as one file.

mkdocs.yml lists the guide's own scripts (in overrides/assets/javascripts/) in the
order they run; this hook joins them (asset_bundle.py) into one generated file and
points the pages at it. The separate files are left out of the site, so nothing
loads a copy that is not used. Stylesheets stay separate files: joined, they let the
phone paint the header before the text, which measured slower (About > Quality).
"""

from __future__ import annotations

from asset_bundle import BUNDLE, Script, join
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files


def _plain(script: str | ExtraScriptValue) -> bool:
    """A script without attributes of its own (defer, async, type: module): it can be joined."""
    return isinstance(script, str) or not (script.defer or script.async_ or script.type)


def _take(files: Files, path: str) -> Script:
    file = files.get_file_from_path(path)
    if file is None:
        raise PluginError(
            f"mkdocs.yml: extra_javascript lists {path}, which is in neither docs/ nor "
            "overrides/: add the file there or remove the entry"
        )
    files.remove(file)
    return Script(path, file.content_string)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    joinable = [s for s in config.extra_javascript if _plain(s)]
    if joinable:
        bundle = join([_take(files, str(script)) for script in joinable])
        files.append(File.generated(config, BUNDLE, content=bundle))
        others = [s for s in config.extra_javascript if not _plain(s)]  # served as they are
        config.extra_javascript = [BUNDLE, *others]
    return files
