"""Every page says when it was reviewed and when it is due again, and how to cite it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import ROOT, Build
from content_check import content_problems, fail_with

from practice_led import front_matter

DOCS = ROOT / "docs"


def content_pages() -> list[Path]:
    """Every Markdown page in docs/ (generated pages have no file there; _snippets is not a page)."""
    return sorted(p for p in DOCS.rglob("*.md") if not p.relative_to(DOCS).parts[0].startswith("_"))


def test_every_content_page_has_review_dates() -> None:
    """The review dates every page shows, as make check holds them (FM001, FM002, FM004, CL012)."""
    fail_with(content_problems("FM001", "FM002", "FM004", "CL012"))
    assert len(content_pages()) > 10


# --- The built pages --------------------------------------------------------------------

def built_pages(build: Build) -> list[Path]:
    """Every page a reader can open: not the 404 page, not a redirect stub."""
    return [p for p in build.pages()
            if p.relative_to(build.site).as_posix() != "404.html"
            and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000]]


def page_info(html: str) -> str:
    start = html.index('<section class="pl-page-info"')
    return html[start: html.index("</section>", start)]


def test_every_built_page_shows_review_dates_and_cite_this_page(guide: Build) -> None:
    assert guide.returncode == 0, guide.output
    missing = {}
    for page in built_pages(guide):
        html = page.read_text(encoding="utf-8")
        wanted = ['class="pl-page-info"', "Last reviewed:", "Next review due:", "Cite this page",
                  'id="cite-harvard"', 'id="cite-bibtex"']
        absent = [w for w in wanted if w not in html]
        if absent:
            missing[str(page.relative_to(guide.site))] = absent
    assert missing == {}
    assert (guide.site / "print" / "checklists" / "index.html") in built_pages(guide)


def test_review_dates_come_from_the_page_front_matter(guide: Build) -> None:
    assert guide.returncode == 0, guide.output
    source = DOCS / "checklists" / "access-and-support.md"
    meta, _ = front_matter.split(source.read_text(encoding="utf-8"))
    info = page_info(guide.page("checklists/access-and-support"))
    reviewed, due = front_matter.as_date(meta["reviewed"]), front_matter.as_date(meta["next_review"])
    assert f'Last reviewed: <time datetime="{reviewed}">{reviewed.day} {reviewed:%B %Y}</time>' in info
    assert f'Next review due: <time datetime="{due}">{due.day} {due:%B %Y}</time>' in info


def test_harvard_reference_names_page_year_guide_and_address(trainers_site: Build) -> None:
    assert trainers_site.returncode == 0, trainers_site.output
    meta, _ = front_matter.split((ROOT / "tests/fixtures/trainers/docs/principles/alpha.md").read_text())
    info = page_info(trainers_site.page("principles/alpha"))
    harvard = re.search(r'<span id="cite-harvard">(.*?)</span>', info).group(1)
    year = front_matter.as_date(meta["reviewed"]).year
    assert harvard == (
        f"Practice-Led contributors ({year}) &lsquo;{meta['title']}&rsquo;, <em>Trainers fixture</em>. "
        "Available at: https://practice-led.github.io/guide/principles/alpha/ (Accessed: [date])."
    )


def test_bibtex_entry_has_title_guide_address_and_reviewed_date(trainers_site: Build) -> None:
    info = page_info(trainers_site.page("principles/alpha"))
    bibtex = re.search(r'<code id="cite-bibtex">(.*?)</code>', info, re.DOTALL).group(1)
    fields = dict(re.findall(r"^\s+(\w+)\s+= \{(.*)\},?$", bibtex, re.MULTILINE))
    assert bibtex.startswith("@misc{practiceled-principles-alpha,")
    assert fields["title"] == "Alpha"
    assert fields["howpublished"] == "Trainers fixture"
    assert fields["url"] == "https://practice-led.github.io/guide/principles/alpha/"
    assert fields["date"] == "2026-03-15" and fields["year"] == "2026"
    assert fields["urldate"] == "YYYY-MM-DD"   # the accessed date is the reader's to fill in
    assert bibtex.count("{") == bibtex.count("}")


def test_cite_this_page_links_the_citation_file_of_the_whole_guide(trainers_site: Build) -> None:
    info = page_info(trainers_site.page(""))
    assert 'href="https://github.com/practice-led/guide/blob/main/CITATION.cff"' in info


def test_generated_pages_take_review_dates_from_the_pages_they_gather(trainers_site: Build) -> None:
    metas = [front_matter.split(p.read_text())[0]
             for p in sorted((ROOT / "tests/fixtures/trainers/docs").rglob("*.md"))
             if "## Questions for" in p.read_text()]
    info = page_info(trainers_site.page("trainers/questions"))
    latest = max(front_matter.as_date(m["reviewed"]) for m in metas)
    earliest_due = min(front_matter.as_date(m["next_review"]) for m in metas)
    assert f'datetime="{latest}"' in info and f'datetime="{earliest_due}"' in info
    assert isinstance(latest, dt.date)


def test_a_generated_page_without_dates_takes_the_guides_review_window(guide: Build) -> None:
    """The evidence map sets no dates of its own: it is as current as the pages in docs/."""
    metas = [front_matter.split(p.read_text(encoding="utf-8"))[0]
             for p in (ROOT / "docs").rglob("*.md") if "_snippets" not in p.parts]
    window = front_matter.review_window(metas)
    info = page_info(guide.page("reference/evidence-map"))
    assert f'datetime="{window["reviewed"]}"' in info, info
    assert f'datetime="{window["next_review"]}"' in info, info
