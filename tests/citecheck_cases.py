"""Golden cases for citecheck: tests/cases/<case>/ holds docs/ (and perhaps its own
bibliography/references.bib) and expected.yaml, the exact output of each run.

expected.yaml:

    about: what the case shows
    crlf: true              # optional: the Markdown files are checked with CRLF line endings
    runs:                   # each run of `python scripts/citecheck.py ARGS` in the case folder
      - args: []
        exit: 1
        output: |
          docs/…:3:1: CL001/uncited-item …
          1 problem in 1 file; …
    items: |                # every checklist item found: path:line:col id (or -) [keys]
      docs/checklists/a.md:3:1 ab-one [seden2008innovation]

After changing a case, print what its expected.yaml would now be, and read it before saving:
python tests/citecheck_cases.py CASE
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
SHARED_BIB = CASES / "references.bib"
sys.path.insert(0, str(ROOT / "scripts"))  # also run directly: python tests/citecheck_cases.py CASE

import citecheck  # noqa: E402


@dataclass
class Outcome:
    exit: int
    output: str
    errors: str
    items: str


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.yaml").exists())


def prepare(case: str, workdir: Path, crlf: bool = False) -> Path:
    """A copy of the case laid out like the guide: docs/ and bibliography/references.bib."""
    target = workdir / case
    shutil.copytree(CASES / case, target, ignore=shutil.ignore_patterns("expected.yaml"))
    (target / "docs").mkdir(exist_ok=True)  # git keeps no empty folder
    bib = target / "bibliography" / "references.bib"
    if not bib.exists():
        bib.parent.mkdir(exist_ok=True)
        shutil.copy(SHARED_BIB, bib)
    if crlf:
        for md in (target / "docs").rglob("*.md"):
            md.write_bytes(md.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return target


def run_in(folder: Path, args: list[str]) -> Outcome:
    """citecheck's main() in folder, as `python scripts/citecheck.py ARGS` would run there."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = citecheck.main(args)
        report = citecheck.run([Path("docs")], [Path(citecheck.DEFAULT_BIB)], root=Path.cwd())
    finally:
        os.chdir(old)
    return Outcome(code, out.getvalue(), err.getvalue(), items_text(report))


def items_text(report: citecheck.Report) -> str:
    lines = []
    for page in report.pages:
        for item in page.items:
            keys = ", ".join(c.key for c in item.citations)
            lines.append(f"{page.path}:{item.line}:{item.col} {item.rendered_id or '-'} [{keys}]")
    return "".join(line + "\n" for line in lines)


def draft(case: str) -> str:
    """expected.yaml for a case as citecheck behaves now, keeping its about, crlf and run
    arguments (a new case gets one run with no arguments). Read it before saving it!"""
    import json
    import tempfile

    import yaml

    path = CASES / case / "expected.yaml"
    old = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    old = old or {"about": "", "runs": [{"args": []}]}
    out = [f"about: {json.dumps(old['about'], ensure_ascii=False)}\n"]
    out += ["crlf: true\n"] if old.get("crlf") else []
    out.append("runs:\n")
    with tempfile.TemporaryDirectory() as tmp:
        folder = prepare(case, Path(tmp), old.get("crlf", False))
        for run in old["runs"]:
            got = run_in(folder, run["args"])
            out.append(f"  - args: {json.dumps(run['args'])}\n    exit: {got.exit}\n")
            if got.errors:
                out.append(f"    errors: |\n{_indented(got.errors, 6)}")
            out.append(f"    output: |\n{_indented(got.output, 6)}")
    out.append(f"items: |\n{_indented(got.items, 2)}" if got.items else 'items: ""\n')
    return "".join(out)


def _indented(text: str, by: int) -> str:
    return "".join(f"{' ' * by}{line}\n" for line in text.splitlines())


if __name__ == "__main__":
    for name in sys.argv[1:]:
        sys.stdout.write(draft(name) if len(sys.argv) == 2 else f"# {name}\n{draft(name)}\n")
