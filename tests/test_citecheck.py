"""citecheck's core: golden cases, and its agreement with mkdocs-bibtex and Python-Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from citecheck_cases import CASES, ROOT, case_names, citecheck, prepare, run_in

from practice_led import page_html

MARKDOWN_FILES = sorted(p for p in CASES.rglob("*.md"))


def expected(case: str) -> dict:
    return yaml.safe_load((CASES / case / "expected.yaml").read_text(encoding="utf-8"))


# --- Golden cases --------------------------------------------------------------------------------
@pytest.mark.parametrize("case", case_names())
def test_golden_case(case: str, tmp_path: Path) -> None:
    want = expected(case)
    folder = prepare(case, tmp_path, crlf=want.get("crlf", False))
    for run in want["runs"]:
        got = run_in(folder, run["args"])
        assert (got.exit, got.output, got.errors) == (
            run["exit"],
            run["output"],
            run.get("errors", ""),
        ), f"citecheck {' '.join(run['args'])}"
    assert got.items == want["items"]


def test_golden_cases_cover_every_rule() -> None:
    shown = {
        code
        for case in case_names()
        for run in expected(case)["runs"]
        for code in re.findall(r": ([A-Z]+\d+)/", run["output"])
    }
    assert shown == set(citecheck.RULES)


def test_golden_cases_cover_the_traps() -> None:
    names = set(case_names())
    assert {"clean", "empty-docs", "trap-crlf", "trap-front-matter", "trap-non-ascii"} <= names
    assert expected("clean")["runs"][0]["exit"] == 0
    assert expected("empty-docs")["runs"][0]["output"].splitlines()[-1].startswith("0 problems")


# --- The same citations as mkdocs-bibtex -----------------------------------------------------
EXTRA_CITATIONS = [
    "[@a] [@b, p. 5] [see @c, pp. 1-2; cited in @d] [mail me at a@b.com] [a@b.com; @e]",
    "[a [@nested] b] [@x; @y; @z] [@key-with-hyphen, para. 3] [@müller2001über]",
    "[@key p. 5 no comma] [ @spaced ] [@] [@@double] [text] [^footnote] [&#64;escaped]",
]


def markdown_body(path: Path) -> str:
    """The Markdown mkdocs-bibtex receives: the file without its front matter."""
    from mkdocs.utils.meta import get_data

    return get_data(path.read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize("text", [*MARKDOWN_FILES, *EXTRA_CITATIONS], ids=str)
def test_keys_match_mkdocs_bibtex(text: Path | str) -> None:
    from mkdocs_bibtex.citation import CitationBlock

    body = markdown_body(text) if isinstance(text, Path) else text
    theirs = [
        (block.raw, [(c.prefix, c.key, c.suffix) for c in block.citations])
        for block in CitationBlock.from_markdown(body)
    ]
    assert citecheck.citation_blocks(body) == theirs


# --- The same checklist items as Python-Markdown ------------------------------------------
def guide_markdown_extensions() -> tuple[list[str], dict]:
    """The guide's own markdown_extensions from mkdocs.yml (snippets aside: they need files)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name != "pymdownx.snippets":
            names.append(name)
            configs[name] = options or {}
    return names, configs


def render(text: str) -> str:
    import markdown
    from mkdocs.utils.meta import get_data

    names, configs = guide_markdown_extensions()
    return markdown.markdown(get_data(text)[0], extensions=names, extension_configs=configs)


