"""Handouts: a print version of each section, and every discussion question on one page."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import yaml
from conftest import ROOT, Build

from practice_led import front_matter
from practice_led import print_pages as pp
from practice_led import questions as qs

FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "trainers" / "docs"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "article":
            self.in_article += 1
        if "id" in found:
            self.ids.append(found["id"])
        if tag == "a" and self.in_article and "href" in found:
            self.hrefs.append(found["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1


def parse(html: str) -> _Links:
    links = _Links()
    links.feed(html)
    return links


def article(html: str) -> str:
    return html[html.index('<article class="md-content__inner'): html.index("</article>")]


@cache
def ids_in(file: Path) -> frozenset[str]:
    return frozenset(parse(file.read_text(encoding="utf-8")).ids)


def broken_links(site: Path, address: str) -> list[str]:
    """Links in a page's article that lead to no built page, or to an id that is not there."""
    html = (site / address.strip("/") / "index.html").read_text(encoding="utf-8")
    broken = []
    for href in parse(html).hrefs:
        target = urlparse(urljoin("http://site.invalid" + address, href))
        if target.netloc != "site.invalid":
            continue
        path = site / unquote(target.path).lstrip("/")
        file = path / "index.html" if target.path.endswith("/") else path
        if not file.is_file() or target.fragment and target.fragment not in ids_in(file):
            broken.append(href)
    return broken


def meta(src: Path) -> dict:
    return front_matter.split(src.read_text(encoding="utf-8"))[0]


# --- The print core ----------------------------------------------------------------------

def test_every_id_and_every_pointer_to_one_gets_the_chapter_prefix() -> None:
    html = ('<h2 id="sources">S</h2><label for="box">x</label><svg aria-labelledby="t d">'
            '<title id="t">T</title><rect fill="url(#grad)"/></svg><a href="#sources">back</a>'
            '<button type="button" class="pl-cite" popovertarget="pl-cite-1-full">Seden, 2008</button>')
    out = pp.prefix_ids(html, "principles-alpha")
    assert 'id="principles-alpha--sources"' in out
    assert 'for="principles-alpha--box"' in out
    assert 'popovertarget="principles-alpha--pl-cite-1-full"' in out  # each citation opens its own text
    assert 'aria-labelledby="principles-alpha--t principles-alpha--d"' in out
    assert "url(#principles-alpha--grad)" in out
    assert 'href="#sources"' in out  # links are rewritten separately, by rewrite_url


def test_links_become_jumps_within_the_page_or_are_moved_to_its_address() -> None:
    chapters = {"/principles/alpha/": "principles-alpha", "/principles/beta/": "principles-beta"}
    here, page = "/print/principles/", "/principles/alpha/"
    assert pp.rewrite_url("#fn:key", page, here, chapters) == "#principles-alpha--fn:key"
    assert pp.rewrite_url("../beta/#pl-beta-point", page, here, chapters) == "#principles-beta--pl-beta-point"
    assert pp.rewrite_url("../beta/", page, here, chapters) == "#principles-beta"
    assert pp.rewrite_url("../../checklists/sample/#fx-first", page, here, chapters) == "../../checklists/sample/#fx-first"
    assert pp.rewrite_url("../../", page, here, chapters) == "../../"
    assert pp.rewrite_url("https://example.org/a", page, here, chapters) == "https://example.org/a"
    offline = {"/principles/alpha.html": "principles-alpha"}
    assert pp.rewrite_url("../checklists/sample.html", "/principles/alpha.html", "/print/principles.html", offline) == "../checklists/sample.html"


def test_headings_move_one_level_down_and_checkboxes_become_printed_boxes() -> None:
    assert pp.shift_headings('<h1 id="a">A</h1><h2>B</h2><h5>E</h5>') == '<h2 id="a">A</h2><h3>B</h3><h6>E</h6>'
    item = ('<ul class="task-list"><li class="task-list-item" id="x"><label class="task-list-control">'
            '<input type="checkbox" disabled/><span class="task-list-indicator"></span></label> Do it</li></ul>')
    out = pp.plain_checklists(item)
    assert "task-list" not in out and "<input" not in out
    assert '<li class="pl-print-task" id="x"><span class="pl-print-box" aria-hidden="true"></span> Do it' in out
    source = '<details class="pl-source">\n<summary>Source</summary>'
    assert pp.plain_checklists(source) == '<details class="pl-source" open>\n<summary>Source</summary>'


