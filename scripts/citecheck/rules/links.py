"""Links between the guide's pages: LNK001 (the page linked to does not exist) and LNK002 (no
place on it has the id after '#'). Checked when the whole guide is, since a link may lead to any
page; pages the build makes (site.generated) are taken on trust, as are the ids of a page that
pulls in other files."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..enums import Code, Severity
from ..model import Finding, Link, Page
from ..site import page_address
from .citations import did_you_mean
from .rule import Corpus, Rule


def _links(corpus: Corpus) -> Iterator[tuple[Page, Link, str]]:
    """Each link of each page, with the docs path of the page it leads to."""
    if corpus.site is None or not corpus.whole_guide:
        return
    for page in corpus.pages:
        if not page.is_snippet:
            for link in page.links:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), link.target))
                yield page, link, target if link.target else page.src


def broken_links(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    pages = {page.src for page in corpus.pages if not page.is_snippet}
    site = corpus.site
    for page, link, target in _links(corpus):
        if target in pages or (site is not None and site.is_generated(page_address(target))):
            continue
        folder = posixpath.dirname(page.src)
        close = [posixpath.relpath(src, folder) for src in pages]
        yield rule.finding(
            page.path, link.line, link.col, "no-page",
            target=link.target, did_you_mean=did_you_mean(link.target, close),
        )


def broken_anchors(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    pages = {page.src: page for page in corpus.pages if not page.is_snippet}
    site = corpus.site
    for page, link, target in _links(corpus):
        landing = pages.get(target)
        if landing is None or landing.includes or not link.anchor:
            continue
        if site is not None and site.is_generated(page_address(target)):
            continue  # the build writes this page's ids
        if link.anchor not in landing.anchors:
            yield rule.finding(
                page.path, link.line, link.col, "no-id",
                anchor=link.anchor, target=landing.path,
                did_you_mean=did_you_mean(link.anchor, sorted(landing.anchors)),
            )


RULES = (
    Rule(
        Code.BROKEN_LINK,
        Severity.ERROR,
        {
            "no-page": "the link leads to '$target', which is not a page of the guide: correct "
            "the path, relative to this page's folder$did_you_mean",
        },
        broken_links,
    ),
    Rule(
        Code.BROKEN_ANCHOR,
        Severity.ERROR,
        {
            "no-id": "nothing on $target has the id '$anchor' (the part after '#'): link to an id "
            "that page has$did_you_mean",
        },
        broken_anchors,
    ),
)
