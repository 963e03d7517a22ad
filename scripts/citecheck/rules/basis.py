"""Rules on the basis of each checklist item (the front matter's `basis`): CL013 to CL020.

The basis holds the few words of a source an item rests on; basis.py describes its shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches

from ..basis import CLOSE, FIELDS, OPEN, Basis, WrittenBasis, WrittenField, count_words, words_from
from ..enums import Code, Severity
from ..model import Entry, Finding, Page
from ..source_text import SourceText, find_source_text, normalised
from .citations import did_you_mean
from .rule import Corpus, Rule

REQUIRED = ("quote", "credit")
MAX_WORDS = 12  # the few words an item rests on, not a passage
# One quotation may be the basis of a few items that draw different steps from one point; an
# item beyond that restates the passage instead of resting on its own words.
SHARED_LIMIT = 3
# Distinct words the bases of the whole guide may quote from one source text: a fifth of the
# paper's body (3,534 words from its abstract to its reference list), room for some 80 items
# to rest on a few words each. Quoting more, the checklists would become the paper's words
# rearranged instead of the guide's.
QUOTED_WORDS_BUDGET = 700


def _pages(corpus: Corpus) -> Iterator[Page]:
    return (page for page in sorted(corpus.pages, key=lambda p: p.path) if not page.is_snippet)


def _entries(corpus: Corpus) -> Iterator[tuple[Page, WrittenBasis]]:
    for page in _pages(corpus):
        for entry in page.bases.entries if page.bases else ():
            yield page, entry


def _marked(quote: WrittenField) -> bool:
    text = (quote.text or "").strip()
    return quote.one_line and len(text) > 2 and text[0] == OPEN and text[-1] == CLOSE


def _quoted(corpus: Corpus) -> Iterator[tuple[Page, WrittenBasis, WrittenField, Basis]]:
    """The bases whose quote is marked, on one line (the others are reported as CL015)."""
    for page, entry in _entries(corpus):
        quote, basis = entry.field("quote"), entry.basis
        if quote is not None and basis is not None and _marked(quote):
            yield page, entry, quote, basis


def _credited(corpus: Corpus) -> Iterator[tuple[Page, WrittenBasis, WrittenField, Basis]]:
    for page, entry, quote, basis in _quoted(corpus):
        if basis.credit.strip():
            yield page, entry, quote, basis


def _at_quote(
    rule: Rule, page: Page, entry: WrittenBasis, quote: WrittenField, situation: str, **fields: object
) -> Finding:
    """A finding on the line of a basis's quote, naming its item."""
    return rule.finding(page.path, quote.line, quote.col, situation, id=entry.item_id, **fields)


