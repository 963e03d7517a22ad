"""The Source panel of a checklist item, made from rendered HTML (source_panels.py)."""

from __future__ import annotations

import re

from citecheck import Bibliography, Citation, Entry
from citecheck.basis import Basis

from practice_led import source_panels as sp

BOX = ('<label class="task-list-control"><input type="checkbox" disabled/>'
       '<span class="task-list-indicator"></span></label>')
CITE = ('(Seden and Ross, 2007, p. 302; cited in Seden, 2008)<sup id="fnref2:seden2007ross">'
        '<a class="footnote-ref" href="#fn:seden2007ross">2</a></sup> <sup id="fnref6:seden2008innovation">'
        '<a class="footnote-ref" href="#fn:seden2008innovation">1</a></sup>')
PANEL = sp.SourcePanel("“a change in the whole ethos and philosophy of management”",
                       "Words of Seden (2008), crediting Seden and Ross (2007), p. 302",
                       "The guide's suggestion, building on this.")


def item(item_id: str, text: str, after: str = "") -> str:
    return f'<li class="task-list-item" id="{item_id}">{BOX} {text}{after}</li>'


def entry(key: str, authors: list[str], year: str, citedin: tuple[str, ...] = ()) -> Entry:
    return Entry(key, "article", "references.bib", 1, {"year": year}, {"author": authors}, citedin=citedin)


BIBLIOGRAPHY = Bibliography({
    "seden2008innovation": entry("seden2008innovation", ["Seden"], "2008"),
    "seden2007ross": entry("seden2007ross", ["Seden", "Ross"], "2007", ("seden2008innovation",)),
})


def test_the_citation_moves_from_the_text_into_the_panel_with_its_links() -> None:
    page = f'<ul class="task-list">\n{item("tk-ethos", "Ask whether the ethos has shifted. " + CITE)}\n</ul>'
    out, unplaced = sp.add_panels(page, {"tk-ethos": PANEL})
    assert unplaced == []
    text, panel = out.split('<div class="pl-item-tools">')
    assert text.endswith("Ask whether the ethos has shifted.")  # no citation, no trailing space
    assert "footnote-ref" not in text
    assert f'<p class="pl-source-cite">{CITE}</p>' in panel
    assert panel.index("<details") < panel.index("<summary>Source</summary>") < panel.index("pl-source-cite")
    assert "<p>“a change in the whole ethos and philosophy of management”</p>" in panel
    assert "Words of Seden (2008), crediting Seden and Ross (2007), p. 302" in panel
    assert "Guide&#x27;s note:" not in panel and "Guide's note:</span> The guide's suggestion" in panel
    assert out.endswith("</details>\n</div></li>\n</ul>")


def test_only_items_with_a_basis_change_and_the_rest_of_the_page_stays_byte_for_byte() -> None:
    other = item("tk-other", "Keep this &amp; that. (Seden, 2008)<sup><a class=\"footnote-ref\" href=\"#fn:x\">1</a></sup>")
    head = '<h2 id="x">Odd&nbsp;<br/>markup &para;</h2>\n<ul class="task-list">\n'
    page = head + other + "\n" + item("tk-ethos", "Ask. " + CITE) + "\n</ul>\n<p>after</p>"
    out, _ = sp.add_panels(page, {"tk-ethos": PANEL})
    assert out.startswith(head + other + "\n")
    assert out.endswith("</li>\n</ul>\n<p>after</p>")
    assert out.count("pl-source-panel") == 1
    assert sp.add_panels(page, {}) == (page, [])


def test_a_citation_with_inline_markup_and_entities_moves_whole() -> None:
    cite = ('(<em>Title</em>, 2007, pp. 20&ndash;21)<sup id="fnref:t"><a class="footnote-ref" '
            'href="#fn:t">3</a></sup>')
    out, unplaced = sp.add_panels(item("a", "Do (this) now. " + cite), {"a": PANEL})
    assert unplaced == []
    assert f'<p class="pl-source-cite">{cite}</p>' in out
    assert "Do (this) now.<div" in out


def test_self_closed_tags_in_an_item_do_not_lose_its_place() -> None:
    svg = '<svg viewBox="0 0 1 1"><path d="M0 0"/><path d="M1 1"/></svg>'
    out, unplaced = sp.add_panels(item("a", f"Do {svg} this. " + CITE) + item("b", "Next. " + CITE),
                                  {"a": PANEL, "b": PANEL})
    assert unplaced == []
    assert f"Do {svg} this.<div" in out and "Next.<div" in out
    assert out.count('class="pl-source-cite"') == 2


def test_a_loose_item_gets_its_panel_after_its_paragraph_and_before_a_nested_list() -> None:
    nested = '<ul class="task-list">\n' + item("b", "Inner. " + CITE) + "\n</ul>\n"
    page = (f'<li class="task-list-item" id="a">\n<p>{BOX} Outer. {CITE}</p>\n{nested}</li>')
    out, unplaced = sp.add_panels(page, {"a": PANEL, "b": PANEL})
    assert unplaced == []
    assert "<p>" + BOX + " Outer.</p><div class=\"pl-item-tools\">" in out
    assert out.index("Outer.") < out.index('class="pl-item-tools"') < out.index('id="b"')
    assert "Inner.<div class=\"pl-item-tools\">" in out
    assert out.count('class="pl-source-cite"') == 2


