"""Render a build's citations in one pandoc run and keep the results on disk.

mkdocs-bibtex (CSL mode) runs pandoc for every page that holds a citation it has not
rendered yet, and forgets everything between builds. This module gives it the results
before the pages are rendered, so its per-page calls find them and start no process:

1. collect_blocks: every citation block of every page, found with mkdocs-bibtex's own
   parser (CitationBlock.from_markdown), so the blocks are exactly those it will look up;
2. prefill: take each block's rendering from the disk cache, render the missing ones
   together in ONE pandoc run (one per core when there are hundreds) through the
   plugin's own pandoc run (so the text is the text the per-page run produces), store
   them, and hand them to the plugin's in-memory caches;
3. memoize_runs: any run the plugin still makes (blocks left out below, blocks other
   hooks add while pages render) is looked up on disk by its exact input first.

Cache keys. A block's rendering depends on the block's text, the BibTeX entries it cites
(and any crossref/xdata parents), the CSL style and pandoc. The key hashes exactly those,
plus the versions of this cache format and of mkdocs-bibtex: editing one entry re-renders
only the citations of that entry; changing the style or pandoc re-renders everything.

Rendering in one batch is only identical to rendering page by page when a citation does
not depend on what else is cited with it. In an author-date style that happens only through
disambiguation (Smith, 2001a/2001b; extra names or initials), which needs two entries
whose cites could look the same: same year and the same first name. Blocks citing such
entries are left to the plugin's page-by-page runs. Styles whose output depends on
position or order (ibid, numbers, subsequent-author-substitute) are left to it entirely.

No MkDocs import: this works on a registry and Markdown strings; what it touches inside
mkdocs-bibtex goes through bibtex_adapter.py, and the plugin calls it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pypandoc
from mkdocs_bibtex.citation import Citation, CitationBlock
from mkdocs_bibtex.registry import PandocRegistry
from pybtex.database import BibliographyData, Entry
from pybtex.database.output.bibtex import Writer as BibTeXWriter

from practice_led import bibtex_adapter, disk_cache
from practice_led.disk_cache import FileCache

log = logging.getLogger("mkdocs.plugins.citation_cache")

SCHEMA = "1"  # bump when the stored format or what goes into a key changes
PARENT_FIELDS = ("crossref", "xdata")
# CSL features that make a citation depend on its neighbours, not only on its own entries.
CONTEXT_FEATURES = re.compile(
    r'position="|citation-number|first-reference-note-number|subsequent-author-substitute'
    r'|et-al-subsequent|givenname-disambiguation-rule="(?!by-cite")'
)


def cache_dir(environ: dict[str, str] | None = None) -> Path:
    """$PRACTICE_LED_CACHE/citations, or .cache/citations in the current folder (as Material's caches)."""
    return disk_cache.cache_dir("citations", environ)


# --- The disk cache ---------------------------------------------------------------
class DiskCache(FileCache):
    """JSON documents by hex digest; unreadable files count as absent (disk_cache.py)."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory, ".json", "Citation cache")

    def get(self, digest: str) -> dict[str, Any] | None:
        raw = self.read(digest)
        if raw is None:
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            log.debug("Ignoring unreadable cache file %s: %s", self._path(digest), error)
            return None
        return data if isinstance(data, dict) else None

    def put(self, digest: str, data: dict[str, Any]) -> None:
        self.write(digest, json.dumps(data, ensure_ascii=False).encode("utf-8"))


# --- What a rendering depends on ----------------------------------------------------
def _entry(bib: BibliographyData, key: str) -> Entry | None:
    return bib.entries.get(key)


def _parents(entry: Entry) -> list[str]:
    return [
        k.strip()
        for name in PARENT_FIELDS
        for k in entry.fields.get(name, "").split(",")
        if k.strip()
    ]


def _lineage(bib: BibliographyData, key: str) -> list[Entry]:
    """The entry and the entries it inherits from (crossref, xdata), nearest first."""
    seen: list[str] = []
    todo = [key]
    while todo:
        current = todo.pop(0)
        entry = _entry(bib, current)
        if entry is None or current.casefold() in seen:
            continue
        seen.append(current.casefold())
        todo += _parents(entry)
    return [e for k in seen if (e := _entry(bib, k)) is not None]


class Fingerprint:
    """Cache keys for one build: the style, pandoc and the BibTeX text of cited entries."""

    def __init__(self, bib: BibliographyData, csl: bytes) -> None:
        self.bib = bib
        self.csl_text = csl.decode("utf-8", errors="replace")
        self.salt = _digest(
            [
                SCHEMA,
                hashlib.sha256(csl).hexdigest(),
                pypandoc.get_pandoc_version(),
                metadata.version("mkdocs-bibtex"),
            ]
        )
        self._writer = BibTeXWriter()  # what to_string("bibtex") uses, without its plugin lookup
        self._entry_text: dict[str, str] = {}

    @classmethod
    def of(cls, registry: Any) -> Fingerprint | None:
        """The registry's bibliography and style; None if the style file cannot be read."""
        try:
            return cls(registry.bib_data, Path(registry.csl_file).read_bytes())
        except (OSError, TypeError):
            return None

    def entry_text(self, key: str) -> str:
        """The entry as pandoc receives it (pybtex's serialisation), with its parents."""
        if key not in self._entry_text:
            lineage = _lineage(self.bib, key)
            self._entry_text[key] = (
                "".join(
                    self._writer.to_string(BibliographyData(entries={e.key: e})) for e in lineage
                )
                if lineage
                else f"(no entry {key})"
            )
        return self._entry_text[key]

    def _keys_text(self, blocks: Iterable[CitationBlock]) -> list[str]:
        keys = sorted({c.key for block in blocks for c in block.citations})
        return [self.entry_text(key) for key in keys]

    def block(self, block: CitationBlock) -> str:
        return _digest(["block", self.salt, str(block), self._keys_text([block])])

    def run(self, blocks: list[CitationBlock]) -> str:
        return _digest(["run", self.salt, [str(b) for b in blocks], self._keys_text(blocks)])


def _digest(parts: list[Any]) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


# --- Which citations depend on their neighbours ---------------------------------------
def style_is_context_free(csl_text: str) -> bool:
    """False for styles whose output depends on position or order (notes, numbers, ibid)."""
    return CONTEXT_FEATURES.search(csl_text) is None


def _et_al(csl_text: str) -> tuple[int, int] | None:
    """The smallest et-al-min and et-al-use-first anywhere in the style, if it truncates."""
    mins = [int(n) for n in re.findall(r'et-al-min="(\d+)"', csl_text)]
    firsts = [int(n) for n in re.findall(r'et-al-use-first="(\d+)"', csl_text)]
    return (min(mins), min(firsts, default=1)) if mins else None


def _field(bib: BibliographyData, key: str, name: str) -> str:
    return next((e.fields[name] for e in _lineage(bib, key) if e.fields.get(name)), "")


def _names(bib: BibliographyData, key: str) -> tuple[str, ...]:
    """Family names of the first name list a cite shows (authors, else editors), else the title."""
    for role in ("author", "editor"):
        for entry in _lineage(bib, key):
            persons = entry.persons.get(role)
            if persons:
                return tuple(" ".join(p.prelast_names + p.last_names).casefold() for p in persons)
    return (_field(bib, key, "title").casefold(),)


def _year(bib: BibliographyData, key: str) -> str:
    return (_field(bib, key, "year") or _field(bib, key, "date"))[:4]


def ambiguous_keys(bib: BibliographyData, csl_text: str) -> set[str]:
    """Keys whose cite could look like another entry's, so the style may disambiguate them.

    Two cites can only render alike with the same year and the same first family name,
    and then only if their name lists are the same or both cut short by "et al."
    with the same leading names. Anything else renders the same in every context.
    """
    et_al = _et_al(csl_text)
    groups: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for key in bib.entries:
        names = _names(bib, key)
        groups[(_year(bib, key), names[0])].append((key, names))

    def alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        if a == b:
            return True
        if et_al is None:
            return False
        least, first = et_al
        return len(a) >= least and len(b) >= least and a[:first] == b[:first]

    risky: set[str] = set()
    for members in groups.values():
        for i, (key_a, names_a) in enumerate(members):
            for key_b, names_b in members[i + 1 :]:
                if alike(names_a, names_b):
                    risky |= {key_a.casefold(), key_b.casefold()}
    return risky


# --- A build's batch -------------------------------------------------------------------
def batch(registry: Any, markdowns: Iterable[str], directory: Path) -> list[str]:
    """Prefill the registry with every citation in these pages, and memoize its other runs.

    Returns what to log. Nothing to do without a CSL style (mkdocs-bibtex runs no pandoc
    then) or with a style file that cannot be read (mkdocs-bibtex reports that itself).
    """
    if not isinstance(registry, PandocRegistry):
        return []
    fingerprint = Fingerprint.of(registry)
    if fingerprint is None:
        return []
    cache = DiskCache(directory)
    blocks = collect_blocks(markdowns, extra=every_entry(registry.bib_data))
    report = prefill(registry, blocks, cache, fingerprint)
    memoize_runs(registry, cache, fingerprint)
    lines = [report.summary() + "".join(f"; {note}" for note in report.notes)]
    if removed := cache.prune():
        lines.append(f"Citation cache: removed {removed} renderings no build has used for 30 days")
    return lines


# --- Collecting and prefilling -------------------------------------------------------
def collect_blocks(
    markdowns: Iterable[str], extra: Iterable[CitationBlock] = ()
) -> list[CitationBlock]:
    """Every distinct citation block, as mkdocs-bibtex's parser finds them, in first-seen order."""
    found: dict[str, CitationBlock] = {}
    for markdown in markdowns:
        for block in CitationBlock.from_markdown(markdown):
            found.setdefault(str(block), block)
    for block in extra:
        found.setdefault(str(block), block)
    return list(found.values())


def every_entry(bib: BibliographyData) -> list[CitationBlock]:
    """One bare citation per entry, as a full bibliography page asks for them."""
    return [CitationBlock(citations=[Citation(key=key)]) for key in bib.entries]


@dataclass
class Report:
    blocks: int = 0
    cached: int = 0
    rendered: int = 0
    left_to_plugin: int = 0
    pandoc_runs: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Citations: {self.blocks} distinct, {self.cached} from cache, {self.rendered} rendered"
            f" in {self.pandoc_runs} pandoc run(s), {self.left_to_plugin} left to per-page rendering"
        )


