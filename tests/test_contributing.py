"""A newcomer can go from fork to merged pull request with only the contributor docs.

- Every command the docs show in a code block is run here (SHOWN_COMMANDS says how),
  so the instructions cannot rot; a newly shown command fails until it is added.
- The walk-through works as written: add the item, see it served, break its citation,
  get the message the docs show (file, line, fix), repair it.
- The workflows run only make targets and scripts that exist, and the problem matcher
  turns the checker's real output into annotations.
- Every page links to "Edit this page" and to a prefilled "Report a problem" form.
- The contributors record fails the build with one line naming file and line.
- The changelog shows in the site; the citation file, changelog and project agree.
"""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from conftest import ROOT, Build, strict_build

from practice_led import contributors

VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
DOCS_WITH_COMMANDS = ["CONTRIBUTING.md", "README.md", "docs/about/contributing/*.md"]
CHECKLIST = "docs/checklists/tokenism-review.md"
GROUP_HEADING = "### Keeping it under review"
GOOD_KEY, BROKEN_KEY = "seden2008innovation", "seden2008inovation"
FORK_URL = "https://github.com/YOUR-USERNAME/guide.git"

# Every command the contributor docs show in a code block, and how this suite runs it.
# A command shown in the docs but missing here fails test_every_shown_command_is_run.
SHOWN_COMMANDS: dict[str, str] = {
    # test_git_commands_work_on_a_fork: run as shown, in a clone of a stand-in fork
    # (git's url.<fork>.insteadOf maps the GitHub address to a local bare repository).
    f"git clone {FORK_URL}": "git",
    "cd guide": "git",
    "git switch -c local-involvement-item": "git",
    "git add docs/checklists/tokenism-review.md": "git",
    'git commit -m "Add a tokenism review item on local and voluntary sector involvement"': "git",
    "git push -u origin local-involvement-item": "git",
    'git tag -a v0.1.0 -m "Practice-Led 0.1.0"': "git",
    "git push origin v0.1.0": "git",
    # test_walk_through_add_break_repair: run as shown in a copy of the working tree.
    "make check": "walk-through",
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


# --- Reading the docs ----------------------------------------------------------------------------
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


def site_text(html_text: str) -> str:
    """Text of the <pre> blocks of a built page, as a reader sees it."""
    blocks = re.findall(r"<pre[^>]*>(.*?)</pre>", html_text, re.DOTALL)
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", block)) for block in blocks)


# --- Running things in a copy of the working tree ------------------------------------------------
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "site", ".cache", ".pytest_cache", ".ruff_cache", "node_modules", "__pycache__"
)


