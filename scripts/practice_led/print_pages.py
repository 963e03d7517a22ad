"""One printable page per section: the section's rendered pages, one after another.

Pure functions over rendered HTML (nothing of the MkDocs plugin API). The page starts as a short
placeholder (its title, introduction and review dates), and once the section's pages
are rendered each of them becomes a chapter:
its ids get a chapter prefix so they stay unique on the combined page (headings,
footnotes of the reference list, SVG titles), its headings move one level down under
the combined page's own title, its links are rewritten for the new address (links
between chapters become jumps within the page), and its checklist boxes become
plain printed boxes, each item's source shown open.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

from practice_led import front_matter

TAG = re.compile(r"<[a-zA-Z][^<>]*>")
ID_ATTRS = re.compile(r'(\s(?:id|for|headers|popovertarget)=")([^"]+)(")')
ID_LIST_ATTRS = re.compile(r'(\s(?:aria-labelledby|aria-describedby|aria-controls|aria-owns)=")([^"]+)(")')
URL_ATTRS = re.compile(r'(\s(?:href|src|xlink:href)=")([^"]*)(")')
CSS_ID_REF = re.compile(r"url\(#([^)]+)\)")
HEADING = re.compile(r"<(/?)h([1-5])(?=[\s>])")
SEPARATOR = "--"
PRINT_DIR = "print"


@dataclass(frozen=True)
class Chapter:
    src_uri: str     # "principles/leadership.md"
    url: str         # the page's own URL as MkDocs gives it: "principles/leadership/"
    title: str
    content: str     # the rendered page body
    online_url: str  # the page's public address


def print_uri(folder: str) -> str:
    """The print version of the section in docs/<folder>/: print/<folder>.md."""
    return f"{PRINT_DIR}/{folder}.md"


def placeholder(name: str, folder: str, review_window: dict, *, large_print: bool = False) -> str:
    """The print page's Markdown before its chapters are added: title, introduction, dates.

    A large-print version, a handout for the people a section is written for, says so in
    its title and plain words, and its front matter has the theme (overrides/main.html)
    set the whole page in large print.
    """
    kind = "large-print version" if large_print else "print version"
    title = f"{name}: {kind}"
    meta = {
        "title": title,
        "description": f"Every page of the {name} section on one page, "
                       f"{'in large print, ' if large_print else ''}for printing or saving as a PDF.",
        **review_window,
        "search": {"exclude": True},
    }
    if large_print:
        meta["large_print"] = True
        intro = (f"All the pages of [{name}](../{folder}/index.md), one after another, in large print.\n"
                 "Print this page, or save it as a PDF.\n"
                 "Each page ends with its sources and its address online.\n")
    else:
        intro = (f"Every page of the [{name}](../{folder}/index.md) section on one page, "
                 "for printing, saving as a PDF or reading offline.\n"
                 "Each page keeps its own list of sources, and ends with its address online.\n")
    return front_matter.render(meta) + f"# {title}\n\n" + intro


HANDOUT_LINK_TEXT = "Large print: all the pages of this section, ready to print"
HANDOUT_LINK = re.compile(r'<p class="pl-handout-link">.*?</p>\n?', re.DOTALL)


def with_handout_link(markup: str, href: str) -> str:
    """A page of a large-print section, with a link to its handout under the page's title
    (at the top when it has none). Hidden on paper (print.css); the handout leaves it out."""
    link = f'<p class="pl-handout-link"><a href="{html.escape(href)}">{HANDOUT_LINK_TEXT}</a></p>\n'
    end = markup.find("</h1>")
    if end < 0:
        return link + markup
    end += len("</h1>")
    return markup[:end] + "\n" + link + markup[end:]


def chapter_prefix(src_uri: str) -> str:
    """A prefix unique to each page: principles/leadership.md is principles-leadership."""
    return src_uri.removesuffix(".md").replace("/", "-").lower()


def _prefix(value: str, prefix: str) -> str:
    return f"{prefix}{SEPARATOR}{value}"


def prefix_ids(markup: str, prefix: str) -> str:
    """Every id, and every attribute that points at one, gets the chapter prefix."""
    def tag(match: re.Match[str]) -> str:
        text = ID_ATTRS.sub(lambda m: m[1] + _prefix(m[2], prefix) + m[3], match[0])
        text = ID_LIST_ATTRS.sub(
            lambda m: m[1] + " ".join(_prefix(v, prefix) for v in m[2].split()) + m[3], text)
        return CSS_ID_REF.sub(lambda m: f"url(#{_prefix(m[1], prefix)})", text)
    return TAG.sub(tag, markup)


def shift_headings(markup: str) -> str:
    """h1 becomes h2, h2 becomes h3 ... so the combined page keeps one h1."""
    return HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", markup)


def plain_checklists(markup: str) -> str:
    """Checklist boxes as plain printed boxes, each item's Source panel open: a handout,
    not a second set of live checklists."""
    markup = markup.replace('<details class="pl-source">', '<details class="pl-source" open>')
    markup = re.sub(r'<label class="task-list-control">.*?</label>',
                    '<span class="pl-print-box" aria-hidden="true"></span>', markup, flags=re.DOTALL)
    markup = markup.replace('<ul class="task-list">', '<ul class="pl-print-tasks">')
    return markup.replace('class="task-list-item"', 'class="pl-print-task"')


def relative_url(target: str, from_page: str) -> str:
    """Site path target as a link from the page at site path from_page."""
    base = from_page if from_page.endswith("/") else posixpath.dirname(from_page) + "/"
    relative = posixpath.relpath(target, base)
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative


def rewrite_url(href: str, page: str, print_page: str, chapters: dict[str, str]) -> str:
    """A link or source of the page at site path `page`, as seen from the combined page.

    chapters maps the site path of each page on the combined page to its prefix.
    """
    if not href or href.startswith(("mailto:", "tel:", "data:", "javascript:")):
        return href
    if href.startswith("#"):
        return "#" + _prefix(href[1:], chapters[page]) if href != "#" else href
    absolute = urlparse(urljoin("http://site.invalid" + page, href))
    if absolute.netloc != "site.invalid":
        return href
    if absolute.path in chapters:
        prefix = chapters[absolute.path]
        return "#" + (_prefix(absolute.fragment, prefix) if absolute.fragment else prefix)
    query = f"?{absolute.query}" if absolute.query else ""
    fragment = f"#{absolute.fragment}" if absolute.fragment else ""
    return relative_url(absolute.path, print_page) + query + fragment


def rewrite_links(markup: str, page: str, print_page: str, chapters: dict[str, str]) -> str:
    def tag(match: re.Match[str]) -> str:
        return URL_ATTRS.sub(
            lambda m: m[1] + html.escape(rewrite_url(html.unescape(m[2]), page, print_page, chapters))
            + m[3], match[0])
    return TAG.sub(tag, markup)


def public_address(site_url: str, url: str) -> str:
    """A page's public address, also from an offline build (a/b.html is a/b/ online)."""
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    elif url.endswith(".html"):
        url = url[: -len(".html")] + "/"
    return site_url.rstrip("/") + "/" + url.lstrip("/") if site_url else url


