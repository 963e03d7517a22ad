"""Addresses readers were given (urls.txt) that the guide no longer has: PUB001 (a page gone,
with no redirect) and PUB002 (ids gone from a page), each reported once per page.

An address marked `unreleased` in urls.txt was added by a change not yet released, so it was
never published: the fix is to remove its line (`make urls` does), not to keep it working."""

from __future__ import annotations

from collections.abc import Iterator

from ..enums import Code, Severity
from ..model import Finding, Page
from ..site import Address, Site, page_address, redirect_target
from .rule import Corpus, Rule

MAKE_URLS = "remove their lines from urls.txt (`make urls` does it)"


def _by_page(site: Site) -> dict[str, list[Address]]:
    grouped: dict[str, list[Address]] = {}
    for address in site.addresses:
        grouped.setdefault(address.page, []).append(address)
    return grouped


def _landing(address: str, site: Site, pages: dict[str, Page]) -> tuple[Page | None, bool]:
    """The page now at a listed page address (following a redirect), and whether the address
    still leads somewhere (a page, a redirect, or a page the build makes)."""
    if address in pages:
        return pages[address], True
    if site.is_generated(address):
        return None, True
    target = redirect_target(address, site.redirects)
    if target is None:
        return None, False
    return pages.get(target), True


def _ids(addresses: list[Address]) -> str:
    shown = [a.anchor for a in addresses[:5]]
    more = f" and {len(addresses) - 5} more" if len(addresses) > 5 else ""
    return ", ".join(f"'{anchor}'" for anchor in shown) + more


def _listed(corpus: Corpus) -> Iterator[tuple[Site, dict[str, Page], str, list[Address]]]:
    """Each page address urls.txt lists, with its listed addresses, when the whole guide is
    checked; with the site and the pages by address."""
    if corpus.site is None or not corpus.whole_guide:
        return
    pages = {page_address(p.src): p for p in corpus.pages if not p.is_snippet}
    for address, listed in _by_page(corpus.site).items():
        yield corpus.site, pages, address, listed


def pages_gone(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for site, pages, address, listed in _listed(corpus):
        if _landing(address, site, pages)[1]:
            continue
        source = "index.md" if address == "/" else address.strip("/") + ".md"
        situation = "gone" if any(a.published for a in listed) else "never-published"
        yield rule.finding(
            site.manifest, listed[0].line, 1, situation,
            page=address, count=len(listed), source=source, make_urls=MAKE_URLS,
        )


def ids_gone(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    for site, pages, address, listed in _listed(corpus):
        landing, _ = _landing(address, site, pages)
        if landing is None or landing.includes:
            continue
        gone = [a for a in listed if a.anchor and a.anchor not in landing.anchors]
        published = [a for a in gone if a.published]
        unreleased = [a for a in gone if not a.published]
        if published:
            yield rule.finding(
                site.manifest, published[0].line, 1, "gone",
                page=address, file=landing.path, ids=_ids(published), first=published[0].anchor,
            )
        if unreleased:
            yield rule.finding(
                site.manifest, unreleased[0].line, 1, "never-published",
                page=address, ids=_ids(unreleased), make_urls=MAKE_URLS,
            )


RULES = (
    Rule(
        Code.PAGE_GONE,
        Severity.ERROR,
        {
            "gone": "the page $page ($count listed addresses) is no longer in the guide, so "
            "readers' links to it would break: restore docs/$source, or add a redirect in "
            "mkdocs.yml under plugins > redirects > redirect_maps, such as '$source': "
            "'new/place.md'",
            "never-published": "the page $page is gone, and its $count listed addresses were "
            "never published (marked unreleased): $make_urls",
        },
        pages_gone,
    ),
    Rule(
        Code.ID_GONE,
        Severity.ERROR,
        {
            "gone": "published ids gone from $page ($file): $ids; links to them would stop at the "
            "top of the page: give the content back its id, or add an alias (an empty element "
            "carrying the old id) where it now is, such as <span id=\"$first\"></span>",
            "never-published": "ids gone from $page that were never published (marked "
            "unreleased): $ids; $make_urls",
        },
        ids_gone,
    ),
)
