"""The contributors record: read CONTRIBUTORS.yml, check it, render it as Markdown.

The file is a YAML list; each entry has a name, a role and what they contributed,
and may give a GitHub username. Every mistake is reported as one line,
`path:line: what is wrong and how to fix it`, so the build can stop with a message
a contributor can act on.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

MARKER = "<!-- contributors -->"  # where the Contributors page lists them
REQUIRED = ("name", "role", "contributed")
OPTIONAL = ("github",)
GITHUB_USERNAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")


class ContributorsError(Exception):
    """One or more problems in the contributors file, one `path:line: message` per line."""


@dataclass(frozen=True)
class Contributor:
    name: str
    role: str
    contributed: str
    github: str = ""


def _scalar(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
        return node.value.strip()
    return None


def _check_entry(node: yaml.Node, where: str) -> tuple[Contributor | None, list[str]]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        message = (
            f"{where}:{line}: each entry needs the lines 'name:', 'role:' and 'contributed:' "
            "(copy the entry at the top of the file)"
        )
        return None, [message]
    problems: list[str] = []
    fields: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node) or ""
        key_line = key_node.start_mark.line + 1
        if key not in REQUIRED + OPTIONAL:
            allowed = ", ".join(REQUIRED + OPTIONAL)
            problems.append(f"{where}:{key_line}: unknown field '{key}': use only {allowed}")
            continue
        value = _scalar(value_node)
        if not value:
            problems.append(
                f"{where}:{key_line}: '{key}' needs a line of text, for example '{key}: ...'"
            )
            continue
        fields[key] = value
    for key in REQUIRED:
        if key not in fields and not any(f"'{key}'" in p for p in problems):
            problems.append(
                f"{where}:{line}: this entry has no '{key}': add a line '{key}: ...' to it"
            )
    github = fields.get("github", "")
    if github and not GITHUB_USERNAME.match(github):
        problems.append(
            f"{where}:{line}: '{github}' is not a GitHub username: "
            "give the name alone, without @ or a URL"
        )
    if problems:
        return None, problems
    return Contributor(fields["name"], fields["role"], fields["contributed"], github), []


def parse(text: str, where: str) -> list[Contributor]:
    """The contributors in `text` (the contents of the file named `where`), in file order.

    Raises ContributorsError naming every problem with its line.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise ContributorsError(
            f"{where}:{line}: not valid YAML ({error.problem or error.context}): "
            "check the indentation and quote any text that contains a colon"
        ) from None
    if root is None or not isinstance(root, yaml.SequenceNode) or not root.value:
        line = root.start_mark.line + 1 if root is not None else 1
        raise ContributorsError(
            f"{where}:{line}: the file must be a list of entries, each starting with '- name: '"
        )
    contributors: list[Contributor] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for node in root.value:
        contributor, found = _check_entry(node, where)
        problems += found
        if contributor is None:
            continue
        line = node.start_mark.line + 1
        key = contributor.name.casefold()
        if key in seen:
            problems.append(
                f"{where}:{line}: '{contributor.name}' is already listed at line {seen[key]}: "
                "add to that entry instead"
            )
            continue
        seen[key] = line
        contributors.append(contributor)
    if problems:
        raise ContributorsError("\n".join(problems))
    return contributors


def load(path: Path, where: str | None = None) -> list[Contributor]:
    """Read and check the contributors file; `where` is the name used in messages."""
    where = where or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContributorsError(f"{where}:1: the contributors file is missing: create it") from None
    except UnicodeDecodeError:
        raise ContributorsError(
            f"{where}:1: the file is not UTF-8 text: save it as UTF-8"
        ) from None
    return parse(text, where)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")


def _text(value: str) -> str:
    """Plain text made safe for Markdown: no HTML, no emphasis, no links or citations."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def markdown(contributors: list[Contributor]) -> str:
    """A tight list, one per contributor: name (linked to GitHub if given), role, contribution."""
    lines = []
    for person in contributors:
        name = f"**{_text(person.name)}**"
        if person.github:
            name = f"[{name}](https://github.com/{person.github})"
        lines.append(f"- {name} ({_text(person.role)}): {_text(person.contributed)}")
    return "\n".join(lines) + "\n"
