"""Editable handouts: chosen pages as a Word (.docx) and an OpenDocument (.odt) file.

A handout is made from the page as rendered (citations already "(Author, year)", each
checklist item's Source panel in place), so it says what the page says, with no raw
citation key. What only works on screen goes: the tick boxes become a printed "☐", the
Source disclosure becomes plain paragraphs under its item, the footnote marks and back
links go (the reference list stays, as paragraphs), and links within the guide become
public addresses. Every checklist item keeps its id on a span, which pandoc writes as a
bookmark (docx and odt alike), as it does each heading's id.

Around the page's text: its public address and review date at the top, and at the end
the reference to cite it by and the guide's licence notice (the CC BY sentence of the
About page, the terms of LICENSE-CONTENT, word for word).

pandoc (the binary pypandoc ships) converts each handout, dated by the page's review
(SOURCE_DATE_EPOCH), so the same page gives the same bytes. Results are kept in
.cache/handouts/ by the digest of what pandoc reads, so a build whose handout pages did
not change starts no pandoc; conversions that are needed run in the background, two at a
time, while the rest of the site is built.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import html
import os
import posixpath
import re
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pypandoc

from practice_led import disk_cache, front_matter, print_pages

MARKER = "<!-- handouts -->"  # where the handouts page lists them all
SCHEMA = "1"  # bump when what goes into a handout changes in a way its digest cannot see
FORMATS = {"docx": "Word", "odt": "OpenDocument"}
PREFIX = "practice-led"
BOX = "\N{BALLOT BOX}"
# Word's own limit on a file's date: a zip entry cannot be older than 1980.
EARLIEST = dt.date(1980, 1, 1)

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# Word for word from docs/about/index.md (Licences) and LICENSE-CONTENT: the notice is the
# guide's own, not new wording (tests/test_handouts.py checks both files still say it).
LICENCE_SENTENCE = "The guide's text is licensed under {link}."
LICENCE_NAME = "Creative Commons Attribution 4.0 (CC BY 4.0)"
TERMS = (
    "You are free to share and adapt it for any purpose, even commercially, as long as you give "
    "appropriate credit (\"Practice-Led contributors\", with a link to https://practice-led.github.io/guide/), "
    "provide a link to the licence, and indicate if changes were made."
)
FULL_LICENCE = "The full licence: https://creativecommons.org/licenses/by/4.0/legalcode"
QUOTATIONS = (
    "The guide quotes a few words at a time from Seden (2008) and the works it cites, with citations; "
    "those quotations remain the work of their authors."
)

HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
H1 = re.compile(r"<h1[^>]*>.*?</h1>\n?", re.DOTALL)
FOOTNOTE_REF = re.compile(r'\s*<sup id="fnref[^"]*"><a class="footnote-ref"[^>]*>.*?</a></sup>', re.DOTALL)
BACKREF = re.compile(r'(?:&#160;)?<a class="footnote-backref"[^>]*>.*?</a>', re.DOTALL)
FOOTNOTES = re.compile(r'<div class="footnote">(.*?)</div>', re.DOTALL)
LIST_TAGS = re.compile(r"<hr\s*/?>\n?|</?ol>\n?|<li[^>]*>\n?|</li>\n?")
TASK = re.compile(
    r'<li class="task-list-item"(?: id="(?P<id>[^"]*)")?>(?P<p>\s*<p>)?'
    r'<label class="task-list-control">.*?</label>', re.DOTALL)
PANEL = re.compile(
    r'<div class="pl-item-tools">\s*<details class="pl-source">\s*<summary>[^<]*</summary>\s*'
    r'<div class="pl-source-panel">\s*(?P<panel>.*?)\s*</div>\s*</details>\s*</div>', re.DOTALL)
CITE = re.compile(r'<p class="pl-source-cite">')
HREF = re.compile(r'(\shref=")([^"]*)(")')


@dataclass(frozen=True)
class Handout:
    src_uri: str      # "checklists/tokenism-review.md"
    folder: str       # where its files go in the site: "checklists/tokenism-review/"
    name: str         # "practice-led-tokenism-review"
    document: str     # the HTML pandoc reads
    reviewed: dt.date | None

    def path(self, fmt: str) -> str:
        """The file's path in the site: checklists/tokenism-review/practice-led-tokenism-review.docx"""
        return f"{self.folder}{self.name}.{fmt}"


class HandoutError(Exception):
    """pandoc could not make a handout: the message names the page and pandoc's reason."""


