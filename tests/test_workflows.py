"""The workflows run only make targets and scripts that exist, publish only what passed every
check, pass the security audit, and the repository's forms and hooks are valid."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from contributor_docs import makefile_targets

WORKFLOWS = ROOT / ".github" / "workflows"


def load_workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


WORKFLOW_NAMES = sorted(path.name for path in WORKFLOWS.glob("*.yml"))
# `uses: owner/action@<full commit> # vX.Y.Z`: a tag can be moved to other code, a commit cannot.
PINNED_USES = re.compile(r"uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_workflow_runs_only_what_exists(name: str) -> None:
    workflow = load_workflow(name)
    targets = makefile_targets()
    for step in steps(workflow):
        script = step.get("run", "")
        for target in re.findall(r"(?<![\w-])make\s+([a-z][\w-]*)", script):
            assert target in targets, f"{name}: `make {target}` is not a Makefile target"
        for path in re.findall(r"(?:scripts|\.github)/[\w./-]+\.(?:py|json|yml)|\.ci/run", script):
            assert (ROOT / path).exists(), f"{name}: {path} does not exist"


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(name: str) -> None:
    lines = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if re.match(r"\s*(-\s*)?uses:", line):
            assert PINNED_USES.search(line), (
                f".github/workflows/{name}:{number}: pin the action to a full commit with its release "
                f"in a comment, as `uses: actions/checkout@<40-hex commit> # v4.4.0`, not `{line.strip()}`"
            )


def test_publishing_needs_every_check_and_only_main() -> None:
    """The About pages promise that a change failing any check is not published; a pull
    request never publishes, and only the deploy job may write to Pages."""
    workflow = load_workflow("checks.yml")
    assert workflow["permissions"] == {}, "grant permissions per job, none by default"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "checks"
    assert "github.ref == 'refs/heads/main'" in deploy["if"]
    assert "pull_request" not in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["checks"]["permissions"] == {"contents": "read"}
    checks_steps = workflow["jobs"]["checks"]["steps"]
    runs = [step.get("run", "") for step in checks_steps]
    pages_upload = next(
        i for i, step in enumerate(checks_steps) if "upload-pages-artifact" in step.get("uses", "")
    )
    # The published site/ is the strict build's, uploaded for Pages only on main.
    assert next(i for i, r in enumerate(runs) if "make build" in r) < pages_upload
    assert "refs/heads/main" in checks_steps[pages_upload]["if"]
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, "the token must not stay in .git/config"


def test_checks_workflow_is_make_test_with_annotations() -> None:
    workflow = load_workflow("checks.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["on"]["push"]["branches"] == ["main"]
    checks = workflow["jobs"]["checks"]["steps"]
    runs = [step.get("run", "") for step in checks]
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
        for step in checks
        if step.get("uses", "").startswith("actions/upload-artifact")
    )
    assert upload["with"]["path"].rstrip("/") == "site"
    # The checks job's last step is the CI entry point: it installs chromium and ends in `make test`.
    assert runs[-1].strip().endswith("bash .ci/run")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"apt-get install .*\bchromium\b", ci), "browser tests need chromium"
    assert ci.strip().splitlines()[-1].strip() == "make test"


def audit_tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_workflows_pass_zizmor_security_audit_offline() -> None:
    """zizmor finds what lets a pull request or a moved tag run code with the repository's
    rights (unpinned actions, dangerous triggers, credentials left on disk). Offline, so
    it needs neither network nor a GitHub token."""
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_CONFIG")}
    command = [audit_tool("zizmor"), "--offline", "--no-config", "--no-progress", "--format", "plain", ".github"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (
        f"zizmor found problems in .github/ (each says where, and its help line how to fix it):\n"
        f"{result.stdout}{result.stderr}"
    )


# Each file against the schema GitHub reads it with (bundled in check-jsonschema: no network).
SCHEMAS = {
    "vendor.github-workflows": [f".github/workflows/{name}" for name in WORKFLOW_NAMES],
    "vendor.github-issue-forms": [
        f".github/ISSUE_TEMPLATE/{name}"
        for name in ("report-content-error.yml", "request-checklist.yml", "suggest-source.yml")
    ],
    "vendor.github-issue-config": [".github/ISSUE_TEMPLATE/config.yml"],
    "vendor.dependabot": [".github/dependabot.yml"],
}


@pytest.mark.parametrize("schema", sorted(SCHEMAS))
def test_github_files_match_the_schemas_github_reads_them_with(schema: str) -> None:
    command = [audit_tool("check-jsonschema"), "--builtin-schema", schema, *SCHEMAS[schema]]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (
        f"check-jsonschema --builtin-schema {schema}:\n{result.stdout}{result.stderr}"
    )


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
    watched = {u["package-ecosystem"]: u["directory"].strip("/") for u in dependabot["updates"]}
    pinned = {kind for kind, manifest in DEPENDENCY_MANIFESTS.items() if (ROOT / manifest).exists()}
    assert set(watched) == pinned, "Dependabot should update every kind of dependency pinned here, only those"
    for kind, directory in watched.items():
        manifest = ROOT / directory / DEPENDENCY_MANIFESTS[kind]
        assert manifest.exists(), f"dependabot.yml: {kind} looks in '/{directory}', where there is no {manifest.name}"


# Where each kind of dependency is pinned, as Dependabot looks for it.
DEPENDENCY_MANIFESTS = {"pip": "pyproject.toml", "npm": "package.json", "github-actions": ".github/workflows"}


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
