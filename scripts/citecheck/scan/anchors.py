"""The ids a link can point to on a page: ids given by hand, the ids MkDocs's table of contents
(Python-Markdown's toc) makes from headings, and ids written in HTML (an alias such as
<span id="old-id"></span>)."""

from __future__ import annotations

import re
import unicodedata

from ..grammar import strip_markup
from .items import HEADING_ATTR_RE
from .lines import FENCE, TEXT, Lines

HTML_ID_RE = re.compile(r"<[a-zA-Z][^>]*?\sid\s*=\s*[\"']([^\"']+)[\"']")
HTML_TAG_RE = re.compile(r"<[^>]+>")
CODE_SPAN_RE = re.compile(r"`+([^`]*)`+")
ATX_RE = re.compile(r"^#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


def slugify(text: str) -> str:
    """A heading's id as Python-Markdown's toc makes it (its default slugify)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def heading_text(line: str) -> str:
    """The words of a heading line ('## Words' or the words over a setext underline)."""
    match = ATX_RE.match(line.strip())
    text = (match.group(1) or "") if match else line.strip()
    text = HEADING_ATTR_RE.sub("", text)
    text = CODE_SPAN_RE.sub(r"\1", HTML_TAG_RE.sub("", text))
    return strip_markup(text)


def page_anchors(doc: Lines, explicit: set[str]) -> set[str]:
    """Every id on the page: those given by hand, heading ids (made unique as toc makes them:
    a second 'Sources' is 'sources_1') and ids in HTML outside code."""
    anchors = set(explicit)
    made: set[str] = set()
    for i in sorted(doc.headings):
        line = doc.work[i]
        attrs = HEADING_ATTR_RE.search(line.rstrip().rstrip("#")) if "{" in line else None
        if attrs and "#" in attrs.group(1):
            continue  # the id given by hand replaces the made one
        slug = slugify(heading_text(line)) or "_"
        unique, n = slug, 0
        while unique in made or unique in explicit:
            n += 1
            unique = f"{slug}_{n}"
        made.add(unique)
    anchors |= made
    for i, line in enumerate(doc.lines):
        if doc.kinds[i] is not FENCE and i not in doc.code and " id" in line:
            text = CODE_SPAN_RE.sub("", line) if doc.kinds[i] is TEXT else line
            anchors.update(HTML_ID_RE.findall(text))
    return anchors
