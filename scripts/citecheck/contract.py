"""The renderer contract: the task-list items MkDocs renders on a page are the items citecheck
found in its Markdown, each with the id citecheck expects."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Page, plural


def contract_problems(page: Page | None, rendered: Sequence[str | None]) -> list[tuple[int, str]]:
    """(line, message) wherever the rendered page disagrees with what citecheck found in it;
    `rendered` is the id of each task-list item the page's HTML holds, in order (None where
    one has none)."""
    items = page.items if page is not None else []
    expected = [item.rendered_id for item in items]
    if len(expected) != len(rendered):
        found = (
            f"{len(expected)} (lines {', '.join(str(i.line) for i in items)})" if items else "none"
        )
        return [
            (
                items[0].line if items else 1,
                (
                    f"{plural(len(rendered), 'checklist item')} rendered, but citecheck found {found}: "
                    f"the checker and the renderer disagree; simplify the Markdown around the list "
                    f"(a snippet include, unusual nesting) or report the case"
                ),
            )
        ]
    problems = []
    for item, want, got in zip(items, expected, rendered):
        if got is None and want is None and (item.loose or item.id_problem):
            continue  # already reported as CL003 or CL007
        if got != want:
            problems.append(
                (
                    item.line,
                    f"checklist item rendered with id {got!r}, but citecheck expected {want!r}",
                )
            )
    return problems
