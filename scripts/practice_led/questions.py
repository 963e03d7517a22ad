"""The discussion questions of every page, gathered onto one page for trainers.

Pure functions over Markdown (nothing of the MkDocs plugin API): find the bullet list under a
page's "## Questions for reflection" or "## Questions for discussion" heading,
rewrite its relative links for the page it is copied to, and write that page, whole,
before any page is rendered (so its citations are rendered like any other page's).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify

from practice_led import front_matter

HEADING = re.compile(r"^##[ \t]+(Questions for (?:reflection|discussion))[ \t]*(?:\{([^}]*)\})?[ \t]*#*[ \t]*$")
ANY_HEADING = re.compile(r"^#{1,6}[ \t]")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]+\S")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
INLINE_LINK = re.compile(r"(\]\()(<[^>]+>|[^)\s]+)((?:[ \t]+\"[^\"]*\")?\))")
REFERENCE_LINK = re.compile(r"^([ \t]*\[[^\]]+\]:[ \t]*)(\S+)", re.MULTILINE)

TITLE = "All discussion questions"
DESCRIPTION = "Every discussion question in the guide on one page, grouped by section, with links to the pages."
INTRO = f"""\
# {TITLE}

!!! abstract "In short"

    - Every question for reflection or discussion in the guide, on one page, grouped by section.
    - Each set links back to its page, so a group can read the page before it discusses the questions.
    - The questions are the guide's own prompts for discussion, not findings from the research.

Use them to open a session, to set a task for small groups, or as preparation for a supervision or team meeting.
This page is put together from the pages themselves each time the guide is published, so it always matches them.
"""


@dataclass(frozen=True)
class PageQuestions:
    src_uri: str        # "principles/leadership.md"
    title: str
    heading: str        # "Questions for reflection"
    anchor: str         # the heading's id on its page
    items: str          # the Markdown list, as written on the page


def page_questions(src_uri: str, title: str, body: str) -> PageQuestions | None:
    """A page's discussion questions, from its Markdown body, or None."""
    found = find_questions(body)
    if found is None:
        return None
    heading, anchor, items = found
    return PageQuestions(src_uri, title, heading, anchor, items)


def find_questions(body: str) -> tuple[str, str, str] | None:
    """(heading text, its id, the list under it) from a page's Markdown body, or None."""
    lines = body.splitlines()
    in_fence = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if match:
            items = list_block(lines[index + 1:])
            if not items:
                return None
            anchor = explicit_id(match.group(2)) or slugify(match.group(1), "-")
            return match.group(1), anchor, items
    return None


def explicit_id(attributes: str | None) -> str | None:
    for token in (attributes or "").split():
        if token.startswith("#") and len(token) > 1:
            return token[1:]
    return None


def list_block(lines: list[str]) -> str:
    """The list items (with their indented continuation lines) before the next heading."""
    kept: list[str] = []
    in_list = False
    for line in lines:
        if ANY_HEADING.match(line):
            break
        if LIST_ITEM.match(line):
            in_list = True
            kept.append(line)
        elif in_list and (line.startswith((" ", "\t")) or not line.strip()):
            kept.append(line)
        else:
            in_list = False
    return "\n".join(kept).strip("\n")


def move_link(target: str, src_uri: str, dest_uri: str) -> str:
    """A relative link written on src_uri, as written on dest_uri (both paths in docs/)."""
    bare = target[1:-1] if target.startswith("<") and target.endswith(">") else target
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", bare) or bare.startswith("/"):
        return target
    path, hash_, fragment = bare.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)) if path else src_uri
    moved = posixpath.relpath(resolved, posixpath.dirname(dest_uri) or ".")
    return moved + (hash_ + fragment if hash_ else "")


def move_links(markdown: str, src_uri: str, dest_uri: str) -> str:
    markdown = INLINE_LINK.sub(lambda m: m[1] + move_link(m[2], src_uri, dest_uri) + m[3], markdown)
    return REFERENCE_LINK.sub(lambda m: m[1] + move_link(m[2], src_uri, dest_uri), markdown)


def gathered_page(groups: list[tuple[str, list[PageQuestions]]], dest_uri: str, review_window: dict) -> str:
    """The gathered page, front matter and all; its review dates are those of the pages it gathers."""
    meta = {"title": TITLE, "description": DESCRIPTION, **review_window}
    return front_matter.render(meta) + page_markdown(groups, dest_uri, INTRO)


def page_markdown(groups: list[tuple[str, list[PageQuestions]]], dest_uri: str, intro: str) -> str:
    """The gathered page's body: intro, then per section, per page, a link back and the questions."""
    parts = [intro.rstrip() + "\n"]
    for section, pages in groups:
        if not pages:
            continue
        parts.append(f"## {section}\n")
        for page in pages:
            link = move_link(f"{page.src_uri}#{page.anchor}", "index.md", dest_uri)
            parts.append(f"### {page.title}\n")
            parts.append(f"From [{page.title}: {page.heading.lower()}]({link}).\n")
            parts.append(move_links(page.items, page.src_uri, dest_uri) + "\n")
    markdown = "\n".join(parts)
    if "[@" in markdown:
        markdown += "\n## Sources\n\n\\bibliography\n"
    return markdown
