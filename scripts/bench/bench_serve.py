"""Benchmark: what a `make serve` rebuild of the real guide costs, against another commit.

Builds the guide as `mkdocs serve` does (the plugins started once with command "serve",
the configuration loaded again for every rebuild, nothing changed in between) from this
working tree and from a base commit checked out in a temporary git worktree, each in its
own long-lived Python process with its own package (PYTHONPATH=<tree>/scripts) and its
own empty cache, as two `make serve` sessions would. Each makes one first build (as
`make serve` starts: caches cold, so citations and handouts are rendered), then the two
take turns, one rebuild each, --rebuilds times: each pair meets the same load on a
shared machine, so the median of the paired differences is the steadiest figure.

It prints the first builds and the median rebuild of each tree, on the clock and in CPU
time (the process and the pandoc processes it started), and the median differences.

    .venv/bin/python scripts/bench/bench_serve.py                 # against the branch point, 10 rebuilds each
    .venv/bin/python scripts/bench/bench_serve.py --base HEAD~3 --rebuilds 3

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

# Runs in a process inside a tree: serve's own sequence (mkdocs/commands/serve.py), one
# build for each line read from stdin, its [clock, CPU] seconds printed as a JSON line.
REBUILDS = r"""
import json, logging, resource, sys, tempfile, time
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.disable(logging.WARNING)
config_file = sys.argv[1]
site = tempfile.mkdtemp(prefix="bench-serve-")
serve_url = "http://127.0.0.1:8000/guide/"

def get_config():
    config = load_config(config_file=config_file, site_dir=site)
    config.site_url = serve_url
    return config

def cpu():  # this process and the pandoc processes it waited for
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime

config = get_config()
config.plugins.on_startup(command="serve", dirty=False)
for line in sys.stdin:
    wall, used = time.perf_counter(), cpu()
    build(config or get_config(), serve_url=serve_url, dirty=False)
    config = None
    print(json.dumps([time.perf_counter() - wall, cpu() - used]), flush=True)
"""


class Session:
    """One tree's `make serve`: a process that builds when asked."""

    def __init__(self, tree: Path, cache: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(tree / "scripts"), "PRACTICE_LED_CACHE": str(cache),
               "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        self.tree = tree
        self.process = subprocess.Popen(
            [sys.executable, "-c", REBUILDS, str(tree / "mkdocs.yml")], cwd=tree, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def build(self) -> list[float]:
        """[clock, CPU] seconds of one build."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"bench_serve: the build in {self.tree} failed:\n{self.process.communicate()[1][-3000:]}")
        return json.loads(line)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.communicate(input="", timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="the commit to compare with (default: where this branch left main)")
    parser.add_argument("--rebuilds", type=int, default=10, help="timed rebuilds of each tree")
    args = parser.parse_args(argv)
    if args.base is None:
        args.base = subprocess.run(["git", "merge-base", "main", "HEAD"], cwd=ROOT, check=True,
                                   capture_output=True, text=True).stdout.strip()[:12]
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    base = work / "base"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(base), args.base], cwd=ROOT, check=True)
    names = [f"base ({args.base})", "this tree"]
    sessions: list[Session] = []
    try:
        sessions = [Session(base, work / "cache-base"), Session(ROOT, work / "cache-this")]
        first = [session.build() for session in sessions]
        for name, times in zip(names, first):
            print(f"{name}: first build {times[0]:.2f} s (CPU {times[1]:.2f} s)", flush=True)
        pairs = []
        for number in range(args.rebuilds):
            pair = [session.build() for session in (sessions if number % 2 == 0 else sessions[::-1])]
            pairs.append(pair if number % 2 == 0 else pair[::-1])
            print(f"rebuild {number + 1}: " + ", ".join(
                f"{name} {wall:.2f} s (CPU {used:.2f})" for name, (wall, used) in zip(names, pairs[-1])), flush=True)
    finally:
        for session in sessions:
            session.close()
        subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)
        shutil.rmtree(work, ignore_errors=True)

    def median(values) -> float:
        return statistics.median(values)

    print(f"\n| tree | first build, cold caches: clock | CPU | rebuild, median of {args.rebuilds}: clock | CPU |")
    print("|---|---|---|---|---|")
    for index, name in enumerate(names):
        print(f"| {name} | {first[index][0]:.2f} s | {first[index][1]:.2f} s "
              f"| {median(p[index][0] for p in pairs):.3f} s | {median(p[index][1] for p in pairs):.3f} s |")
    for column, what in ((0, "clock"), (1, "CPU")):
        print(f"rebuild, {what}: median of the paired differences (this tree minus base) = "
              f"{median(p[1][column] - p[0][column] for p in pairs):+.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
