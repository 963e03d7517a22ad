#!/usr/bin/env python3
"""bench_pages: page speed and weight of the guide beside a plain Material site (a benchmark).

Run from the project root (needs `npm ci` for Lighthouse, and Debian's chromium):

    python scripts/bench/bench_pages.py              # 5 runs of each measurement, median shown
    python scripts/bench/bench_pages.py --runs 1 --json bench.json

It builds, in the same run, the guide and a plain Material site with the same pages (the
same docs, plugins, hooks and Markdown settings; Material's defaults for the theme: no
overrides, no custom CSS or JavaScript, default palette and features, system fonts and
no repository link, since both would make the page call other hosts). Both are served from localhost with gzip, as a
static host would. Lighthouse (pinned in package.json) then measures the home page, a long
explanation page and a checklist page, as a phone (its default: emulated mid-range phone,
simulated slow 4G) and as a desktop (--preset=desktop). It prints the four category
scores and the transfer size of a first load, without the search index (Material fetches
it in the background for search, so it does not delay the page).

Lighthouse connects to one Chromium started for the whole run (as the Lighthouse panel in
Chromium's developer tools runs in the browser already open), and clears its cache and
storage before each page. Started afresh for every measurement on a 2-core machine, the
browser painted its first frame of the guide's long page about a second late in about one
run in three, long after the page had loaded, and Lighthouse then counts the start-up
scripts as delaying the largest paint; one browser for the run leaves the page's own
costs measured and the score to the page.

Goals: performance 100 on desktop and at least 95 on phones, accessibility, best
practices and SEO 100, first load under 150 KB. The table is recorded in
docs/about/quality.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic "
    "--no-first-run --disable-background-networking --disable-component-update --disable-sync"
)
PAGES = {
    "home": "",
    "explanation": "principles/practice-led-management/",
    "checklist": "checklists/access-and-support/",
}
FORMS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SEARCH_INDEX = "search/search_index.json"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
# The plain site: the guide's own configuration with Material's theme defaults. Without
# a repository link: Material's own would ask GitHub's API for star counts from the page.
PLAIN_CONFIG = """\
INHERIT: mkdocs.yml
repo_url: null
theme:
  name: material
  custom_dir: {empty}
  font: false
  palette: {{}}
  features: []
extra_css: []
extra_javascript: []
"""


@dataclass
class Measure:
    site: str
    page: str
    form: str
    scores: dict[str, int]
    first_load_kb: float
    search_index_kb: float
    foreign: list[str]


# --- Serving -------------------------------------------------------------------------


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, as a static host serves them."""

    protocol_version = "HTTP/1.1"  # keep-alive, as any real host (http.server defaults to 1.0)

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- Building ------------------------------------------------------------------------


def build(config: Path, dest: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(dest)],
        cwd=ROOT, env=env, check=False, capture_output=True, text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"bench_pages: building with {config.name} failed:\n{proc.stdout}{proc.stderr}")


def build_both(work: Path) -> dict[str, Path]:
    """The guide and the plain Material site, built from the same docs in this run."""
    sites = {"guide": work / "guide", "plain Material": work / "plain"}
    build(ROOT / "mkdocs.yml", sites["guide"])
    empty = work / "no-overrides"
    # Only what the guide's plugin renders into pages (the whole guide's reference), so the
    # plain site holds the same text; none of the guide's styles, scripts or layout, and so
    # no checklist toolbar either (its template left empty: nothing would bring it to life).
    (empty / "partials").mkdir(parents=True)
    for name in ("cite-guide.html", "cite-macros.html"):
        shutil.copy(ROOT / "overrides" / "partials" / name, empty / "partials" / name)
    (empty / "partials" / "checklist-tools.html").write_text("", encoding="utf-8")
    # The plain configuration sits beside mkdocs.yml so that hooks find the project files.
    plain = ROOT / f".bench-plain-{os.getpid()}.yml"
    plain.write_text(PLAIN_CONFIG.format(empty=empty), encoding="utf-8")
    try:
        build(plain, sites["plain Material"])
    finally:
        plain.unlink()
    return sites


# --- Measuring -----------------------------------------------------------------------


