"""The renderer contract: the task-list items MkDocs renders on a page are the items citecheck
found in its Markdown, each with the id citecheck expects."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Page, plural


def rendered_task_items(html: str) -> list[str | None]:
    """The id of every task-list item in rendered HTML, in order (None where there is none)."""
    from html.parser import HTMLParser  # only the build needs it: the command starts faster

    class TaskItemIds(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.ids: list[str | None] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "li" and "task-list-item" in (found.get("class") or "").split():
                self.ids.append(found.get("id"))

    parser = TaskItemIds()
    parser.feed(html)
    parser.close()
    return parser.ids


def contract_problems(page: Page | None, rendered: Sequence[str | None]) -> list[tuple[int, str]]:
    """(line, message) wherever the rendered page disagrees with what citecheck found in it."""
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
