"""Shared fixtures: strict builds of the real guide and of small fixture sites, and the
sweeps over their pages in a browser."""

from __future__ import annotations

import fcntl
import logging
import mimetypes
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from chromium import CHROMIUM, launch
from linkcheck import site_url_from_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]
T = TypeVar("T")


# What a command the tests start must not inherit: make's, when run from `make test`, and
# pytest-xdist's, when run from a worker of `pytest -n`.
NOT_INHERITED = ("MAKEFLAGS", "MAKELEVEL", "MFLAGS",
                 "PYTEST_XDIST_WORKER", "PYTEST_XDIST_TESTRUNUID", "PYTEST_XDIST_WORKER_COUNT")


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A contributor's environment for a command the tests start: this one, less NOT_INHERITED,
    without the end-of-life banners, plus `extra`."""
    env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **(extra or {})}


@dataclass
class Build:
    site: Path
    output: str
    returncode: int

    def page(self, url_path: str) -> str:
        """The HTML of a built page, by its URL path ('' for the home page)."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")

    def pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def strict_build(
    config: Path, dest: Path, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> Build:
    """Run `mkdocs build --strict` (never -q: quiet hides strict-mode warnings).

    cwd matters for paths MkDocs resolves from the working directory (snippets); env adds
    environment variables."""
    proc = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(config), "-d", str(dest)],
        cwd=cwd, env=environment(env), capture_output=True, text=True,
    )
    return Build(dest, proc.stdout + proc.stderr, proc.returncode)


def build_in_process(
    config: Path, site: Path, caplog: pytest.LogCaptureFixture, strict: bool = True, **overrides
) -> str:
    """A build in this process, as `mkdocs serve` rebuilds; the log's text.

    overrides replace config options (as `load_config` takes them)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        cfg = load_config(config_file=str(config), site_dir=str(site), strict=strict, **overrides)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    return caplog.text


def made_once(request: pytest.FixtureRequest, name: str, make: Callable[[Path], T]) -> T:
    """What `make` makes (builds in the folder it is given, or a sweep), once a run: under
    `pytest -n` the first worker to ask makes it and the others wait, then read it (pytest-xdist's
    recipe for a session fixture that runs once). Only a worker's config has `workerinput`:
    a pytest that a test starts (make test-content) inherits the worker's environment."""
    tmp_path_factory = request.getfixturevalue("tmp_path_factory")
    if not hasattr(request.config, "workerinput"):
        return make(tmp_path_factory.mktemp(name))
    folder = tmp_path_factory.getbasetemp().parent / name  # shared by the run's workers
    record = folder.with_suffix(".pickle")
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if record.exists():
            return pickle.loads(record.read_bytes())
        folder.mkdir(exist_ok=True)  # left by a worker whose `make` failed, if any
        made = make(folder)
        record.write_bytes(pickle.dumps(made))
        return made


def build_guide(root: Path) -> list[Build]:
    """The real guide as `make build` makes it: the strict build, and the offline copy
    (built strict with OFFLINE=true) zipped into it. The two builds run side by side."""
    from concurrent.futures import ThreadPoolExecutor

    from offline_copy import NAME, build_copy, zip_into

    with ThreadPoolExecutor(max_workers=1) as pool:
        copying = pool.submit(build_copy, ROOT / "mkdocs.yml", root / "offline")
        online = strict_build(ROOT / "mkdocs.yml", root / "site")
        offline = copying.result()
    if online.returncode != 0:
        return [online, online]
    if offline.returncode == 0:
        zip_into(online.site, root / "offline")
    return [online, Build(root / "offline" / NAME, offline.stdout + offline.stderr, offline.returncode)]


@pytest.fixture(scope="session")
def _guide_builds(request: pytest.FixtureRequest) -> list[Build]:
    """The guide online and its offline copy (build_guide)."""
    return made_once(request, "guide", build_guide)


@pytest.fixture(scope="session")
def guide(_guide_builds: list[Build]) -> Build:
    """The real guide, built once for the whole session. When it does not build, which a
    content change can cause, every test that needs it fails with the build's own problem
    lines (file, line, fix), not with the whole log or an assertion diff."""
    build = _guide_builds[0]
    if build.returncode != 0:
        from content_check import content_problems  # make check's own lines come first

        problems = content_problems() + [
            line for line in build.output.splitlines() if line.startswith(("WARNING", "ERROR"))
        ]
        pytest.fail("the guide does not build:\n" + "\n".join(problems or [build.output[-3000:]]),
                    pytrace=False)
    return build


@pytest.fixture(scope="session")
def offline_guide(_guide_builds: list[Build]) -> Build:
    """The offline copy the guide's download holds, as a folder."""
    return _guide_builds[1]


def fixture_site(request: pytest.FixtureRequest, name: str) -> Build:
    """tests/fixtures/<name>, strict-built once a run."""
    config = FIXTURES / name / "mkdocs.yml"
    return made_once(request, name, lambda folder: [strict_build(config, folder / "site")])[0]


@pytest.fixture(scope="session")
def citation_site(request: pytest.FixtureRequest) -> Build:
    """A one-page site on the real configuration, citing with locators."""
    return fixture_site(request, "site")


@pytest.fixture(scope="session")
def trainers_site(request: pytest.FixtureRequest) -> Build:
    """Two small sections on the real configuration: print versions, questions, redirects."""
    return fixture_site(request, "trainers")