def site_path(url: str) -> str:
    """MkDocs' page.url ('principles/leadership/', '' for home) as a site path."""
    return "/" + url.lstrip("/")


def chapter_html(chapter: Chapter, print_url: str, chapters: dict[str, str]) -> str:
    """One page as a chapter of the combined page."""
    prefix = chapters[site_path(chapter.url)]
    content = HANDOUT_LINK.sub("", chapter.content)  # the handout needs no link to itself
    body = rewrite_links(content, site_path(chapter.url), site_path(print_url), chapters)
    body = shift_headings(plain_checklists(prefix_ids(body, prefix)))
    address = html.escape(chapter.online_url)
    return (
        f'<section class="pl-print-chapter" id="{prefix}">\n{body}\n'
        f'<p class="pl-print-address">This page online: <a href="{address}">{address}</a></p>\n'
        "</section>\n"
    )


def contents_html(chapters: list[Chapter]) -> str:
    items = "".join(
        f'<li><a href="#{chapter_prefix(c.src_uri)}">{html.escape(c.title)}</a></li>\n' for c in chapters
    )
    return f'<nav class="pl-print-contents" aria-label="Pages in this print version">\n<ol>\n{items}</ol>\n</nav>\n'


def combine(chapters: list[Chapter], print_url: str) -> str:
    """The body of the combined page: a list of its pages, then each page as a chapter."""
    prefixes = {site_path(c.url): chapter_prefix(c.src_uri) for c in chapters}
    return contents_html(chapters) + "".join(chapter_html(c, print_url, prefixes) for c in chapters)

