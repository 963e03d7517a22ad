"""Rules on a page's checklist items and structure: CL001, CL003, CL007, CL010, CL011, CL012."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..enums import Code, Severity
from ..model import Finding, Item, Page
from .rule import Corpus, Rule

SMALL_WORDS = frozenset("a an and the of to for with in on is it".split())


def _checklist_pages(corpus: Corpus) -> Iterator[Page]:
    return (page for page in corpus.pages if not page.is_snippet)


def uncited_items(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in _checklist_pages(corpus):
        for item in page.items:
            if not item.citations:
                yield rule.finding(page.path, item.line, item.col, "no-citation")


def missing_ids(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in _checklist_pages(corpus):
        for item in page.items:
            if item.id_problem:
                hint = f"{{ #{suggest_id(item, page)} }}"
                yield rule.finding(page.path, item.line, item.col, item.id_problem, hint=hint)


def suggest_id(item: Item, page: Page) -> str:
    """An id for an item without one: the page's usual prefix and the item's first words."""
    prefixes = Counter(i.id.split("-")[0] for i in page.items if i.id and "-" in i.id)
    prefix = prefixes.most_common(1)[0][0] if prefixes else "xx"
    words = [
        w for w in re.findall(r"[a-z0-9]+", item.readable_text.lower()) if w not in SMALL_WORDS
    ]
    return "-".join([prefix, *words[:3]]) if words else f"{prefix}-item"


def loose_lists(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in corpus.pages:
        for loose in page.loose_lists:
            *before, last = loose.item_lines
            lines = f"{', '.join(map(str, before))} and {last}" if before else str(last)
            which = f"items on lines {lines}" if before else f"item on line {lines}"
            yield rule.finding(page.path, loose.gap_line, 1, "blank-line", which=which)


def glued_lists(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in corpus.pages:
        for glued in page.glued_items:
            yield rule.finding(page.path, glued.line, glued.col, "no-blank-line")


def snippet_content(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in corpus.pages:
        if page.is_snippet:
            for item in page.items:
                yield rule.finding(page.path, item.line, item.col, "item")
            for block in page.blocks:
                yield rule.finding(page.path, block.line, block.col, "citation")


def front_matter(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for page in corpus.pages:
        error = page.front_matter_error
        if error is not None:
            yield rule.finding(
                page.path, error.line, error.col, error.kind, problem=error.yaml_problem
            )


RULES = (
    Rule(
        Code.UNCITED_ITEM,
        Severity.ERROR,
        {
            "no-citation": "checklist item has no citation: end it with the source it rests on, "
            "for example [@seden2008innovation]",
        },
        uncited_items,
    ),
    Rule(
        Code.MISSING_ID,
        Severity.ERROR,
        {
            "none": "checklist item has no id: add a line '  $hint' right after it "
            "(lower-case kebab-case, unique across the site, never changed once published)",
            "detached": "a blank line separates the item from its '{ #id }' line, so the id does "
            "not reach the item: remove the blank line",
            "same-line": "on the item's own line '{ #id }' stays text: put it on the next line, "
            "indented by two spaces",
            "not-last": "the id line is not the item's last line, so the id does not reach the "
            "item: move the '{ #id }' line directly under the item's text",
            "no-hash": "the attribute line after the item has no '#id': write it as '  $hint'",
            "blocked": "a block inside the item (a quote, a heading or a footnote) follows its "
            "text, so the id does not reach the item: move that block out of the list",
        },
        missing_ids,
    ),
    Rule(
        Code.LOOSE_LIST,
        Severity.ERROR,
        {
            "blank-line": "blank line in a checklist makes the list loose, so the id moves off "
            "the $which: remove the blank line (checklists must be tight lists)",
        },
        loose_lists,
    ),
    Rule(
        Code.GLUED_LIST,
        Severity.ERROR,
        {
            "no-blank-line": "this checklist item follows a paragraph line with no blank line "
            "between, so it renders as plain text, not as a list item: add a blank line before "
            "the list",
        },
        glued_lists,
    ),
    Rule(
        Code.SNIPPET_CONTENT,
        Severity.ERROR,
        {
            "item": "a snippet holds a checklist item; snippets are pasted into pages after "
            "citations are rendered and items are checked: move the item into a checklist page",
            "citation": "a snippet holds a citation; snippets are pasted into pages after "
            "citations are rendered, so it would show as raw text: move the citation into the page",
        },
        snippet_content,
    ),
    Rule(
        Code.FRONT_MATTER,
        Severity.ERROR,
        {
            "invalid-yaml": "front matter is not valid YAML ($problem), so the page shows it as "
            "text: put a value holding ': ', '#', '[' or a leading quote in double quotes",
            "not-a-mapping": "front matter must be 'name: value' lines, such as "
            "'title: Leadership', or the page shows it as text",
        },
        front_matter,
    ),
)
