"""Citation footnotes that Markdown does not re-read on every page.

mkdocs-bibtex turns each citation into footnote marks ([^key]) and writes their
definitions under the page's Sources. Python-Markdown's footnotes extension then
parses every definition and runs every mark and note through the inline patterns and
tree processors, on every page: most of what citations add to a warm build. This
extension does that work once and hands the result over as finished HTML, identical
byte for byte to what Markdown alone makes (tests/test_citation_notes.py):

- each distinct definition is rendered once per build, as a footnote of a document
  of its own (with the glossary, which the snippets extension appends to every page);
- before the inline patterns run, each mark becomes an opaque token, numbered in the
  order Markdown would meet it; after them, each token becomes the footnotes
  extension's mark, with its ids and number (inside code, the literal mark again);
- the list of notes is laid out as the footnotes extension lays it out.

`prepare` vouches for a page or declines it, and a declined page takes the ordinary
path. A token that ends up where the extension cannot follow it (an attribute, raw
HTML) flags the page as leaked, and the hook renders it again the ordinary way. A
probe page converted both ways at the start of each build switches the fast path off
if a Markdown release or a footnotes setting makes them differ.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.footnotes import FootnoteBlockProcessor, FootnoteExtension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

DEFINITION = FootnoteBlockProcessor.RE
ABBREVIATION = AbbrBlockprocessor.RE
TOKEN = "\x02plcite:{}\x03"
TOKEN_RE = re.compile("\x02plcite:(\\d+)\x03")
TOKEN_START = "\x02plcite:"
SNIPPET = "-8<-"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LINK = re.compile(r"<a\b[^>]*>")
ABSOLUTE_LINK = re.compile(r'<a href="[a-zA-Z][a-zA-Z0-9+.-]*:[^"]*">')  # MkDocs leaves these be
NOTE = re.compile(r'<li id="[^"]*?(\d+)">\n<p>(.*?)&#160;<a class="footnote-backref"', re.DOTALL)


@dataclass
class Notes:
    """One page's citation footnotes: each key's definition, rendered, in page order."""

    rendered: dict[str, str]
    keys: list[str] = field(default_factory=list)  # token number -> key
    uses: dict[str, int] = field(default_factory=dict)  # key -> marks set in the text
    anchor_ids: set[str] = field(default_factory=set)  # ids in raw HTML, for MkDocs' link checks
    leaked: bool = False


class DefinitionRenderer:
    """Definitions' HTML as the footnotes extension makes it, once per distinct text.

    A page's new definitions are rendered together, as the footnotes of one document:
    Markdown reads each definition on its own, so none changes another.
    """

    def __init__(self, extensions: list, configs: dict) -> None:
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self._memo: dict[str, str | None] = {}

    def __call__(self, texts: list[str]) -> list[str | None]:
        new = [text for text in dict.fromkeys(texts) if text not in self._memo]
        if new:
            self._md.reset()
            document = "[^0]\n\n" + "".join(f"[^{n}]: {text}\n" for n, text in enumerate(new))
            found = {int(n): html for n, html in NOTE.findall(self._md.convert(document))}
            for n, text in enumerate(new):
                self._memo[text] = _portable(text, found.get(n))
        return [self._memo[text] for text in texts]


def _portable(text: str, html: str | None) -> str | None:
    """The HTML, if it is one paragraph of text and inline markup that no page changes."""
    if html is None or "[^" in text:  # a mark in a definition would meet the page's footnotes
        return None
    if any(part in html for part in ("<p>", "</p>", "<img", " id=", "\x02")):
        return None
    if not all(ABSOLUTE_LINK.fullmatch(link) for link in LINK.findall(html)):
        return None  # MkDocs rewrites relative links page by page
    return html


def prepare(page_markdown: str, render: DefinitionRenderer) -> tuple[str, Notes] | None:
    """The page without its footnote definitions, and the notes, or None to decline it.

    Declined: pages with no footnotes, with footnote definitions anywhere but one block
    of one-line definitions standing on its own, with their own abbreviations or
    snippets (which reach the definitions), or with the footnote place marker.
    """
    if SNIPPET in page_markdown or ABBREVIATION.search(page_markdown):
        return None
    if "///Footnotes Go Here///" in page_markdown:
        return None
    found = list(DEFINITION.finditer(page_markdown))
    if not found:
        return None
    start, end = found[0].start(), found[-1].end()
    if page_markdown.count("\n", start, end) != len(found) - 1:
        return None  # not one block of one-line definitions
    before, after = page_markdown[:start], page_markdown[end:]
    if before and not before.endswith("\n\n"):
        return None
    if after.strip() and not _ends_block(after):
        return None
    keys = [definition.group(1) for definition in found]
    if len(set(keys)) != len(keys) or any(d.group(0)[0] == " " for d in found):
        return None
    rendered = {}
    for key, html in zip(keys, render([definition.group(2) for definition in found])):
        if html is None:
            return None
        rendered[key] = html
    return before + after, Notes(rendered)


def _ends_block(after: str) -> bool:
    """After the definitions: a blank line, then nothing Markdown would add to the last one."""
    blank = re.match(r"\n(?:[ \t]*\n)+", after)
    return blank is not None and not after[blank.end() :].startswith(("    ", "\t"))


def _escaped(text: str, at: int) -> bool:
    """Whether the character at `at` follows an odd run of backslashes."""
    before = text[:at]
    return (len(before) - len(before.rstrip("\\"))) % 2 == 1


class _Tokenise(Treeprocessor):
    """Before the inline patterns: each citation mark becomes a token, numbered in the
    order the inline processor would meet it (its queue of elements, text then tail)."""

    def __init__(self, extension: CitationNotesExtension) -> None:
        super().__init__(extension.md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        notes = self.extension.start_page()
        if notes is None:
            return

        mark = self.md.inlinePatterns["footnote"].getCompiledRegExp()

        def swap(found: re.Match[str], text: str) -> str:
            # An escaped bracket is no mark: the escape pattern runs before the footnote one.
            if found.group(1) not in notes.rendered or _escaped(text, found.start()):
                return found.group(0)
            notes.keys.append(found.group(1))
            return TOKEN.format(len(notes.keys) - 1)

        def tokens(text: str) -> str:
            return mark.sub(lambda found: swap(found, text), text) if "[^" in text else text

        queue = [root]
        while queue:
            element = queue.pop(0)
            for child in element:
                if child.text and not isinstance(child.text, AtomicString):
                    child.text = tokens(child.text)
                if child.tail and not isinstance(child.tail, AtomicString):
                    child.tail = tokens(child.tail)
                if len(child):
                    queue.append(child)


@dataclass
class Mark:
    """One footnote mark, with the ids and number the footnotes extension would give it."""

    ref_id: str
    note_id: str
    label: str

    def html(self) -> str:
        return (
            f'<sup id="{_attribute(self.ref_id)}"><a class="footnote-ref" '
            f'href="#{_attribute(self.note_id)}">{_text(self.label)}</a></sup>'
        )

    def element(self) -> etree.Element:
        sup = etree.Element("sup", {"id": self.ref_id})
        link = etree.SubElement(sup, "a", {"class": "footnote-ref", "href": "#" + self.note_id})
        link.text = self.label
        return sup


def marks_in_order(footnotes: FootnoteExtension, notes: Notes, numbers: list[int]) -> dict[int, Mark]:
    """The tokens' marks, in token order as the footnotes extension meets them: a key's
    first mark has its plain id, the next ones fnref2, fnref3 and so on."""
    separator, label = footnotes.get_separator(), footnotes.getConfig("SUPERSCRIPT_TEXT")
    ids = {
        key: (footnotes.makeFootnoteRefId(key), footnotes.makeFootnoteId(key), label.format(n))
        for n, key in enumerate(notes.rendered, start=1)
    }
    marks = {}
    for number in numbers:
        key = notes.keys[number]
        uses = notes.uses[key] = notes.uses.get(key, 0) + 1
        first, note_id, text = ids[key]
        marks[number] = Mark(_nth_id(first, uses, separator), note_id, text)
    return marks


def _nth_id(first: str, n: int, separator: str) -> str:
    head, rest = first.split(separator, 1)
    return first if n == 1 else f"{head}{n}{separator}{rest}"


class _PlaceMarks(Treeprocessor):
    """After the inline patterns: tokens become the footnotes extension's marks (literal
    marks again in code), and its list is added, built from the rendered definitions.

    Marks and list go in as raw HTML, so the tree processors still to come pass over
    them, except where one of those could change what is around a mark: in a heading
    (the table of contents reads it), or before a quote or an attribute list (smart
    quotes and attribute lists read the text right after an element). There the mark is
    an element, as the footnotes extension makes it.
    """

    def __init__(self, extension: CitationNotesExtension) -> None:
        super().__init__(extension.md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        notes = self.extension.notes
        if notes is None:
            return
        footnotes = self.extension.footnotes
        parents: dict[etree.Element, etree.Element] = {}
        sites: list[tuple[etree.Element, bool]] = []
        for parent in root.iter():
            for element in parent:
                parents[element] = parent
                if TOKEN_START in (element.text or ""):
                    sites.append((element, False))
                if TOKEN_START in (element.tail or ""):
                    sites.append((element, True))
        live, in_code = [], 0
        for element, is_tail in sites:
            text = _get(element, is_tail)
            if isinstance(text, AtomicString):
                in_code += len(TOKEN_RE.findall(text))
            else:
                live += [int(number) for number in TOKEN_RE.findall(text)]
        if len(live) + in_code != len(notes.keys):
            notes.leaked = True  # a token went where this pass cannot see it
        marks = marks_in_order(footnotes, notes, sorted(live))
        for element, is_tail in sites:
            host = parents[element] if is_tail else element
            self._splice(element, is_tail, parents, marks, notes, in_heading(host, parents))
        holder = etree.SubElement(root, "p")
        holder.text = self.md.htmlStash.store(footnote_list(footnotes, notes))
        notes.anchor_ids.update(footnotes.makeFootnoteId(key) for key in notes.rendered)

    def _splice(
        self,
        element: etree.Element,
        is_tail: bool,
        parents: dict[etree.Element, etree.Element],
        marks: dict[int, Mark],
        notes: Notes,
        in_heading: bool,
    ) -> None:
        text = _get(element, is_tail)
        if isinstance(text, AtomicString):  # code: Markdown left the mark as it was
            literal = TOKEN_RE.sub(lambda found: f"[^{notes.keys[int(found.group(1))]}]", text)
            _set(element, is_tail, AtomicString(literal))
            return
        parts = TOKEN_RE.split(text)
        runs, elements = [parts[0]], []
        for number, following in zip(parts[1::2], parts[2::2]):
            mark = marks[int(number)]
            if in_heading or following.startswith(("'", '"', "{")):
                elements.append(mark.element())
                runs.append(following)
            else:
                runs[-1] += self.md.htmlStash.store(mark.html()) + following
                notes.anchor_ids.add(mark.ref_id)
        _set(element, is_tail, runs[0] or None)
        host, at = (parents[element], list(parents[element]).index(element) + 1) if is_tail else (element, 0)
        for offset, (mark_element, following) in enumerate(zip(elements, runs[1:])):
            mark_element.tail = following or None
            host.insert(at + offset, mark_element)


def in_heading(element: etree.Element, parents: dict[etree.Element, etree.Element]) -> bool:
    while element is not None:
        if element.tag in HEADINGS:
            return True
        element = parents.get(element)
    return False


def _get(element: etree.Element, is_tail: bool) -> str:
    return (element.tail if is_tail else element.text) or ""


def _set(element: etree.Element, is_tail: bool, text: str | None) -> None:
    if is_tail:
        element.tail = text
    else:
        element.text = text


def footnote_list(footnotes: FootnoteExtension, notes: Notes) -> str:
    """The footnotes extension's list, laid out as it does, the definitions already rendered."""
    separator, back = footnotes.get_separator(), footnotes.getConfig("BACKLINK_TEXT")
    title = footnotes.getConfig("BACKLINK_TITLE")
    items = []
    for number, (key, text) in enumerate(notes.rendered.items(), start=1):
        note_id = footnotes.makeFootnoteId(key)
        first, attributes = footnotes.makeFootnoteRefId(key), f'title="{_attribute(title.format(number))}"'
        links = "".join(
            f'<a class="footnote-backref" href="#{_attribute(_nth_id(first, n, separator))}" '
            f"{attributes}>{back}</a>"
            for n in range(1, max(1, notes.uses.get(key, 0)) + 1)
        )
        items.append(f'<li id="{_attribute(note_id)}">\n<p>{text}&#160;{links}</p>\n</li>')
    return '<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _FindLeaks(Postprocessor):
    """A token left in the output (an attribute, raw HTML): flag the page, restore the mark."""

    def __init__(self, extension: CitationNotesExtension) -> None:
        super().__init__(extension.md)
        self.extension = extension

    def run(self, text: str) -> str:
        notes = self.extension.notes
        if notes is None or TOKEN_START not in text:
            return text
        notes.leaked = True
        return TOKEN_RE.sub(lambda found: f"[^{notes.keys[int(found.group(1))]}]", text)


