"""Each citation on screen as one control that opens the full citation, and a way back.

mkdocs-bibtex writes a citation as its Harvard text and one footnote mark per work:

    (Seden and Ross, 2007; cited in Seden, 2008)<sup id="fnref4:seden2007ross"><a
    class="footnote-ref" href="#fn:seden2007ross">2</a></sup> <sup …>1</sup>

and the page's sources end with one "↩" link back for every time a work is cited. Here,
in one pass over the rendered page, each citation in running text becomes

    <button type="button" class="pl-cite" id="pl-cite-4" popovertarget="pl-cite-4-full"
    aria-label="Source: Seden and Ross, 2007, and 1 more" data-search-exclude>Seden and Ross,
    2007 +1</button><span class="pl-cite-full" id="pl-cite-4-full" popover data-search-exclude>(Seden
    and Ross, 2007; cited in Seden, 2008)<small class="pl-cite-refs"> Full references: <a
    href="#fn:seden2007ross">Seden and Ross (2007)</a>, <a href="#fn:seden2008innovation">Seden
    (2008)</a></small></span>

one tab stop, which the browser opens and closes (Escape, a tap outside) with no script.
The citation in a checklist item's Source panel (source_panels.py) is already behind one
control: it keeps its text, and its marks become the same links, in a paragraph of their own.
Each entry of the sources loses its "↩" links for one, hidden, that citations.js shows and
points at the citation the reader followed; without the script the browser's Back returns.

data-search-exclude keeps the citations and the page's sources out of the search index
(Material's search plugin leaves such elements out), so results show what a page says, not
whom it cites.
print.css prints the full text where the control is. Footnotes that are not citations
(keys that are not in the bibliography) are left as Python-Markdown wrote them.
"""

from __future__ import annotations

import html as markup
import re
from collections.abc import Mapping
from dataclasses import dataclass

from practice_led.citation_footnotes import SOURCES
from practice_led.source_panels import CITE_OPEN

MARK = r'<sup id="fnref\d*:[^"]+"><a class="footnote-ref" href="#fn:([^"]+)">\d+</a></sup>'
MARKS = re.compile(MARK + r"(?:\s*" + MARK + r")*")
KEY = re.compile(MARK)
# The "↩" links of one entry; the no-break space before them goes with them.
BACKREF = '<a class="footnote-backref" href="#fnref'
BACKREFS = re.compile(re.escape(BACKREF) + r'\d*:([^"]+)"[^>]*>[^<]*</a>(?:<a class="footnote-backref"[^>]*>[^<]*</a>)*')
NO_BREAK = "&#160;"
TAG = re.compile(r"<[^<>]*>")
# A tag the citation's "(" is never before: the text it ends is in another block.
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|div|td|th|tr|table|h[1-6]|blockquote|details|summary|dd|dt|br)\b")
LOCATOR = re.compile(r",\s*(?:p|pp|para|paras|s|ss|ch|chap|sec|n)\.\s.*$")
REACH = 2000  # how far back a citation's "(" may be: further is not a citation mkdocs-bibtex wrote
BACK_TEXT = "Back to where you were"


@dataclass(frozen=True)
class Citation:
    number: int
    text: str              # the Harvard text, "(…)", as HTML
    keys: tuple[str, ...]  # the works it cites, each once, in the order of their marks

    @property
    def id(self) -> str:
        return f"pl-cite-{self.number}"


def _opening(page: str, end: int) -> int | None:
    """Where the "(" is that opens the parenthesis closing just before `end`, across inline tags."""
    if end == 0 or page[end - 1] != ")":
        return None
    depth, i, floor = 0, end - 1, max(0, end - REACH)
    while i >= floor:
        if page[i] == ">":
            start = page.rfind("<", 0, i)
            if start < 0 or BLOCK_TAG.match(page, start):
                return None
            i = start - 1
            continue
        if page[i] == ")":
            depth += 1
        elif page[i] == "(":
            depth -= 1
            if depth == 0:
                return i
        i -= 1
    return None


def short_form(text: str) -> str:
    """The first work of a citation, as plain text without its page: 'Seden and Ross, 2007'."""
    plain = markup.unescape(TAG.sub("", text)).strip().removeprefix("(").removesuffix(")")
    return LOCATOR.sub("", plain.split(";")[0].strip())


