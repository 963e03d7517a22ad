"""Rules on citations in pages: CL002, CL006, CL008, CL009."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..grammar import Citation, CiteBlock, Place
from ..enums import Code, Severity
from ..model import Bibliography, Entry, Finding, Page
from .rule import Corpus, Rule


def _cited_blocks(corpus: Corpus) -> Iterator[tuple[Page, CiteBlock]]:
    """The blocks the renderer turns into citations: outside snippets and outside code."""
    code = Place.CODE  # read once: an enum class attribute is slow to read in a loop
    for page in corpus.pages:
        if not page.is_snippet:
            for block in page.blocks:
                if block.place != code:
                    yield page, block


def unknown_keys(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    bib = corpus.bibliography
    if not bib.parsed:
        return
    for page, block in _cited_blocks(corpus):
        for cite in block.citations:
            if cite.key not in bib.entries:
                yield rule.finding(
                    page.path,
                    cite.line,
                    cite.col,
                    "unknown",
                    key=cite.key,
                    files=_bib_names(bib),
                    did_you_mean=did_you_mean(cite.key, bib.entries),
                )


def secondary_sources(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """A work known only through another must be cited 'cited in' that other work."""
    if not corpus.bibliography.parsed:
        return
    entries, comment = corpus.bibliography.entries, Place.COMMENT
    for page, block in _cited_blocks(corpus):
        if block.place == comment:
            continue
        for cite in block.citations:
            entry = entries.get(cite.key)
            if entry is not None and entry.citedin and any(k in entries for k in entry.citedin):
                yield from _secondary(rule, page, block, cite, entry)


def _secondary(rule: Rule, page: Page, block: CiteBlock, cite: Citation, entry: Entry) -> Iterator[Finding]:
    # A work known only as another source quotes it is cited 'quoted in' that source.
    words = "quoted in" if entry.provenance == "quoted-in" else "cited in"
    via = [c for c in block.citations if c.key in entry.citedin]
    if not via:
        situation, at, named = "no-source-cited", cite, entry.citedin[0]
    elif not any(c.cited_in for c in via):
        situation, at, named = "not-marked", via[0], via[0].key
    else:
        return
    yield rule.finding(page.path, at.line, at.col, situation, key=cite.key, via=named, words=words)


def citations_in_headings(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    heading = Place.HEADING
    for page, block in _cited_blocks(corpus):
        if block.place == heading:
            yield rule.finding(page.path, block.line, block.col, "in-heading")


def citations_in_code(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    code = Place.CODE
    for page in corpus.pages:
        if not page.is_snippet:
            for block in page.blocks:
                if block.place == code:
                    yield rule.finding(page.path, block.line, block.col, "in-code")


def _bib_names(bib: Bibliography) -> str:
    return " or ".join(bib.paths) if bib.paths else "the bibliography"


def did_you_mean(key: str, keys: Iterable[str]) -> str:
    close = closest_keys(key, keys)
    return f" (did you mean {' or '.join(repr(k) for k in close)}?)" if close else ""


def closest_keys(key: str, keys: Iterable[str]) -> list[str]:
    """The bibliography keys most like a mistyped one: by spelling, by the same characters in
    another order (sedenross2007 for seden2007ross) or as a cut-short key. Ties are all given."""
    from difflib import SequenceMatcher

    typed = key.lower()

    def score(other: str) -> float:
        known = other.lower()
        spelled = SequenceMatcher(None, typed, known).ratio()
        reordered = 0.95 * SequenceMatcher(None, sorted(typed), sorted(known)).ratio()
        cut = (
            0.9 if len(typed) >= 6 and (known.startswith(typed) or typed.startswith(known)) else 0.0
        )
        return max(spelled, reordered, cut)

    scored = sorted(((score(k), k) for k in keys), key=lambda sk: (-sk[0], sk[1]))
    if not scored or scored[0][0] < 0.8:
        return []
    return [k for s, k in scored if s >= scored[0][0] - 0.02][:3]


RULES = (
    Rule(
        Code.UNKNOWN_KEY,
        Severity.ERROR,
        {"unknown": "'$key' is not in $files$did_you_mean"},
        unknown_keys,
    ),
    Rule(
        Code.SECONDARY_SOURCE,
        Severity.ERROR,
        {
            "no-source-cited": "'$key' is known only through '$via' (its citedin field): add "
            "'; $words @$via' to this citation",
            "not-marked": "'$key' is known only through '$via': write '$words @$via' so the "
            "reader sees it is a secondary citation",
        },
        secondary_sources,
    ),
    Rule(
        Code.CITATION_IN_HEADING,
        Severity.ERROR,
        {
            "in-heading": "citation in a heading changes the heading's anchor and text: cite in "
            "the text below",
        },
        citations_in_headings,
    ),
    Rule(
        Code.CITATION_IN_CODE,
        Severity.ERROR,
        {
            "in-code": "citation syntax inside code is rewritten by the renderer: to show the "
            "syntax, use <code>[&#64;key]</code> (the &#64; entity renders as @ and is not a "
            "citation)",
        },
        citations_in_code,
    ),
)
