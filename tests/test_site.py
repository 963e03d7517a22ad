"""The real guide builds cleanly, renders its citations and stays on its own host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

from conftest import Build

RAW_CITATION = re.compile(r"\[@|\\bibliography|\\full_bibliography|\[\^[\w-]+\]")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
# <link rel> values that make a browser fetch the target (canonical, alternate and the like do not).
FETCHING_RELS = {"stylesheet", "preconnect", "preload", "prefetch", "icon", "modulepreload", "manifest", "dns-prefetch"}


class _ResourceCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "link" and not FETCHING_RELS & set(found.get("rel", "").split()):
            return
        if tag == "a":
            return
        self.urls += [found[name] for name in ("src", "href", "data", "poster") if name in found]
        self.urls += [part.split()[0] for part in found.get("srcset", "").split(",") if part.strip()]
        self.urls += CSS_URL.findall(found.get("style", ""))

    def handle_data(self, data: str) -> None:
        self.urls += CSS_URL.findall(data)  # inline <style> blocks


def fetched_urls(html: str) -> list[str]:
    """URLs a browser would load for a page: not plain <a> links, which it only follows."""
    collector = _ResourceCollector()
    collector.feed(html)
    return collector.urls


def is_external(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme not in {"", "data", "blob"}


def test_strict_build_has_no_warnings(guide: Build) -> None:
    assert guide.returncode == 0, guide.output
    assert "WARNING" not in guide.output, guide.output


def test_no_raw_citation_text_survives(guide: Build) -> None:
    assert guide.returncode == 0 and guide.pages(), guide.output  # else nothing is checked
    leftovers = {
        str(page.relative_to(guide.site)): RAW_CITATION.findall(page.read_text(encoding="utf-8"))
        for page in guide.pages()
    }
    assert {page: found for page, found in leftovers.items() if found} == {}


def test_no_page_loads_anything_from_another_host(guide: Build) -> None:
    assert guide.returncode == 0 and guide.pages(), guide.output  # else nothing is checked
    offenders: dict[str, list[str]] = {}
    for path in [*guide.pages(), *guide.site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        urls = CSS_URL.findall(text) if path.suffix == ".css" else fetched_urls(text)
        external = [url for url in urls if is_external(url)]
        if external:
            offenders[str(path.relative_to(guide.site))] = external
    assert offenders == {}


def test_external_resource_would_be_caught() -> None:
    page = '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
    assert [url for url in fetched_urls(page) if is_external(url)] == [
        "https://fonts.googleapis.com/css?family=Roboto"
    ]
    assert not [u for u in fetched_urls('<a href="https://example.org">x</a>') if is_external(u)]


def test_locator_renders_author_year_and_page(citation_site: Build) -> None:
    assert citation_site.returncode == 0, citation_site.output
    html = citation_site.page("")
    assert "(Pine and Healy, 2007, p. 54; cited in Seden, 2008)" in html
    assert "(Harris, 2007, pp. 20&ndash;21; cited in Seden, 2008)" in html


def test_page_reference_list_holds_the_full_reference(citation_site: Build) -> None:
    html = citation_site.page("")
    sources = html[html.index('id="sources"') :]
    assert 'id="fn:pine2007new"' in sources
    # British Harvard: single quotation marks, the comma after them (citation_style.py)
    assert "Pine, B. and Healy, L. (2007) &lsquo;New leadership for the human services&rsquo;, in" in sources


def test_chapter_reference_names_its_book_and_editors(citation_site: Build) -> None:
    html = citation_site.page("")
    chapter = html[html.index('id="fn:harris2007looking"') :]
    chapter = chapter[: chapter.index("</li>")]
    assert "in J. Aldgate et al. (eds)" in chapter
    assert "<em>Enhancing social work management: Theory and best practice from the UK and USA</em>" in chapter


def test_bibliography_page_lists_every_reference_sorted_by_author(guide: Build) -> None:
    html = guide.page("reference/bibliography")
    ids = re.findall(r'<li id="ref-([\w-]+)">', html)
    bib = (Path(__file__).parent.parent / "bibliography" / "references.bib").read_text(encoding="utf-8")
    assert sorted(ids) == sorted(re.findall(r"^@\w+\{([\w-]+),", bib, re.M))
    entries = re.findall(r'<li id="ref-[\w-]+">(.*?)</li>', html)
    names = [re.sub(r"<[^>]+>", "", entry).casefold() for entry in entries]
    assert names == sorted(names)


def test_bibliography_page_says_how_far_each_reference_was_checked(guide: Build) -> None:
    """Each entry ends with its label; one known only as another source quotes it names that source."""
    html = guide.page("reference/bibliography")
    labels = dict(re.findall(r'<li id="ref-([\w-]+)">.*?<span class="provenance">\((.*?)\)</span>', html))
    assert labels["seden2007ross"] == "cited in the paper, missing from its list"
    assert labels["careact2014"] == "read at its source"
    assert labels["departmentofhealthandsocialcare2014care"] == (
        "quoted in Think Local Act Personal, no date"
    )


class _TitledLinks(HTMLParser):
    """The ways back from the sources and the section links of a page, and the abbreviations
    with a title."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.explained_terms = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "a" and found.get("class") in ("footnote-backref", "pl-cite-back", "headerlink"):
            self.links.append(found)
        if tag == "abbr" and found.get("title"):
            self.explained_terms += 1


def test_ways_back_and_section_links_are_named_without_a_tooltip_each(guide: Build) -> None:
    # Material sets up a scripted tooltip for every element with a title as a page starts:
    # on the long pages, one per "↩" and "¶" link slowed phones (docs/about/quality.md).
    page = _TitledLinks()
    page.feed(guide.page("principles/practice-led-management/"))
    backs = [link for link in page.links if link["class"] == "pl-cite-back"]
    assert backs and page.explained_terms, "the page has no ways back from its sources or glossary terms to check"
    assert not [link for link in page.links if link["class"] == "footnote-backref"], "a row of ↩ marks is back"
    titled = [link["href"] for link in page.links if "title" in link]
    unnamed = [link["href"] for link in page.links if link["class"] == "headerlink" and not link.get("aria-label")]
    assert titled == [], f"links with a title (each becomes a tooltip): {titled}"
    assert unnamed == [], f"links named only by their ¶ sign: {unnamed}"
