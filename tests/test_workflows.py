"""The workflows run only make targets and scripts that exist, publish only what passed every
check, and the repository's forms and hooks are valid."""

from __future__ import annotations

import re

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
        [checks_name],
        ["completed"],
        ["main"],
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