def test_a_large_print_version_says_so_and_asks_the_theme_for_large_print() -> None:
    window = {"reviewed": "2026-12-03", "next_review": "2027-12-03"}
    large_meta, large_body = front_matter.split(pp.placeholder("Your say", "your-say", window, large_print=True))
    plain_meta, _ = front_matter.split(pp.placeholder("Principles", "principles", window))
    assert large_meta["title"] == "Your say: large-print version" and large_meta["large_print"] is True
    assert large_body.startswith("# Your say: large-print version\n")
    assert "[Your say](../your-say/index.md)" in large_body
    assert plain_meta["title"] == "Principles: print version" and "large_print" not in plain_meta


def test_the_handout_link_sits_under_the_title_and_the_handout_leaves_it_out() -> None:
    page = '<h1 id="t">Title</h1>\n<div class="admonition">x</div>'
    linked = pp.with_handout_link(page, "../../print/your-say/")
    assert linked.index("</h1>") < linked.index('<p class="pl-handout-link"><a href="../../print/your-say/">') \
        < linked.index('<div class="admonition">')
    assert pp.with_handout_link("<p>No title</p>", "x/").startswith('<p class="pl-handout-link">')
    chapter = pp.Chapter("your-say/index.md", "your-say/", "Title", linked, "https://example.org/your-say/")
    html = pp.chapter_html(chapter, "print/your-say/", {"/your-say/": "your-say-index"})
    assert "pl-handout-link" not in html and "Title" in html


def test_public_address_is_the_online_one_even_from_an_offline_build() -> None:
    site = "https://practice-led.github.io/guide/"
    assert pp.public_address(site, "principles/alpha/") == site + "principles/alpha/"
    assert pp.public_address(site, "principles/alpha.html") == site + "principles/alpha/"
    assert pp.public_address(site, "principles/index.html") == site + "principles/"
    assert pp.public_address(site, "") == site


# --- A built print version -----------------------------------------------------------------

