"""Every command the contributor docs show in a code block is run here, so the instructions
cannot rot; a newly shown command fails until a test runs it (SHOWN_COMMANDS says which)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from conftest import ROOT
from contributor_docs import (
    CITECHECK_COMMAND,
    SHOWN_COMMANDS,
    doc_files,
    fenced_blocks,
    makefile_targets,
    shown_commands,
)
from working_copy import VENV_PYTHON, free_port, run, start, stop, wait_for_page, workspace


def test_every_shown_command_is_run() -> None:
    shown = shown_commands()
    assert shown, "the contributor docs should show the commands they ask for"
    missing = {
        command: files
        for command, files in shown.items()
        if command not in SHOWN_COMMANDS and not CITECHECK_COMMAND.match(command)
    }
    assert missing == {}, (
        "these commands are shown in the docs but no test runs them: add each to SHOWN_COMMANDS "
        "in tests/contributor_docs.py and to the test that runs it"
    )


def test_every_command_in_the_table_is_still_shown() -> None:
    stale = set(SHOWN_COMMANDS) - set(shown_commands())
    assert stale == set(), "no longer shown in the docs: remove from SHOWN_COMMANDS"


def test_every_code_block_says_what_it_holds() -> None:
    unlabelled = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in doc_files()
        for info, _, line in fenced_blocks(path.read_text(encoding="utf-8"))
        if not info
    ]
    assert unlabelled == [], (
        "label each code block: sh for commands, text for output, markdown, yaml…"
    )


def test_make_commands_in_the_text_name_real_targets() -> None:
    targets = makefile_targets()
    named = {
        (path.relative_to(ROOT).as_posix(), target)
        for path in doc_files()
        for target in re.findall(r"`make ([a-z][\w-]*)", path.read_text(encoding="utf-8"))
    }
    assert named, "the docs should name make targets"
    assert {(path, target) for path, target in named if target not in targets} == set()


def test_make_test_runs_check_then_pytest() -> None:
    """`make test` runs the content checks, then this suite (dry run: a real one would recurse)."""
    dry = run("make -n test", ROOT)
    assert dry.returncode == 0, dry.stderr
    commands = dry.stdout.splitlines()
    check = next(i for i, c in enumerate(commands) if "scripts/citecheck.py" in c)
    tests = next(i for i, c in enumerate(commands) if "-m pytest" in c)
    assert check < tests


def test_make_serve_listens_where_the_docs_say() -> None:
    dry = run("make -n serve", ROOT)
    assert "--dev-addr 127.0.0.1:8000" in dry.stdout
    # Each path they give answers under `make serve`: test_make_serve_shows_the_new_item.
    for name in shown_commands()["make serve"]:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "http://127.0.0.1:8000" in text, f"{name} should say where to look"


def test_preview_server_serves_the_site(tmp_path: Path) -> None:
    (tmp_path / "site-preview").mkdir()
    (tmp_path / "site-preview" / "index.html").write_text(
        "<title>preview</title>", encoding="utf-8"
    )
    port = free_port()
    command = "python3 -m http.server --directory site-preview 8000"
    assert command in SHOWN_COMMANDS
    server = start(
        command.replace("8000", str(port)).replace("python3", sys.executable, 1), tmp_path
    )
    try:
        assert "<title>preview</title>" in wait_for_page(
            f"http://127.0.0.1:{port}/", server, timeout=30
        )
    finally:
        stop(server)


def test_shown_citecheck_commands_run(tmp_path: Path) -> None:
    commands = [c for c in shown_commands() if CITECHECK_COMMAND.match(c)]
    assert commands, (
        "the contributor docs no longer show how to run scripts/citecheck.py on its own "
        "(docs/about/contributing/checks.md, 'Running the checks'): show it again"
    )
    guide = workspace(tmp_path)
    for command in commands:
        result = run(re.sub(r"^(?:\.venv/bin/)?python3?", str(VENV_PYTHON), command), guide)
        # 0: nothing to fix, 1: problems found; 2 (unreadable input) or a crash means the docs are wrong.
        assert result.returncode in (0, 1), f"{command}\n{result.stdout}{result.stderr}"
        assert "Traceback" not in result.stderr
        assert gives_a_report(command, result.stdout), f"{command} printed no report:\n{result.stdout}"


def gives_a_report(command: str, output: str) -> bool:
    """The report the checks page describes: JSON with the findings, or a summary line last."""
    if "--format json" in command:
        return "findings" in json.loads(output)
    if "--format" in command:
        return bool(output.strip())
    lines = output.strip().splitlines()
    return bool(lines) and re.match(r"^\d+ problems?; \d+ checklist items? in ", lines[-1]) is not None