# --- Which pages, and where their files go ---------------------------------------------------
def is_handout(src_uri: str, patterns: list[str]) -> bool:
    """Whether the page matches the patterns (globs on docs/ paths; a leading '!' excludes),
    the last matching pattern deciding, as in .gitignore."""
    chosen = False
    for pattern in patterns:
        excluded = pattern.startswith("!")
        if fnmatch.fnmatchcase(src_uri, pattern.removeprefix("!")):
            chosen = not excluded
    return chosen


def folder_of(src_uri: str) -> str:
    """The page's folder in the site, the same online and offline: checklists/tokenism-review/,
    case-studies/ for case-studies/index.md."""
    stem = src_uri.removesuffix(".md")
    folder = posixpath.dirname(stem) if posixpath.basename(stem) in {"index", "README"} else stem
    return f"{folder}/" if folder else ""


def name_of(src_uri: str) -> str:
    last = folder_of(src_uri).rstrip("/").rsplit("/", 1)[-1]
    return f"{PREFIX}-{last}" if last else PREFIX


def files_of(src_uri: str) -> dict[str, str]:
    """Each format's file path in the site, by format."""
    return {fmt: f"{folder_of(src_uri)}{name_of(src_uri)}.{fmt}" for fmt in FORMATS}


def link_from(page_url: str, target: str) -> str:
    """A site path, as a relative link from the page at MkDocs' page.url."""
    return print_pages.relative_url("/" + target, print_pages.site_path(page_url))


# --- What pandoc reads -------------------------------------------------------------------------
def public_link(href: str, page_url: str, site_url: str) -> str:
    """A link of the page as the handout needs it: a public address, or a jump within it."""
    if not href or href.startswith(("#", "mailto:", "tel:")):
        return href
    absolute = urlparse(urljoin("http://site.invalid/" + page_url.lstrip("/"), href))
    if absolute.netloc != "site.invalid":
        return href
    fragment = f"#{absolute.fragment}" if absolute.fragment else ""
    return print_pages.public_address(site_url, absolute.path.lstrip("/")) + fragment


def handout_body(content: str, page_url: str, site_url: str) -> str:
    """The page's rendered content without what only works on screen."""
    body = H1.sub("", HEADERLINK.sub("", content), count=1)
    body = FOOTNOTE_REF.sub("", body)
    body = FOOTNOTES.sub(lambda m: LIST_TAGS.sub("", BACKREF.sub("", m[1])), body)
    body = TASK.sub(
        lambda m: f'<li>{m["p"] or ""}<span id="{m["id"]}">{BOX}</span>' if m["id"] else f'<li>{m["p"] or ""}{BOX}',
        body)
    body = PANEL.sub(lambda m: CITE.sub("<p>Source: ", m["panel"], count=1), body)
    return HREF.sub(
        lambda m: m[1] + html.escape(public_link(html.unescape(m[2]), page_url, site_url)) + m[3], body)


def reference(title: str, site_name: str, address: str, reviewed: dt.date | None) -> str:
    """The page's Harvard reference, as "Cite this page" gives it (overrides/partials/page-info.html)."""
    year = str(reviewed.year) if reviewed else "no date"
    return (f"Practice-Led contributors ({year}) &lsquo;{html.escape(title)}&rsquo;, <em>{html.escape(site_name)}</em>. "
            f"Available at: {html.escape(address)} (Accessed: [date]).")


def document(content: str, *, title: str, page_url: str, site_url: str, site_name: str,
             reviewed: dt.date | None) -> str:
    """The whole HTML document of a page's handout."""
    address = html.escape(print_pages.public_address(site_url, page_url))
    licence = LICENCE_SENTENCE.format(link=f'<a href="{LICENCE_URL}">{LICENCE_NAME}</a>')
    dated = f"<p>Last reviewed: {front_matter.long_date(reviewed)}.</p>\n" if reviewed else ""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        '<meta name="author" content="Practice-Led contributors">\n</head>\n<body>\n'
        f'<p>This page online: <a href="{address}">{address}</a></p>\n{dated}<p>{licence}</p>\n'
        f"{handout_body(content, page_url, site_url)}\n"
        '<h2 id="handout-licence">Licence and credit</h2>\n'
        f"<p>Cite this page: {reference(title, site_name, print_pages.public_address(site_url, page_url), reviewed)}</p>\n"
        f"<p>{licence}</p>\n<p>{html.escape(TERMS, quote=False)}</p>\n"
        f"<p>{FULL_LICENCE}</p>\n<p>{QUOTATIONS}</p>\n"
        "</body>\n</html>\n"
    )


