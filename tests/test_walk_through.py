"""The walk-through works as written: fork and clone, add the item, see it served, break its
citation, get the message the docs show (file, line, fix), repair it, push it."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, Build
from contributor_docs import (
    CHECKLIST,
    FORK_URL,
    SHOWN_COMMANDS,
    shown_basis,
    shown_example,
    shown_item_address,
    shown_preview_paths,
)
from newcomer import GROUP_HEADING, add_item, replace_on_line
from working_copy import (
    IGNORED,
    free_port,
    http_status,
    run,
    start,
    stop,
    wait_for_page,
    workspace,
)

GOOD_KEY, BROKEN_KEY = "seden2008innovation", "seden2008inovation"


def site_text(html_text: str) -> str:
    """Text of the <pre> blocks of a built page, as a reader sees it."""
    blocks = re.findall(r"<pre[^>]*>(.*?)</pre>", html_text, re.DOTALL)
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", block)) for block in blocks)


def swap_key(page: Path, line: int, old: str, new: str) -> None:
    replace_on_line(page, line, f"[@{old}]", f"[@{new}]")


def findings_for(output: str, path: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{path}:")]


def test_walk_through_add_break_repair(tmp_path: Path) -> None:
    """Steps 2, 3, 5 and 6 of the walk-through, with `make check` exactly as shown, on a copy
    of the project, whatever the contributor has added to it."""
    item, shown_message = shown_example()
    guide = workspace(tmp_path)
    page = guide / CHECKLIST
    # As if the contributor had pasted the example into their own copy: the test's addition
    # replaces it rather than clashing with it.
    add_item(page, item, shown_basis())
    before = run("make check", guide)
    # make exits 2 when its recipe fails; "Error 1" is citecheck's own status (problems found).
    assert before.returncode == 0 or "Error 1" in before.stderr, before.stdout + before.stderr
    line = add_item(page, item, shown_basis())

    added = run("make check", guide)
    assert added.returncode == before.returncode, added.stdout + added.stderr
    assert not [
        f for f in findings_for(added.stdout, CHECKLIST) if f.startswith(f"{CHECKLIST}:{line}:")
    ]

    swap_key(page, line, GOOD_KEY, BROKEN_KEY)
    broken = run("make check", guide)
    assert broken.returncode != 0 and "Error 1" in broken.stderr, broken.stdout + broken.stderr
    new = [f for f in findings_for(broken.stdout, CHECKLIST) if f not in added.stdout]
    expected = re.sub(rf"^{re.escape(CHECKLIST)}:\d+:", f"{CHECKLIST}:{line}:", shown_message)
    assert new == [expected], "the docs should show the one message make check really gives"
    assert "Traceback" not in broken.stdout + broken.stderr

    swap_key(page, line, BROKEN_KEY, GOOD_KEY)
    repaired = run("make check", guide)
    assert repaired.returncode == before.returncode
    assert not [
        f for f in findings_for(repaired.stdout, CHECKLIST) if f.startswith(f"{CHECKLIST}:{line}:")
    ]


def test_the_walk_through_shows_the_same_example_everywhere(guide: Build) -> None:
    item, message = shown_example()
    page = (ROOT / "docs/about/contributing/first-change.md").read_text(encoding="utf-8")
    assert message in page.splitlines(), (
        "first-change.md and CONTRIBUTING.md show different messages"
    )
    group = GROUP_HEADING.lstrip("# ")
    for name in ("CONTRIBUTING.md", "docs/about/contributing/first-change.md"):
        assert f'"{group}"' in (ROOT / name).read_text(encoding="utf-8"), f"{name} names the group"
    shown = site_text(guide.page("about/contributing/first-change"))
    assert "\n".join(item) in shown, "the site's walk-through shows a different item"
    assert "\n".join(shown_basis()) in shown, "the site's walk-through shows a different basis"
    assert "[@" not in guide.page("about/contributing/first-change"), (
        "citation syntax leaked into HTML"
    )


@pytest.mark.slow
def test_make_serve_shows_the_new_item(tmp_path: Path) -> None:
    """Step 3: `make serve` answers at the address shown, with the new item on the page;
    every other address the docs give for the preview answers too."""
    item, _ = shown_example()
    address = urlparse(shown_item_address())
    guide = workspace(tmp_path)
    add_item(guide / CHECKLIST, item)
    port = free_port()
    server = start(f"make serve SERVE_ADDR=127.0.0.1:{port}", guide)
    try:
        body = wait_for_page(f"http://127.0.0.1:{port}{address.path}", server, timeout=120)
        unanswered = {
            f"http://127.0.0.1:8000{path} (in {', '.join(files)})": status
            for path, files in shown_preview_paths().items()
            if (status := http_status(f"http://127.0.0.1:{port}{path}")) != 200
        }
    finally:
        stop(server)
    assert unanswered == {}, "addresses the docs give that `make serve` does not serve: correct them"
    item_id = re.search(r"#([\w-]+)", item[1]).group(1)
    assert address.fragment == item_id
    assert f'id="{item_id}"' in body


def test_git_commands_work_on_a_fork(tmp_path: Path) -> None:
    """Steps 1 and 7, and the release tag: every git command shown, run as shown."""
    item, _ = shown_example()
    source = tmp_path / "source"
    shutil.copytree(ROOT / "docs", source / "docs", ignore=IGNORED)
    shutil.copy(ROOT / "urls.txt", source / "urls.txt")
    fork = tmp_path / "fork.git"
    env = {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_COUNT": "3",
        "GIT_CONFIG_KEY_0": f"url.{fork.as_uri()}.insteadOf",
        "GIT_CONFIG_VALUE_0": FORK_URL,
        "GIT_CONFIG_KEY_1": "init.defaultBranch",
        "GIT_CONFIG_VALUE_1": "main",
        "GIT_CONFIG_KEY_2": "safe.directory",
        "GIT_CONFIG_VALUE_2": "*",
    }
    for setup in ("git init -q", "git add -A", "git commit -q -m fork"):
        assert run(setup, source, env=env).returncode == 0
    assert run(f"git clone -q --bare source {fork.name}", tmp_path, env=env).returncode == 0

    done: list[str] = []
    cwd = tmp_path / "home"
    cwd.mkdir()

    def shown(command: str) -> None:
        nonlocal cwd
        assert SHOWN_COMMANDS.get(command) == "git", f"not a shown git command: {command}"
        if command.startswith("cd "):
            cwd = cwd / command[3:]
        else:
            result = run(command, cwd, env=env)
            assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
        done.append(command)

    shown(f"git clone {FORK_URL}")
    shown("cd guide")
    shown("git switch -c local-involvement-item")
    add_item(cwd / CHECKLIST, item)
    shown("git add docs/checklists/tokenism-review.md urls.txt")
    shown('git commit -m "Add a tokenism review item on local and voluntary sector involvement"')
    shown("git push -u origin local-involvement-item")
    shown('git tag -a v0.1.0 -m "Practice-Led 0.1.0"')
    shown("git push origin v0.1.0")

    assert sorted(done) == sorted(c for c, how in SHOWN_COMMANDS.items() if how == "git")
    pushed = run(
        "git --git-dir fork.git show local-involvement-item:" + CHECKLIST, tmp_path, env=env
    )
    assert item[0] in pushed.stdout
    assert (
        run(
            "git --git-dir fork.git rev-parse -q --verify refs/tags/v0.1.0", tmp_path, env=env
        ).returncode
        == 0
    )
