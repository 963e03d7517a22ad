"""The evidence map (every checklist item with its sources, every source with its items), as
data, as the site's Evidence map page, and as checklists.json."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .basis import Basis, words_from
from .model import Bibliography, Entry, Item, Page, Report, plural

EVIDENCE_INTRO = """---
title: Evidence map
description: Every checklist item with the sources it rests on, and every source with the items that rest on it.
---

# Evidence map

This page is built from the checklists each time the guide is built.
It lists every checklist item with its basis (the words of the source it rests on) and the sources it cites, then every source with the items that rest on it.
Follow an item to its place in the checklist, or a source to its full reference.
"""


def page_url(src: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives a page (mkdocs.structure.files.File.url)."""
    stem = src.removesuffix(".md")
    parent, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        if directory_urls:
            return f"{parent}/" if parent else "./"
        return f"{parent}/index.html" if parent else "index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def evidence(
    report: Report, url_for: Callable[[str], str] = page_url, order: Sequence[str] = ()
) -> dict[str, object]:
    """Every checklist with its items and their sources, and the reverse index by source.

    order: page sources in the order to list them (the site's navigation); others follow.
    """
    entries = report.bibliography.entries
    checklists, by_source = [], {key: [] for key in sorted(entries)}
    rank = {src: n for n, src in enumerate(order)}
    for page in sorted(report.checklists, key=lambda p: (rank.get(p.src, len(rank)), p.src)):
        items = []
        bases = _bases(page)
        for item in page.items:
            keys = list(dict.fromkeys(c.key for c in item.citations))
            url = url_for(page.src) + (f"#{item.rendered_id}" if item.rendered_id else "")
            text = item.readable_text
            items.append(
                {
                    "id": item.rendered_id,
                    "text": text,
                    "checked": item.checked,
                    "url": url,
                    "line": item.line,
                    "keys": keys,
                    "citations": [
                        {"key": c.key, "prefix": c.prefix.strip(), "locator": c.locator.strip()}
                        for c in item.citations
                    ],
                    "basis": _basis(item, bases.get(item.id or ""), report.bibliography),
                }
            )
            for key in keys:
                by_source.setdefault(key, []).append(
                    {
                        "id": item.rendered_id,
                        "page": page.src,
                        "checklist": page.title,
                        "text": text,
                        "url": url,
                    }
                )
        checklists.append(
            {"title": page.title, "page": page.src, "url": url_for(page.src), "items": items}
        )
    sources = {
        key: {"label": entries[key].label() if key in entries else key, "items": rest}
        for key, rest in by_source.items()
    }
    return {"checklists": checklists, "sources": sources}


def _bases(page: Page) -> dict[str, Basis]:
    entries = page.bases.entries if page.bases else ()
    return {entry.item_id: basis for entry in entries if (basis := entry.basis) is not None}


def _basis(item: Item, basis: Basis | None, bib: Bibliography) -> dict[str, str] | None:
    """The basis as data: its words, the work credited and that work's locator (from the item's
    own citation of it), the key of the text whose words they are, and the guide's note."""
    if basis is None:
        return None
    locator = next((c.locator.strip() for c in item.citations if c.key == basis.credit), "")
    return {
        "quote": basis.quote.strip(),
        "credit": basis.credit,
        "locator": locator,
        "words_from": words_from(basis.credit, bib) if basis.credit else "",
        "note": basis.note.strip(),
    }


def evidence_page(
    report: Report, page_src: str, bibliography_src: str, order: Sequence[str] = ()
) -> str:
    """The Evidence map page as Markdown, its links relative to page_src (e.g. reference/...)."""
    writer = EvidenceMarkdown(page_src, bibliography_src, report.bibliography.entries)
    data = evidence(report, url_for=lambda src: src, order=order)
    out = [EVIDENCE_INTRO, "## Checklists", ""]
    for checklist in data["checklists"]:  # type: ignore[union-attr]
        out += writer.checklist(checklist)
    out += ["## Sources", ""]
    by_label = sorted(data["sources"].items(), key=lambda ks: (ks[1]["label"].casefold(), ks[0]))
    for key, source in by_label:  # type: ignore[union-attr]
        out += writer.source(key, source)
    return "\n".join(out)


