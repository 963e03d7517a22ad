#!/usr/bin/env python3
"""Benchmark citecheck as a whole process, start-up included.

    python scripts/bench/bench_citecheck.py            # synthetic guide, then the real docs/
    python scripts/bench/bench_citecheck.py --pages 500 --items 10000 --runs 5

It writes a synthetic guide (pages of prose and checklists shaped like the real ones, every
item cited, with ids) to a temporary folder, times `python scripts/citecheck.py` on it and on
the real guide, and prints the best and median wall-clock times and the time per item. The
targets (issue 3): the real guide under 0.5 s, 10,000 items under 1 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "scripts" / "citecheck.py"
KEYS = [
    "seden2008innovation",
    "seden2007ross",
    "pine2007new",
    "harris2007looking",
    "beresford2003involving",
    "henderson2004what",
    "lawler2007leadership",
]
FRONT = """---
title: Synthetic page {n}
description: A generated page for timing the checker.
reviewed: 2026-11-26
next_review: 2027-11-26
---

# Synthetic page {n}

!!! abstract "In short"

    - First point [@seden2008innovation].
    - Second point.
    - Third point.

Some prose that cites the paper [@seden2008innovation], with a `code span` and a [link](../index.md).
A second sentence rests on a secondary source [@pine2007new, p. 54; cited in @seden2008innovation].

## The checklist

"""


def bibliography() -> str:
    entries = []
    for key in KEYS:
        citedin = "" if key == "seden2008innovation" else "  citedin = {seden2008innovation},\n"
        entries.append(
            f"@article{{{key},\n  author = {{Author, A.}},\n  title = {{Title of {key}}},\n"
            f"  journal = {{Journal}},\n  year = {{2007}},\n  provenance = {{paper}},\n"
            f"{citedin}}}\n"
        )
    return "\n".join(entries)


def page(n: int, items: int) -> str:
    lines = [FRONT.format(n=n)]
    for i in range(items):
        key = KEYS[1 + (n + i) % (len(KEYS) - 1)]
        lines.append(
            f"- [ ] Item {i} of page {n}: agree what the team will do next, and when. "
            f"[@{key}, p. {i + 1}; cited in @seden2008innovation]\n  {{ #p{n}-item-{i} }}\n"
        )
    lines.append("\n## Sources\n\n\\bibliography\n")
    return "".join(lines)


def write_guide(folder: Path, pages: int, items: int) -> None:
    (folder / "docs" / "checklists").mkdir(parents=True)
    (folder / "bibliography").mkdir()
    (folder / "bibliography" / "references.bib").write_text(bibliography(), encoding="utf-8")
    per_page, extra = divmod(items, pages)
    for n in range(pages):
        count = per_page + (1 if n < extra else 0)
        (folder / "docs" / "checklists" / f"page-{n:04d}.md").write_text(
            page(n, count), encoding="utf-8"
        )


def time_runs(cwd: Path, runs: int) -> tuple[list[float], str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    times, output = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(CHECKER), "--quiet"],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
        output = (proc.stdout + proc.stderr).strip()
    return times, output


def report(label: str, times: list[float], items: int, output: str, limit: float) -> bool:
    """Print best and median wall-clock time, and the time per item; True if within limit."""
    best, median = min(times), statistics.median(times)
    verdict = "ok" if median < limit else "TOO SLOW"
    print(
        f"{label}: best {best:.3f} s, median {median:.3f} s over {len(times)} runs, "
        f"{median / max(items, 1) * 1e6:.0f} us per item with start-up "
        f"(target < {limit} s: {verdict})"
    )
    print(f"  citecheck says: {output.splitlines()[-1] if output else '(nothing)'}")
    return median < limit


def startup(runs: int) -> float:
    """Median time of a process that only imports what citecheck imports (its fixed cost)."""
    code = "import argparse, json, yaml, pybtex.database.input.bibtex"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} CPU(s); times are whole processes")
    print(f"start-up alone (Python and citecheck's imports): median {startup(args.runs):.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        write_guide(Path(tmp), args.pages, args.items)
        times, output = time_runs(Path(tmp), args.runs)
        fast = report(
            f"synthetic guide ({args.pages} pages, {args.items} items)",
            times,
            args.items,
            output,
            1.0,
        )
    times, output = time_runs(ROOT, args.runs)
    real_items = (
        int(output.split(" checklist item")[0].rsplit(" ", 1)[-1])
        if "checklist item" in output
        else 0
    )
    fast &= report(f"real guide ({ROOT.name}/docs)", times, real_items, output, 0.5)
    return 0 if fast else 1


if __name__ == "__main__":
    sys.exit(main())
