"""ProperDocs, MkDocs 1.x's maintained successor, builds the same guide from the same mkdocs.yml.

MkDocs 1.x is no longer maintained. While both install, this keeps them interchangeable, so
that the day MkDocs stops installing the Makefile's commands can switch to `properdocs`
without readers seeing any change (README, "Building with ProperDocs").
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, Build, environment
from offline_copy import NAME

# The one line allowed to differ: each names the tool that built the page.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# Added to site/ after the build by scripts/tools/offline_copy.py, as `make build` does.
NOT_FROM_THE_BUILD = {f"{NAME}.zip"}
SHOWN = 5


def properdocs_build(dest: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(dest)]
    return subprocess.run(command, cwd=ROOT, env=environment(), capture_output=True, text=True, timeout=600)


def files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).as_posix() not in NOT_FROM_THE_BUILD
    }


def first_difference(name: str, mkdocs: bytes, properdocs: bytes) -> str:
    """The first differing line of two versions of a file, or their sizes if binary."""
    try:
        old, new = mkdocs.decode("utf-8").splitlines(), properdocs.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"{name}: binary, {len(mkdocs)} bytes from MkDocs, {len(properdocs)} from ProperDocs"
    for number, (a, b) in enumerate(zip(old, new), 1):
        if a != b:
            start = max(0, len(os.path.commonprefix([a, b])) - 60)
            return f"{name}:{number}:\n  MkDocs     {a[start:start + 160]!r}\n  ProperDocs {b[start:start + 160]!r}"
    return f"{name}: {len(old)} lines from MkDocs, {len(new)} from ProperDocs"


def test_properdocs_builds_the_same_site_as_mkdocs(guide: Build, tmp_path: Path) -> None:
    assert guide.returncode == 0, guide.output
    built = properdocs_build(tmp_path / "site")
    assert built.returncode == 0, f"properdocs build --strict failed:\n{built.stdout}{built.stderr}"
    mkdocs, properdocs = files(guide.site), files(tmp_path / "site")
    assert mkdocs, "the MkDocs build made no files"
    only = sorted(set(mkdocs) ^ set(properdocs))
    assert not only, "only one build made: " + ", ".join(
        f"{name} ({'MkDocs' if name in mkdocs else 'ProperDocs'})" for name in only[:SHOWN]
    )
    differing = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert not differing, (
        f"{len(differing)} file(s) differ between `mkdocs build` and `properdocs build` beyond the "
        "generator tag; the first:\n"
        + "\n".join(first_difference(name, mkdocs[name], properdocs[name]) for name in differing[:SHOWN])
    )