def missing_bases(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """Items with an id and a citation (CL003 and CL001 report the others) and no basis."""
    for page in _pages(corpus):
        if page.bases and page.bases.place:
            continue  # a `basis` that is no mapping is reported once, as CL015
        given = {entry.item_id for entry in page.bases.entries} if page.bases else set()
        for item in page.items:
            if item.id and item.citations and item.id not in given:
                yield rule.finding(page.path, item.line, item.col, "none", id=item.id)


def unknown_bases(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page, entry in _entries(corpus):
        ids = [item.id for item in page.items if item.id]
        if entry.item_id not in ids:
            hint = did_you_mean(entry.item_id, ids)
            yield rule.finding(
                page.path, entry.line, entry.col, "no-item", id=entry.item_id, did_you_mean=hint
            )


def basis_forms(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in _pages(corpus):
        if page.bases and page.bases.place:
            yield rule.finding(page.path, *page.bases.place, "not-a-mapping")
    first: dict[tuple[str, str], int] = {}
    for page, entry in _entries(corpus):
        line = first.setdefault((page.path, entry.item_id), entry.line)
        if line != entry.line:  # YAML keeps the last one silently
            yield rule.finding(
                page.path, entry.line, entry.col, "twice", id=entry.item_id, first=line
            )
        if entry.fields is None:
            yield rule.finding(page.path, entry.line, entry.col, "entry", id=entry.item_id)
            continue
        yield from _fields(rule, page, entry)


def _fields(rule: Rule, page: Page, entry: WrittenBasis) -> Iterator[Finding]:
    def at(place: WrittenField, situation: str, **more: object) -> Finding:
        return rule.finding(page.path, place.line, place.col, situation, id=entry.item_id, **more)

    for field in entry.fields or ():
        if field.name not in FIELDS:
            close = get_close_matches(field.name, FIELDS, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield at(field, "unknown-field", field=field.name, did_you_mean=hint)
        elif field.text is None:
            yield at(field, "not-text", field=field.name)
    for name in REQUIRED:
        field = entry.field(name)
        if field is None or (field.text is not None and not field.text.strip()):
            yield rule.finding(page.path, entry.line, entry.col, f"no-{name}", id=entry.item_id)
    quote = entry.field("quote")
    if quote is not None and (quote.text or "").strip():
        if not quote.one_line:
            yield at(quote, "not-one-line")
        elif not _marked(quote):
            yield at(quote, "unmarked")


def long_quotes(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page, entry, quote, basis in _quoted(corpus):
        if basis.word_count > MAX_WORDS:
            yield _at_quote(
                rule, page, entry, quote, "too-long", count=basis.word_count, most=MAX_WORDS
            )


def basis_credits(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    bib = corpus.bibliography
    for page, entry, _, basis in _credited(corpus):
        item = next((i for i in page.items if i.id == entry.item_id), None)
        if item is None or not item.citations:
            continue  # CL014 or CL001
        cited = list(dict.fromkeys(c.key for c in item.citations))
        if basis.credit in cited:
            continue
        credit = entry.field("credit")
        assert credit is not None
        fields = {"id": entry.item_id, "key": basis.credit}
        if bib.parsed and basis.credit not in bib.entries:
            hint = did_you_mean(basis.credit, cited) or did_you_mean(basis.credit, bib.entries)
            yield rule.finding(
                page.path, credit.line, credit.col, "unknown", did_you_mean=hint, **fields
            )
        elif not bib.parsed or all(key in bib.entries for key in cited):  # else CL002's mistake
            keys = " or ".join(f"'{k}'" for k in cited)
            yield rule.finding(page.path, credit.line, credit.col, "not-cited", keys=keys, **fields)


def _comparable(basis: Basis) -> str:
    return " … ".join(normalised(fragment).lower() for fragment in basis.fragments)


def shared_quotes(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """The same quotation under more than SHARED_LIMIT items, looked for on the whole guide."""
    if not corpus.whole_guide:
        return
    under: dict[str, list[str]] = {}
    for page, entry, quote, basis in _quoted(corpus):
        places = under.setdefault(_comparable(basis), [])
        if len(places) >= SHARED_LIMIT:
            yield _at_quote(rule, page, entry, quote, "shared", most=SHARED_LIMIT, first=places[0])
        places.append(f"{page.path}:{entry.line}")


class QuotedWords:
    """The distinct words quoted from one source: a fragment that repeats, or stands inside a
    longer one, adds nothing."""

    def __init__(self) -> None:
        self.kept: set[str] = set()
        self.count = 0

    def add(self, fragment: str) -> None:
        padded = f" {fragment} "
        if any(padded in f" {kept} " for kept in self.kept):
            return
        inside = {kept for kept in self.kept if f" {kept} " in padded}
        self.kept = (self.kept - inside) | {fragment}
        self.count += count_words(fragment) - sum(count_words(kept) for kept in inside)


def quoted_words(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """Per source text, the distinct quoted words of every basis together, on the whole guide;
    reported once, at the basis that takes the total over the budget."""
    if not corpus.whole_guide:
        return
    totals: dict[str, QuotedWords] = {}
    for page, entry, quote, basis in _credited(corpus):
        source = words_from(basis.credit, corpus.bibliography)
        total = totals.setdefault(source, QuotedWords())
        before = total.count
        for fragment in basis.fragments:
            total.add(normalised(fragment).lower())
        if before <= QUOTED_WORDS_BUDGET < total.count:
            yield _at_quote(
                rule,
                page,
                entry,
                quote,
                "over-budget",
                source=source,
                count=total.count,
                budget=QUOTED_WORDS_BUDGET,
            )


def quotes_in_sources(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """With --source-texts: every quotation found, word for word, in the text it quotes."""
    bib = corpus.bibliography
    if not corpus.source_texts or not bib.parsed:
        return
    folders = " or ".join(folder.as_posix() for folder in corpus.source_texts)
    texts: dict[str, SourceText | None] = {}
    for page, entry, quote, basis in _credited(corpus):
        source = bib.entries.get(words_from(basis.credit, bib))
        if source is None:
            continue  # CL017
        if source.key not in texts:
            texts[source.key], problem = _source_text(rule, source, corpus, folders)
            if problem is not None:
                yield problem
        text = texts[source.key]
        miss = text.missing(basis.fragments) if text is not None else None
        if miss is not None:
            nearest = f" (nearest: “{miss.nearest}”)" if miss.nearest else ""
            where = f" after “{miss.after}”" if miss.after else nearest
            file = source.fields["sourcetext"].strip()
            yield _at_quote(
                rule, page, entry, quote, "not-found", words=miss.words, file=file, where=where
            )


def _source_text(
    rule: Rule, source: Entry, corpus: Corpus, folders: str
) -> tuple[SourceText | None, Finding | None]:
    """The source text of an entry, or the finding that says why there is none."""
    name = source.fields.get("sourcetext", "").strip()
    if not name:
        problem = rule.finding(
            source.path, source.line, 1, "no-sourcetext", key=source.key, folders=folders
        )
        return None, problem
    path = find_source_text(name, corpus.source_texts)
    if path is None:
        line = source.field_lines.get("sourcetext", source.line)
        problem = rule.finding(
            source.path, line, 1, "no-file", key=source.key, file=name, folders=folders
        )
        return None, problem
    return SourceText(path.read_text(encoding="utf-8", errors="replace")), None


RULES = (
    Rule(
        Code.MISSING_BASIS,
        Severity.ERROR,
        {
            "none": "item '$id' has no basis: add one under 'basis:' in the front matter, with "
            "the words of the source it rests on (quote) and the work they credit (credit)",
        },
        missing_bases,
    ),
    Rule(
        Code.UNKNOWN_BASIS,
        Severity.ERROR,
        {
            "no-item": "basis for '$id', which is no checklist item on this page$did_you_mean: "
            "key it by the id of an item here, or remove it",
        },
        unknown_bases,
    ),
    Rule(
        Code.BASIS_FORM,
        Severity.ERROR,
        {
            "not-a-mapping": "'basis' must list the page's items by id, each with 'quote:' and "
            "'credit:' lines indented under it",
            "twice": "'$id' has a basis on line $first already, and only this one would count: "
            "keep one",
            "entry": "the basis of '$id' is not a mapping: give it 'quote:' and 'credit:' lines, "
            "indented under '$id:'",
            "unknown-field": "the basis of '$id' has the unknown field '$field'$did_you_mean: "
            "use quote, credit or note",
            "not-text": "the $field of '$id' is not text: write it as one value after '$field:'",
            "no-quote": "the basis of '$id' has no quote: add 'quote: “…”' with the few words "
            "of the source the item rests on",
            "no-credit": "the basis of '$id' has no credit: add 'credit: key', the key of the "
            "work the point is credited to (one the item cites)",
            "not-one-line": "the quote of '$id' runs over more than one line: keep it on one "
            "line, between “ and ”",
            "unmarked": "the quote of '$id' is not marked as a quotation: put its words between "
            "“ and ”, fragments joined by …",
        },
        basis_forms,
    ),
    Rule(
        Code.LONG_QUOTE,
        Severity.ERROR,
        {
            "too-long": "the quote of '$id' has $count words, more than $most: keep only the "
            "words the item rests on (fragments joined by … count together)",
        },
        long_quotes,
    ),
    Rule(
        Code.BASIS_CREDIT,
        Severity.ERROR,
        {
            "not-cited": "the basis of '$id' credits '$key', which the item does not cite: "
            "credit $keys, or cite that work in the item",
            "unknown": "the basis of '$id' credits '$key', which is not in the bibliography"
            "$did_you_mean: credit a key the item cites",
        },
        basis_credits,
    ),
    Rule(
        Code.SHARED_QUOTE,
        Severity.ERROR,
        {
            "shared": "the quote of '$id' is already the basis of $most items (the first at "
            "$first): quote the words this item itself rests on",
        },
        shared_quotes,
    ),
    Rule(
        Code.QUOTED_WORDS,
        Severity.ERROR,
        {
            "over-budget": "with the quote of '$id', the bases quote $count distinct words of "
            "'$source', over the budget of $budget: shorten quotes to the words items rest on, "
            "and say the rest in the guide's own words",
        },
        quoted_words,
    ),
    Rule(
        Code.QUOTE_NOT_IN_SOURCE,
        Severity.ERROR,
        {
            "not-found": "the quote of '$id' is not word for word in $file: “$words” is not "
            "there$where; copy the words as the text gives them (its typos too, with [sic] "
            "if you wish)",
            "no-sourcetext": "'$key' is quoted in bases but has no sourcetext field: add "
            "sourcetext = {file-name.md}, the name of its text in $folders",
            "no-file": "the sourcetext of '$key' names '$file', which is in none of $folders: "
            "add the text there, or correct the name",
        },
        quotes_in_sources,
    ),
)
