"""Addresses that must keep working: the URL manifest and its check.

urls.txt lists every page address and every permanent anchor (an id
written into the Markdown, such as a principle point `pl-...` or a checklist
item, and every h2-h4 heading), one per line, relative to the site root, each
with the release it first appeared in (citecheck/site.py reads the lines):

    /checklists/access-and-support/
    /checklists/access-and-support/#as-holistic-strategy 0.2.0
    /checklists/access-and-support/#as-new-item unreleased

A line with no release was listed before releases were recorded. `unreleased`
marks an address added since the last release: not yet published, so the
change that added it may still rename or remove it.

`check` compares the list with a built site: a published address that has gone
fails, unless a redirect (mkdocs-redirects' redirect_maps in mkdocs.yml) covers
the page, and an anchor that has gone fails unless an element still carries the
id (an alias); so does an address the build has that the list lacks. `update`
adds the new addresses of a build, marked unreleased, and removes unreleased
ones the build no longer has; it never removes a published one. `release`
writes a version in place of every `unreleased`.

    python scripts/tools/url_manifest.py check   [--site site] [--manifest urls.txt] [--config mkdocs.yml]
    python scripts/tools/url_manifest.py update  [--site site] [--manifest urls.txt] [--config mkdocs.yml]
    python scripts/tools/url_manifest.py release VERSION [--manifest urls.txt]

Exit status: 0 clean, 1 problems found, 2 usage or unreadable input.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from collections.abc import Iterable, Mapping
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # run as a script: citecheck is beside tools/

from citecheck.site import (  # noqa: E402
    RELEASE_RE,
    UNRELEASED,
    ConfigError,
    parse_manifest,
    redirect_maps,
    redirect_target,
)
from citecheck.site import Address as Entry  # noqa: E402,F401
from citecheck.site import load_config as _load_config  # noqa: E402
from citecheck.site import page_address, parse_entry  # noqa: E402,F401

HEADER = """\
# Practice-Led: every address readers may have been given, which must keep working.
# One entry a line, relative to the site root (site_url in mkdocs.yml): a page
# ("/checklists/access-and-support/") or a permanent anchor on it
# ("/checklists/access-and-support/#as-holistic-strategy"), then the release it
# first appeared in. No release: listed before releases were recorded.
# "unreleased": added since the last release, so not yet published.
# `make urls` adds new addresses as unreleased and removes unreleased ones that
# have gone. Never delete a published line: when a page moves, add a redirect in
# mkdocs.yml; when an id changes, keep the old id as an alias.
# See docs/about/contributing/adding-content.md, "Keeping addresses working".
"""
ATTR_LIST = re.compile(r"\{:?\s*([^}\n]*)\}")
FENCE = re.compile(r"^(\s*)(```|~~~).*?^\1\2[^\n]*$", re.DOTALL | re.MULTILINE)
LINKABLE_HEADINGS = {"h2", "h3", "h4"}
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(---|\.\.\.)\s*\n", re.DOTALL)


class ManifestError(Exception):
    """Input the command cannot read (exit status 2)."""


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

def read_manifest(path: Path) -> tuple[list[Entry], list[Finding]]:
    """Entries of the manifest, and a finding for each line that is not an address."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ManifestError(f"{path}: cannot read the URL manifest ({error.strerror}): run `make urls` to create it")
    entries, bad = parse_manifest(text)
    findings = [Finding(str(path), number, "U03/bad-entry",
                        f"'{line}' is not an address: write a site path such as /checklists/access-and-support/ "
                        "or /checklists/access-and-support/#as-holistic-strategy, then perhaps its release "
                        f"(0.2.0 or {UNRELEASED})")
                for number, line in bad]
    return entries, findings


def render_manifest(entries: Mapping[str, str] | Iterable[str]) -> str:
    """The manifest text: header, then pages in order, each followed by its anchors; entries
    maps each address to its release ("" when none is recorded)."""
    releases = dict(entries) if isinstance(entries, Mapping) else dict.fromkeys(entries, "")

    def key(text: str) -> tuple[str, int, str]:
        page, _, anchor = text.partition("#")
        return (page, 1 if anchor else 0, anchor)
    return HEADER + "".join(f"{text} {releases[text]}\n" if releases[text] else f"{text}\n"
                            for text in sorted(releases, key=key))


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

def load_config(config: Path) -> dict:
    """mkdocs.yml as plain data (citecheck.site reads it the same way for the checks)."""
    try:
        return _load_config(config)
    except ConfigError as error:
        raise ManifestError(str(error))


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

ALIAS_HELP = "add an alias where the content now is, e.g. <span id=\"{id}\"></span> (see docs/about/contributing/adding-content.md#content-addresses)"


def _source_hint(address: str) -> str:
    stem = address.strip("/") or "index"
    return f"{stem}.md" if address != "/" else "index.md"


NEVER_PUBLISHED = ("was added since the last release (marked unreleased), so it was never published: "
                   "remove its line; `make urls` does it")