def workspace(tmp_path: Path) -> Path:
    """A copy of the working tree, sharing the project's .venv (so make installs nothing)."""
    if not VENV_PYTHON.exists():
        pytest.skip("needs the project's .venv: run `make install` first")
    dest = tmp_path / "guide"
    shutil.copytree(
        ROOT, dest, ignore=IGNORED
    )  # copy2 keeps requirements.lock older than the stamp
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def run(command: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        **kwargs.pop("env", {}),
    }
    for variable in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS"):  # when run from `make test`
        env.pop(variable, None)
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=kwargs.pop("timeout", 300),
        check=False,
        **kwargs,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_page(url: str, process: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"the server stopped (exit {process.returncode}):\n{output[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                assert response.status == 200
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    pytest.fail(f"no answer from {url} within {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server started in its own session, with everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def start(command: str, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    for variable in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS"):
        env.pop(variable, None)
    return subprocess.Popen(
        shlex.split(command),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def add_item(page: Path, item: list[str]) -> int:
    """Put the item under the last item of the group, as the walk-through says; its line number."""
    lines = page.read_text(encoding="utf-8").split("\n")
    assert GROUP_HEADING in lines, f"the walk-through adds to '{GROUP_HEADING}': update it and this"
    start = lines.index(GROUP_HEADING)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    last_id = max(i for i in range(start, end) if re.match(r"^  \{ #[\w-]+ \}$", lines[i]))
    lines[last_id + 1 : last_id + 1] = item
    page.write_text("\n".join(lines), encoding="utf-8")
    return last_id + 2


def swap_key(page: Path, line: int, old: str, new: str) -> None:
    lines = page.read_text(encoding="utf-8").split("\n")
    assert f"[@{old}]" in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(f"[@{old}]", f"[@{new}]")
    page.write_text("\n".join(lines), encoding="utf-8")


def findings_for(output: str, path: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{path}:")]


# --- The shown commands --------------------------------------------------------------------------
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
        "in tests/test_contributing.py and to the test that runs it"
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


def test_walk_through_add_break_repair(tmp_path: Path) -> None:
    """Steps 2, 4 and 5 of the walk-through, with `make check` exactly as shown."""
    item, shown_message = shown_example()
    guide = workspace(tmp_path)
    page = guide / CHECKLIST
    before = run("make check", guide)
    # make exits 2 when its recipe fails; "Error 1" is citecheck's own status (problems found).
    assert before.returncode == 0 or "Error 1" in before.stderr, before.stdout + before.stderr
    line = add_item(page, item)

    added = run("make check", guide)
    assert added.returncode == before.returncode, added.stdout + added.stderr
    assert not [
        f for f in findings_for(added.stdout, CHECKLIST) if f.startswith(f"{CHECKLIST}:{line}:")
    ]

    swap_key(page, line, GOOD_KEY, BROKEN_KEY)
    broken = run("make check", guide)
    assert broken.returncode != 0 and "Error 1" in broken.stderr, broken.stdout + broken.stderr
    reported = [
        f for f in findings_for(broken.stdout, CHECKLIST) if f.startswith(f"{CHECKLIST}:{line}:")
    ]
    expected = re.sub(rf"^{re.escape(CHECKLIST)}:\d+:", f"{CHECKLIST}:{line}:", shown_message)
    assert reported == [expected], "the docs should show the message make check really gives"
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
    assert "[@" not in guide.page("about/contributing/first-change"), (
        "citation syntax leaked into HTML"
    )


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


def test_make_serve_shows_the_new_item(tmp_path: Path) -> None:
    """Step 3: `make serve` answers at the address shown, with the new item on the page."""
    item, _ = shown_example()
    address = urlparse(shown_item_address())
    guide = workspace(tmp_path)
    add_item(guide / CHECKLIST, item)
    port = free_port()
    server = start(f"make serve SERVE_ADDR=127.0.0.1:{port}", guide)
    try:
        body = wait_for_page(f"http://127.0.0.1:{port}{address.path}", server, timeout=120)
    finally:
        stop(server)
    item_id = re.search(r"#([\w-]+)", item[1]).group(1)
    assert address.fragment == item_id
    assert f'id="{item_id}"' in body


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
    mount = urlparse(mkdocs_config()["site_url"]).path  # `mkdocs serve` serves the site under it
    for name in shown_commands()["make serve"]:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "http://127.0.0.1:8000" in text, f"{name} should say where to look"
        for path in re.findall(r"http://127\.0\.0\.1:8000(/[^\s>)`]*)", text):
            assert path == "/" or path.startswith(mount), f"{name}: {path} is not under {mount}"


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


def test_git_commands_work_on_a_fork(tmp_path: Path) -> None:
    """Steps 1 and 7, and the release tag: every git command shown, run as shown."""
    item, _ = shown_example()
    source = tmp_path / "source"
    shutil.copytree(ROOT / "docs", source / "docs", ignore=IGNORED)
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
    shown("git add docs/checklists/tokenism-review.md")
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


def test_shown_citecheck_commands_run(tmp_path: Path) -> None:
    commands = [c for c in shown_commands() if CITECHECK_COMMAND.match(c)]
    if not commands:
        return
    guide = workspace(tmp_path)
    for command in commands:
        result = run(re.sub(r"^(?:\.venv/bin/)?python3?", str(VENV_PYTHON), command), guide)
        assert result.returncode in (0, 1), f"{command}\n{result.stdout}{result.stderr}"
        assert "Traceback" not in result.stderr


# --- Workflows -----------------------------------------------------------------------------------
WORKFLOWS = ROOT / ".github" / "workflows"


def load_workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["checks.yml", "publish.yml"])
def test_workflow_runs_only_what_exists(name: str) -> None:
    workflow = load_workflow(name)
    targets = makefile_targets()
    for step in steps(workflow):
        script = step.get("run", "")
        for target in re.findall(r"(?<![\w-])make\s+([a-z][\w-]*)", script):
            assert target in targets, f"{name}: `make {target}` is not a Makefile target"
        for path in re.findall(r"(?:scripts|\.github)/[\w./-]+\.(?:py|json|yml)|\.ci/run", script):
            assert (ROOT / path).exists(), f"{name}: {path} does not exist"
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), (
                f"{name}: pin {step['uses']}"
            )


def test_publishing_waits_for_every_check_to_pass() -> None:
    """The About pages promise that a change failing any check is not published."""
    workflow = load_workflow("publish.yml")
    trigger = workflow["on"]["workflow_run"]
    checks_name = load_workflow("checks.yml")["name"]
    assert (trigger["workflows"], trigger["types"], trigger["branches"]) == (
        [checks_name], ["completed"], ["main"]
    )
    assert "push" not in workflow["on"], "a push would publish before the checks finish"
    build = workflow["jobs"]["build"]
    assert "github.event.workflow_run.conclusion == 'success'" in build["if"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["ref"].startswith("${{ github.event.workflow_run.head_sha")


def test_checks_workflow_is_make_test_with_annotations() -> None:
    workflow = load_workflow("checks.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["on"]["push"]["branches"] == ["main"]
    runs = [step.get("run", "") for step in steps(workflow)]
    order = [
        next(i for i, r in enumerate(runs) if needle in r)
        for needle in (
            "citecheck.py --format github",
            "::add-matcher::.github/problem-matcher.json",
            "make build",
            ".ci/run",
        )
    ]
    assert order == sorted(order)
    upload = next(
        step
        for step in steps(workflow)
        if step.get("uses", "").startswith("actions/upload-artifact")
    )
    assert upload["with"]["path"].rstrip("/") == "site"
    # The last step is the CI entry point: it installs chromium and ends in `make test`.
    assert runs[-1].strip().endswith("bash .ci/run")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"apt-get install .*\bchromium\b", ci), "browser tests need chromium"
    assert ci.strip().splitlines()[-1].strip() == "make test"


def test_publish_workflow_deploys_the_strict_build_to_pages() -> None:
    workflow = load_workflow("publish.yml")
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "make build" in "\n".join(step.get("run", "") for step in steps(workflow))
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_issue_forms_and_repository_config_are_valid() -> None:
    forms = ROOT / ".github" / "ISSUE_TEMPLATE"
    for name in ("report-content-error.yml", "suggest-source.yml", "request-checklist.yml"):
        form = yaml.safe_load((forms / name).read_text(encoding="utf-8"))
        assert form["name"] and form["description"] and form["body"], name
        ids = [field["id"] for field in form["body"] if "id" in field]
        assert len(ids) == len(set(ids)), f"{name}: field ids must be unique"
    report = yaml.safe_load((forms / "report-content-error.yml").read_text(encoding="utf-8"))
    assert any(f.get("id") == "page" and f["type"] == "input" for f in report["body"])
    config = yaml.safe_load((forms / "config.yml").read_text(encoding="utf-8"))
    assert all(link["url"].startswith("https://") for link in config["contact_links"])
    dependabot = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {
        "pip",
        "github-actions",
        "npm",
    }


def test_pre_commit_hooks_are_pinned_and_point_at_real_files() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook_ids = set()
    for repo in config["repos"]:
        if repo["repo"] != "local":
            assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]), f"pin {repo['repo']} to a release"
        hook_ids |= {hook["id"] for hook in repo["hooks"]}
        for hook in repo["hooks"]:
            for path in re.findall(r"scripts/[\w.-]+\.py", hook.get("entry", "")):
                assert (ROOT / path).exists()
            if "files" in hook:
                re.compile(hook["files"])
    assert {
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "ruff-check",
        "codespell",
        "citecheck",
    } <= hook_ids
    citecheck = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "citecheck")
    assert re.search(citecheck["files"], "docs/checklists/tokenism-review.md")
    assert not re.search(citecheck["files"], "scripts/citecheck.py")


