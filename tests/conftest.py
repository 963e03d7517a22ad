"""Shared fixtures: strict builds of the real guide and of small fixture sites."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    site: Path
    output: str
    returncode: int

    def page(self, url_path: str) -> str:
        """The HTML of a built page, by its URL path ('' for the home page)."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")

    def pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def strict_build(config: Path, dest: Path) -> Build:
    """Run `mkdocs build --strict` (never -q: quiet hides strict-mode warnings)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(config), "-d", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    return Build(dest, proc.stdout + proc.stderr, proc.returncode)


@pytest.fixture(scope="session")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real guide, built once for the whole session."""
    return strict_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def citation_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A one-page site on the real configuration, citing with locators."""
    return strict_build(FIXTURES / "site" / "mkdocs.yml", tmp_path_factory.mktemp("fixture"))
