"""Rules on explicit ids across the site: CL004, CL005."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..enums import Code, Severity
from ..model import Finding, IdRef, Page
from ..site import page_address
from .rule import Corpus, Rule

ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def _ids(corpus: Corpus) -> Iterator[tuple[Page, IdRef]]:
    """Every id on the site's pages, by file and then line."""
    for page in sorted(corpus.pages, key=lambda p: p.path):
        if not page.is_snippet:
            for ref in page.ids:
                yield page, ref


def duplicate_ids(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """The later use of an id is the one to change, unless the earlier one is new and the later
    one published (listed in urls.txt and released): the new id is always the one named."""
    published = corpus.site.published_ids if corpus.site is not None else {}

    def is_published(page: Page, ref: IdRef) -> bool:
        return ref.id in published.get(page_address(page.src), ())

    first: dict[str, tuple[str, bool]] = {}
    for page, ref in sorted(_ids(corpus), key=lambda pr: not is_published(*pr)):
        if ref.id not in first:
            first[ref.id] = (f"{page.path}:{ref.line}", is_published(page, ref))
            continue
        where, kept = first[ref.id]
        situation = "published" if kept else "used"
        yield rule.finding(page.path, ref.line, ref.col, situation, id=ref.id, where=where)


def bad_ids(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page, ref in _ids(corpus):
        if not ID_RE.match(ref.id):
            yield rule.finding(
                page.path, ref.line, ref.col, "not-kebab", id=ref.id, kebab=kebab(ref.id)
            )


def kebab(text: str) -> str:
    """A lower-case kebab-case id made from any text."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text).lower())
    joined = "-".join(words) or "id"
    return joined if joined[0].isalpha() else f"id-{joined}"


RULES = (
    Rule(
        Code.DUPLICATE_ID,
        Severity.ERROR,
        {
            "used": "id '$id' is already used at $where: ids must be unique across the site, so "
            "choose a new one here",
            "published": "id '$id' is already published at $where (urls.txt lists it, and "
            "published ids never change): choose a new one here",
        },
        duplicate_ids,
    ),
    Rule(
        Code.BAD_ID,
        Severity.ERROR,
        {
            "not-kebab": "id '$id' is not lower-case kebab-case: use letters, digits and single "
            "hyphens, starting with a letter, such as '$kebab'",
        },
        bad_ids,
    ),
)