# --- Problem matcher -----------------------------------------------------------------------------
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


# --- Contributors record -------------------------------------------------------------------------
GOOD_RECORD = """# comment
- name: Practice-Led founding team
  role: founding team
  contributed: Wrote the first edition.
- name: A. Reader
  role: review
  contributed: Checked page numbers *twice* [and] more.
  github: a-reader
"""


def test_contributors_record_reads_in_order_and_escapes_markdown() -> None:
    people = contributors.parse(GOOD_RECORD, "CONTRIBUTORS.yml")
    assert [p.name for p in people] == ["Practice-Led founding team", "A. Reader"]
    rendered = contributors.markdown(people)
    assert "[**A. Reader**](https://github.com/a-reader) (review)" in rendered
    assert r"\*twice\* \[and\]" in rendered


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            "- name: A\n  role: b\n  contributed: c\n- name: B\n   role: x\n",
            "CONTRIBUTORS.yml:5: not valid YAML",
        ),
        (
            "- name: A\n  role: b\n- name: B\n  role: c\n  contributed: d\n",
            "CONTRIBUTORS.yml:1: this entry has no 'contributed': add a line 'contributed: ...'",
        ),
        (
            "- name: A\n  role: b\n  contributed: c\n  email: a@example.org\n",
            "CONTRIBUTORS.yml:4: unknown field 'email': use only name, role, contributed, github",
        ),
        (
            "- name: A\n  role: b\n  contributed: c\n- name: a\n  role: b\n  contributed: c\n",
            "CONTRIBUTORS.yml:4: 'a' is already listed at line 1: add to that entry instead",
        ),
        ("name: A\n", "CONTRIBUTORS.yml:1: the file must be a list of entries"),
    ],
)
def test_contributors_record_mistakes_name_file_and_line(record: str, message: str) -> None:
    with pytest.raises(contributors.ContributorsError) as error:
        contributors.parse(record, "CONTRIBUTORS.yml")
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_a_bad_contributors_record_stops_the_build_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "docs" / "about").mkdir(parents=True)
    (tmp_path / "docs" / "about" / "contributors.md").write_text(
        "---\ntitle: Contributors\n---\n\n# Contributors\n\n<!-- contributors -->\n",
        encoding="utf-8",
    )
    (tmp_path / "CONTRIBUTORS.yml").write_text(
        "- name: A\n  role: b\n  contributed: c\n- name: B\n   role: x\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        yaml.safe_dump(
            {
                "INHERIT": str(ROOT / "mkdocs.yml"),
                "docs_dir": "docs",
                "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
                "nav": ["about/contributors.md"],
                "plugins": [
                    "search",
                    {"bibtex": {"bib_file": str(ROOT / "bibliography" / "references.bib")}},
                    "practice-led",
                ],
            }
        ),
        encoding="utf-8",
    )
    build = strict_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert build.returncode != 0
    errors = [line for line in build.output.splitlines() if "CONTRIBUTORS.yml" in line]
    expected = (
        "ERROR   -  CONTRIBUTORS.yml:5: not valid YAML (mapping values are not allowed here): "
        "check the indentation and quote any text that contains a colon"
    )
    assert errors == [expected]
    assert "Traceback" not in build.output


