"""A newcomer's first pull request, replayed on a copy of the project: add an item and its basis
as the walk-through says, make each mistake a newcomer makes, read the one line `make check`
gives for it, put it right, list the address with `make urls`, and end with `make test-content`
green. (`make test` itself is proven by CI, not run inside itself.)"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from contributor_docs import CHECKLIST, shown_basis, shown_example
from newcomer import add_item, item_id, replace_in, replace_on_line
from working_copy import run, workspace

BIB = "bibliography/references.bib"
PAGE_ADDRESS = "/checklists/tokenism-review/"


@contextlib.contextmanager
def mistake(*paths: Path) -> Iterator[None]:
    """Make a mistake in the files given, and put them back as they were afterwards."""
    saved = {path: path.read_bytes() for path in paths}
    try:
        yield
    finally:
        for path, data in saved.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def check(guide: Path) -> tuple[int, list[str]]:
    """`make check` as a contributor runs it: its status and its problem lines."""
    result = run("make check", guide)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    return result.returncode, lines


def only(lines: list[str], code: str) -> str:
    found = [line for line in lines if f" {code}/" in line]
    assert len(found) == 1, f"one {code} line expected:\n" + "\n".join(lines)
    return found[0]


@pytest.mark.slow
def test_a_newcomer_gets_one_clear_line_for_each_mistake_and_ends_green(tmp_path: Path) -> None:
    item, _ = shown_example()
    guide = workspace(tmp_path)
    page, bib = guide / CHECKLIST, guide / BIB
    line = add_item(page, item, shown_basis())
    assert check(guide) == (0, []), "the walk-through's item and basis pass make check"

    reviewed = re.search(r"^reviewed: (\d{4})-(\d\d)-(\d\d)$", page.read_text(encoding="utf-8"), re.M)
    with mistake(page):  # the date as many write it
        year, month, day = reviewed.groups()
        replace_in(page, reviewed.group(0), f"reviewed: {day}/{month}/{year}")
        status, lines = check(guide)
        assert status != 0 and lines == [
            f"{CHECKLIST}:4:1: FM002/bad-date reviewed is '{day}/{month}/{year}', not a date written "
            "year-month-day: write it as 2026-11-26 (ISO 8601)"
        ]

    with mistake(page):  # a hyphen for the underscore: one line, with the name meant
        replace_in(page, "next_review:", "next-review:")
        _, lines = check(guide)
        assert lines == [
            f"{CHECKLIST}:5:1: FM003/unknown-name 'next-review' is not a front matter name the "
            "guide uses, so it is ignored (did you mean 'next_review'?)"
        ]

    with mistake(page):
        due = re.search(r"^next_review: .*$", page.read_text(encoding="utf-8"), re.M).group(0)
        replace_in(page, due, "next_review: 2026-01-01")
        _, lines = check(guide)
        assert [line.split(" ")[1] for line in lines] == ["FM004/review-order"]

    with mistake(bib):  # a new entry added at the end of the file
        text = bib.read_text(encoding="utf-8")
        first = re.search(r"@book\{aldgate2007enhancing,.*?\n\}\n\n", text, re.DOTALL).group(0)
        bib.write_text(text.replace(first, "") + "\n" + first, encoding="utf-8")
        _, lines = check(guide)
        assert "so move it up to just above 'beresford2003involving' (line 1)" in only(lines, "BIB007")

    with mistake(bib):  # an entry without citedin
        text = bib.read_text(encoding="utf-8")
        entry = re.search(r"@book\{brody1993effectively,.*?\n\}", text, re.DOTALL).group(0)
        bib.write_text(text.replace(entry, entry.replace(",\n  citedin    = {seden2008innovation}", "")),
                       encoding="utf-8")
        _, lines = check(guide)
        assert only(lines, "BIB008").startswith(f"{BIB}:")
        assert "add citedin = {seden2008innovation}" in only(lines, "BIB008")

    with mistake(page):  # a link to another page, misspelt
        replace_in(page, "](../participation/rhetoric-and-reality.md)", "](../participation/rhetoric-and-realty.md)")
        _, lines = check(guide)
        assert re.match(rf"^{CHECKLIST}:\d+:\d+: LNK001/broken-link .*"
                        r"\(did you mean '\.\./participation/rhetoric-and-reality\.md'\?\)$", only(lines, "LNK001"))

    with mistake(page):  # an id on another page, misspelt
        replace_in(page, "](../participation/rhetoric-and-reality.md)",
                   "](../participation/rhetoric-and-reality.md#rr-asking-not-involving)")
        _, lines = check(guide)
        assert "(did you mean 'rr-asking-is-not-involving'?)" in only(lines, "LNK002")

    removed = guide / "docs/checklists/before-joining-a-board.md"
    with mistake(removed):  # a checklist page removed: one line for the page, not one per item
        removed.unlink()
        _, lines = check(guide)
        gone = only(lines, "PUB001")
        assert gone.startswith("urls.txt:") and "/checklists/before-joining-a-board/" in gone
        assert "'checklists/before-joining-a-board.md': 'new/place.md'" in gone

    with mistake(page):  # the new id clashes with a published one: the new one is named
        replace_on_line(page, line + 1, f"#{item_id(item)}", "#src-what-it-is")
        _, lines = check(guide)
        assert only(lines, "CL004").startswith(f"{CHECKLIST}:{line + 1}:5: CL004/duplicate-id id "
                                               "'src-what-it-is' is already published at "
                                               "docs/reference/about-the-source.md:")

    urls = run("make urls", guide, timeout=600)
    assert urls.returncode == 0, urls.stdout[-3000:] + urls.stderr[-3000:]
    listed = f"{PAGE_ADDRESS}#{item_id(item)} unreleased"
    assert listed in (guide / "urls.txt").read_text(encoding="utf-8").splitlines()

    # Renaming one's own item before a release: make check says to drop the old line, and
    # make urls does it.
    renamed = "tk-learn-from-local-projects"
    replace_in(page, f"  {{ #{item_id(item)} }}", f"  {{ #{renamed} }}")
    replace_in(page, f"  {item_id(item)}:", f"  {renamed}:")
    _, lines = check(guide)
    assert lines == [line for line in lines if " PUB002/id-gone " in line]
    assert "never published" in only(lines, "PUB002") and "`make urls` does it" in only(lines, "PUB002")
    urls = run("make urls", guide, timeout=600)
    assert urls.returncode == 0, urls.stdout[-3000:] + urls.stderr[-3000:]
    assert f"removed {PAGE_ADDRESS}#{item_id(item)}: it was never published" in urls.stdout
    manifest = (guide / "urls.txt").read_text(encoding="utf-8").splitlines()
    assert listed not in manifest and f"{PAGE_ADDRESS}#{renamed} unreleased" in manifest
    assert check(guide) == (0, [])

    shutil.rmtree(guide / "site", ignore_errors=True)
    fast = run("make test-content", guide, timeout=600)
    assert fast.returncode == 0, fast.stdout[-5000:] + fast.stderr[-3000:]