class Browser:
    """One headless Chromium for the whole run, for Lighthouse to connect to (--port)."""

    def __init__(self, profile: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [CHROME, *CHROME_FLAGS.split(), f"--remote-debugging-port={self.port}",
             f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/version", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        self.close()
        sys.exit(f"bench_pages: {CHROME} did not open its debugging port; is it a Chromium?")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def lighthouse(url: str, form: str, out: Path, browser: Browser) -> dict:
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}", f"--port={browser.port}",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    proc = subprocess.run(command, check=False, capture_output=True, text=True)
    if proc.returncode != 0 or not out.is_file():
        sys.exit(f"bench_pages: Lighthouse failed on {url} ({form}):\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def summarise(report: dict, site: str, page: str, form: str) -> Measure:
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    requests = report["audits"]["network-requests"]["details"]["items"]
    index = sum(r.get("transferSize", 0) for r in requests if r["url"].endswith(SEARCH_INDEX))
    total = sum(r.get("transferSize", 0) for r in requests)
    own = report["finalDisplayedUrl"].split("/")[2]
    foreign = sorted({r["url"] for r in requests
                      if r["url"].startswith("http") and r["url"].split("/")[2] != own})
    return Measure(site, page, form, scores, round((total - index) / 1024, 1),
                   round(index / 1024, 1), foreign)


def median_run(runs: list[Measure]) -> Measure:
    """The run with the median performance score (Lighthouse's own advice for variance)."""
    ordered = sorted(runs, key=lambda m: m.scores["performance"])
    return ordered[len(ordered) // 2]


def measure_all(sites: dict[str, Path], runs: int, work: Path) -> list[Measure]:
    """Each measure for both sites in turn, run after run, so both meet the same conditions."""
    servers = {site: serve(folder) for site, folder in sites.items()}
    browser = Browser(work / "browser-profile")
    samples: dict[tuple[str, str, str], list[Measure]] = {}
    try:
        for page, path in PAGES.items():
            for form in FORMS:
                for run in range(runs):
                    for site, server in servers.items():
                        url = f"http://127.0.0.1:{server.server_port}/{path}"
                        out = work / f"{site.split()[0]}-{page}-{form}-{run}.json"
                        report = lighthouse(url, form, out, browser)
                        samples.setdefault((site, page, form), []).append(
                            summarise(report, site, page, form))
                print(f"  measured {page} ({form})", file=sys.stderr)
    finally:
        browser.close()
        for server in servers.values():
            server.shutdown()
    return [median_run(runs) for runs in samples.values()]


# --- Reporting -----------------------------------------------------------------------


def machine() -> dict[str, str]:
    chromium = subprocess.run([CHROME, "--version"], check=False, capture_output=True, text=True).stdout
    version = subprocess.run([str(LIGHTHOUSE), "--version"], check=False, capture_output=True, text=True)
    return {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()}-core {platform.machine()} {platform.system()}",
        "browser": " ".join(chromium.split()[:2]) or CHROME,
        "lighthouse": version.stdout.strip(),
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def table(results: list[Measure]) -> str:
    """One row per page and form; each cell is 'guide / plain Material'."""
    by_key = {(m.site, m.page, m.form): m for m in results}
    lines = [
        "| Page | As | Performance | Accessibility | Best practices | SEO | First load (KB) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for page in PAGES:
        for form in FORMS:
            guide, plain = by_key[("guide", page, form)], by_key[("plain Material", page, form)]
            cells = [f"{guide.scores[c]} / {plain.scores[c]}" for c in CATEGORIES]
            weight = f"{guide.first_load_kb:.0f} / {plain.first_load_kb:.0f}"
            lines.append(f"| {page} | {form} | {' | '.join(cells)} | {weight} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_pages", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per measure (median)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("bench_pages: Lighthouse is missing: run `npm ci` in the project root",
              file=sys.stderr)
        return 2
    if shutil.which(CHROME) is None and not Path(CHROME).exists():
        print(f"bench_pages: no browser at {CHROME}: apt-get install chromium, or set CHROME_PATH",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        work = Path(tmp)
        results = measure_all(build_both(work), max(1, args.runs), work)
    info = machine()
    print(" · ".join(f"{k}: {v}" for k, v in info.items()))
    print(f"median of {args.runs} Lighthouse runs per cell; each cell: guide / plain Material; "
          "first load excludes the search index")
    print(table(results))
    for m in results:
        for url in m.foreign:
            print(f"warning: {m.site}, {m.page} ({m.form}) asked another host: {url}")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "runs": args.runs,
                                         "results": [asdict(m) for m in results]}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
