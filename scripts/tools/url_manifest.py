"""Addresses that must keep working: the URL manifest and its check.

urls.txt lists every published page address and every permanent anchor (an id
written into the Markdown, such as a principle point `pl-...` or a checklist
item, and every h2-h4 heading), one per line, relative to the site root:

    /checklists/access-and-support/
    /checklists/access-and-support/#as-holistic-strategy

`check` compares the list with a built site: an address that has gone fails,
unless a redirect (mkdocs-redirects' redirect_maps in mkdocs.yml) covers the
page, and an anchor that has gone fails unless an element still carries the id
(an alias). `update` adds the new addresses of a build and never removes one.

    python scripts/tools/url_manifest.py check  [--site site] [--manifest urls.txt] [--config mkdocs.yml]
    python scripts/tools/url_manifest.py update [--site site] [--manifest urls.txt] [--config mkdocs.yml]

Exit status: 0 clean, 1 problems found, 2 usage or unreadable input.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml

ROOT = Path(__file__).resolve().parents[2]
HEADER = """\
# Practice-Led: every published address that must keep working.
# One entry a line, relative to the site root (site_url in mkdocs.yml):
# a page ("/checklists/access-and-support/") or a permanent anchor on it
# ("/checklists/access-and-support/#as-holistic-strategy").
# Add new addresses with `make urls`; never delete a line. When a page moves,
# add a redirect in mkdocs.yml; when an id changes, keep the old id as an alias.
# See docs/trainers/linking.md.
"""
ATTR_LIST = re.compile(r"\{:?\s*([^}\n]*)\}")
FENCE = re.compile(r"^(\s*)(```|~~~).*?^\1\2[^\n]*$", re.DOTALL | re.MULTILINE)
LINKABLE_HEADINGS = {"h2", "h3", "h4"}
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(---|\.\.\.)\s*\n", re.DOTALL)


class ManifestError(Exception):
    """Input the command cannot read (exit status 2)."""


@dataclass(frozen=True)
class Entry:
    page: str              # "/checklists/access-and-support/"
    anchor: str | None     # "as-holistic-strategy", or None for the page itself
    line: int = 0

    @property
    def text(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    redirect_to: str | None = None   # site path of the target, for redirect stubs
    heading_ids: set[str] = field(default_factory=set)  # h2-h4: each has a "copy link" button


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:1: {self.code} {self.message}"


# --- The manifest file ----------------------------------------------------------------

def parse_entry(text: str, line: int = 0) -> Entry | None:
    """One manifest line as an entry; None for a line that is not a valid address."""
    page, _, anchor = text.partition("#")
    if not page.startswith("/") or " " in text or (anchor == "" and "#" in text):
        return None
    return Entry(page, anchor or None, line)


def read_manifest(path: Path) -> tuple[list[Entry], list[Finding]]:
    """Entries of the manifest, and a finding for each line that is not an address."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ManifestError(f"{path}: cannot read the URL manifest ({error.strerror}): run `make urls` to create it")
    entries, findings = [], []
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        entry = parse_entry(text, number)
        if entry is None:
            findings.append(Finding(str(path), number, "U03/bad-entry",
                                    f"'{text}' is not an address: write a site path such as "
                                    "/checklists/access-and-support/ or /checklists/access-and-support/#as-holistic-strategy"))
        else:
            entries.append(entry)
    return entries, findings


def render_manifest(entries: set[str]) -> str:
    """The manifest text: header, then pages in order, each followed by its anchors."""
    def key(text: str) -> tuple[str, int, str]:
        page, _, anchor = text.partition("#")
        return (page, 1 if anchor else 0, anchor)
    return HEADER + "".join(f"{text}\n" for text in sorted(entries, key=key))


# --- A built site ---------------------------------------------------------------------

class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.heading_ids: set[str] = set()
        self.refresh: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if found.get("id"):
            self.ids.add(found["id"])
            if tag in LINKABLE_HEADINGS:
                self.heading_ids.add(found["id"])
        if tag == "meta" and found.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url\s*=\s*(.+)$", found.get("content", ""), re.IGNORECASE)
            if match:
                self.refresh = match.group(1).strip().strip("'\"")


def site_path(html_file: Path, site: Path) -> str:
    """The address of a built HTML file: a/b/index.html is /a/b/."""
    relative = html_file.relative_to(site).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def resolve(base_page: str, href: str) -> str:
    """A link on base_page, as a site path (fragment dropped); external links unchanged."""
    absolute = urljoin("http://site.invalid" + base_page, href)
    parsed = urlparse(absolute)
    if parsed.netloc != "site.invalid":
        return absolute
    return parsed.path


def scan_site(site: Path) -> dict[str, Page]:
    """Every page of a built site by address, with its ids; redirect stubs say where they go."""
    if not (site / "index.html").is_file():
        raise ManifestError(f"{site}: no built site here (no index.html): run `make build` first")
    pages: dict[str, Page] = {}
    for html_file in sorted(site.rglob("*.html")):
        if html_file.name == "404.html" and html_file.parent == site:
            continue
        parser = _PageParser()
        parser.feed(html_file.read_text(encoding="utf-8", errors="replace"))
        address = site_path(html_file, site)
        target = resolve(address, parser.refresh) if parser.refresh else None
        pages[address] = Page(parser.ids, target, parser.heading_ids)
    return pages


# --- Redirects and sources from the configuration ---------------------------------------

class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name:...)."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_config(config: Path) -> dict:
    """mkdocs.yml as plain data, following INHERIT to the parent configuration."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ManifestError(f"{config}: cannot read the configuration ({error})")
    parent = data.get("INHERIT")
    if parent:
        base = load_config(config.parent / parent)
        base.update(data)
        data = base
    return data


def redirect_maps(config: dict) -> dict[str, str]:
    """mkdocs-redirects' redirect_maps ('old.md' -> 'new.md' or a URL) from a configuration."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            return dict((plugin["redirects"] or {}).get("redirect_maps") or {})
    return {}