# --- Marks: browser tests, and the tests a content change can break -----------------
# What a change to docs/ or bibliography/ alone can break, beyond `make check`: the strict build
# and what it renders, the addresses in urls.txt, links, review dates, the pages that show
# the rules and commands. `make test-content` runs these (not the browser ones).
CONTENT_TESTS = {
    "test_bibliography_readme.py",
    "test_changelog_and_citation.py",
    "test_contributors_record.py",
    "test_guide_citation.py",
    "test_links.py",
    "test_page_info.py",
    "test_readability.py::test_the_quality_page_lists_every_page_of_the_guide",
    "test_rules.py",
    "test_site.py",
    "test_url_manifest.py",
    "test_walk_through.py::test_the_walk_through_shows_the_same_example_everywhere",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that opens a browser, directly or through another fixture, and every
    test a content change can break. Under `pytest -n`, the slow tests go first, so that no
    worker is left with one at the end while the others wait."""
    if items and hasattr(items[0].config, "workerinput"):
        items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        module = item.path.name
        if module in CONTENT_TESTS or f"{module}::{item.originalname}" in CONTENT_TESTS:
            item.add_marker(pytest.mark.content)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; CI must have it, so only skip locally."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def a4_sheets(browser):
    """Counting printed sheets assumes Arial's metrics (the guide names no web font, so paper
    is set in the reader's Arial or Helvetica): fail with the fix where no such font is installed."""
    found = subprocess.run(["fc-match", "-f", "%{family}", "Arial"], capture_output=True, text=True, check=False)
    if not {"Arial", "Liberation Sans"} & set(found.stdout.split(",")):
        pytest.fail(f"printed sheets are counted in Arial's metrics, but this machine sets Arial in "
                    f"'{found.stdout or 'no font'}': apt-get install fonts-liberation")


def serve(directory: Path):
    """Serve a built site on a free localhost port in a background thread."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # no access log flooding test reports
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def guide_url(guide: Build):
    """The base URL of the real guide, served from its strict build."""
    assert guide.returncode == 0, guide.output
    server = serve(guide.site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


# Pages as a reader also sees them: a course pack put together, and a checklist item a
# link landed on (marked). The sweep checks them like every other page.
SWEPT_STATES = [
    "trainers/packs/?pack=principles/leadership/,as-holistic-strategy,checklists/tokenism-review/,as-training",
    "checklists/access-and-support/#as-holistic-strategy",
]


@pytest.fixture(scope="session")
def sweep(request: pytest.FixtureRequest, browser, guide: Build, guide_url: str):
    """Every reader page of the guide, and SWEPT_STATES, opened once per viewport, as
    page_sweep records it; once a run, also under `pytest -n`."""
    from page_sweep import sweep_site
    from site_pages import reader_pages

    return made_once(request, "sweep", lambda _: sweep_site(browser, guide_url, reader_pages(guide.site) + SWEPT_STATES))


@pytest.fixture(scope="session")
def offline_sweep(request: pytest.FixtureRequest, browser, offline_guide: Build):
    """Every page of the offline copy opened from its folder, as a reader opens it (every
    page a file, index.html included), at desktop width; no axe, as its pages are the guide's."""
    from page_sweep import VIEWPORTS, sweep_site
    from site_pages import reader_pages

    assert offline_guide.returncode == 0, offline_guide.output
    folder = offline_guide.site.resolve().as_uri() + "/"
    paths = [p + "index.html" if p == "" or p.endswith("/") else p
             for p in reader_pages(offline_guide.site) if p != "404.html"]
    return made_once(request, "offline-sweep", lambda _: sweep_site(
        browser, folder, paths, {"desktop": VIEWPORTS["desktop"]}, palettes={}))


@pytest.fixture(scope="session")
def regression_sweep(request: pytest.FixtureRequest, browser):
    """The same sweep over the deliberate regressions (tests/fixtures/regressions), beside
    the clean page, at phone width: the proof that its checks catch a fault."""
    from page_sweep import AS_SHOWN, VIEWPORTS, sweep_site

    def swept(_: Path):
        server = serve(FIXTURES / "regressions")
        try:
            return sweep_site(
                browser, f"http://127.0.0.1:{server.server_port}/",
                ["clean/", "low-contrast/", "external-font/", "foreign-script/", "inline-script/"],
                viewports={"phone": VIEWPORTS["phone"]}, palettes=AS_SHOWN,
            )
        finally:
            server.shutdown()

    return made_once(request, "regression-sweep", swept)


# The guide's public address (site_url), where instant navigation works: see published_page.
PUBLISHED_URL = site_url_from_config(ROOT / "mkdocs.yml")


@pytest.fixture
def published_page(browser, guide: Build):
    """A page that opens the guide at its public address, answered from the local build.

    Material's instant navigation only takes over links listed in sitemap.xml, which
    hold the public address (host, port and path), so this is where it can be seen
    working. Every request is answered from the build or refused: nothing leaves.
    """
    assert guide.returncode == 0, guide.output
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])

    def answer(route) -> None:
        url = route.request.url.split("#")[0].split("?")[0]
        if not url.startswith(PUBLISHED_URL):
            route.abort()
            return
        file = guide.site / url[len(PUBLISHED_URL):]
        file = file / "index.html" if url.endswith("/") else file
        if not file.is_file():
            route.fulfill(status=404, body="not found")
            return
        route.fulfill(status=200, body=file.read_bytes(),
                      content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream")

    context.route("**/*", answer)
    yield context.new_page()
    context.close()
