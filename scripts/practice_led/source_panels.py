"""The Source panel of each checklist item: its citation and the words of a source it rests on.

A checklist item with a basis (front matter `basis`, see citecheck/basis.py) gets one native
disclosure after its text, built here from the rendered page (after mkdocs-bibtex has
turned its citation into "(Author, year)" and footnote links):

    <div class="pl-item-tools"><details class="pl-source"><summary>Source</summary>
    <div class="pl-source-panel">
      <p class="pl-source-cite">(Seden and Ross, 2007, p. 302; cited in Seden, 2008)<sup>…</sup></p>
      <blockquote class="pl-source-words"><p>“a change in the whole ethos …”</p></blockquote>
      <p class="pl-source-credit">Words of Seden (2008), crediting Seden and Ross (2007), p. 302</p>
      <p class="pl-source-note"><span class="pl-source-label">Guide's note:</span> …</p>
    </div></details></div>

The item's citation moves from the end of its text into the panel, links and all, so a
closed item has one tab stop for its source, however many works it cites; later in the
build, citation_controls.py turns its footnote marks into links to the page's sources, in
a paragraph after it (<p class="pl-cite-refs">). checklists.js
adds the item's other controls to the same `pl-item-tools` row and reads the panel for the
downloads. Items without a basis are left as they are.

The page is read once for where its tags are (page_html.py), and changed only at those
places, so every other byte stays as MkDocs wrote it.
"""

from __future__ import annotations

import html as markup
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from citecheck import Bibliography, Citation, Report
from citecheck.basis import Basis, read_bases, words_from

from practice_led.page_html import VOID, Tag, matching_end, tags as read_tags

log = logging.getLogger("mkdocs.plugins.practice-led")

SUMMARY = "Source"
CITE_OPEN = '<p class="pl-source-cite">'  # citation_controls.py finds the panel's citation by it
# Elements that end an item's own text (as guide.endsItemText does in the browser).
BLOCK = {"ul", "ol", "p", "div", "dl", "table", "blockquote", "details", "pre", "figure",
         "h1", "h2", "h3", "h4", "h5", "h6"}
PAGE_RANGE = re.compile(r"(?<=\d)-(?=\d)")


@dataclass(frozen=True)
class SourcePanel:
    """What one item's panel says besides its citation, as plain text."""

    words: str   # the quotation, with its marks
    credit: str  # "Words of Seden (2008), crediting Seden and Ross (2007), p. 302"
    note: str = ""


def credit_line(basis: Basis, citations: Sequence[Citation], bibliography: Bibliography) -> str:
    """Whose words the quotation is, and the work (with the item's locator) it credits."""
    def label(key: str) -> str:
        entry = bibliography.entries.get(key)
        return entry.label() if entry is not None else key

    locator = next((c.locator for c in citations if c.key == basis.credit and c.locator), "")
    source = words_from(basis.credit, bibliography)
    line = f"Words of {label(source)}"
    if source != basis.credit:
        line += f", crediting {label(basis.credit)}"
    return line + (f", {PAGE_RANGE.sub('–', locator)}" if locator else "")


def panel_for(basis: Basis, citations: Sequence[Citation], bibliography: Bibliography) -> SourcePanel:
    return SourcePanel(basis.quote.strip(), credit_line(basis, citations, bibliography), basis.note.strip())


def panel_html(panel: SourcePanel, citation: str) -> str:
    """The disclosure; `citation` is rendered HTML ('' when the item's text keeps it)."""
    parts = ['<div class="pl-item-tools">', '<details class="pl-source">', f"<summary>{SUMMARY}</summary>",
             '<div class="pl-source-panel">']
    if citation:
        parts.append(f"{CITE_OPEN}{citation}</p>")
    parts.append(f'<blockquote class="pl-source-words"><p>{markup.escape(panel.words, quote=False)}</p></blockquote>')
    parts.append(f'<p class="pl-source-credit">{markup.escape(panel.credit, quote=False)}</p>')
    if panel.note:
        parts.append('<p class="pl-source-note"><span class="pl-source-label">Guide\'s note:</span> '
                     f"{markup.escape(panel.note, quote=False)}</p>")
    parts += ["</div>", "</details>", "</div>"]
    return "\n".join(parts)


# --- Reading the page ----------------------------------------------------------------------

@dataclass(frozen=True)
class _ItemText:
    start: int      # just after the checkbox's </label>
    end: int        # where the item's own text ends
    insert_at: int  # where the panel goes: after the text, or after its <p> in a loose list
    tags: list[Tag]  # the tags inside the text


