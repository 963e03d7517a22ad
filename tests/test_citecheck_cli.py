"""citecheck as a process: exit codes, output formats, and no traceback for user mistakes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from citecheck_cases import ROOT, prepare

CHECKER = ROOT / "scripts" / "citecheck.py"


def citecheck(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, str(CHECKER), *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A guide with uncited items, an unknown key and items without a basis, in one file."""
    folder = prepare("cl001-uncited-item", tmp_path)
    page = folder / "docs" / "checklists" / "uncited.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "[@seden2008innovation]\n  { #un-cited }", "[@sedenross2007]\n  { #un-cited }"
        ),
        encoding="utf-8",
    )
    return folder


def test_clean_guide_exits_0_with_the_summary_only(tmp_path: Path) -> None:
    result = citecheck(prepare("clean", tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "0 problems; 4 checklist items in 1 checklist checked against 3 references\n",
        "",
    )


def test_problems_exit_1_one_line_each_sorted_then_the_summary(broken: Path) -> None:
    result = citecheck(broken)
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.splitlines() == [
        (
            "docs/checklists/uncited.md:3:1: CL001/uncited-item checklist item has no citation: end it "
            "with the source it rests on, for example [@seden2008innovation]"
        ),
        (
            "docs/checklists/uncited.md:5:1: CL001/uncited-item checklist item has no citation: end it "
            "with the source it rests on, for example [@seden2008innovation]"
        ),
        (
            "docs/checklists/uncited.md:5:48: CL009/citation-in-code citation syntax inside code is "
            "rewritten by the renderer: to show the syntax, use <code>[&#64;key]</code> (the &#64; "
            "entity renders as @ and is not a citation)"
        ),
        (
            "docs/checklists/uncited.md:7:1: CL013/missing-basis item 'un-cited' has no basis: add "
            "one under 'basis:' in the front matter, with the words of the source it rests on "
            "(quote) and the work they credit (credit)"
        ),
        (
            "docs/checklists/uncited.md:7:22: CL002/unknown-key 'sedenross2007' is not in "
            "bibliography/references.bib (did you mean 'seden2007ross'?)"
        ),
        *[
            f"docs/checklists/uncited.md:{line}:1: CL013/missing-basis item '{item}' has no "
            "basis: add one under 'basis:' in the front matter, with the words of the source it "
            "rests on (quote) and the work they credit (credit)"
            for line, item in ((9, "un-second-line"), (12, "un-middle"))
        ],
        "7 problems in 1 file; 5 checklist items in 1 checklist checked against 3 references",
    ]


def test_quiet_prints_the_summary_only(broken: Path) -> None:
    result = citecheck(broken, "--quiet")
    assert result.returncode == 1
    assert (
        result.stdout
        == "7 problems in 1 file; 5 checklist items in 1 checklist checked against 3 references\n"
    )


def test_github_format_prints_workflow_annotations(broken: Path) -> None:
    result = citecheck(broken, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[4] == (
        "::error file=docs/checklists/uncited.md,line=7,col=22,title=CL002/unknown-key::"
        "'sedenross2007' is not in bibliography/references.bib (did you mean 'seden2007ross'?)"
    )
    assert all(line.startswith("::error ") for line in lines[:-1])
    assert lines[-1].startswith("7 problems in 1 file;")


def test_json_format_holds_findings_summary_and_evidence_map(broken: Path) -> None:
    result = citecheck(broken, "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["summary"]["problems"] == 7 and document["summary"]["exit_code"] == 1
    assert document["findings"][4] == {
        "path": "docs/checklists/uncited.md",
        "line": 7,
        "col": 22,
        "code": "CL002",
        "name": "unknown-key",
        "severity": "error",
        "message": "'sedenross2007' is not in bibliography/references.bib (did you mean 'seden2007ross'?)",
    }
    (checklist,) = document["evidence"]["checklists"]
    assert [item["id"] for item in checklist["items"]] == [
        "un-nothing",
        "un-code-only",
        "un-cited",
        "un-second-line",
        "un-middle",
    ]
    assert [i["id"] for i in document["evidence"]["sources"]["sedenross2007"]["items"]] == [
        "un-cited"
    ]


def test_paths_limit_the_check_and_skip_unused_entries(broken: Path) -> None:
    (broken / "docs" / "other.md").write_text(
        "# Other\n\n- [ ] Uncited elsewhere.\n  { #ot-x }\n", encoding="utf-8"
    )
    whole = citecheck(broken, "--quiet")
    part = citecheck(broken, "docs/checklists/uncited.md", "--quiet")
    folder = citecheck(broken, "docs/checklists", "--quiet")
    assert whole.stdout.startswith("8 problems in 2 files;")
    assert part.stdout.startswith("7 problems in 1 file;")
    assert folder.stdout == part.stdout


def test_bib_option_is_repeatable_and_finds_keys_duplicated_across_files(tmp_path: Path) -> None:
    folder = prepare("clean", tmp_path)
    extra = folder / "bibliography" / "extra.bib"
    extra.write_text(
        "@misc{pine2007new,\n  author = {Pine, B.},\n  year = {2007},\n  note = {again},\n"
        "  provenance = {cited-only}\n}\n",
        encoding="utf-8",
    )
    result = citecheck(
        folder, "--bib", "bibliography/references.bib", "--bib", "bibliography/extra.bib"
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "bibliography/extra.bib:1:1: BIB002/duplicate-key key 'pine2007new' is already used by the "
        "entry at bibliography/references.bib:22: give this entry its own key or merge the two "
        "(pybtex and mkdocs-bibtex refuse repeated keys)"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--bib", "missing.bib"],
            "citecheck: error: cannot read missing.bib: No such file or directory\n",
        ),
        (
            ["docs/nowhere.md"],
            "citecheck: error: cannot read docs/nowhere.md: no such file or folder\n",
        ),
        (
            ["--source-texts", "../shared/nowhere"],
            "citecheck: error: cannot read ../shared/nowhere: no such folder of source texts\n",
        ),
    ],
)
def test_missing_input_exits_2_with_a_message(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = citecheck(prepare("clean", tmp_path), *args)
    assert result.returncode == 2
    assert result.stderr == message


def test_unreadable_markdown_exits_2_and_the_rest_is_still_checked(tmp_path: Path) -> None:
    folder = prepare("clean", tmp_path)
    (folder / "docs" / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    result = citecheck(folder)
    assert result.returncode == 2
    assert result.stderr == (
        "citecheck: error: cannot read docs/latin1.md: not UTF-8 (byte 0xe9 at offset 5)\n"
    )
    assert result.stdout.endswith("4 checklist items in 1 checklist checked against 3 references\n")


def test_bibtex_that_does_not_parse_exits_2_with_file_and_line(tmp_path: Path) -> None:
    result = citecheck(prepare("bib001-parse-error", tmp_path))
    assert result.returncode == 2
    assert result.stdout.startswith("bibliography/references.bib:17:1: BIB001/parse-error ")
    assert "Traceback" not in result.stdout + result.stderr


def test_a_python_without_the_locked_packages_is_told_how_to_run_it(tmp_path: Path) -> None:
    """`python3 scripts/citecheck.py` outside .venv: one line saying what to run, no traceback."""
    folder = prepare("clean", tmp_path)
    without_pybtex = (
        "import runpy, sys; sys.modules['pybtex'] = None; sys.argv = [sys.argv[1]]; "
        "runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", without_pybtex, str(CHECKER)],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "citecheck: error: this Python has no 'pybtex': run `make check`, or "
        "`.venv/bin/python scripts/citecheck.py` after `make install`"
    ]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = citecheck(tmp_path, "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_docs_folder_exits_2(tmp_path: Path) -> None:
    result = citecheck(tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "citecheck: error: cannot read bibliography/references.bib: No such file or directory",
        "citecheck: error: cannot read docs: no such file or folder",
    ]


def test_help_names_the_rules_page() -> None:
    result = citecheck(ROOT, "--help")
    assert result.returncode == 0
    assert "docs/about/contributing/checks.md" in result.stdout