def handout(src_uri: str, content: str, meta: dict, *, title: str, page_url: str,
            site_url: str, site_name: str) -> Handout:
    reviewed = front_matter.as_date(meta.get("reviewed"))
    text = document(content, title=title, page_url=page_url, site_url=site_url,
                    site_name=site_name, reviewed=reviewed)
    return Handout(src_uri, folder_of(src_uri), name_of(src_uri), text, reviewed)


def list_html(entries: list[tuple[str, str]], page_url: str) -> str:
    """The handouts page's list: each page's title with a link to each of its files.
    entries: (title, src_uri) in the order to list them."""
    items = []
    for title, src_uri in entries:
        links = " or ".join(
            f'<a href="{html.escape(link_from(page_url, path))}" download>{FORMATS[fmt]} (.{fmt})</a>'
            for fmt, path in files_of(src_uri).items())
        items.append(f"<li>{html.escape(title)}: {links}</li>")
    return '<ul class="pl-handout-list">\n' + "\n".join(items) + "\n</ul>"


# --- Converting, in the background, by content ------------------------------------------------
def _epoch(reviewed: dt.date | None) -> int:
    day = max(reviewed or EARLIEST, EARLIEST)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def convert(text: str, fmt: str, reviewed: dt.date | None) -> bytes:
    """One handout in one format, by pandoc; dated by its review, so the bytes repeat."""
    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "--from=html", f"--to={fmt}", "--output=-"],
        input=text.encode("utf-8"), capture_output=True, check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(_epoch(reviewed))},
    )
    if result.returncode != 0:
        raise HandoutError(result.stderr.decode("utf-8", errors="replace").strip() or f"exit {result.returncode}")
    return result.stdout


class Maker:
    """Handouts converted as pages are rendered; each file taken from the cache when it can be."""

    def __init__(self, directory: Path | None = None, workers: int | None = None) -> None:
        directory = directory or disk_cache.cache_dir("handouts")
        self.caches = {fmt: disk_cache.FileCache(directory, f".{fmt}", "Handout cache") for fmt in FORMATS}
        self.workers = workers or os.cpu_count() or 1
        self.salt = "\n".join([SCHEMA, pypandoc.get_pandoc_version()])
        self.pool: ThreadPoolExecutor | None = None
        self.pending: dict[str, tuple[Handout, Future[bytes] | bytes]] = {}  # site path -> its file
        self.converted = 0

    def digest(self, handout: Handout, fmt: str) -> str:
        key = "\n".join([self.salt, fmt, str(_epoch(handout.reviewed)), handout.document])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def add(self, handout: Handout) -> None:
        for fmt in FORMATS:
            digest = self.digest(handout, fmt)
            cached = self.caches[fmt].read(digest)
            if cached is not None:
                self.pending[handout.path(fmt)] = (handout, cached)
                continue
            if self.pool is None:
                self.pool = ThreadPoolExecutor(max_workers=self.workers)
            self.pending[handout.path(fmt)] = (handout, self.pool.submit(self._convert, handout, fmt, digest))

    def _convert(self, handout: Handout, fmt: str, digest: str) -> bytes:
        data = convert(handout.document, fmt, handout.reviewed)
        self.caches[fmt].write(digest, data)
        return data

    def write(self, site_dir: Path) -> list[str]:
        """Wait for every conversion, write every file into the site; what to log."""
        converted = 0
        try:
            for path, (handout, result) in self.pending.items():
                if isinstance(result, Future):
                    try:
                        data = result.result()
                    except (HandoutError, OSError) as error:
                        raise HandoutError(
                            f"{handout.src_uri}: pandoc could not make its handout {path}: {error}") from None
                    converted += 1
                else:
                    data = result
                target = site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            lines = [f"Handouts: {len(self.pending)} files, {len(self.pending) - converted} from cache, "
                     f"{converted} made by pandoc"] if self.pending else []
            removed = sum(cache.prune() for cache in self.caches.values())
            if removed:
                lines.append(f"Handout cache: removed {removed} files no build has used for 30 days")
            return lines
        finally:
            self.close()

    def close(self) -> None:
        """Forget this build's handouts; stop conversions not yet started."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        self.pending = {}
