"""Citations' footnotes written into each page's HTML, not through Markdown's footnotes extension.

mkdocs-bibtex writes each citation as its text and one footnote mark per work, and the
page's sources as footnote definitions where the page says `\\bibliography`:

    … service users (Seden, 2008, p. 3)[^seden2008innovation].

    [^seden2008innovation]: Seden, J. (2008) 'Innovation still needed? …', …

Python-Markdown's footnotes extension makes each mark an element of its own, whose text
every later inline pattern visits again, and a page has a mark for every work of every
citation: 32 marks for 6 works on a page of the build benchmark, whose Markdown takes about
22 ms with its marks and sources and 16 ms without (README, Fast builds).

So, after mkdocs-bibtex, `take` lifts the marks and the definitions out of the page's
Markdown, leaving one placeholder word for each run of marks, and `restore` writes into the
page's HTML what the extension would have written there (Python-Markdown 3.10,
markdown/extensions/footnotes.py: FootnoteInlineProcessor.handleMatch for a mark,
FootnoteExtension.makeFootnotesDiv for the sources): each mark in its place, and the sources
at the end, each rendered once a build with the guide's own Markdown extensions (Notes). Every
pass after it, and the pages, are the same byte for byte (tests/test_citation_footnotes.py
builds the guide both ways and compares every file).

One difference never reaches a page: Markdown numbers a work's second and later marks
(fnref2:…) in the order it processes the page's blocks, and `restore` in the order they
appear; citation_controls.py replaces every mark of a citation, ids and all.
MkDocs checks links to anchors against the ids Markdown wrote, which no longer include a
source's, so a link from another page to one (`page.md#fn:key`) fails the strict build:
link to the work's entry in the bibliography instead (`reference/bibliography.md#ref-key`).

A page is left to Markdown when its Markdown holds anything this does not write as the
extension would: a footnote that is not a citation, a citation in a heading (whose id and
contents entry are made from its text), on a line with a code span or joined to a word,
abbreviations of its own (they apply to its sources too), or the extension's place marker. A placeholder that still
ends up in code or inside a tag is an error (NotRestored), never a wrong page. Without the
footnotes extension Markdown writes no footnotes, and neither does this.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

import markdown

PLACE_MARKER = "///Footnotes Go Here///"  # the footnotes extension's default PLACE_MARKER
DEFINITIONS = re.compile(r"^\[\^([^\]\s]+)\]: (.*)\n?", re.MULTILINE)
MARKS = re.compile(r"(?:\[\^([^\]\s]+)\])+")
MARK = re.compile(r"\[\^([^\]\s]+)\]")
PLACEHOLDER_WORD = "zqcitationmarks"  # a placeholder is one word: no Markdown extension changes it
PLACEHOLDER = PLACEHOLDER_WORD + "{}zq"
PLACEHOLDERS = re.compile(PLACEHOLDER_WORD + r"(\d+)zq")
SOURCES = '<div class="footnote">'  # where the extension's list of a page's sources starts
ABBREVIATIONS = re.compile(r"^\*\[", re.MULTILINE)
ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
BACKLINK = '<a class="footnote-backref" href="#{ref}" title="Jump back to footnote {number} in the text">&#8617;</a>'


class NotRestored(ValueError):
    """A placeholder did not come through Markdown as text."""


@dataclass
class Taken:
    """What `take` lifted out of one page: its sources, and the works of each run of marks."""

    sources: dict[str, str]  # key -> its reference's Markdown, in the order they were defined
    marks: list[tuple[str, ...]] = field(default_factory=list)


def writes_as_markdown(extensions: list, configs: dict) -> bool:
    """Whether the page's footnotes are the footnotes extension's, with its defaults, which
    `restore` writes; ValueError, with the fix, when the extension has options."""
    if configs.get("footnotes"):
        raise ValueError("practice-led writes citations' footnotes as the footnotes extension does with its "
                         "defaults: remove the footnotes options under markdown_extensions, or set "
                         "write_citation_footnotes: false under practice-led")
    return "footnotes" in extensions


def take(page: str, keys: Collection[str]) -> tuple[str, Taken | None]:
    """The page's Markdown without its citations' marks and sources, and what was taken;
    (page, None) when the page is left to Markdown. keys are the bibliography's."""
    if "[^" not in page or _left_to_markdown(page):
        return page, None
    definitions = list(DEFINITIONS.finditer(page))
    if not definitions or not all(d[1] in keys for d in definitions) or not _one_run(page, definitions):
        return page, None
    taken = Taken({d[1]: d[2] for d in definitions})
    body = page[:definitions[0].start()] + page[definitions[-1].end():]
    if DEFINITIONS.search(body):  # a footnote of the page's own
        return page, None

    def placeholder(found: re.Match[str]) -> str:
        works = tuple(MARK.findall(found[0]))
        if not all(key in taken.sources for key in works) or _joined_to_a_word(body, found):
            return found[0]
        taken.marks.append(works)
        return PLACEHOLDER.format(len(taken.marks) - 1)

    body = MARKS.sub(placeholder, body)
    if "[^" in body:  # a footnote that is not a citation: the page's footnotes stay together
        return page, None
    return body, taken