PAGES = [p for p in MARKDOWN_FILES if "_snippets" not in p.parts]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(CASES)))
def test_items_match_what_python_markdown_renders(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    page = citecheck.parse_page(text, "page.md", "page.md")
    rendered = rendered_task_items(render(text))
    assert [item.rendered_id for item in page.items] == rendered
    assert citecheck.contract_problems(page, rendered) == []


def test_the_real_guide_matches_python_markdown() -> None:
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if "_snippets" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        page = citecheck.parse_page(text, str(path), "page.md")
        assert [i.rendered_id for i in page.items] == rendered_task_items(render(text)), (
            path
        )


# --- The renderer contract -----------------------------------------------------------------------
def rendered_task_items(html: str) -> list[str | None]:
    """The task-list items' ids, as the build reads them from each page's HTML."""
    return page_html.task_item_ids(page_html.tags(html))


TWO_ITEMS = "- [ ] One. [@k]\n  { #one }\n- [ ] Two. [@k]\n  { #two }\n"


def test_rendered_task_items_reads_ids_in_order() -> None:
    html = (
        '<ul class="task-list"><li class="task-list-item" id="one">a</li>'
        '<li>plain</li><li class="task-list-item">b</li></ul><li id="fn:k">note</li>'
    )
    assert rendered_task_items(html) == ["one", None]


def test_contract_reports_a_count_or_id_the_renderer_disagrees_with() -> None:
    page = citecheck.parse_page(TWO_ITEMS, "docs/a.md", "a.md")
    assert citecheck.contract_problems(page, ["one", "two"]) == []
    ((line, count),) = citecheck.contract_problems(page, ["one"])
    assert (line, count.split(":")[0]) == (
        1,
        "1 checklist item rendered, but citecheck found 2 (lines 1, 3)",
    )
    assert citecheck.contract_problems(page, ["one", None]) == [
        (3, "checklist item rendered with id None, but citecheck expected 'two'")
    ]
    assert citecheck.contract_problems(None, []) == []
    ((line, extra),) = citecheck.contract_problems(None, ["x"])
    assert (line, extra.split(":")[0]) == (1, "1 checklist item rendered, but citecheck found none")


def test_contract_does_not_repeat_an_id_problem_already_reported() -> None:
    page = citecheck.parse_page("- [ ] No id. [@k]\n", "docs/a.md", "a.md")
    assert page.items[0].id_problem == "none"
    assert citecheck.contract_problems(page, [None]) == []


# --- Evidence map and checklists.json ------------------------------------------------------
@pytest.fixture
def clean_report(tmp_path: Path) -> citecheck.Report:
    folder = prepare("clean", tmp_path)
    return citecheck.run(
        [folder / "docs"], [folder / "bibliography" / "references.bib"], root=folder
    )


def test_evidence_lists_items_with_sources_and_the_reverse_index(clean_report) -> None:
    data = citecheck.evidence(clean_report)
    (checklist,) = data["checklists"]
    assert (checklist["title"], checklist["page"], checklist["url"]) == (
        "A clean checklist",
        "checklists/clean.md",
        "checklists/clean/",
    )
    first = checklist["items"][1]
    assert first == {
        "id": "cl-several-works",
        "text": "Several works in one citation, each with its locator.",
        "checked": True,
        "url": "checklists/clean/#cl-several-works",
        "line": 34,
        "keys": ["pine2007new", "seden2007ross", "seden2008innovation"],
        "citations": [
            {"key": "pine2007new", "prefix": "", "locator": "p. 54"},
            {"key": "seden2007ross", "prefix": "", "locator": "p. 202"},
            {"key": "seden2008innovation", "prefix": "cited in", "locator": "p. 3"},
        ],
        # The locator is the item's own for the credited work; the words are the paper's.
        "basis": {
            "quote": "“new leadership for the human services”",
            "credit": "pine2007new",
            "locator": "p. 54",
            "words_from": "seden2008innovation",
            "note": "The guide's suggestion, building on this.",
        },
    }
    assert checklist["items"][2]["basis"] == {
        "quote": "“practice-led management”",
        "credit": "seden2008innovation",
        "locator": "",
        "words_from": "seden2008innovation",
        "note": "",
    }
    sources = data["sources"]
    assert list(sources) == ["pine2007new", "seden2007ross", "seden2008innovation"]
    assert sources["pine2007new"]["label"] == "Pine and Healy (2007)"
    assert [i["id"] for i in sources["pine2007new"]["items"]] == ["cl-several-works", "cl-chain"]
    assert len(sources["seden2008innovation"]["items"]) == 4


def test_evidence_page_links_items_and_sources(clean_report) -> None:
    page = citecheck.evidence_page(
        clean_report, "reference/evidence-map.md", "reference/bibliography.md"
    )
    assert page.startswith("---\ntitle: Evidence map\n")
    assert "# Evidence map" in page
    assert (
        "- [Several works in one citation, each with its locator.]"
        "(../checklists/clean.md#cl-several-works)  \n"
        "  Basis: “new leadership for the human services” (words of "
        "[Seden (2008)](bibliography.md#ref-seden2008innovation), crediting "
        "[Pine and Healy (2007)](bibliography.md#ref-pine2007new), p. 54). "
        "Note: The guide's suggestion, building on this.  \n"
        "  Sources: [Pine and Healy (2007)](bibliography.md#ref-pine2007new), p. 54; "
        "[Seden and Ross (2007)](bibliography.md#ref-seden2007ross), p. 202; "
        "cited in [Seden (2008)](bibliography.md#ref-seden2008innovation), p. 3"
    ) in page
    assert (
        "  Basis: “practice-led management” "
        "([Seden (2008)](bibliography.md#ref-seden2008innovation)).  \n"
    ) in page
    assert "[Full reference](bibliography.md#ref-pine2007new)." in page
    assert (
        "- [A chain of secondary citations.](../checklists/clean.md#cl-chain) (A clean checklist)"
        in page
    )
    assert "@" not in page and citecheck.citation_blocks(page) == []
    assert rendered_task_items(render(page)) == []


def test_evidence_follows_the_navigation_order() -> None:
    pages = [
        citecheck.parse_page(
            f"# {name}\n\n- [ ] Item. [@k]\n  {{ #{name}-item }}\n", f"docs/{name}.md", f"{name}.md"
        )
        for name in ("a", "b", "c")
    ]
    report = citecheck.Report(pages, citecheck.Bibliography(), [])
    order = ["c.md", "index.md", "a.md"]
    assert [c["page"] for c in citecheck.evidence(report, order=order)["checklists"]] == [
        "c.md",
        "a.md",
        "b.md",
    ]
    assert [c["title"] for c in citecheck.evidence(report)["checklists"]] == ["a", "b", "c"]
    assert all(i["basis"] is None for c in citecheck.evidence(report)["checklists"] for i in c["items"])


def test_checklists_json_gives_absolute_urls(clean_report) -> None:
    document = citecheck.checklists_document(
        clean_report,
        url_for=citecheck.page_url,
        site_url="https://example.org/guide/",
        bibliography_url="reference/bibliography/",
    )
    assert document["version"] == 1
    item = document["checklists"][0]["items"][0]
    assert item["url"] == "https://example.org/guide/checklists/clean/#cl-time-for-roles"
    assert "line" not in item
    assert item["basis"]["quote"] == "“agree with service users … how much time”"
    assert document["references"]["seden2008innovation"] == {
        "label": "Seden (2008)",
        "url": "https://example.org/guide/reference/bibliography/#ref-seden2008innovation",
    }


@pytest.mark.parametrize(
    ("src", "directory", "flat"),
    [
        ("index.md", "./", "index.html"),
        ("checklists/index.md", "checklists/", "checklists/index.html"),
        ("checklists/boards.md", "checklists/boards/", "checklists/boards.html"),
    ],
)
def test_page_url_follows_mkdocs(src: str, directory: str, flat: str) -> None:
    from mkdocs.structure.files import File

    assert (
        citecheck.page_url(src)
        == File(src, "docs", "site", use_directory_urls=True).url
        == directory
    )
    assert (
        citecheck.page_url(src, False)
        == File(src, "docs", "site", use_directory_urls=False).url
        == flat
    )


# --- Smaller pieces ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("seden2008inovation", ["seden2008innovation"]),
        ("sedenross2007", ["seden2007ross"]),
        ("pine2007", ["pine2007new"]),
        ("Seden2008Innovation", ["seden2008innovation"]),
        ("nobody1999nothing", []),
    ],
)
def test_closest_keys(typed: str, suggested: list[str]) -> None:
    keys = ["seden2008innovation", "seden2007ross", "pine2007new", "postle2007building"]
    assert citecheck.closest_keys(typed, keys) == suggested


