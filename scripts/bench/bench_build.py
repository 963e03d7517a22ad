"""Benchmark: what citations cost a strict build, and what the citation batch saves.

Generates guides of 50, 200 and 500 pages in a temporary directory, on a snapshot of the
real configuration (theme, overrides, Markdown extensions, bibliography, CSL style), with
citations drawn like the guide's own (see Citations): locators, several keys per block,
"cited in", all with keys of bibliography/references.bib. Each page has about 650 words and
20 citation blocks, 8 of them on checklist items; with --like-docs, each page takes in turn
the size of one of docs/'s pages with citations: its words, citation blocks and checklist
items. For each size, in the same run:

  a   strict build with citations: mkdocs-bibtex and the practice-led plugin with its
      citation batch, cold (empty cache), then warm
  b   the same pages without either plugin (citations stay as plain text): bare MkDocs
  d   the same pages with their citations taken out, built as a: the guide's own build
      without citations (checklist items become plain list items, since citecheck wants
      every checklist item cited)
  c   the same as a with the batch off: mkdocs-bibtex runs pandoc page by page

Each build runs in a fresh Python process, timed from loading the config to the last page
written (what `mkdocs build` costs after Python starts). It prints seconds per page on the
clock and in CPU time (pandoc's processes included; steadier on a busy machine), the best
of --repeat builds, the ratios, and whether a and c give the same HTML, byte for byte.
Each attempt builds b, d, a cold and a warm in turn (d is built once more before them, untimed,
so that its cache is as warm as a warm a's); the warm ratio of each attempt on its own shows
how much the machine moved the figures (use --repeat 10 for a figure to record).

    .venv/bin/python scripts/bench/bench_build.py               # 50, 200, 500 pages, best of 2
    .venv/bin/python scripts/bench/bench_build.py --sizes 50 --repeat 1 --skip-unbatched
    .venv/bin/python scripts/bench/bench_build.py --worst       # no citation repeats anywhere
    .venv/bin/python scripts/bench/bench_build.py --like-docs   # pages sized like docs/'s own

A benchmark, not a test: the figures depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from practice_led import front_matter

ROOT = Path(__file__).resolve().parents[2]
BIB = ROOT / "bibliography" / "references.bib"
SECONDARY = "seden2008innovation"
TIMING = re.compile(r"^timing wall=([\d.]+) cpu=([\d.]+)$", re.MULTILINE)
PAGES_PER_SECTION = 10

WORDS = (
    "service users managers staff teams involvement participation practice values decisions "
    "meetings plans budgets support choice voice care planning reviews outcomes rights access "
    "training roles carers boards policy change trust time information feedback standards"
).split()


# --- Generating a guide -----------------------------------------------------------
def bib_keys(bib: Path = BIB) -> list[str]:
    """The paper and the works known through it, which the pages cite "cited in" the paper."""
    entries = re.split(r"^(?=@)", bib.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return [
        match.group(1)
        for entry in entries
        if (match := re.match(r"@\w+\{([\w-]+),", entry))
        and (match.group(1) == SECONDARY or re.search(rf"citedin\s*=\s*\{{{SECONDARY}\}}", entry))
    ]


class Citations:
    """Citation blocks drawn like the guide's own (measured on docs/ when this was written).

    About half the blocks cite the paper itself; the rest cite a source through it
    ("cited in"), often with a page, sometimes two sources or a chain. Sources are drawn
    with the guide's own skew (a few sources most of the time) and each source is cited
    at a handful of pages, so blocks repeat across pages as they do in the guide.
    With worst=True every block is new: uniform sources, a random page on every citation.
    """

    SHAPES = (  # (weight, template): a, b = sources; P, Q = their locators; S = the paper
        (50, "[@{S}]"),
        (20, "[@{a}, {P}; cited in @{S}]"),
        (17, "[@{a}; cited in @{S}]"),
        (7, "[@{a}; @{b}; cited in @{S}]"),
        (4, "[@{a}, {P}; cited in @{b}, {Q}; cited in @{S}]"),
        (2, "[see @{a}, {P}; cited in @{S}]"),
    )

    def __init__(self, rng: random.Random, keys: list[str], worst: bool = False) -> None:
        self.rng, self.worst = rng, worst
        self.sources = [k for k in keys if k != SECONDARY]
        # Zipf-like weights: the guide cites its top source ~40 times as often as its tenth.
        self.weights = [1 / (rank + 1) ** 1.5 for rank in range(len(self.sources))]
        rng.shuffle(self.sources)
        self.pages = {k: rng.sample(range(1, 240), 6) for k in keys}

    def source(self) -> str:
        if self.worst:
            return self.rng.choice(self.sources)
        return self.rng.choices(self.sources, self.weights)[0]

    def locator(self, key: str) -> str:
        start = self.rng.randint(1, 240) if self.worst else self.rng.choice(self.pages[key])
        return f"pp. {start}-{start + 3}" if self.rng.random() < 0.3 else f"p. {start}"

    def block(self) -> str:
        shape = self.rng.choices([s for _, s in self.SHAPES], [w for w, _ in self.SHAPES])[0]
        if self.worst and shape == self.SHAPES[0][1]:
            shape = self.SHAPES[1][1]
        a = self.source()
        b = next(k for k in iter(self.source, None) if k != a)
        return shape.format(S=SECONDARY, a=a, b=b, P=self.locator(a), Q=self.locator(b))


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(10, 22))
    return " ".join(words).capitalize()


def paragraph(rng: random.Random, cite: Citations, cites: int) -> str:
    lines = []
    for i in range(rng.randint(3, 5)):
        end = f" {cite.block()}." if i < cites else "."
        lines.append(sentence(rng) + end)
    return "\n".join(lines)


CITED_KEY = re.compile(r"@([\w-]+)")
QUOTE_SPANS = [(start, end) for start in range(12) for end in range(start + 1, 13)]


def basis(item_id: str, n: int, credit: str) -> str:
    """A basis the checks accept at any size: each quotation a run of words from one of a few
    twelve-word passages, under three items at most, so the quoted words stay in budget."""
    passage, span = divmod(n // 3, len(QUOTE_SPANS))
    start, end = QUOTE_SPANS[span]
    words = " ".join(f"q{passage}w{i}" for i in range(start, end))
    return f"  {item_id}:\n    quote: “{words}”\n    credit: {credit}\n"


def item(rng: random.Random, cite: Citations, item_id: str, n: int) -> tuple[str, str]:
    """A checklist item as citecheck wants it (cited, with an id) and its basis."""
    text, block = sentence(rng), cite.block()
    line = f"- [ ] {text} {block}\n  {{ #{item_id} }}"
    return line, basis(item_id, n, CITED_KEY.search(block)[1])


def page(rng: random.Random, cite: Citations, number: int) -> str:
    """About 650 words and 20 citation blocks, 8 of them on checklist items, with the parts
    the guide's pages have."""
    parts = [
        f"# Page {number}\n",
        '!!! abstract "In short"\n\n    - ' + sentence(rng) + ".\n    - " + sentence(rng) + ".\n",
    ]
    bases = []
    for section in range(4):
        parts.append(f"## Section {section + 1}\n")
        parts.append(paragraph(rng, cite, cites=2) + "\n")
        parts.append(paragraph(rng, cite, cites=1) + "\n")
        items = []
        for i in range(2):
            item_id = f"p{number}-s{section + 1}-item-{i + 1}"
            line, found = item(rng, cite, item_id, (number * 4 + section) * 2 + i)
            items.append(line)
            bases.append(found)
        parts.append("\n".join(items) + "\n")
    return with_front_matter(number, bases, parts)