def test_an_item_that_does_not_end_with_its_citation_keeps_it_and_is_reported() -> None:
    page = item("a", "Do this " + CITE + " and then that.")
    out, unplaced = sp.add_panels(page, {"a": PANEL})
    assert unplaced == ["a"]
    assert "Do this " + CITE + " and then that.<div class=\"pl-item-tools\">" in out
    assert "pl-source-cite" not in out and "pl-source-words" in out


def test_the_panel_escapes_what_the_front_matter_says() -> None:
    panel = sp.SourcePanel("“a <b> & c”", "Words of X (2001)", "")
    out = sp.panel_html(panel, "")
    assert "<p>“a &lt;b&gt; &amp; c”</p>" in out
    assert "pl-source-note" not in out and "pl-source-cite" not in out


def test_the_words_of_a_work_known_through_the_paper_are_the_papers_crediting_the_work() -> None:
    basis = Basis("tk-ethos", "“a change”", "seden2007ross")
    cites = [Citation("seden2007ross", "", "p. 302", 1, 1), Citation("seden2008innovation", "cited in", "", 1, 30)]
    assert sp.credit_line(basis, cites, BIBLIOGRAPHY) == "Words of Seden (2008), crediting Seden and Ross (2007), p. 302"


def test_the_papers_own_words_name_only_the_paper_and_a_page_range_gets_its_dash() -> None:
    own = Basis("x", "“words”", "seden2008innovation")
    assert sp.credit_line(own, [Citation("seden2008innovation", "", "", 1, 1)], BIBLIOGRAPHY) == "Words of Seden (2008)"
    ranged = Basis("x", "“words”", "seden2007ross", note="  Mine.  ")
    panel = sp.panel_for(ranged, [Citation("seden2007ross", "", "pp. 20-21", 1, 1)], BIBLIOGRAPHY)
    assert panel.credit.endswith("Seden and Ross (2007), pp. 20–21")
    assert panel.note == "Mine."


def test_every_panel_is_one_disclosure_whose_summary_comes_first() -> None:
    out = sp.panel_html(PANEL, CITE)
    assert re.fullmatch(r'<div class="pl-item-tools">\n<details class="pl-source">\n<summary>Source</summary>\n'
                        r'<div class="pl-source-panel">\n.*</div>\n</details>\n</div>', out, re.DOTALL), out


# --- In the build: from the page's front matter and citecheck's reading of its items ------

MARKDOWN = """---
basis:
  tk-ethos:
    quote: “a change in the whole ethos and philosophy of management”
    credit: seden2007ross
  tk-middle:
    quote: “words”
    credit: seden2008innovation
---

- [ ] Ask whether the ethos has shifted. [@seden2007ross, p. 302; cited in @seden2008innovation]
  { #tk-ethos }
- [ ] Do this [@seden2008innovation] and then that.
  { #tk-middle }
"""


def test_the_build_takes_the_locator_from_the_items_citation_and_warns_where_the_citation_cannot_move(
    caplog,
) -> None:
    from citecheck import Report, parse_page

    from practice_led import front_matter

    page = parse_page(MARKDOWN, "docs/checklists/x.md", "checklists/x.md")
    report = Report([page], BIBLIOGRAPHY, [])
    html = item("tk-ethos", "Ask whether the ethos has shifted. " + CITE) + "\n" + item(
        "tk-middle", 'Do this (Seden, 2008)<sup><a class="footnote-ref" href="#fn:s">1</a></sup> and then that.')
    with caplog.at_level("WARNING"):
        out = sp.for_page(report, "checklists/x.md", front_matter.split(MARKDOWN)[0], html)
    assert "Words of Seden (2008), crediting Seden and Ross (2007), p. 302" in out
    assert out.count('class="pl-source"') == 2
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning.startswith("docs/checklists/x.md:13: checklist item #tk-middle does not end with its citation")
    assert sp.for_page(report, "checklists/other.md", {}, html) == html


def test_an_item_that_cites_nothing_is_left_to_citecheck_to_report(caplog) -> None:
    from citecheck import Report, parse_page

    from practice_led import front_matter

    markdown = MARKDOWN.replace(" [@seden2008innovation] and then that.", " and then that.")
    report = Report([parse_page(markdown, "docs/checklists/x.md", "checklists/x.md")], BIBLIOGRAPHY, [])
    with caplog.at_level("WARNING"):
        out = sp.for_page(report, "checklists/x.md", front_matter.split(markdown)[0],
                          item("tk-middle", "Do this and then that."))
    assert "pl-source-words" in out
    assert caplog.records == []  # CL001 says it once
