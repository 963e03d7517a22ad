"""The reference for the whole guide, made from CITATION.cff, so the two cannot drift.

A page that holds `<!-- cite the guide -->` gets, in its place, the guide's Harvard
reference and BibTeX entry with their copy buttons (overrides/partials/cite-guide.html,
the same block as "Cite this page"). Authors, title, address, version and release date
come from CITATION.cff. Until a release sets `version` and `date-released`, the
reference is dated by the guide's latest page review, and says so.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

import yaml

from practice_led import front_matter

MARKER = "<!-- cite the guide -->"
KEY = "practiceled-guide"


class CitationFileError(Exception):
    """CITATION.cff cannot give the reference: the message names the file and the fix."""


@dataclass(frozen=True)
class GuideCitation:
    authors: tuple[dict, ...]  # CITATION.cff's authors: persons (family-names, given-names) or entities (name)
    title: str
    url: str
    version: str | None = None
    released: dt.date | None = None


def load(path: Path, shown: str = "CITATION.cff") -> GuideCitation:
    """Read the citation file; a missing field is one line naming it and the fix."""
    try:
        cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CitationFileError(f"{shown}: cannot be read ({error.strerror}): the guide's reference is made from it") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise CitationFileError(f"{shown}{where}: not valid YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(cff, dict):
        raise CitationFileError(f"{shown}: not a citation file: write it as `key: value` lines (cff-version 1.2.0)")
    authors = cff.get("authors")
    if not isinstance(authors, list) or not authors or not all(
            isinstance(a, dict) and (a.get("name") or a.get("family-names")) for a in authors):
        raise CitationFileError(f"{shown}: `authors` must list each author with `name` or `family-names`")
    for field in ("title", "url"):
        if not isinstance(cff.get(field), str) or not cff[field].strip():
            raise CitationFileError(f"{shown}: add `{field}:`, which the guide's reference gives")
    released = cff.get("date-released")
    if released is not None and front_matter.as_date(released) is None:
        raise CitationFileError(f"{shown}: write `date-released` as YYYY-MM-DD, not {released!r}")
    version = cff.get("version")
    return GuideCitation(tuple(authors), cff["title"].strip(), cff["url"].strip(),
                         str(version) if version is not None else None, front_matter.as_date(released))


def _person(author: dict, initials: bool) -> str:
    if author.get("name"):
        return str(author["name"])
    family, given = str(author["family-names"]), str(author.get("given-names") or "")
    if not given:
        return family
    if initials:
        return f"{family}, " + " ".join(f"{part[0]}." for part in given.split())
    return f"{family}, {given}"


def harvard_authors(citation: GuideCitation) -> str:
    names = [_person(a, initials=True) for a in citation.authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def bibtex_authors(citation: GuideCitation) -> str:
    """Persons as 'Family, Given'; an organisation in braces, so BibTeX keeps it whole."""
    return " and ".join(
        "{" + str(a["name"]) + "}" if a.get("name") else _person(a, initials=False) for a in citation.authors)


def dated(citation: GuideCitation, latest_review: dt.date | None) -> dt.date | None:
    """The date the reference gives: the release's, or before one the latest page review."""
    return citation.released or latest_review


def harvard(citation: GuideCitation, latest_review: dt.date | None) -> str:
    """Cite Them Right's form for a website, with the version once there is one."""
    date = dated(citation, latest_review)
    year = str(date.year) if date else "no date"
    version = f", version {html.escape(citation.version)}" if citation.version else ""
    return (f"{html.escape(harvard_authors(citation))} ({year}) <em>{html.escape(citation.title)}</em>{version}. "
            f"Available at: {html.escape(citation.url)} (Accessed: [date]).")


def bibtex(citation: GuideCitation, latest_review: dt.date | None) -> str:
    date = dated(citation, latest_review)
    fields = [("author", bibtex_authors(citation)), ("title", citation.title)]
    if date:
        fields += [("year", str(date.year)), ("date", date.isoformat())]
    if citation.version:
        fields.append(("version", citation.version))
    fields += [("url", citation.url), ("urldate", "YYYY-MM-DD")]
    lines = [f"  {name:<12} = {{{html.escape(value, quote=False)}}}" for name, value in fields]
    return f"@misc{{{KEY},\n" + ",\n".join(lines) + "\n}"


def date_note(citation: GuideCitation, latest_review: dt.date | None) -> str:
    """Which date the reference uses, and why."""
    if citation.released:
        version = f"version {citation.version}" if citation.version else "the latest release"
        return f"This reference is to {html.escape(version)}, released on {front_matter.long_date(citation.released)}."
    if latest_review:
        return ("No version of the guide has been released yet, so this reference is dated by the guide's "
                f"latest review of any page, on {front_matter.long_date(latest_review)}.")
    return "No version of the guide has been released yet, and no page gives a review date."
