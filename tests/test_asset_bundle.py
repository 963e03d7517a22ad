"""The guide's scripts reach a page as one file (scripts/practice_led/asset_bundle.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Build, strict_build

from practice_led.asset_bundle import BUNDLE, Script, join

SCRIPT_SRC = re.compile(r'<script src="([^"]+)"')


def listed_scripts() -> list[str]:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), loader)["extra_javascript"]


def test_every_page_loads_the_guides_scripts_as_one_file(guide: Build) -> None:
    for page in guide.pages():
        sources = SCRIPT_SRC.findall(page.read_text(encoding="utf-8"))
        own = [s for s in sources if "/bundle." not in s and "/vendor/" not in s]
        assert [s.rsplit("/", 1)[-1] for s in own] in ([], ["practice-led.js"]), page
    assert not any((guide.site / path).exists() for path in listed_scripts())


def test_the_joined_file_holds_each_listed_script_in_order(guide: Build) -> None:
    joined = (guide.site / BUNDLE).read_text(encoding="utf-8")
    starts = [joined.index(f"/* --- {path} --- */") for path in listed_scripts()]
    assert starts == sorted(starts)
    for path in listed_scripts():
        assert (ROOT / "overrides" / path).read_text(encoding="utf-8").strip() in joined


def test_a_script_without_its_last_semicolon_does_not_swallow_the_next() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (CI installs it)")
    first = Script("a.js", "var log = []\nvar first = function () { log.push('a') }")
    second = Script("b.js", "(function () { log.push('b') })()\nconsole.log(log.join(','))")
    run = subprocess.run([node, "-e", join([first, second])], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == "b", run.stderr


def test_a_listed_script_that_does_not_exist_stops_the_build_and_names_it(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\n"
        f"plugins:\n  - bibtex:\n      bib_file: {ROOT / 'bibliography' / 'references.bib'}\n  - practice-led\n"
        "extra_javascript:\n  - assets/javascripts/missing.js\n",
        encoding="utf-8",
    )
    build = strict_build(tmp_path / "mkdocs.yml", tmp_path / "site", cwd=tmp_path)
    assert build.returncode != 0
    assert ("mkdocs.yml: extra_javascript lists assets/javascripts/missing.js, which is in neither "
            "docs/ nor overrides/: add the file there or remove the entry") in build.output
    assert "Traceback" not in build.output