def _item_text(tags: list[Tag], li: int) -> _ItemText | None:
    """Where the text of the item whose <li> is tags[li] lies, after its checkbox."""
    li_end = matching_end(tags, li)
    label = next((j for j in range(li + 1, li_end)
                  if tags[j].kind == "start" and tags[j].name == "label" and tags[j].has_class("task-list-control")),
                 None)
    if label is None:
        return None
    label_end = matching_end(tags, label)
    # The label's parent: the <li>, or the <p> that holds the text of a loose item.
    parent = li if tags[label - 1].kind == "start" and tags[label - 1].name == "li" else label - 1
    if tags[parent].kind != "start" or tags[parent].name not in {"li", "p"}:
        return None
    parent_end = matching_end(tags, parent)
    if parent_end >= len(tags):
        return None  # never closed: not markup MkDocs writes, so leave the item alone
    j = label_end + 1
    while j < parent_end and not (tags[j].kind == "start" and tags[j].name in BLOCK):
        opens = tags[j].kind == "start" and tags[j].name not in VOID
        j = matching_end(tags, j) + 1 if opens else j + 1
    j = min(j, parent_end)
    end = tags[j].start
    insert_at = end if tags[parent].name == "li" else tags[parent_end].end
    return _ItemText(tags[label_end].end, end, insert_at, tags[label_end + 1:j])


def _citation(page: str, text: _ItemText) -> tuple[int, int] | None:
    """(start, end) of the citation that ends the item's text: "(…)" and its footnote links."""
    tags = text.tags
    end, k = text.end, len(tags)
    sups_start, sups_end = None, 0
    while k and not page[tags[k - 1].end:end].strip():
        close = tags[k - 1]
        if not (close.kind == "end" and close.name == "sup"):
            break
        opening = next((i for i in range(k - 2, -1, -1)
                        if tags[i].kind == "start" and tags[i].name == "sup"), None)
        if opening is None or not any(t.has_class("footnote-ref") for t in tags[opening:k]):
            break
        sups_end = sups_end or close.end
        sups_start, end, k = tags[opening].start, tags[opening].start, opening
    if sups_start is None:
        return None
    # Back from the footnote links to the "(" that opens the citation, across any inline tags:
    # through the text between tags k-1 and k, then between k-2 and k-1, and so on.
    segments = [(tags[i - 1].end if i else text.start, tags[i].start) for i in range(k, -1, -1)]
    if not page[slice(*segments[0])].rstrip().endswith(")"):
        return None
    depth = 0
    for seg_start, seg_end in segments:
        for offset in range(seg_end - 1, seg_start - 1, -1):
            if page[offset] == ")":
                depth += 1
            elif page[offset] == "(":
                depth -= 1
                if depth == 0:
                    return offset, sups_end
    return None


def add_panels(page: str, panels: Mapping[str, SourcePanel], tags: Sequence[Tag] | None = None) -> tuple[str, list[str]]:
    """The page with a Source panel on each item named in panels, and the ids of the items
    whose text does not end with their citation (their citation stays in the text).
    `tags` are the page's, when it has been read already."""
    if not panels:
        return page, []
    tags = read_tags(page) if tags is None else tags
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in page order
    unplaced = []
    for i, tag in enumerate(tags):
        item_id = tag.attrs.get("id", "")
        if tag.kind != "start" or tag.name != "li" or not tag.has_class("task-list-item") or item_id not in panels:
            continue
        text = _item_text(tags, i)
        if text is None:
            continue
        found = _citation(page, text)
        citation = ""
        if found is None:
            unplaced.append(item_id)
        else:
            start, end = found
            citation = page[start:end].strip()
            cut = len(page[text.start:start]) - len(page[text.start:start].rstrip())
            edits.append((start - cut, end, ""))
        edits.append((text.insert_at, text.insert_at, panel_html(panels[item_id], citation)))
    out, at = [], 0
    for start, end, replacement in edits:
        out += [page[at:start], replacement]
        at = end
    out.append(page[at:])
    return "".join(out), unplaced


def for_page(report: Report, src_uri: str, meta: Mapping[str, object] | None, page: str,
             tags: Sequence[Tag] | None = None) -> str:
    """The rendered page with a Source panel on each item its front matter gives a basis;
    a warning for each item whose citation cannot move into its panel."""
    found = next((p for p in report.pages if p.src == src_uri), None)
    bases = read_bases(meta)
    if found is None or not bases:
        return page
    items = {item.id: item for item in found.items if item.id}
    panels = {
        item_id: panel_for(basis, items[item_id].citations if item_id in items else [], report.bibliography)
        for item_id, basis in bases.items()
    }
    page, unplaced = add_panels(page, panels, tags)
    for item_id in unplaced:
        if item_id not in items or not items[item_id].citations:
            continue  # an item that cites nothing is reported once, by citecheck (CL001)
        line = items[item_id].line
        log.warning(
            "%s:%d: checklist item #%s does not end with its citation, so its Source panel cannot "
            "hold it: end the item with its citation, as in 'Do this. [@key]'", found.path, line, item_id,
        )
    return page