def _text_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _valid(data: dict[str, Any] | None, block: CitationBlock) -> bool:
    """A stored block rendering, for this very block (a hash collision or a stray file is not)."""
    return (
        data is not None
        and data.get("block") == str(block)
        and isinstance(data.get("inline"), str)
        and _text_map(data.get("references"))
    )


def prefill(
    registry: Any, blocks: list[CitationBlock], cache: DiskCache, fingerprint: Fingerprint
) -> Report:
    """Fill the registry's caches for every block that renders the same in any context."""
    report = Report(blocks=len(blocks))
    if not style_is_context_free(fingerprint.csl_text):
        report.left_to_plugin = len(blocks)
        report.notes.append("the style depends on citation order")
        return report

    risky = ambiguous_keys(registry.bib_data, fingerprint.csl_text)
    missing: list[tuple[CitationBlock, str]] = []
    for block in blocks:
        if any(c.key.casefold() in risky for c in block.citations):
            report.left_to_plugin += 1
            continue
        digest = fingerprint.block(block)
        data = cache.get(digest)
        if _valid(data, block):
            _fill(registry, block, data["inline"], data["references"])
            report.cached += 1
        else:
            missing.append((block, digest))

    if missing:
        _render(registry, missing, cache, report)
    return report


# pandoc takes about a tenth of a second to start; a share smaller than this is not worth a process.
BLOCKS_PER_RUN = 150