def _left_to_markdown(page: str) -> bool:
    """A heading or a code span with a mark, abbreviations, the extension's place marker, a
    placeholder's text: what `restore` would not write as Markdown does."""
    if PLACE_MARKER in page or PLACEHOLDER_WORD in page or ABBREVIATIONS.search(page):
        return True
    lines = page.split("\n")
    return any("[^" in line and (ATX_HEADING.match(line) or "`" in line
                                 or (i + 1 < len(lines) and SETEXT_UNDERLINE.match(lines[i + 1])))
               for i, line in enumerate(lines))


def _joined_to_a_word(text: str, found: re.Match[str]) -> bool:
    """Marks right after or before a word: the placeholder would make one word of them, in
    which an abbreviation (matched as a whole word) would not be found."""
    around = text[found.start() - 1:found.start()] + text[found.end():found.end() + 1]
    return any(c.isalnum() or c == "_" for c in around)


def _one_run(page: str, definitions: list[re.Match[str]]) -> bool:
    """The definitions are consecutive lines with nothing after them that Markdown would read
    as more of the last one: a continuation line, or an indented block after a blank line."""
    if any(a.end() != b.start() for a, b in zip(definitions, definitions[1:])):
        return False
    after = page[definitions[-1].end():].lstrip("\n")
    return not after or (page[definitions[-1].end()] == "\n" and not after.startswith(("    ", "\t")))


class Notes:
    """Each source's text as the footnotes extension renders it on a page: with the page's
    Markdown extensions (the glossary's abbreviations among them), once a build. MkDocs' own
    extension, which makes links between pages relative, is not needed: a source's links
    are web addresses.

    A conversion costs about 10 ms whatever its length (the glossary is read into each), so
    a page's new sources are converted together, one paragraph each, when each comes out as
    one paragraph of one line; otherwise one by one."""

    def __init__(self, extensions: list, configs: dict) -> None:
        self._extensions, self._configs = extensions, configs
        self._markdown: markdown.Markdown | None = None
        self._html: dict[str, str] = {}

    def html(self, texts: list[str]) -> list[str]:
        new = [text for text in dict.fromkeys(texts) if text not in self._html]
        together = self._convert("\n\n".join(new)).split("\n") if new and not any("\n" in t for t in new) else []
        if len(together) == len(new) and all(p.startswith("<p>") and p.endswith("</p>") for p in together):
            self._html.update(zip(new, together))
        for text in new:
            if text not in self._html:
                self._html[text] = self._convert(text)
        return [self._html[text] for text in texts]

    def _convert(self, text: str) -> str:
        if self._markdown is None:
            self._markdown = markdown.Markdown(extensions=self._extensions, extension_configs=self._configs)
        return self._markdown.reset().convert(text)


def restore(page: str, taken: Taken, notes: Notes) -> str:
    """The page's HTML with each run of marks back in place and its sources at the end."""
    numbers = {key: number for number, key in enumerate(taken.sources, 1)}
    found: Counter[str] = Counter()

    def marks(placeholder: re.Match[str]) -> str:
        at = placeholder.start()
        if page.rfind("<", 0, at) > page.rfind(">", 0, at) or page.rfind("<code", 0, at) > page.rfind("</code>", 0, at):
            raise NotRestored("a citation's footnote marks are inside an HTML tag or code")
        out = []
        for key in taken.marks[int(placeholder[1])]:
            found[key] += 1
            ref = _ref(key, found[key])
            out.append(f'<sup id="{ref}"><a class="footnote-ref" href="#fn:{key}">{numbers[key]}</a></sup>')
        return "".join(out)

    page = PLACEHOLDERS.sub(marks, page)
    if sum(found.values()) != sum(map(len, taken.marks)):
        raise NotRestored("a citation's footnote marks came through Markdown missing or repeated")
    items = []
    for (key, number), text in zip(numbers.items(), notes.html(list(taken.sources.values()))):
        backlinks = "".join(BACKLINK.format(ref=_ref(key, n), number=number) for n in range(1, max(found[key], 1) + 1))
        text = f"{text[:-4]}&#160;{backlinks}</p>" if text.endswith("</p>") else f"{text}\n<p>{backlinks}</p>"
        items.append(f'<li id="fn:{key}">\n{text}\n</li>')
    return f"{page}\n{SOURCES}\n<hr />\n<ol>\n" + "\n".join(items) + "\n</ol>\n</div>"


def _ref(key: str, n: int) -> str:
    return f"fnref:{key}" if n == 1 else f"fnref{n}:{key}"