def page_address(src_uri: str) -> str:
    """The address MkDocs gives a Markdown file (directory URLs): a/b.md is /a/b/."""
    stem = src_uri.lstrip("/").removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return "/" + stem[: -len("index")]
    return f"/{stem}/"


def redirect_target(address: str, maps: dict[str, str]) -> str | None:
    """Where redirect_maps sends a page address: a site path, an external URL, or None."""
    by_address = {page_address(old): new for old, new in maps.items()}
    target = by_address.get(address)
    if target is None:
        return None
    if urlparse(target).scheme:
        return target
    path, _, _ = target.partition("#")
    return page_address(path)


def explicit_ids(markdown: str) -> set[str]:
    """Ids a writer gave by hand with attr_list ({ #id }), outside code blocks."""
    text = FENCE.sub("", FRONT_MATTER.sub("", markdown, count=1))
    text = re.sub(r"`[^`\n]*`", "", text)
    ids = set()
    for attributes in ATTR_LIST.findall(text):
        ids.update(token[1:] for token in attributes.split() if token.startswith("#") and len(token) > 1)
    return ids


def published_addresses(site_pages: dict[str, Page], docs: Path) -> set[str]:
    """Every page address of a build, and the permanent anchors of each page written in docs/:
    every id given by hand ({ #id }: principle points, checklist items, named sections)
    and every h2-h4 heading id (each has a "copy link" button)."""
    found = {address for address, page in site_pages.items() if page.redirect_to is None}
    for source in sorted(docs.rglob("*.md")):
        src_uri = source.relative_to(docs).as_posix()
        if src_uri.startswith("_"):
            continue
        address = page_address(src_uri)
        page = site_pages.get(address)
        if page is None or page.redirect_to is not None:
            continue
        ids = (explicit_ids(source.read_text(encoding="utf-8")) & page.ids) | page.heading_ids
        found.update(f"{address}#{anchor}" for anchor in ids)
    return found


# --- The check --------------------------------------------------------------------------

ALIAS_HELP = "add an alias where the content now is, e.g. <span id=\"{id}\"></span> (see docs/trainers/linking.md)"


def _source_hint(address: str) -> str:
    stem = address.strip("/") or "index"
    return f"{stem}.md" if address != "/" else "index.md"


def check(entries: list[Entry], site_pages: dict[str, Page], maps: dict[str, str],
          manifest: str = "urls.txt") -> list[Finding]:
    """Every listed address still works: the page is built or redirected, the id is there."""
    findings = []
    for entry in entries:
        page = site_pages.get(entry.page)
        target = page.redirect_to if page is not None else redirect_target(entry.page, maps)
        if page is None and target is None:
            findings.append(Finding(manifest, entry.line, "U01/page-gone",
                                    f"{entry.text} is no longer published: restore the page, or add a redirect "
                                    f"in mkdocs.yml under plugins > redirects > redirect_maps, e.g. "
                                    f"'{_source_hint(entry.page)}': 'new/place.md'"))
            continue
        if entry.anchor is None:
            continue
        if target is not None:
            landing = site_pages.get(target)
            if landing is None or entry.anchor in landing.ids:
                continue  # external target, or the id came along with the page
            findings.append(Finding(manifest, entry.line, "U02/anchor-gone",
                                    f"{entry.text} redirects to {target}, which has no id '{entry.anchor}': "
                                    + ALIAS_HELP.format(id=entry.anchor)))
        elif entry.anchor not in page.ids:
            findings.append(Finding(manifest, entry.line, "U02/anchor-gone",
                                    f"{entry.text}: no element on {entry.page} has the id '{entry.anchor}' any more: "
                                    "keep the id, or " + ALIAS_HELP.format(id=entry.anchor)))
    return findings


def unlisted(entries: list[Entry], site_pages: dict[str, Page], docs: Path) -> set[str]:
    """Addresses the build publishes that the manifest does not list yet."""
    return published_addresses(site_pages, docs) - {entry.text for entry in entries}


def update(manifest: Path, site_pages: dict[str, Page], docs: Path) -> list[str]:
    """Add every new address to the manifest (never remove one); returns what was added."""
    entries: list[Entry] = []
    if manifest.exists():
        entries, findings = read_manifest(manifest)
        if findings:
            raise ManifestError(str(findings[0]))
    added = sorted(unlisted(entries, site_pages, docs))
    manifest.write_text(render_manifest({entry.text for entry in entries} | set(added)), encoding="utf-8")
    return added


# --- Command line -----------------------------------------------------------------------

def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Keep every published address of the guide working.")
    parser.add_argument("command", choices=["check", "update"])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (default: site/)")
    parser.add_argument("--manifest", type=Path, default=ROOT / "urls.txt", help="default: urls.txt")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="default: mkdocs.yml")
    return parser.parse_args(argv)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        config = load_config(args.config)
        site_pages = scan_site(args.site)
        if args.command == "update":
            docs = args.config.parent / config.get("docs_dir", "docs")
            added = update(args.manifest, site_pages, docs)
            print(f"{_display(args.manifest)}: {len(added)} new address(es) added")
            return 0
        entries, findings = read_manifest(args.manifest)
    except ManifestError as error:
        print(error, file=sys.stderr)
        return 2
    findings += check(entries, site_pages, redirect_maps(config), _display(args.manifest))
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} address(es) would break for readers", file=sys.stderr)
        return 1
    print(f"{_display(args.manifest)}: all {len(entries)} addresses still work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
