"""Editable handouts: every checklist and every page of examples and voices as a Word and an
OpenDocument file, with the page's text, rendered citations, sources, address, review date
and licence notice, item ids kept as bookmarks; linked from each page and the handouts page,
online and in the offline copy; made once and then taken from the cache."""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pypandoc
import pytest
from conftest import FIXTURES, ROOT, Build, build_in_process

from practice_led import front_matter, handouts

DOCS = ROOT / "docs"
SITE_URL = "https://practice-led.github.io/guide/"
ITEM_ID = re.compile(r"^\s+\{ #([\w-]+) \}$", re.MULTILINE)
BIB_KEY = re.compile(r"^@\w+\{([^,]+),", re.MULTILINE)
BOOKMARKS = {"docx": ("word/document.xml", re.compile(r'<w:bookmarkStart [^>]*w:name="([^"]+)"')),
             "odt": ("content.xml", re.compile(r'<text:bookmark-start text:name="([^"]+)"'))}


def handout_pages() -> list[str]:
    """What the issue asks for: every checklist (not the section's own page) and every page
    of examples and voices, as docs/ paths."""
    checklists = [p for p in sorted((DOCS / "checklists").glob("*.md")) if p.name != "index.md"]
    case_studies = sorted((DOCS / "case-studies").glob("*.md"))
    return [p.relative_to(DOCS).as_posix() for p in checklists + case_studies]


def page_path(src: str, offline: bool) -> str:
    """The built page of a docs/ path, online (a/b/index.html) or offline (a/b.html)."""
    stem = src.removesuffix(".md")
    if offline:
        return stem + ".html"
    return (stem.removesuffix("index") if stem.endswith("index") else stem + "/") + "index.html"


def links(page_html: str, css_class: str, end: str) -> list[str]:
    """The links inside the element of that class, up to its end tag."""
    start = page_html.index(f'class="{css_class}"')
    block = page_html[start: page_html.index(end, start)]
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', block)]


def as_text(file: Path) -> str:
    """A handout read back to plain text by pandoc, one line per paragraph."""
    fmt = file.suffix.lstrip(".")
    text = subprocess.run([pypandoc.get_pandoc_path(), "-f", fmt, "-t", "plain", "--wrap=none", str(file)],
                          capture_output=True, text=True, check=True).stdout
    return re.sub(r"[ \t]+", " ", text)


