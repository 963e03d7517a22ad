"""Links from a page to pages of the guide and to places on them, with line and column.

Only links a reader follows inside the guide are kept: inline links and link definitions
whose target is a Markdown file or an anchor on the same page, outside code and comments.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..model import Link
from .lines import TEXT, Lines

INLINE_RE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
DEFINITION_RE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$")
CODE_SPAN_RE = re.compile(r"(`+).+?\1")
SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def page_links(doc: Lines) -> list[Link]:
    links = []
    for i in range(doc.front_end, len(doc.lines)):
        if doc.kinds[i] is not TEXT or i in doc.code or "](" not in doc.work[i] and "]:" not in doc.work[i]:
            continue
        work = CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), doc.work[i])
        found = [(m.start(1), m.group(1)) for m in INLINE_RE.finditer(work)]
        if definition := DEFINITION_RE.match(work):
            found.append((definition.start(1), definition.group(1)))
        for pos, href in found:
            link = _guide_link(href, i + 1, doc.column(i, pos))
            if link is not None:
                links.append(link)
    return links


def _guide_link(href: str, line: int, col: int) -> Link | None:
    """The link if it leads to a Markdown page of the guide or to an anchor on this page."""
    if SCHEME_RE.match(href) or href.startswith("/"):
        return None
    target, _, anchor = href.partition("#")
    target = unquote(target.split("?")[0])
    if target and not target.endswith(".md"):
        return None  # an image, a download or a folder: the strict build checks those
    if not target and not anchor:
        return None
    return Link(line, col, target, unquote(anchor))
