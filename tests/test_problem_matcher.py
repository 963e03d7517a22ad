"""The problem matcher turns the checker's real output into GitHub annotations."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from working_copy import VENV_PYTHON


def matchers() -> dict[str, dict]:
    data = json.loads((ROOT / ".github" / "problem-matcher.json").read_text(encoding="utf-8"))
    return {m["owner"]: m["pattern"][0] for m in data["problemMatcher"]}


def annotate(line: str) -> list[dict]:
    """What each matcher would make of a line, as GitHub reads the pattern's groups."""
    found = []
    for owner, pattern in matchers().items():
        match = re.match(pattern["regexp"], line)
        if match:
            found.append(
                {
                    key: match.group(pattern[key])
                    for key in ("file", "line", "column", "code", "message")
                    if key in pattern
                }
                | {"owner": owner}
            )
    return found


BROKEN_CHECKLIST = """---
title: Broken
---

# Broken

## The checklist

- [ ] An item citing a key that does not exist. [@seden2008inovation]
  { #br-unknown-key }
- [ ] An item with no citation.
  { #br-uncited }
- [ ] An item with no id. [@seden2008innovation]
"""


@pytest.fixture(scope="module")
def citecheck_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[dict]]:
    """citecheck's real text output on a small broken site, and its findings as JSON."""
    site = tmp_path_factory.mktemp("matcher")
    (site / "docs" / "checklists").mkdir(parents=True)
    (site / "docs" / "checklists" / "broken.md").write_text(BROKEN_CHECKLIST, encoding="utf-8")
    shutil.copytree(ROOT / "bibliography", site / "bibliography")
    checker = [
        str(VENV_PYTHON if VENV_PYTHON.exists() else sys.executable),
        str(ROOT / "scripts" / "citecheck.py"),
    ]
    text = subprocess.run(checker, cwd=site, capture_output=True, text=True, check=False)
    data = subprocess.run(
        [*checker, "--format", "json"], cwd=site, capture_output=True, text=True, check=False
    )
    assert text.returncode == 1, text.stdout + text.stderr
    return text.stdout, json.loads(data.stdout)["findings"]


def test_matcher_reads_every_citecheck_finding(citecheck_output: tuple[str, list[dict]]) -> None:
    output, findings = citecheck_output
    assert {f["code"] for f in findings} >= {"CL001", "CL002", "CL003"}
    read = [a for line in output.splitlines() for a in annotate(line)]
    assert all(a["owner"] == "practice-led-path-line-col" for a in read), "one annotation per line"
    expected = [
        {
            "file": f["path"],
            "line": str(f["line"]),
            "column": str(f["col"]),
            "code": f["code"],
            "message": f["message"],
            "owner": "practice-led-path-line-col",
        }
        for f in findings
    ]
    assert sorted(read, key=str) == sorted(expected, key=str)
    summary = output.strip().splitlines()[-1]
    assert annotate(summary) == []


def test_matcher_reads_citecheck_findings_logged_by_the_build(
    citecheck_output: tuple[str, list[dict]],
) -> None:
    output, _ = citecheck_output
    line = next(line for line in output.splitlines() if "CL002/" in line)
    (read,) = annotate(f"WARNING -  {line}")
    assert (read["file"], read["code"]) == ("docs/checklists/broken.md", "CL002")


def test_matcher_reads_other_path_line_messages() -> None:
    (hook,) = annotate(
        "ERROR   -  CONTRIBUTORS.yml:5: not valid YAML (mapping values are not allowed here)"
    )
    assert (hook["owner"], hook["file"], hook["line"]) == (
        "practice-led-path-line",
        "CONTRIBUTORS.yml",
        "5",
    )
    (failure,) = annotate("tests/test_site.py:42: AssertionError")
    assert (failure["file"], failure["line"], failure["message"]) == (
        "tests/test_site.py",
        "42",
        "AssertionError",
    )
    assert (
        annotate(".venv/lib/python3.11/site-packages/_pytest/python.py:159: in pytest_pyfunc_call")
        == []
    )
    assert annotate("/usr/lib/python3.11/runpy.py:198: in _run_module_as_main") == []
    assert annotate("INFO    -  Documentation built in 4.28 seconds") == []
    # The build logs checks that do not fail it (BIB006) as INFO: not annotated.
    assert annotate("INFO    -  bibliography/references.bib:1:1: BIB006/unused-entry 'x'") == []
    (prefixed,) = annotate("WARNING -  citecheck: docs/a.md:3: the page renders 2 items, not 3")
    assert (prefixed["file"], prefixed["line"]) == ("docs/a.md", "3")
