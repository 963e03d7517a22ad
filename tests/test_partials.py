"""The guide's copies of Material's partials keep up with Material.

A file in overrides/partials/ with the name of one of Material's partials replaces it
whole, so a fix in a newer Material never reaches the guide unless it is carried over.
Each copy names, in its first lines, the Material version and the sha256 of the original
it was copied from; these tests compare them with the installed Material.
"""

from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest
from conftest import ROOT
from mkdocs.theme import Theme

OVERRIDES = ROOT / "overrides" / "partials"
ORIGINALS = Path(material.__file__).parent / "templates" / "partials"
MATERIAL = version("mkdocs-material")
COPIED_FROM = re.compile(
    r"Copied from Material for MkDocs (?P<version>\S+): partials/(?P<name>\S+),"
    r"\s+sha256 (?P<sha256>[0-9a-f]{64})"
)
PARTIALS = sorted(path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html"))


def header(name: str) -> str:
    """The comment the partial starts with."""
    found = re.match(r"\s*\{#(.*?)#\}", (OVERRIDES / name).read_text(encoding="utf-8"), re.DOTALL)
    return found.group(1) if found else ""


@pytest.mark.parametrize("name", PARTIALS)
def test_a_copied_partial_names_the_original_it_copies_and_that_has_not_changed(name: str) -> None:
    original = ORIGINALS / name
    copied = COPIED_FROM.search(header(name))
    if not original.is_file():
        assert copied is None, (
            f"overrides/partials/{name} says it copies Material's partials/{copied['name']}, which "
            f"Material {MATERIAL} no longer has: find where that part of the page went in Material "
            "and move the guide's changes there"
        )
        return
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert copied is not None and copied["name"] == name, (
        f"overrides/partials/{name} replaces Material's partials/{name}: start it with a comment "
        f"that says 'Copied from Material for MkDocs {MATERIAL}: partials/{name},' then "
        f"'sha256 {digest}' and what the copy changes"
    )
    assert copied["sha256"] == digest, (
        f"Material's partials/{name} changed since {copied['version']}: compare it with "
        f"overrides/partials/{name}, carry over the change, then update the version and hash in "
        f"its first lines (Material {MATERIAL}, sha256 {digest})"
    )


class Lang:
    """Material's `lang.t`, answering with the key itself."""

    def t(self, key: str) -> str:
        return key


def links(template: str, theme: Theme, features: list[str]) -> set[str]:
    page = {"edit_url": "https://github.com/o/r/edit/main/docs/a.md", "canonical_url": "https://h/a/",
            "url": "a/", "title": "A"}
    config = {"theme": {"icon": {}}, "repo_url": "https://github.com/o/r", "site_name": "S"}
    html = theme.get_env().get_template(template).render(
        page=page, config=config, features=features, lang=Lang())
    return set(re.findall(r'<a href="([^"]+)"', html))


@pytest.mark.parametrize("features", [[], ["content.action.edit"], ["content.action.view"],
                                      ["content.action.edit", "content.action.view"]])
def test_the_page_actions_offer_every_action_materials_do(features: list[str]) -> None:
    material_actions = links("partials/actions.html", Theme(name="material"), features)
    guide_actions = links("partials/actions.html", Theme(name="material", custom_dir=str(ROOT / "overrides")), features)
    assert material_actions <= guide_actions
    assert len(guide_actions - material_actions) == 1  # and "Report a problem with this page"