SOURCES = "## Sources\n\n\\bibliography\n"


def with_front_matter(number: int, bases: list[str], parts: list[str]) -> str:
    front = f"---\ntitle: Page {number}\ndescription: Generated page {number}.\n"
    front += "basis:\n" + "".join(bases) if bases else ""
    return "\n".join([front + "---\n", *parts, SOURCES])


# --- Pages shaped like the guide's own (--like-docs) --------------------------------
@dataclass(frozen=True)
class Shape:
    """One page's size: sentences of prose, how many of them end in a citation, and its
    checklist items (each cited)."""

    sentences: int
    cited: int
    items: int


TASK_MARK = re.compile(r"^(\s*[-*] )\[[ xX]\] ", re.MULTILINE)
WORDS_A_SENTENCE = 16  # what sentence() writes, on average


def docs_shapes(docs: Path = ROOT / "docs") -> list[Shape]:
    """The shape of each page of docs/ that cites a source, in path order: its words (its
    citations left out) in sentences, its citation blocks in prose and its checklist items."""
    from mkdocs_bibtex.citation import CitationBlock

    shapes = []
    for path in sorted(docs.rglob("*.md")):
        _, body = front_matter.split(path.read_text("utf-8"))
        blocks = CitationBlock.from_markdown(body)
        if blocks:
            items = len(TASK_MARK.findall(body))
            words = len(body.split()) - sum(len(str(b).split()) for b in blocks)
            sentences = max(3, round(words / WORDS_A_SENTENCE))
            shapes.append(Shape(sentences, max(0, len(blocks) - items), items))
    return shapes