def references_html(citation: Citation, labels: Mapping[str, str]) -> str:
    """'Full reference(s):' and one link per work to its entry in the page's sources."""
    links = ", ".join(f'<a href="#fn:{markup.escape(key)}">{markup.escape(labels.get(key, key))}</a>'
                      for key in citation.keys)
    return f"Full reference{'s' if len(citation.keys) > 1 else ''}: {links}"


def control_html(citation: Citation, labels: Mapping[str, str]) -> str:
    """The control in running text and the full citation it opens.

    Each carries data-search-exclude, and neither holds an element of its own kind:
    Material's search plugin tells elements apart by name only, so a <span> closing inside
    an excluded <span> would end the exclusion early.
    """
    first = short_form(citation.text) or labels.get(citation.keys[0], citation.keys[0])
    more = len(citation.keys) - 1
    name = f"Source: {first}" + (f", and {more} more" if more else "")
    shown = markup.escape(first) + (f" +{more}" if more else "")
    return (
        f'<button type="button" class="pl-cite" id="{citation.id}" popovertarget="{citation.id}-full" '
        f'aria-label="{markup.escape(name)}" data-search-exclude>{shown}</button>'
        f'<span class="pl-cite-full" id="{citation.id}-full" popover data-search-exclude>{citation.text}'
        f'<small class="pl-cite-refs"> {references_html(citation, labels)}</small></span>'
    )


def panel_html(citation: Citation, labels: Mapping[str, str]) -> str:
    """A Source panel's citation: its text, then its links in a paragraph of their own."""
    return (f'<p class="pl-source-cite" data-search-exclude>{citation.text}</p>\n'
            f'<p class="pl-cite-refs" id="{citation.id}" data-search-exclude>{references_html(citation, labels)}</p>')


def back_link(href: str) -> str:
    return (f'<a class="pl-cite-back" href="#{href}" hidden>'
            f'<span aria-hidden="true">\u21a9 </span>{BACK_TEXT}</a>')


def for_page(page: str, labels: Mapping[str, str]) -> str:
    """The rendered page with a control for each citation and one hidden way back per source.

    labels gives each bibliography key its short name ('Seden (2008)'); marks of other keys
    are footnotes, not citations, and stay as they are.
    """
    if "footnote-ref" not in page:
        return page
    out, at, number = [], 0, 0
    first_cite: dict[str, str] = {}  # key -> the id of the first citation of it
    for found in MARKS.finditer(page):
        keys = tuple(dict.fromkeys(KEY.findall(found[0])))
        if not all(key in labels for key in keys):
            continue
        opening = _opening(page, found.start())
        start = found.start() if opening is None or opening < at else opening
        number += 1
        citation = Citation(number, page[start:found.start()], keys)
        end = found.end()
        if start >= len(CITE_OPEN) and page.startswith(CITE_OPEN, start - len(CITE_OPEN)) \
                and page.startswith("</p>", end):
            start, end = start - len(CITE_OPEN), end + len("</p>")
            replacement = panel_html(citation, labels)
        else:
            if not citation.text:  # marks without a text before them: named by their works
                citation = Citation(number, "(" + "; ".join(labels[k] for k in keys) + ")", keys)
            replacement = control_html(citation, labels)
        for key in keys:
            first_cite.setdefault(key, citation.id)
        out += [page[at:start], replacement]
        at = end
    out.append(page[at:])
    page = "".join(out).replace(SOURCES, '<div class="footnote" data-search-exclude>', 1)
    return _one_way_back(page, first_cite)


def _one_way_back(page: str, first_cite: Mapping[str, str]) -> str:
    """Each cited entry of the sources with one hidden way back in place of its "↩" links."""
    out, at = [], 0
    start = page.find(BACKREF)  # found by str.find: a regular expression search is far slower
    while start >= 0:
        found = BACKREFS.match(page, start)
        start = page.find(BACKREF, found.end() if found else start + 1)
        if found is None or found[1] not in first_cite:
            continue
        cut = found.start() - (len(NO_BREAK) if page.startswith(NO_BREAK, found.start() - len(NO_BREAK)) else 0)
        out += [page[at:cut], " ", back_link(first_cite[found[1]])]
        at = found.end()
    out.append(page[at:])
    return "".join(out)