@dataclass
class EvidenceMarkdown:
    """Writes the evidence map's Markdown: relative links to pages, item anchors and references."""

    page_src: str
    bibliography_src: str
    entries: dict[str, Entry]

    def link_to(self, src: str, anchor: str | None = None) -> str:
        target = os.path.relpath(src, os.path.dirname(self.page_src) or ".").replace(os.sep, "/")
        return f"{target}#{anchor}" if anchor else target

    def reference(self, key: str) -> str:
        if key not in self.entries:
            return link_label(key)
        label = link_label(self.entries[key].label())
        return f"[{label}]({self.link_to(self.bibliography_src, 'ref-' + key)})"

    def citation(self, cite: dict[str, str]) -> str:
        prefix = f"{link_label(cite['prefix'])} " if cite["prefix"] else ""
        locator = f", {link_label(cite['locator'])}" if cite["locator"] else ""
        return f"{prefix}{self.reference(cite['key'])}{locator}"

    def basis(self, basis: dict[str, str]) -> str:
        """“words” (whose words, the work credited and its locator), then the guide's note."""
        credited = self.reference(basis["credit"]) + (
            f", {link_label(basis['locator'])}" if basis["locator"] else ""
        )
        if basis["words_from"] != basis["credit"]:
            credited = f"words of {self.reference(basis['words_from'])}, crediting {credited}"
        note = f" Note: {link_label(basis['note'])}" if basis["note"] else ""
        return f"{link_label(basis['quote'])} ({credited}).{note}"

    def checklist(self, checklist: dict) -> list[str]:
        count = plural(len(checklist["items"]), "item")
        out = [
            f"### {link_label(checklist['title'])}",
            "",
            f"[Open the checklist]({self.link_to(checklist['page'])}): {count}.",
            "",
        ]
        for item in checklist["items"]:
            sources = "; ".join(self.citation(c) for c in item["citations"]) or "no source"
            target = self.link_to(checklist["page"], item["id"])
            out.append(f"- [{link_label(item['text'])}]({target})  ")
            if item["basis"]:
                out.append(f"  Basis: {self.basis(item['basis'])}  ")
            out.append(f"  Sources: {sources}")
        return [*out, ""]

    def source(self, key: str, source: dict) -> list[str]:
        out = [f"### {link_label(source['label'])}", ""]
        if key in self.entries:
            out += [f"[Full reference]({self.link_to(self.bibliography_src, 'ref-' + key)}).", ""]
        if not source["items"]:
            return [*out, "No checklist item rests on this source.", ""]
        out += [
            f"- [{link_label(rest['text'])}]({self.link_to(rest['page'], rest['id'])}) "
            f"({link_label(rest['checklist'])})"
            for rest in source["items"]
        ]
        return [*out, ""]


def link_label(text: str) -> str:
    """Text safe in a Markdown link label: no brackets, citations, HTML or emphasis."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("@", "&#64;").replace("<", "&lt;")
    return re.sub(r"([\[\]*_`\\])", r"\\\1", text)


def checklists_document(
    report: Report,
    url_for: Callable[[str], str],
    site_url: str = "",
    bibliography_url: str = "",
    order: Sequence[str] = (),
) -> dict[str, object]:
    """The content of checklists.json: every checklist with its items, for trainers and platforms."""
    data = evidence(report, url_for=url_for, order=order)
    base = site_url.rstrip("/") + "/" if site_url else ""

    def absolute(url: str) -> str:
        return base + url.removeprefix("./") if base else url

    entries = report.bibliography.entries
    for checklist in data["checklists"]:  # type: ignore[union-attr]
        checklist["url"] = absolute(checklist["url"])
        for item in checklist["items"]:
            item["url"] = absolute(item["url"])
            del item["line"]
    references = {
        key: {
            "label": entries[key].label(),
            "url": f"{base}{bibliography_url}#ref-{key}" if bibliography_url else "",
        }
        for key in sorted(entries)
    }
    return {
        "version": 1,
        "site_url": site_url,
        "checklists": data["checklists"],
        "references": references,
    }
