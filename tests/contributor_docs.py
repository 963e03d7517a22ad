"""What the contributor docs show: their code blocks, the commands in them and the example.

SHOWN_COMMANDS lists every command the docs show and the test that runs it; the tests in
test_shown_commands.py fail when the docs and the table part.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

DOCS_WITH_COMMANDS = ["CONTRIBUTING.md", "README.md", "docs/about/contributing/*.md"]
CHECKLIST = "docs/checklists/tokenism-review.md"
FORK_URL = "https://github.com/YOUR-USERNAME/guide.git"

# Every command the contributor docs show in a code block, and how this suite runs it.
# A command shown in the docs but missing here fails test_every_shown_command_is_run.
SHOWN_COMMANDS: dict[str, str] = {
    # test_git_commands_work_on_a_fork: run as shown, in a clone of a stand-in fork
    # (git's url.<fork>.insteadOf maps the GitHub address to a local bare repository).
    f"git clone {FORK_URL}": "git",
    "cd guide": "git",
    "git switch -c local-involvement-item": "git",
    "git add docs/checklists/tokenism-review.md urls.txt": "git",
    'git commit -m "Add a tokenism review item on local and voluntary sector involvement"': "git",
    "git push -u origin local-involvement-item": "git",
    'git tag -a v0.1.0 -m "Practice-Led 0.1.0"': "git",
    "git push origin v0.1.0": "git",
    # test_walk_through_add_break_repair: run as shown in a copy of the working tree.
    "make check": "walk-through",
    # test_newcomer_path.py: run as shown in a copy of the tree, after adding an item.
    "make urls": "newcomer",
    "make test-content": "newcomer",
    # test_make_serve_shows_the_new_item: in a copy of the tree, on a free port
    # (SERVE_ADDR=127.0.0.1:<port>, as 8000 may be taken); expects the page with the item.
    "make serve": "serve",
    # test_make_test_runs_check_then_pytest: a dry run (make -n), since running it here
    # would run this suite inside itself; this suite is what it runs.
    "make test": "dry-run",
    # test_preview_server_serves_the_site: on a free port instead of 8000.
    "python3 -m http.server --directory site-preview 8000": "http-server",
}
# Any `python scripts/citecheck.py ...` shown is run as shown (with the project's Python)
# in a copy of the tree by test_shown_citecheck_commands_run.
CITECHECK_COMMAND = re.compile(r"^(?:\.venv/bin/)?python3? scripts/citecheck\.py(?:\s.*)?$")
SHELL_LANGUAGES = {"sh", "bash", "shell", "console"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)")


def doc_files() -> list[Path]:
    found: list[Path] = []
    for pattern in DOCS_WITH_COMMANDS:
        found += sorted(ROOT.glob(pattern))
    return found


def fenced_blocks(text: str) -> list[tuple[str, list[str], int]]:
    """(info string, lines, line number of the opening fence) for each fenced code block."""
    blocks, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence, start = len(opening["indent"]), opening["fence"], i + 1
        body: list[str] = []
        i += 1
        while i < len(lines) and not re.match(
            rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", lines[i]
        ):
            body.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i].lstrip())
            i += 1
        blocks.append((opening["info"].lower(), body, start))
        i += 1
    return blocks


def commands_in(lines: list[str], language: str) -> list[str]:
    commands, pending = [], ""
    for line in lines:
        if language == "console":
            if not line.startswith("$ ") and not pending:
                continue  # output
            line = line.removeprefix("$ ")
        stripped = re.sub(r"\s+#\s.*$", "", line.strip())  # a trailing comment is not part of it
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        commands.append(pending + stripped)
        pending = ""
    return commands


def shown_commands() -> dict[str, list[str]]:
    """Each command shown in a shell code block, with the files that show it."""
    shown: dict[str, list[str]] = {}
    for path in doc_files():
        for info, lines, _ in fenced_blocks(path.read_text(encoding="utf-8")):
            if info in SHELL_LANGUAGES:
                for command in commands_in(lines, info):
                    shown.setdefault(command, []).append(str(path.relative_to(ROOT)))
    return shown


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, re.MULTILINE))


def markdown_block(path: str, language: str) -> list[list[str]]:
    text = (ROOT / path).read_text(encoding="utf-8")
    return [lines for info, lines, _ in fenced_blocks(text) if info == language]


def shown_example() -> tuple[list[str], str]:
    """The example item and the message shown for its broken citation, from CONTRIBUTING.md."""
    (item,) = markdown_block("CONTRIBUTING.md", "markdown")
    messages = [
        line
        for block in markdown_block("CONTRIBUTING.md", "text")
        for line in block
        if "CL002/" in line
    ]
    assert len(messages) == 1, (
        "CONTRIBUTING.md should show the message for the broken citation once"
    )
    return item, messages[0]


def shown_basis() -> list[str]:
    """The basis of the example item, as CONTRIBUTING.md shows it after the entry above it:
    the lines to add at the end of `basis:` in the page's front matter."""
    (block,) = markdown_block("CONTRIBUTING.md", "yaml")
    item, _ = shown_example()
    item_id = re.search(r"#([\w-]+)", item[-1]).group(1)
    start = f"  {item_id}:"
    assert start in block, f"CONTRIBUTING.md should show the basis of the example item ({start})"
    return block[block.index(start):]


def shown_item_address() -> str:
    """The address the walk-through tells you to open to see the new item."""
    found = {
        m
        for name in ("CONTRIBUTING.md", "docs/about/contributing/first-change.md")
        for m in re.findall(
            r"<(http://127\.0\.0\.1:8000/[^>]*#[\w-]+)>", (ROOT / name).read_text(encoding="utf-8")
        )
    }
    assert len(found) == 1, f"the walk-through should show one address for the new item: {found}"
    return found.pop()


def shown_preview_paths() -> dict[str, list[str]]:
    """Each path on http://127.0.0.1:8000 that the docs showing `make serve` tell you to open,
    with the files that show it."""
    found: dict[str, list[str]] = {}
    for name in shown_commands()["make serve"]:
        for path in re.findall(r"http://127\.0\.0\.1:8000(/[^\s>)`]*)", (ROOT / name).read_text(encoding="utf-8")):
            found.setdefault(path.split("#")[0], []).append(name)
    return found
