"""Benchmark: what a `make serve` rebuild of the real guide costs, against another commit.

Builds the guide as `mkdocs serve` does (the plugins started once with command "serve",
the configuration loaded again for every rebuild, nothing changed in between) from this
working tree and from a base commit checked out in a temporary git worktree, each in its
own Python process with its own package (PYTHONPATH=<tree>/scripts) and its own empty
cache. Each process makes one first build (as `make serve` starts: caches cold, so
citations and handouts are rendered), then --rebuilds timed rebuilds. Processes for the
two trees take turns, --rounds times, so both meet the same load on the machine.

It prints the first builds and the median rebuild of each tree, on the clock and in CPU
time (this process and the pandoc processes it started; steadier on a busy machine), and
the differences.

    .venv/bin/python scripts/bench/bench_serve.py                      # against main, 2 rounds of 5
    .venv/bin/python scripts/bench/bench_serve.py --base HEAD~3 --rounds 1 --rebuilds 3

A benchmark, not a test: the figures depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh process inside a tree: serve's own sequence (mkdocs/commands/serve.py).
REBUILDS = r"""
import json, logging, resource, sys, tempfile, time
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.disable(logging.WARNING)
config_file, rebuilds = sys.argv[1], int(sys.argv[2])
site = tempfile.mkdtemp(prefix="bench-serve-")
serve_url = "http://127.0.0.1:8000/guide/"

def get_config():
    config = load_config(config_file=config_file, site_dir=site)
    config.site_url = serve_url
    return config

config = get_config()
config.plugins.on_startup(command="serve", dirty=False)
def cpu():  # this process and the pandoc processes it waited for
    return time.process_time() + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime \
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime

times = []
for attempt in range(rebuilds + 1):
    wall, used = time.perf_counter(), cpu()
    build(config if attempt == 0 else get_config(), serve_url=serve_url, dirty=False)
    times.append([time.perf_counter() - wall, cpu() - used])
config.plugins.on_shutdown()
print(json.dumps(times))
"""


def run(tree: Path, cache: Path, rebuilds: int) -> list[list[float]]:
    """[clock, CPU] seconds of the first build, then of each rebuild."""
    env = {**os.environ, "PYTHONPATH": str(tree / "scripts"), "PRACTICE_LED_CACHE": str(cache),
           "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "-c", REBUILDS, str(tree / "mkdocs.yml"), str(rebuilds)],
                            cwd=tree, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench_serve: the build in {tree} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--rebuilds", type=int, default=5, help="timed rebuilds per process")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    base = work / "base"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(base), args.base], cwd=ROOT, check=True)
    trees = {f"base ({args.base})": base, "this tree": ROOT}
    first: dict[str, list[list[float]]] = {name: [] for name in trees}
    again: dict[str, list[list[float]]] = {name: [] for name in trees}
    try:
        for number in range(args.rounds):
            for name, tree in trees.items():
                cache = work / f"cache-{number}-{tree.name}"
                times = run(tree, cache, args.rebuilds)
                first[name].append(times[0])
                again[name] += times[1:]
                print(f"round {number + 1}, {name}: first build {times[0][0]:.2f} s, rebuilds "
                      + " ".join(f"{wall:.2f}" for wall, _ in times[1:])
                      + " (CPU " + " ".join(f"{used:.2f}" for _, used in times[1:]) + ")", flush=True)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)
        shutil.rmtree(work, ignore_errors=True)
    def median(runs: list[list[float]], column: int) -> float:
        return statistics.median(run[column] for run in runs)

    count = args.rounds * args.rebuilds
    print(f"\n| tree | first build, cold caches: clock | CPU | rebuild, median of {count}: clock | CPU |")
    print("|---|---|---|---|---|")
    for name in trees:
        print(f"| {name} | {median(first[name], 0):.2f} s | {median(first[name], 1):.2f} s "
              f"| {median(again[name], 0):.3f} s | {median(again[name], 1):.3f} s |")
    base_name, this = list(trees)
    for column, what in ((0, "clock"), (1, "CPU")):
        difference = median(again[this], column) - median(again[base_name], column)
        print(f"rebuild, {what}: this tree minus base = {difference:+.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
