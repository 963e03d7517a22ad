"""Rules on the names, dates and text in a page's front matter: FM001 to FM006 (CL012, front matter
that is not YAML at all, is in pages.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..enums import Code, Severity
from ..model import Finding, Page
from .citations import closest_keys, did_you_mean
from .rule import Corpus, Rule

REQUIRED = ("title", "description", "reviewed", "next_review")
DATES = ("reviewed", "next_review")
# The guide's own names (basis: citecheck/basis.py), then those MkDocs and Material read.
KNOWN = frozenset(
    (*REQUIRED, "basis", "template", "hide", "icon", "status", "subtitle", "tags", "search")
)
ISO_DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def _pages(corpus: Corpus) -> Iterator[Page]:
    return (page for page in corpus.pages if not page.is_snippet)


def _line(page: Page, name: str) -> int:
    return page.front_matter_lines.get(name, 1)


def missing_names(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    if corpus.site is None:  # loose Markdown, not the guide's pages
        return
    for page in _pages(corpus):
        if page.front_matter_error is not None:
            continue  # CL012 says why the front matter cannot be read
        if not page.front_matter:
            yield rule.finding(page.path, 1, 1, "none", names=", ".join(REQUIRED))
            continue
        misspelt = {k for name in page.front_matter if name not in KNOWN for k in _meant(name)}
        missing = [
            name
            for name in REQUIRED
            if not str(page.front_matter.get(name) or "").strip() and name not in misspelt
        ]
        if missing:
            yield rule.finding(page.path, 1, 1, "missing", names=", ".join(missing))


def bad_dates(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in _pages(corpus):
        for name in DATES:
            value = page.front_matter.get(name)
            if value is None or value == "":
                continue
            if not isinstance(value, str) or not _date(value):
                yield rule.finding(
                    page.path, _line(page, name), 1, "not-iso", name=name, value=_shown(value)
                )


def unknown_names(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in _pages(corpus):
        for name in page.front_matter:
            if name not in KNOWN:
                hint = did_you_mean(str(name), sorted(KNOWN))
                yield rule.finding(
                    page.path, _line(page, str(name)), 1, "unknown", name=name, did_you_mean=hint
                )


def review_order(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in _pages(corpus):
        reviewed = _date(page.front_matter.get("reviewed"))
        due = _date(page.front_matter.get("next_review"))
        if reviewed and due and due <= reviewed:
            yield rule.finding(
                page.path, _line(page, "next_review"), 1, "not-after", due=due, reviewed=reviewed
            )


def repeated_names(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in _pages(corpus):
        for name, line in page.front_matter_repeats:
            first = page.front_matter_lines[name]
            yield rule.finding(page.path, line, 1, "again", name=name, first=first)


def straight_quotes(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """The theme writes the description into an HTML attribute without escaping it, so a
    straight double quote ends the attribute and breaks the page's head."""
    for page in _pages(corpus):
        value = page.front_matter.get("description")
        if isinstance(value, str) and '"' in value:
            yield rule.finding(page.path, _line(page, "description"), 1, "straight")


def _meant(name: object) -> list[str]:
    """The known names a misspelt one may be (FM003 names them; FM001 then says nothing)."""
    return closest_keys(str(name), sorted(KNOWN))


def _date(value: object) -> str | None:
    """The value if it is a real date written year-month-day (2026-11-26), else None."""
    import datetime as dt

    if not isinstance(value, str) or not ISO_DATE_RE.match(value.strip()):
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:  # 2026-02-30
        return None


def _shown(value: object) -> str:
    return value if isinstance(value, str) else "a list or a group of names"


RULES = (
    Rule(
        Code.MISSING_FRONT_MATTER,
        Severity.ERROR,
        {
            "none": "the page has no front matter (the 'name: value' lines between two '---' lines "
            "at its top): start it with $names",
            "missing": "the front matter lacks $names: add each as 'name: value', as on the other "
            "pages (reviewed and next_review as year-month-day, such as 2026-11-26)",
        },
        missing_names,
    ),
    Rule(
        Code.BAD_DATE,
        Severity.ERROR,
        {
            "not-iso": "$name is '$value', not a date written year-month-day: write it as "
            "2026-11-26 (ISO 8601)",
        },
        bad_dates,
    ),
    Rule(
        Code.UNKNOWN_NAME,
        Severity.ERROR,
        {
            "unknown": "'$name' is not a front matter name the guide uses, so it is ignored"
            "$did_you_mean",
        },
        unknown_names,
    ),
    Rule(
        Code.REVIEW_ORDER,
        Severity.ERROR,
        {
            "not-after": "next_review ($due) is not after reviewed ($reviewed): set the next review "
            "later, usually a year after the review",
        },
        review_order,
    ),
    Rule(
        Code.REPEATED_NAME,
        Severity.ERROR,
        {
            "again": "'$name' is written a second time (first on line $first), and only one of "
            "the two is read, so what is under the other is lost: keep one '$name:' and put "
            "everything under it",
        },
        repeated_names,
    ),
    Rule(
        Code.STRAIGHT_QUOTE,
        Severity.ERROR,
        {
            "straight": 'the description holds a straight double quote ("), which ends the '
            "page's description tag early and breaks its HTML: use curly quotes “ ” instead",
        },
        straight_quotes,
    ),
)