class CitationNotesExtension(Extension):
    """Set `pending` to a page's Notes just before Markdown converts that page."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.pending: Notes | None = None
        self.notes: Notes | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's name)
        self.md = md
        self.notes = None
        footnotes = next(
            (e for e in md.registeredExtensions if isinstance(e, FootnoteExtension)), None
        )
        if footnotes is None:
            return
        self.footnotes = footnotes
        # After the task list (25) and every other tree change, just before the inline
        # patterns (20); back before the footnote list is reordered (19) or de-duplicated (15).
        md.treeprocessors.register(_Tokenise(self), "citation-tokens", 21)
        md.treeprocessors.register(_PlaceMarks(self), "citation-marks", 19.5)
        md.postprocessors.register(_FindLeaks(self), "citation-leaks", 1)

    def start_page(self) -> Notes | None:
        self.notes, self.pending = self.pending, None
        return self.notes


PROBE = (  # marks where the fast path has choices to make, in a page like the guide's
    "# A heading (B)[^b]\n\n"
    'Then[^b] she said "it works" (A, 2000)[^a]".\n'
    "`code [^a]`, \\[^a] and ![^a] once more[^a][^b].\n\n"
    "- [ ] a task (B)[^b]\n\n"
    '[^a]: *One*, "two" -- three.\n'
    "[^b]: Four & five, <https://example.org/>.\n"
)


class CitationNotes:
    """One build's fast path: the Markdown extension, and pages prepared for it.

    Off for the whole build when the probe page, converted both ways, differs: a
    Markdown release or a footnotes setting this module does not follow.
    """

    def __init__(self, extensions: list, configs: dict) -> None:
        self.extension = CitationNotesExtension()
        self.render = DefinitionRenderer(extensions, configs)
        self.enabled = self._same_both_ways(PROBE, extensions, configs)

    def prepare(self, page_markdown: str) -> str | None:
        """The page's Markdown for the fast path, or None when it takes the ordinary one."""
        self.extension.pending = None
        prepared = prepare(page_markdown, self.render) if self.enabled else None
        if prepared is None:
            return None
        page_markdown, self.extension.pending = prepared
        return page_markdown

    def _same_both_ways(self, text: str, extensions: list, configs: dict) -> bool:
        ordinary = markdown.Markdown(extensions=extensions, extension_configs=configs)
        fast = markdown.Markdown(extensions=[*extensions, self.extension], extension_configs=configs)
        prepared = prepare(text, self.render)
        if prepared is None:
            return False
        self.extension.pending = prepared[1]
        same = fast.convert(prepared[0]) == ordinary.convert(text)
        self.extension.pending = self.extension.notes = None
        return same