def test_strip_markup_drops_citations_links_and_emphasis() -> None:
    text = "Ask **who** decides, as [the model](../x.md#a) says[^1]. [@k, p. 2] [not a citation]"
    assert citecheck.strip_markup(text) == "Ask who decides, as the model says. [not a citation]"
    page = citecheck.parse_page(f"- [ ] {text}\n  {{ #x-a }}\n", "a.md", "a.md")
    assert page.items[0].readable_text == "Ask who decides, as the model says. [not a citation]"


def test_github_format_escapes_its_special_characters() -> None:
    finding = citecheck.Finding("docs/a,b.md", 3, 4, "CL001", "50% done\nnext: line")
    report = citecheck.Report([], citecheck.Bibliography(), [finding])
    first = citecheck.format_github(report).splitlines()[0]
    assert first == (
        "::error file=docs/a%2Cb.md,line=3,col=4,title=CL001/uncited-item::50%25 done%0Anext: line"
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "@book{,\n author = {A},\n}\n",
            (
                "1:7: BIB001/parse-error BibTeX does not parse (syntax "
                "error: entry key expected) in the entry that starts on line 1"
            ),
        ),
        (
            "not bibtex @ { }}}",
            "1:14: BIB001/parse-error BibTeX does not parse (syntax error: a valid name expected)",
        ),
        (
            "@book{a2001b, title = undefinedmacro}\n",
            "1:37: BIB001/parse-error BibTeX does not parse (undefined string: undefinedmacro)",
        ),
        (
            "@book{a2001b,\n author = {A, B, C, D}}\n",
            "1:1: BIB001/parse-error Too many commas in 'A, B, C, D': fix the entry 'a2001b'",
        ),
    ],
)
def test_odd_bibtex_is_reported_never_raised(text: str, found: str) -> None:
    (finding, *_) = citecheck.parse_bibtex(text, "refs.bib").findings
    assert finding.text().startswith(f"refs.bib:{found}")


def test_bibliography_labels_and_fields(tmp_path: Path) -> None:
    bib = citecheck.parse_bibtex(
        "@book{open2003managing,\n  author = {{Open University}},\n  title = {Managing Care},\n"
        "  publisher = {The Open University},\n  year = {2003},\n  provenance = {paper},\n"
        "  citedin = {seden2008innovation, other2001key}\n}\n",
        "refs.bib",
    )
    entry = bib.entries["open2003managing"]
    assert entry.label() == "Open University (2003)"
    assert entry.citedin == ("seden2008innovation", "other2001key")
    assert (entry.line, entry.field_lines["citedin"]) == (1, 7)