def shaped_page(rng: random.Random, cite: Citations, number: int, shape: Shape) -> str:
    """A page of that shape: two sentences in short, the rest in paragraphs of four under four
    headings, citations at sentences drawn at random, the checklist items at the end."""
    sentences = [sentence(rng) for _ in range(shape.sentences)]
    for i in rng.sample(range(2, len(sentences)), min(shape.cited, len(sentences) - 2)):
        sentences[i] += f" {cite.block()}"
    parts = [
        f"# Page {number}\n",
        '!!! abstract "In short"\n\n' + "".join(f"    - {s}.\n" for s in sentences[:2]),
    ]
    prose = sentences[2:]
    per_section = -(-len(prose) // 4)
    for section in range(4):
        parts.append(f"## Section {section + 1}\n")
        mine = prose[section * per_section : (section + 1) * per_section]
        parts += [".\n".join(mine[i : i + 4]) + ".\n" for i in range(0, len(mine), 4)]
    found = [
        item(rng, cite, f"p{number}-item-{i + 1}", number * 64 + i) for i in range(shape.items)
    ]
    if found:
        parts.append("\n".join(line for line, _ in found) + "\n")
    return with_front_matter(number, [b for _, b in found], parts)


def generate_guide(
    docs: Path, pages: int, seed: int = 9, worst: bool = False, shapes: list[Shape] | None = None
) -> list[str]:
    """Write the pages (each of the next shape in turn, when shapes are given); return the
    nav (section titles with their pages)."""
    rng = random.Random(seed)
    cite = Citations(rng, bib_keys(), worst)
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(
        "# Generated guide\n\nA guide for the benchmark.\n", encoding="utf-8"
    )
    nav = ["  - index.md"]
    for number in range(1, pages + 1):
        section = (number - 1) // PAGES_PER_SECTION + 1
        path = docs / f"part-{section:02d}" / f"page-{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (
            shaped_page(rng, cite, number, shapes[(number - 1) % len(shapes)])
            if shapes
            else page(rng, cite, number)
        )
        path.write_text(text, encoding="utf-8")
        if (number - 1) % PAGES_PER_SECTION == 0:
            nav.append(f"  - Part {section}:")
        nav.append(f"      - {path.relative_to(docs).as_posix()}")
    return nav


def without_citations(docs: Path, out: Path) -> None:
    """Every page of docs/ again under out/, with no citation block, no source list and no
    basis, and its checklist items as plain list items."""
    from mkdocs_bibtex.citation import CitationBlock

    for path in docs.rglob("*.md"):
        meta, body = front_matter.split(path.read_text("utf-8"))
        for block in CitationBlock.from_markdown(body):
            body = body.replace(f" {block}", "").replace(str(block), "")
        meta.pop("basis", None)
        text = (front_matter.render(meta) if meta else "") + TASK_MARK.sub(r"\1", body).replace(SOURCES, "")
        target = out / path.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