def check(entries: list[Entry], site_pages: dict[str, Page], maps: dict[str, str],
          manifest: str = "urls.txt") -> list[Finding]:
    """Every listed address still works: the page is built or redirected, the id is there.
    One never published (unreleased) that has gone is to be removed, not kept working. A page
    gone is one line, however many of its ids are listed."""
    findings, gone = [], {}
    for entry in entries:
        page = site_pages.get(entry.page)
        target = page.redirect_to if page is not None else redirect_target(entry.page, maps)
        if page is None and target is None:
            gone.setdefault(entry.page, []).append(entry)
            continue
        if entry.anchor is None:
            continue
        landing = site_pages.get(target) if target is not None else page
        if landing is None or entry.anchor in landing.ids:
            continue  # external target, or the id came along with the page
        if not entry.published:
            findings.append(Finding(manifest, entry.line, "U02/anchor-gone", f"{entry.text} {NEVER_PUBLISHED}"))
        elif target is not None:
            findings.append(Finding(manifest, entry.line, "U02/anchor-gone",
                                    f"{entry.text} redirects to {target}, which has no id '{entry.anchor}': "
                                    + ALIAS_HELP.format(id=entry.anchor)))
        else:
            findings.append(Finding(manifest, entry.line, "U02/anchor-gone",
                                    f"{entry.text}: no element on {entry.page} has the id '{entry.anchor}' any more: "
                                    "keep the id, or " + ALIAS_HELP.format(id=entry.anchor)))
    for address, listed in gone.items():
        fix = NEVER_PUBLISHED.replace("its line", "its lines") if not any(e.published for e in listed) else (
            "is no longer published: restore the page, or add a redirect in mkdocs.yml under "
            f"plugins > redirects > redirect_maps, e.g. '{_source_hint(address)}': 'new/place.md'")
        findings.append(Finding(manifest, listed[0].line, "U01/page-gone",
                                f"{address} ({len(listed)} listed address(es)) {fix}"))
    return sorted(findings, key=lambda f: f.line)


def unlisted(entries: list[Entry], site_pages: dict[str, Page], docs: Path) -> set[str]:
    """Addresses the build publishes that the manifest does not list yet."""
    return published_addresses(site_pages, docs) - {entry.text for entry in entries}


def unlisted_finding(missing: set[str], manifest: str = "urls.txt") -> list[Finding]:
    """One line for the addresses the build has that the manifest lacks."""
    if not missing:
        return []
    shown = sorted(missing)
    more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
    return [Finding(manifest, 1, "U04/unlisted",
                    f"{len(shown)} new address(es) not in urls.txt yet ({', '.join(shown[:3])}{more}): "
                    "run `make urls` and commit urls.txt")]


@dataclass
class Changes:
    added: list[str]    # new addresses, listed as unreleased
    removed: list[str]  # unreleased addresses the build no longer has


def _readable(manifest: Path) -> list[Entry]:
    if not manifest.exists():
        return []
    entries, findings = read_manifest(manifest)
    if findings:
        raise ManifestError(str(findings[0]))
    return entries


def update(manifest: Path, site_pages: dict[str, Page], docs: Path) -> Changes:
    """Add every new address as unreleased, and remove the unreleased ones the build no longer
    has (never published, so nothing can link to them); a published line is never removed."""
    entries = _readable(manifest)
    built = published_addresses(site_pages, docs)
    removed = sorted(e.text for e in entries if not e.published and e.text not in built)
    releases = {e.text: e.release for e in entries if e.text not in removed}
    added = sorted(built - set(releases))
    releases.update(dict.fromkeys(added, UNRELEASED))
    manifest.write_text(render_manifest(releases), encoding="utf-8")
    return Changes(added, removed)


def release(manifest: Path, version: str) -> int:
    """Write the version in place of every `unreleased`: those addresses are now published."""
    if not RELEASE_RE.match(version) or version == UNRELEASED:
        raise ManifestError(f"'{version}' is not a version: give it as three numbers, such as 0.2.0")
    entries = _readable(manifest)
    releases = {e.text: version if not e.published else e.release for e in entries}
    manifest.write_text(render_manifest(releases), encoding="utf-8")
    return sum(1 for e in entries if not e.published)


# --- Command line -----------------------------------------------------------------------

def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Keep every published address of the guide working.")
    parser.add_argument("command", choices=["check", "update", "release"])
    parser.add_argument("version", nargs="?", help="release only: the version released, such as 0.2.0")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (default: site/)")
    parser.add_argument("--manifest", type=Path, default=ROOT / "urls.txt", help="default: urls.txt")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="default: mkdocs.yml")
    return parser.parse_args(argv)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _report_update(manifest: str, changes: Changes) -> None:
    print(f"{manifest}: {len(changes.added)} new address(es) added, marked unreleased")
    for text in changes.removed:
        print(f"{manifest}: removed {text}: it was never published (unreleased) and the guide no longer has it")


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    shown = _display(args.manifest)
    try:
        if args.command == "release":
            if not args.version:
                raise ManifestError("release needs the version released, such as: url_manifest.py release 0.2.0")
            count = release(args.manifest, args.version)
            print(f"{shown}: {count} unreleased address(es) now published in {args.version}")
            return 0
        config = load_config(args.config)
        site_pages = scan_site(args.site)
        docs = args.config.parent / config.get("docs_dir", "docs")
        if args.command == "update":
            _report_update(shown, update(args.manifest, site_pages, docs))
            return 0
        entries, findings = read_manifest(args.manifest)
    except ManifestError as error:
        print(error, file=sys.stderr)
        return 2
    findings += check(entries, site_pages, redirect_maps(config), shown)
    findings += unlisted_finding(unlisted(entries, site_pages, docs), shown)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} problem(s) with the addresses readers use", file=sys.stderr)
        return 1
    print(f"{shown}: all {len(entries)} addresses still work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