def test_contributors_page_lists_everyone_in_the_record(guide: Build) -> None:
    people = contributors.load(ROOT / "CONTRIBUTORS.yml")
    page = html.unescape(re.sub(r"<[^>]+>", "", guide.page("about/contributors")))
    for person in people:
        assert f"{person.name} ({person.role}): {person.contributed}" in page


# --- Edit and report links on every page ---------------------------------------------------------
def mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    for prefix in ("!", "tag:yaml.org,2002:python/"):  # MkDocs' own tags: not needed here
        Loader.add_multi_constructor(prefix, lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def links(page_html: str, label: str) -> list[str]:
    return [
        html.unescape(href)
        for href in re.findall(rf'<a href="([^"]+)"[^>]*aria-label="{re.escape(label)}"', page_html)
    ]


def test_every_page_links_to_a_prefilled_report_form(guide: Build) -> None:
    config = mkdocs_config()
    form = ROOT / ".github" / "ISSUE_TEMPLATE" / "report-content-error.yml"
    pages = [
        p
        for p in guide.pages()
        if p.name == "index.html" and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    ]  # redirect stubs
    assert len(pages) > 20
    for path in pages:
        (href,) = links(path.read_text(encoding="utf-8"), "Report a problem with this page")
        url = urlparse(href)
        assert f"{url.scheme}://{url.netloc}{url.path}" == config["repo_url"] + "/issues/new"
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        assert form.exists() and query["template"] == form.name
        folder = path.parent.relative_to(guide.site).as_posix()
        assert query["page"] == config["site_url"] + ("" if folder == "." else folder + "/")
        assert query["title"].startswith("Problem on: ")


def test_report_link_names_the_page_it_is_on(guide: Build) -> None:
    (href,) = links(guide.page("checklists/tokenism-review"), "Report a problem with this page")
    query = parse_qs(urlparse(href).query)
    assert query["page"] == ["https://practice-led.github.io/guide/checklists/tokenism-review/"]
    title = re.search(
        r"^title: (.+)$", (ROOT / CHECKLIST).read_text(encoding="utf-8"), re.MULTILINE
    ).group(1)
    assert query["title"] == [f"Problem on: {title}"]


def test_edit_link_opens_the_page_source(guide: Build) -> None:
    config = mkdocs_config()
    (href,) = links(guide.page("checklists/tokenism-review"), "Edit this page")
    prefix = config["repo_url"] + "/" + config["edit_uri"]
    assert href.startswith(prefix)
    assert (ROOT / "docs" / href[len(prefix) :]).is_file()


def _rgb(css: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_page_actions_are_named_links_with_enough_contrast(browser, guide_url: str) -> None:
    """A reader sees both actions, assistive technology names them, and the icons reach 3:1."""
    page = browser.new_page()
    try:
        page.goto(guide_url + "checklists/tokenism-review/")
        background = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        for name in ("Edit this page", "Report a problem with this page"):
            link = page.get_by_role("link", name=name, exact=True)
            assert link.count() == 1 and link.is_visible(), name
            *fg, alpha = _rgb(link.evaluate("e => getComputedStyle(e).color"))
            shown = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg, background[:3]))
            light, dark = sorted((_luminance(shown), _luminance(background[:3])), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 3, f"{name}: icon contrast below 3:1"
    finally:
        page.close()


# --- Changelog, releases and the bibliography's rules --------------------------------------------
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def test_changelog_follows_keep_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings[0] == "[Unreleased]"
    versions = [tuple(map(int, v.split("."))) for v, _ in RELEASE.findall(text)]
    assert len(versions) == len(headings) - 1, (
        "each release heading reads '## [1.2.3] - YYYY-MM-DD'"
    )
    assert versions == sorted(versions, reverse=True), "newest first"
    assert set(re.findall(r"^### (.+)$", text, re.MULTILINE)) <= {
        "Added",
        "Changed",
        "Deprecated",
        "Removed",
        "Fixed",
        "Security",
    }
    for heading in headings:
        label = heading.split("]")[0].lstrip("[")
        assert re.search(rf"^\[{re.escape(label)}\]: https://", text, re.MULTILINE), (
            f"link for {label}"
        )


def test_changelog_shows_in_the_site(guide: Build) -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    page = html.unescape(re.sub(r"<[^>]+>", "", guide.page("about/changelog")))
    page = re.sub(r"\s+", " ", page)
    entries = re.findall(r"^- (.+)$", text, re.MULTILINE)
    assert entries
    for entry in entries:
        plain = re.sub(r"\s+", " ", re.sub(r"[`*]", "", entry))
        assert plain.replace("'", "’") in page.replace("'", "’"), entry
    assert "8<" not in guide.page("about/changelog")


def test_glossary_is_still_appended_to_pages(guide: Build) -> None:
    """The snippets base path now includes the root; the glossary must still be found first."""
    assert any("<abbr" in path.read_text(encoding="utf-8") for path in guide.pages())


def test_citation_file_changelog_and_project_agree_on_the_version() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] in {"software", "dataset"}
    assert cff["message"] and cff["title"] == "Practice-Led"
    assert cff["authors"] == [{"name": "Practice-Led contributors"}]
    (paper,) = cff["references"]
    assert paper["type"] == "article" and paper["year"] == 2008
    project = re.search(
        r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE
    ).group(1)
    releases = RELEASE.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    if not releases:  # a reader must not cite a version the changelog does not have
        assert "version" not in cff and "date-released" not in cff, "no release yet"
        return
    newest = (str(cff.get("version")), str(cff.get("date-released")))
    assert newest == releases[0], "CITATION.cff names the newest release in CHANGELOG.md"
    assert project == releases[0][0], "pyproject.toml names the newest release"


