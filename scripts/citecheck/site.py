"""What the guide's own files say about its addresses.

urls.txt lists every address readers may have been given: a page ("/checklists/boards/") or a
place on one ("/checklists/boards/#bd-training"), one a line, each with the release it first
appeared in. An address added since the last release is marked `unreleased`: it is not
published yet, so the change that added it may still rename or remove it. An address with no
release written was listed before releases were recorded, and is published.

mkdocs.yml gives the redirects (mkdocs-redirects' redirect_maps) and the pages the build makes
itself (the practice-led plugin's options), which have no file in docs/.

Read by the checks (rules/published.py) and by scripts/tools/url_manifest.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

MANIFEST = "urls.txt"
CONFIG = "mkdocs.yml"
UNRELEASED = "unreleased"
RELEASE_RE = re.compile(rf"^(?:{UNRELEASED}|\d+\.\d+\.\d+)$")


@dataclass(frozen=True)
class Address:
    """One line of urls.txt."""

    page: str  # "/checklists/access-and-support/"
    anchor: str | None  # "as-holistic-strategy", or None for the page itself
    line: int = 0
    release: str = ""  # "0.2.0", "unreleased", or "" (listed before releases were recorded)

    @property
    def text(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")

    @property
    def published(self) -> bool:
        return self.release != UNRELEASED

    def line_text(self) -> str:
        return f"{self.text} {self.release}" if self.release else self.text


def parse_entry(text: str, line: int = 0) -> Address | None:
    """One urls.txt line ("address" or "address release"); None when it is not one."""
    parts = text.split()
    if not 1 <= len(parts) <= 2 or (len(parts) == 2 and not RELEASE_RE.match(parts[1])):
        return None
    page, hash_, anchor = parts[0].partition("#")
    if not page.startswith("/") or (hash_ and not anchor):
        return None
    return Address(page, anchor or None, line, parts[1] if len(parts) == 2 else "")


def parse_manifest(text: str) -> tuple[list[Address], list[tuple[int, str]]]:
    """The addresses of a urls.txt, and (line, text) of each line that is not one."""
    addresses, bad = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        address = parse_entry(stripped, number)
        if address is None:
            bad.append((number, stripped))
        else:
            addresses.append(address)
    return addresses, bad


def page_address(src_uri: str) -> str:
    """The address MkDocs gives a Markdown file (directory URLs): a/b.md is /a/b/."""
    stem = src_uri.lstrip("/").removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return "/" + stem[: -len("index")]
    return f"/{stem}/"


class ConfigError(Exception):
    """mkdocs.yml cannot be read."""


def load_config(config: Path) -> dict:
    """mkdocs.yml as plain data without running its tags (!ENV, !!python/name:...), following
    INHERIT to the parent configuration."""
    import yaml

    class Lenient(yaml.SafeLoader):
        pass

    Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=Lenient) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{config}: cannot read the configuration ({error})") from error
    parent = data.get("INHERIT")
    if parent:
        base = load_config(config.parent / parent)
        base.update(data)
        data = base
    return data


def _plugin(config: dict, name: str) -> dict:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] or {}
    return {}


def redirect_maps(config: dict) -> dict[str, str]:
    """mkdocs-redirects' redirect_maps ('old.md' -> 'new.md' or a URL)."""
    return dict(_plugin(config, "redirects").get("redirect_maps") or {})


def redirect_target(address: str, maps: dict[str, str]) -> str | None:
    """Where redirect_maps sends a page address: a site path, an external URL, or None."""
    target = {page_address(old): new for old, new in maps.items()}.get(address)
    if target is None or urlparse(target).scheme:
        return target
    return page_address(target.partition("#")[0])


def generated_addresses(config: dict) -> tuple[set[str], tuple[str, ...]]:
    """Addresses of pages the practice-led plugin makes (no file in docs/), and the prefixes
    of those it makes per section (the print versions)."""
    options = _plugin(config, "practice-led")
    pages = {page_address(v) for v in options.values() if isinstance(v, str) and v.endswith(".md")}
    return pages, ("/print/",) if options.get("print_sections") else ()


@dataclass
class Site:
    """The guide's addresses as urls.txt lists them, and what mkdocs.yml says about pages."""

    manifest: str = MANIFEST  # as messages show it
    addresses: list[Address] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)
    generated: set[str] = field(default_factory=set)
    generated_prefixes: tuple[str, ...] = ()

    def is_generated(self, address: str) -> bool:
        return address in self.generated or address.startswith(self.generated_prefixes)

    @property
    def published_ids(self) -> dict[str, set[str]]:
        """The published anchors of each page address."""
        found: dict[str, set[str]] = {}
        for address in self.addresses:
            if address.anchor and address.published:
                found.setdefault(address.page, set()).add(address.anchor)
        return found


def load_site(root: Path) -> Site | None:
    """The guide's site files under root; None when there is no mkdocs.yml (loose Markdown,
    not the guide) or it cannot be read (the build reports that)."""
    try:
        config = load_config(root / CONFIG)
    except ConfigError:
        return None
    try:
        addresses, _ = parse_manifest((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        addresses = []  # no list yet: `make urls` makes one
    generated, prefixes = generated_addresses(config)
    return Site(MANIFEST, addresses, redirect_maps(config), generated, prefixes)