def test_print_version_holds_the_section_pages_in_nav_order(trainers_site: Build) -> None:
    assert trainers_site.returncode == 0, trainers_site.output
    html = article(trainers_site.page("print/principles"))
    nav = yaml.load((ROOT / "tests/fixtures/trainers/mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["nav"]
    expected = [pp.chapter_prefix(uri) for group in nav if isinstance(group, dict) and "Principles" in group
                for uri in group["Principles"]]
    assert re.findall(r'<section class="pl-print-chapter" id="([^"]+)"', html) == expected
    assert html.count("<h1") == 1


def test_print_version_ids_are_unique_and_every_link_works(trainers_site: Build) -> None:
    for section in ("principles", "checklists"):
        ids = parse(trainers_site.page(f"print/{section}")).ids
        assert [i for i, n in Counter(ids).items() if n > 1] == []
        assert broken_links(trainers_site.site, f"/print/{section}/") == []


def test_each_chapter_keeps_its_own_reference_list(trainers_site: Build) -> None:
    html = trainers_site.page("print/principles")
    for page in ("alpha", "beta"):
        assert f'id="principles-{page}--fn:seden2008innovation"' in html
        assert f'href="#principles-{page}--fn:seden2008innovation"' in html
    assert "Pine, B. and Healy, L. (2007)" in html


def test_checklists_print_as_plain_boxes_not_as_a_second_live_checklist(trainers_site: Build) -> None:
    html = article(trainers_site.page("print/checklists"))
    assert "task-list-item" not in html
    assert html.count('class="pl-print-box"') == (FIXTURE_DOCS / "checklists/sample.md").read_text().count("- [ ]")


def test_the_print_version_shows_each_items_source_open(trainers_site: Build) -> None:
    html = article(trainers_site.page("print/checklists"))
    items = re.findall(r'<li class="pl-print-task" id="[^"]+">.*?</li>', html, re.DOTALL)
    assert len(items) == 2
    for item in items:
        assert '<details class="pl-source" open>' in item, item
        assert "(Seden, 2008)" in item and "Words of Seden (2008)" in item, item
    assert "<p>“approached in a holistic and strategic way”</p>" in items[0]
    assert "<p>“training … for service users”</p>" in items[1]


def test_print_version_dates_span_its_pages_and_it_stays_out_of_search(trainers_site: Build) -> None:
    metas = [meta(p) for p in sorted((FIXTURE_DOCS / "principles").glob("*.md"))]
    html = trainers_site.page("print/principles")
    assert f'datetime="{max(m["reviewed"] for m in metas)}"' in html
    assert f'datetime="{min(m["next_review"] for m in metas)}"' in html
    index = json.loads((trainers_site.site / "search" / "search_index.json").read_text())
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("print/")]


# --- Questions ------------------------------------------------------------------------------

def test_questions_are_the_list_under_the_heading_and_nothing_after_it() -> None:
    body = ("## In practice\n\n- not a question\n\n## Questions for discussion { #cs-questions }\n\n"
            "These are the guide's own.\n\n- First?\n- Second,\n  continued?\n\n## Sources\n\n- no\n")
    assert qs.find_questions(body) == ("Questions for discussion", "cs-questions", "- First?\n- Second,\n  continued?")
    assert qs.find_questions("## Questions for reflection\n\n- One?\n")[1] == "questions-for-reflection"
    assert qs.find_questions("## Why it matters\n\n- x\n") is None


def test_links_in_a_question_are_moved_to_the_questions_page() -> None:
    assert qs.move_link("beta.md#pl-beta-point", "principles/alpha.md", "trainers/questions.md") == "../principles/beta.md#pl-beta-point"
    assert qs.move_link("#local", "principles/alpha.md", "trainers/questions.md") == "../principles/alpha.md#local"
    assert qs.move_link("https://example.org", "principles/alpha.md", "trainers/questions.md") == "https://example.org"
    moved = qs.move_links("- See [b](../checklists/sample.md).\n", "principles/alpha.md", "trainers/questions.md")
    assert moved == "- See [b](../checklists/sample.md).\n"


def _question_texts(markdown_items: str) -> list[str]:
    """Each question as plain words (links reduced to their text), to compare with the page."""
    items = re.split(r"^(?:[-*+]|\d+[.)])\s+", markdown_items, flags=re.MULTILINE)[1:]
    return [" ".join(re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", item).split()) for item in items]


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _page_text(html: str) -> str:
    """A page's words, with typographic quotes made plain, to find questions in."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).translate(QUOTES).split())


def test_fixture_questions_page_gathers_each_page_with_working_links(trainers_site: Build) -> None:
    html = article(trainers_site.page("trainers/questions"))
    for src in ("principles/alpha.md", "principles/beta.md"):
        _, anchor, items = qs.find_questions(front_matter.split((FIXTURE_DOCS / src).read_text())[1])
        assert f'href="../../{src[:-3]}/#{anchor}"' in html
        for question in _question_texts(items):
            assert question in _page_text(html)
    assert broken_links(trainers_site.site, "/trainers/questions/") == []


def test_real_questions_page_has_every_question_of_every_page(guide: Build) -> None:
    assert guide.returncode == 0, guide.output
    text = _page_text(article(guide.page("trainers/questions")))
    missing = {}
    for src in sorted((ROOT / "docs").rglob("*.md")):
        if "_snippets" in src.parts:
            continue
        found = qs.find_questions(front_matter.split(src.read_text(encoding="utf-8"))[1])
        if found:
            gone = [q for q in _question_texts(found[2]) if re.sub(r"[*_`]", "", q) not in text]
            if gone:
                missing[str(src.relative_to(ROOT))] = gone
    assert missing == {}



def test_real_print_versions_have_unique_ids_and_working_links(guide: Build) -> None:
    assert guide.returncode == 0, guide.output
    problems = {}
    for page in sorted((guide.site / "print").glob("*/index.html")):
        address = "/" + page.parent.relative_to(guide.site).as_posix() + "/"
        ids = parse(page.read_text(encoding="utf-8")).ids
        duplicates = [i for i, n in Counter(ids).items() if n > 1]
        broken = broken_links(guide.site, address)
        if duplicates or broken:
            problems[address] = (duplicates, broken)
    assert problems == {}
    assert len(list((guide.site / "print").glob("*/index.html"))) >= 5


def test_every_page_of_a_large_print_section_links_to_its_handout_which_holds_them_all(guide: Build) -> None:
    assert guide.returncode == 0, guide.output
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (options,) = [p["practice-led"] for p in config["plugins"] if isinstance(p, dict) and "practice-led" in p]
    large = options["large_print_sections"]
    assert large, "mkdocs.yml names no large_print_sections"
    sections = {title: pages for group in config["nav"] if isinstance(group, dict) for title, pages in group.items()}
    for title in large:
        pages = sections[title]
        folder = pages[0].split("/")[0]
        handout = article(guide.page(f"print/{folder}"))
        assert '<div class="pl-large-print">' in guide.page(f"print/{folder}")
        assert re.findall(r'<section class="pl-print-chapter" id="([^"]+)"', handout) == \
            [pp.chapter_prefix(uri) for uri in pages]
        assert "pl-handout-link" not in handout
        for uri in pages:
            path = uri.removesuffix(".md").removesuffix("/index")
            links = re.findall(r'<p class="pl-handout-link"><a href="([^"]+)">', article(guide.page(path)))
            assert len(links) == 1, uri
            assert urljoin(f"http://site.invalid/{path}/", links[0]) == f"http://site.invalid/print/{folder}/", uri
