"""Course packs without a browser: what the build gives the pack page, and each session
outline's pack link (scripts/practice_led/packs.py)."""

from __future__ import annotations

import json
import re

from conftest import Build
from site_pages import reader_pages

from practice_led import packs

OUTLINES = """# Sessions

## How they work { #sessions-how }

See [the examples](../case-studies/index.md) and [packs](packs.md).

## First { #sessions-first }

- Explanation: [one](../principles/leadership.md), then [two](../context/index.md#questions).
- Again: [one, a section](../principles/leadership.md#why-it-matters) and [an item](../checklists/access-and-support.md#as-training).

**Pack.** [This session's pack](packs.md){ .pl-session-pack }

## Second { #sessions-second }

[Three](../checklists/tokenism-review.md). [The pack](packs.md?pack=old){ .pl-session-pack }
"""


def pack_links(markdown: str) -> list[str]:
    return re.findall(r"\]\((packs\.md[^)]*)\)\{ \.pl-session-pack \}", markdown)


def test_each_session_pack_link_gets_the_pages_its_own_section_links_to_in_order() -> None:
    filled = packs.with_session_packs(OUTLINES, "trainers/sessions.md")
    assert pack_links(filled) == [
        "packs.md?pack=principles/leadership/,context/,checklists/access-and-support/",
        "packs.md?pack=checklists/tokenism-review/",
    ]
    assert "See [the examples](../case-studies/index.md) and [packs](packs.md)." in filled  # no pack link there
    assert filled.replace(pack_links(filled)[0], "packs.md").replace(pack_links(filled)[1], "packs.md?pack=old") \
        == OUTLINES  # nothing else changes


def test_the_catalogue_lists_each_group_page_and_item_with_its_pack_key_and_link() -> None:
    groups = [
        packs.Group("Checklists", [
            packs.Entry("checklists/index.md", "Checklists"),
            packs.Entry("checklists/access-and-support.md", "Access & support",
                        [packs.Item("as-training", "Offer <training>.")]),
        ], print_version="print/checklists.md"),
        packs.Group("Empty", []),
    ]
    html = packs.catalogue(groups, lambda src: "../../" + src.removesuffix(".md") + "/", "https://example.org/g")
    assert html.startswith('<div class="pl-pack-catalogue" data-pl-site="https://example.org/g/" data-search-exclude>')
    assert re.findall(r'<a href="([^"]+)" data-pl-pack="([^"]+)">([^<]+)</a>', html) == [
        ("../../checklists/index/", "checklists/", "Checklists"),
        ("../../checklists/access-and-support/", "checklists/access-and-support/", "Access &amp; support"),
        ("../../checklists/access-and-support/#as-training", "as-training", "Offer &lt;training&gt;."),
    ]
    # each with its box to tick before it, named as "Your pack" lists it
    assert re.findall(r'aria-label="([^"]+)"><a ', html) == [
        "In the pack: Checklists", "In the pack: Access &amp; support",
        "In the pack: Access &amp; support: Offer &lt;training&gt;."]
    assert 'class="pl-pack-print" href="../../print/checklists/"' in html
    assert "Empty" not in html  # a group with no page is left out


def test_the_pack_page_offers_every_page_and_every_checklist_item_of_the_build(guide: Build) -> None:
    offered = re.findall(r'data-pl-pack="([^"]*)"', guide.page("trainers/packs/"))
    assert len(offered) == len(set(offered)), "a key offered twice"
    items = [item["id"] for checklist in json.loads((guide.site / "checklists.json").read_text())["checklists"]
             for item in checklist["items"]]
    pages = [path for path in reader_pages(guide.site)
             if path not in ("", "404.html", "trainers/packs/") and not path.startswith("print/")]
    assert len(items) > 50 and len(pages) > 40
    assert sorted(offered) == sorted(items + pages)