def shares(items: list[Any], cores: int, least: int) -> list[list[Any]]:
    """Items cut into consecutive shares, one per core at most, none under `least` items."""
    if not items:
        return []
    count = max(1, min(cores, len(items) // least))
    size = -(-len(items) // count)  # ceiling division
    return [items[start : start + size] for start in range(0, len(items), size)]


def _render(
    registry: Any, missing: list[tuple[CitationBlock, str]], cache: DiskCache, report: Report
) -> None:
    """The missing blocks in one pandoc run per core, through the plugin's own unmemoized run.

    Each block renders the same whatever else is in its run (prefill only sends such blocks),
    so splitting them across processes changes nothing but the time.
    """
    parts = shares(missing, os.cpu_count() or 1, BLOCKS_PER_RUN)
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        runs = list(pool.map(lambda part: _run_pandoc(registry, part), parts))
    for part, result in zip(parts, runs):
        if isinstance(result, Exception):
            report.left_to_plugin += len(part)
            report.notes.append(f"batch run failed, pages render one by one: {result}")
            continue
        report.pandoc_runs += 1
        inline, references = result
        for block, digest in part:
            if str(block) not in inline:  # the plugin will try again on its page
                report.left_to_plugin += 1
                continue
            refs = {c.key: references[c.key] for c in block.citations if c.key in references}
            cache.put(digest, {"block": str(block), "inline": inline[str(block)], "references": refs})
            _fill(registry, block, inline[str(block)], refs)
            report.rendered += 1


def _run_pandoc(
    registry: Any, part: list[tuple[CitationBlock, str]]
) -> tuple[dict[str, str], dict[str, str]] | Exception:
    try:
        return bibtex_adapter.render(registry, [block for block, _ in part])
    except (RuntimeError, ValueError, OSError) as error:
        return error


def _fill(registry: Any, block: CitationBlock, inline: str, references: dict[str, str]) -> None:
    bibtex_adapter.store(registry, str(block), inline, references)


# --- Memoizing the plugin's remaining runs --------------------------------------------
def memoize_runs(registry: Any, cache: DiskCache, fingerprint: Fingerprint) -> None:
    """Make the registry look up each pandoc run by its exact input before running pandoc.

    The same input gives the same output, so this is identical to the plain run whatever
    the blocks are; it serves the blocks prefill leaves out, on every later build.
    """

    def lookup(blocks: list[CitationBlock], run: Any) -> tuple[dict[str, str], dict[str, str]]:
        digest = fingerprint.run(blocks)
        data = cache.get(digest)
        if data is not None and _text_map(data.get("inline")) and _text_map(data.get("references")):
            return dict(data["inline"]), dict(data["references"])
        inline, references = run(blocks)
        cache.put(digest, {"inline": inline, "references": references})
        return inline, references

    bibtex_adapter.memoize(registry, lookup)