def plain(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", markup))).strip()


def test_the_issue_s_pages_are_the_ones_with_handouts() -> None:
    """mkdocs.yml's patterns choose exactly the nine checklists and every page of examples and voices."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    options = next(p["practice-led"] for p in config["plugins"] if isinstance(p, dict) and "practice-led" in p)
    every_page = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if "_snippets" not in p.parts)
    chosen = [src for src in every_page if handouts.is_handout(src, options["handouts"])]
    assert sorted(chosen) == sorted(handout_pages())
    assert len([src for src in chosen if src.startswith("checklists/")]) == 9


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline copy"])
def test_every_handout_page_links_both_files_and_they_are_in_the_build(
        guide: Build, offline_guide: Build, offline: bool) -> None:
    build = offline_guide if offline else guide
    assert build.returncode == 0, build.output
    problems = []
    for src in handout_pages():
        page = page_path(src, offline)
        hrefs = links((build.site / page).read_text(encoding="utf-8"), "pl-handout-links", "</p>")
        if sorted(Path(h).suffix for h in hrefs) != [".docx", ".odt"]:
            problems.append(f"{page}: links {hrefs}, not one .docx and one .odt")
        for href in hrefs:
            target = build.site / urljoin(page, href)
            if not target.is_file() or not zipfile.is_zipfile(target):
                problems.append(f"{page}: {href} is not a document in the build")
    assert problems == []


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline copy"])
def test_the_handouts_page_lists_every_handout(guide: Build, offline_guide: Build, offline: bool) -> None:
    build = offline_guide if offline else guide
    page = page_path("trainers/handouts.md", offline)
    hrefs = links((build.site / page).read_text(encoding="utf-8"), "pl-handout-list", "</ul>")
    listed = {(build.site / urljoin(page, h)).resolve() for h in hrefs}
    expected = {(build.site / path).resolve() for src in handout_pages() for path in handouts.files_of(src).values()}
    assert listed == expected
    assert all(path.is_file() for path in listed)


@pytest.fixture(scope="module")
def tokenism(guide: Build) -> dict:
    """The tokenism review: its source, its built page and both handouts read back."""
    assert guide.returncode == 0, guide.output
    source = (DOCS / "checklists" / "tokenism-review.md").read_text(encoding="utf-8")
    folder = guide.site / "checklists" / "tokenism-review"
    return {"source": source, "page": guide.page("checklists/tokenism-review"),
            "files": {fmt: folder / f"practice-led-tokenism-review.{fmt}" for fmt in handouts.FORMATS}}


@pytest.mark.parametrize("fmt", list(handouts.FORMATS))
def test_a_handout_says_what_its_page_says_with_rendered_citations_and_sources(tokenism: dict, fmt: str) -> None:
    text = as_text(tokenism["files"][fmt])
    flat = re.sub(r"\s+", " ", text)
    page = tokenism["page"]
    content = page[page.index("<article"): page.index('<section class="pl-page-info"')]
    # The reference list, entry by entry, as the page renders it.
    entries = [plain(re.sub(r'<a class="pl-cite-back".*?</a>', "", e))
               for e in re.findall(r'<li id="fn:[^"]+">(.*?)</li>', content, re.DOTALL)]
    assert len(entries) >= 3
    for entry in entries:
        assert entry in flat, f"reference missing: {entry}"
    # Each item's citation and source words, as its Source panel shows them.
    cites = re.findall(r'<p class="pl-source-cite"[^>]*>(\(.*?\))</p>', content)
    assert cites
    for cite in cites:
        assert f"Source: {plain(cite)}" in flat
    for words in re.findall(r'<blockquote class="pl-source-words"><p>(.*?)</p>', content):
        assert plain(words) in flat
    # No citation key, no citation syntax.
    keys = set(BIB_KEY.findall((ROOT / "bibliography" / "references.bib").read_text(encoding="utf-8")))
    assert not [k for k in keys if k in text] and "[@" not in text and "\\bibliography" not in text
    # No tick-box widgets or buttons: a printed box per item instead.
    assert text.count(handouts.BOX) == len(ITEM_ID.findall(tokenism["source"]))
    assert "Copy" not in text and "Note and link" not in text


@pytest.mark.parametrize("fmt", list(handouts.FORMATS))
def test_a_handout_gives_its_address_review_date_and_licence(tokenism: dict, fmt: str) -> None:
    flat = re.sub(r"\s+", " ", as_text(tokenism["files"][fmt]))
    meta, _ = front_matter.split(tokenism["source"])
    address = SITE_URL + "checklists/tokenism-review/"
    reviewed = front_matter.as_date(meta["reviewed"])
    assert f"This page online: {address}" in flat
    assert f"Last reviewed: {reviewed.day} {reviewed:%B %Y}." in flat
    assert (f"Cite this page: Practice-Led contributors ({reviewed.year}) ‘{meta['title']}’, Practice-Led. "
            f"Available at: {address} (Accessed: [date]).") in flat
    for sentence in ("The guide's text is licensed under Creative Commons Attribution 4.0 (CC BY 4.0).",
                     handouts.TERMS, handouts.FULL_LICENCE, handouts.QUOTATIONS):
        assert sentence in flat


@pytest.mark.parametrize("fmt", list(handouts.FORMATS))
def test_every_item_id_is_a_bookmark(tokenism: dict, fmt: str) -> None:
    member, bookmark = BOOKMARKS[fmt]
    with zipfile.ZipFile(tokenism["files"][fmt]) as document:
        names = set(bookmark.findall(document.read(member).decode("utf-8")))
        printed = document.read(member).decode("utf-8")
    ids = ITEM_ID.findall(tokenism["source"])
    assert len(ids) == 10
    assert set(ids) <= names
    assert not [i for i in ids if f">{i}<" in printed], "an id is printed as text"


def test_the_licence_notice_is_the_guide_s_own_wording() -> None:
    """The handout quotes LICENSE-CONTENT and the About page; it adds no licence wording of its own."""
    def flat(text: str) -> str:
        return re.sub(r"\s+", " ", text)
    licence = flat((ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8"))
    for sentence in (handouts.TERMS, handouts.FULL_LICENCE, handouts.QUOTATIONS):
        assert sentence in licence
    about = flat((DOCS / "about" / "index.md").read_text(encoding="utf-8"))
    assert handouts.LICENCE_SENTENCE.format(link=f"[{handouts.LICENCE_NAME}]({handouts.LICENCE_URL})") in about


def test_patterns_choose_pages_as_gitignore_does() -> None:
    patterns = ["checklists/*.md", "!checklists/index.md", "case-studies/*.md"]
    assert handouts.is_handout("checklists/plan-for-change.md", patterns)
    assert not handouts.is_handout("checklists/index.md", patterns)
    assert handouts.is_handout("case-studies/index.md", patterns)
    assert not handouts.is_handout("principles/leadership.md", patterns)
    assert handouts.is_handout("checklists/index.md", [*patterns, "checklists/index.md"])  # the last one decides


# --- Made once, then from the cache -------------------------------------------------------------
@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PRACTICE_LED_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(ROOT)
    return tmp_path / "cache"


def counts(log: str) -> tuple[int, int, int]:
    found = re.findall(r"Handouts: (\d+) files, (\d+) from cache, (\d+) made by pandoc", log)
    assert len(found) == 1, log
    return tuple(int(n) for n in found[0])


def test_a_rebuild_takes_unchanged_handouts_from_the_cache(tmp_path: Path, cache: Path, caplog) -> None:
    """As `make serve` rebuilds: pandoc runs for a handout only when what it holds changed."""
    config = FIXTURES / "trainers" / "mkdocs.yml"
    first = build_in_process(config, tmp_path / "one", caplog)
    assert counts(first) == (2, 0, 2)
    second = build_in_process(config, tmp_path / "two", caplog)
    assert counts(second) == (2, 2, 0)
    for fmt in handouts.FORMATS:
        name = f"checklists/sample/practice-led-sample.{fmt}"
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