# --- Configurations ---------------------------------------------------------------
def snapshot(work: Path) -> Path:
    """Copies of mkdocs.yml and overrides/, so edits made while the benchmark runs change nothing."""
    shutil.copytree(ROOT / "overrides", work / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    return work


def write_config(path: Path, docs: Path, nav: list[str], variant: str) -> Path:
    """A config on the snapshot of the real mkdocs.yml; variant is 'batch', 'plain' or 'none'.

    batch and plain both run mkdocs-bibtex and the practice-led plugin (citecheck included),
    plain with the plugin's citation batch off; none runs neither.
    """
    plugins = {
        "batch": [f"bibtex:\n      bib_file: {BIB}\n      enable_inline_citations: false", "practice-led"],
        "plain": [
            f"bibtex:\n      bib_file: {BIB}\n      enable_inline_citations: false",
            "practice-led:\n      citation_batch: false",
        ],
        "none": [],
    }[variant]
    path.write_text(
        f"INHERIT: {path.parent / 'mkdocs.yml'}\n"
        f"docs_dir: {docs}\n"
        f"theme:\n  name: material\n  custom_dir: {path.parent / 'overrides'}\n"
        "nav:\n" + "\n".join(nav) + "\n"
        "plugins:\n  - search\n" + "".join(f"  - {plugin}\n" for plugin in plugins),
        encoding="utf-8",
    )
    return path


@dataclass
class Timing:
    wall: float  # seconds on the clock, loading the config to the last page written
    cpu: float  # CPU seconds over the same span, pandoc's processes included


def cpu_seconds() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_here(config: Path, site: Path) -> Timing:
    """`mkdocs build --strict` in this process (what a `mkdocs serve` rebuild costs)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    wall, cpu = time.perf_counter(), cpu_seconds()
    cfg = load_config(config_file=str(config), site_dir=str(site), strict=True)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return Timing(time.perf_counter() - wall, cpu_seconds() - cpu)


def build(config: Path, site: Path, cache: Path) -> Timing:
    """A strict build in a fresh Python process, timed from inside it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRACTICE_LED_CACHE": str(cache)}
    proc = subprocess.run(
        [sys.executable, __file__, "--build-one", str(config), str(site)],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    found = TIMING.search(proc.stdout)
    if proc.returncode != 0 or found is None:
        sys.exit(f"bench_build.py: the build of {config} failed:\n{proc.stdout}{proc.stderr}")
    return Timing(float(found.group(1)), float(found.group(2)))


def same_html(one: Path, other: Path) -> bool:
    """Every page byte for byte; on a difference, print the first lines that differ."""
    pages = sorted(p.relative_to(one) for p in one.rglob("*.html"))
    if pages != sorted(p.relative_to(other) for p in other.rglob("*.html")):
        print(f"different pages in {one} and {other}", file=sys.stderr)
        return False
    for page in pages:
        if not filecmp.cmp(one / page, other / page, shallow=False):
            diff = difflib.unified_diff(
                (one / page).read_text("utf-8").splitlines(),
                (other / page).read_text("utf-8").splitlines(),
                str(one / page),
                str(other / page),
                lineterm="",
                n=0,
            )
            print("\n".join(list(diff)[:12]), file=sys.stderr)
            return False
    return True


# --- Measuring --------------------------------------------------------------------
@dataclass
class Row:
    pages: int
    distinct: int
    none: Timing
    uncited: Timing
    cold: Timing
    warm: Timing
    plain: Timing | None
    identical: bool | None
    warm_ratios: list[float]  # a warm / b, attempt by attempt (built minutes apart at most)
    uncited_ratios: list[float]  # a warm / d, the same way


def best(timings: list[Timing]) -> Timing:
    """The least disturbed run: the smallest clock time and the smallest CPU time."""
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


def distinct_blocks(docs: Path) -> int:
    from mkdocs_bibtex.citation import CitationBlock

    return len(
        {
            str(b)
            for p in docs.rglob("*.md")
            for b in CitationBlock.from_markdown(p.read_text("utf-8"))
        }
    )


def measure(
    work: Path, pages: int, repeat: int, unbatched: bool, worst: bool, shapes: list[Shape] | None
) -> Row:
    docs = work / f"docs-{pages}"
    nav = generate_guide(docs, pages, worst=worst, shapes=shapes)
    configs = {
        v: write_config(work / f"mkdocs-{v}-{pages}.yml", docs, nav, v)
        for v in ("batch", "plain", "none")
    }
    uncited_docs = work / f"docs-{pages}-uncited"
    without_citations(docs, uncited_docs)
    uncited_config = write_config(work / f"mkdocs-uncited-{pages}.yml", uncited_docs, nav, "batch")
    uncited_build = (uncited_config, work / f"site-uncited-{pages}", work / f"cache-{pages}-uncited")
    build(*uncited_build)  # untimed: d's cache (its CSL style) is then as warm as a warm a's
    cold, warm, none, uncited = [], [], [], []
    for attempt in range(repeat):
        cache = work / f"cache-{pages}-{attempt}"  # empty: a cold build
        none.append(build(configs["none"], work / f"site-none-{pages}", cache))
        uncited.append(build(*uncited_build))
        cold.append(build(configs["batch"], work / f"site-batch-{pages}", cache))
        warm.append(build(configs["batch"], work / f"site-warm-{pages}", cache))
    plain = identical = None
    if unbatched:
        plain = build(configs["plain"], work / f"site-plain-{pages}", work / "unused")
        identical = same_html(
            work / f"site-batch-{pages}", work / f"site-plain-{pages}"
        ) and same_html(work / f"site-warm-{pages}", work / f"site-plain-{pages}")
    return Row(
        pages, distinct_blocks(docs), best(none), best(uncited), best(cold), best(warm), plain,
        identical, [a.wall / b.wall for a, b in zip(warm, none)],
        [a.wall / d.wall for a, d in zip(warm, uncited)],
    )


HEAD = (
    "| pages | distinct citations | b: bare | d: no citations | a: cold | a: warm | c: no batch "
    "| a/b cold | a/b warm | a/d cold | a/d warm | c/b | c/a warm | a = c |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def line(r: Row, kind: str) -> str:
    """One table row; kind is 'wall' (clock) or 'cpu' (CPU seconds, pandoc included)."""

    def per_page(t: Timing | None) -> str:
        return f"{getattr(t, kind) / r.pages:.4f}" if t is not None else "n/a"

    def ratio(t: Timing | None, base: Timing) -> str:
        return f"{getattr(t, kind) / getattr(base, kind):.3f}" if t is not None else "n/a"

    same = {None: "not run", True: "identical", False: "DIFFERENT"}[r.identical]
    return (
        f"| {r.pages} | {r.distinct} | {per_page(r.none)} | {per_page(r.uncited)} "
        f"| {per_page(r.cold)} | {per_page(r.warm)} | {per_page(r.plain)} "
        f"| {ratio(r.cold, r.none)} | {ratio(r.warm, r.none)} "
        f"| {ratio(r.cold, r.uncited)} | {ratio(r.warm, r.uncited)} "
        f"| {ratio(r.plain, r.none)} | {ratio(r.plain, r.warm)} | {same} |"
    )


def table(rows: list[Row]) -> str:
    parts = []
    for kind, title in (
        ("wall", "Clock seconds per page"),
        ("cpu", "CPU seconds per page (pandoc included)"),
    ):
        parts += [f"{title}:", "", HEAD, *(line(r, kind) for r in rows), ""]
    title = "Warm a/b and a/d attempt by attempt, on the clock (how far the machine moves them):"
    parts += [title, ""]
    parts += [spread(r.pages, "a/b", r.warm_ratios) for r in rows]
    parts += [spread(r.pages, "a/d", r.uncited_ratios) for r in rows]
    return "\n".join(parts)


def spread(pages: int, name: str, ratios: list[float]) -> str:
    ratios = sorted(ratios)
    attempts = "1 attempt" if len(ratios) == 1 else f"{len(ratios)} attempts"
    return (
        f"- {pages} pages, {name}: median {statistics.median(ratios):.3f}, "
        f"{ratios[0]:.3f} to {ratios[-1]:.3f} over {attempts}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--repeat", type=int, default=2, help="take the best of this many builds")
    parser.add_argument(
        "--skip-unbatched", action="store_true", help="skip c (the slow reference build)"
    )
    parser.add_argument("--worst", action="store_true", help="every citation distinct (no repeats)")
    parser.add_argument(
        "--like-docs",
        action="store_true",
        help="each page the size of one of docs/'s pages with citations, in turn",
    )
    parser.add_argument("--build-one", nargs=2, metavar=("CONFIG", "SITE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_one:
        timing = build_here(Path(args.build_one[0]), Path(args.build_one[1]))
        print(f"timing wall={timing.wall:.3f} cpu={timing.cpu:.3f}")
        return 0
    if args.repeat < 1 or any(size < 1 for size in args.sizes):
        parser.error("--sizes and --repeat take positive numbers")
    shapes = docs_shapes() if args.like_docs else None
    if shapes == []:
        parser.error(f"--like-docs: no page of {ROOT / 'docs'} cites a source")
    load = os.getloadavg()[0]
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f} at start",
        flush=True,
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        snapshot(Path(tmp))
        for size in args.sizes:
            rows.append(
                measure(Path(tmp), size, args.repeat, not args.skip_unbatched, args.worst, shapes)
            )
            print(line(rows[-1], "wall"), flush=True)
    print(f"\nLoad average {os.getloadavg()[0]:.1f} at the end\n")
    print(table(rows))
    return 0 if all(r.identical is not False for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