def test_bibliography_readme_matches_the_bibliography_and_the_checker() -> None:
    import citecheck

    readme = (ROOT / "bibliography" / "README.md").read_text(encoding="utf-8")
    bib = (ROOT / "bibliography" / "references.bib").read_text(encoding="utf-8")
    entries = re.findall(r"^@(\w+)\{([\w-]+),", bib, re.MULTILINE)
    keys = [key for _, key in entries]
    assert keys == sorted(keys), "entries sorted by key"
    assert all(re.fullmatch(r"[a-z]+\d{4}[a-z]+", key) for key in keys), "keys: surname, year, word"
    types = readme[readme.index("## Entry types") :]
    types = types[: types.index("\n## ", 1)]
    table = dict(re.findall(r"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|", types, re.MULTILINE))
    assert {kind for kind, _ in entries} <= set(table), "every entry type used is documented"
    for kind, needs in table.items():
        documented = {tuple(sorted(re.findall(r"`(\w+)`", part))) for part in needs.split(",")}
        if kind == "misc":
            assert documented == {(f,) for f in citecheck.CITED_ONLY_FIELDS}
        else:
            required = {tuple(sorted(f.split("|"))) for f in citecheck.REQUIRED_FIELDS[kind]}
            assert documented == required, kind
    provenances = re.findall(r"^\| `([\w-]+)` \| The ", readme, re.MULTILINE)
    assert tuple(provenances) == citecheck.PROVENANCES
