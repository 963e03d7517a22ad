"""The bibliography's README documents the entry types and rules the checker applies."""

from __future__ import annotations

import re

from conftest import ROOT
from content_check import content_problems, fail_with


def test_bibliography_readme_matches_the_bibliography_and_the_checker() -> None:
    import citecheck

    readme = (ROOT / "bibliography" / "README.md").read_text(encoding="utf-8")
    bib = (ROOT / "bibliography" / "references.bib").read_text(encoding="utf-8")
    entries = re.findall(r"^@(\w+)\{([\w-]+),", bib, re.MULTILINE)
    keys = [key for _, key in entries]
    fail_with(content_problems("BIB007", "BIB008"))  # sorted by key; where each was found
    # surname (or organisation), year (or nd), word; an Act: its short title run together
    key_form = re.compile(r"[a-z]+(\d{4}|nd)[a-z]+|[a-z]+\d{4}")
    assert all(key_form.fullmatch(key) for key in keys), "keys: surname, year, word"
    types = readme[readme.index("## Entry types") :]
    types = types[: types.index("\n## ", 1)]
    table = dict(re.findall(r"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|", types, re.MULTILINE))
    assert {kind for kind, _ in entries} <= set(table), "every entry type used is documented"
    for kind, needs in table.items():
        documented = {tuple(sorted(re.findall(r"`(\w+)`", part))) for part in needs.split(",")}
        if kind == "misc":
            assert documented == {(f,) for f in citecheck.CITED_ONLY_FIELDS}
        else:
            required = {tuple(sorted(f.split("|"))) for f in citecheck.REQUIRED_FIELDS[kind]}
            assert documented == required, kind
    provenances = re.findall(r"^\| `([\w-]+)` \| The ", readme, re.MULTILINE)
    assert tuple(provenances) == citecheck.PROVENANCES
