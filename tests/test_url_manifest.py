"""Links trainers rely on keep working: the URL manifest (urls.txt) and its check."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, Build

import url_manifest as um

MANIFEST = ROOT / "urls.txt"


def write_site(root: Path, pages: dict[str, str]) -> Path:
    """A built site from {address: body HTML}; '/' is the home page."""
    for address, body in {"/": "<h1 id='home'>Home</h1>", **pages}.items():
        target = root / address.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    return root


def stub(target: str) -> str:
    """The page mkdocs-redirects writes for a moved page."""
    return f'<meta http-equiv="refresh" content="0; url={target}">'


def entries(*lines: str) -> list[um.Entry]:
    return [um.parse_entry(text, number) for number, text in enumerate(lines, start=1)]


def codes(findings: list[um.Finding]) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in findings]


CHECKLIST = '<h2 id="the-checklist">The checklist</h2><ul><li class="task-list-item" id="as-holistic-strategy">Plan</li></ul>'


# --- The check on small sites -----------------------------------------------------------

def test_every_listed_address_still_built_passes(tmp_path: Path) -> None:
    site = um.scan_site(write_site(tmp_path, {"/checklists/access/": CHECKLIST}))
    listed = entries("/", "/checklists/access/", "/checklists/access/#as-holistic-strategy",
                     "/checklists/access/#the-checklist")
    assert um.check(listed, site, {}) == []


def test_page_gone_without_redirect_fails_on_its_line_with_the_fix(tmp_path: Path) -> None:
    site = um.scan_site(write_site(tmp_path, {}))
    findings = um.check(entries("/", "/checklists/access/"), site, {})
    assert codes(findings) == [(2, "U01/page-gone")]
    message = str(findings[0])
    assert message.startswith("urls.txt:2:1: U01/page-gone /checklists/access/")
    assert "redirect_maps" in message and "'checklists/access.md'" in message
    assert "\n" not in message


def test_a_page_gone_is_one_line_however_many_of_its_ids_are_listed(tmp_path: Path) -> None:
    site = um.scan_site(write_site(tmp_path, {}))
    listed = entries("/", "/checklists/access/", "/checklists/access/#as-one", "/checklists/access/#as-two")
    findings = um.check(listed, site, {})
    assert codes(findings) == [(2, "U01/page-gone")]
    assert "(3 listed address(es))" in str(findings[0])


def test_redirect_in_mkdocs_yml_covers_a_page_that_moved(tmp_path: Path) -> None:
    site = um.scan_site(write_site(tmp_path, {"/checklists/access-and-support/": CHECKLIST}))
    maps = {"checklists/access.md": "checklists/access-and-support.md"}
    listed = entries("/checklists/access/", "/checklists/access/#as-holistic-strategy",
                     "/checklists/access/#as-gone")
    assert codes(um.check(listed, site, maps)) == [(3, "U02/anchor-gone")]


def test_redirect_page_covers_the_page_and_its_ids_must_be_at_the_target(tmp_path: Path) -> None:
    site = um.scan_site(write_site(tmp_path, {
        "/checklists/access-and-support/": CHECKLIST,
        "/checklists/access/": stub("../access-and-support/"),
    }))
    assert site["/checklists/access/"].redirect_to == "/checklists/access-and-support/"
    listed = entries("/checklists/access/", "/checklists/access/#as-holistic-strategy",
                     "/checklists/access/#as-training")
    findings = um.check(listed, site, {})
    assert codes(findings) == [(3, "U02/anchor-gone")]
    assert "redirects to /checklists/access-and-support/" in str(findings[0])


def test_redirect_to_another_site_cannot_be_followed_and_counts_as_covered(tmp_path: Path) -> None:
    site = um.scan_site(write_site(tmp_path, {}))
    maps = {"old.md": "https://example.org/elsewhere/"}
    assert um.check(entries("/old/", "/old/#point"), site, maps) == []


def test_anchor_gone_fails_until_an_alias_carries_the_old_id(tmp_path: Path) -> None:
    renamed = '<ul><li class="task-list-item" id="as-whole-service-strategy">Plan</li></ul>'
    site = um.scan_site(write_site(tmp_path / "a", {"/checklists/access/": renamed}))
    findings = um.check(entries("/checklists/access/#as-holistic-strategy"), site, {})
    assert codes(findings) == [(1, "U02/anchor-gone")]
    assert '<span id="as-holistic-strategy"></span>' in str(findings[0])

    alias = renamed.replace("Plan", '<span id="as-holistic-strategy"></span>Plan')
    site = um.scan_site(write_site(tmp_path / "b", {"/checklists/access/": alias}))
    assert um.check(entries("/checklists/access/#as-holistic-strategy"), site, {}) == []


def test_a_line_that_is_not_an_address_is_reported(tmp_path: Path) -> None:
    manifest = tmp_path / "urls.txt"
    manifest.write_text("# comment\n/\nchecklists/access/\n/a/#\n/b/ soon\n/c/ 0.2.0\n", encoding="utf-8")
    listed, findings = um.read_manifest(manifest)
    assert [e.text for e in listed] == ["/", "/c/"]
    assert codes(findings) == [(3, "U03/bad-entry"), (4, "U03/bad-entry"), (5, "U03/bad-entry")]


# --- update: new addresses in, nothing out ----------------------------------------------

def write_docs(root: Path, pages: dict[str, str]) -> Path:
    for src_uri, text in pages.items():
        (root / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (root / src_uri).write_text(text, encoding="utf-8")
    return root


def test_update_adds_pages_headings_and_hand_given_ids_and_keeps_old_lines(tmp_path: Path) -> None:
    body = (CHECKLIST + '<p id="fnref:key">1</p><h2 id="pl-point">Point</h2>'
            '<li id="fn:key">ref</li>')
    site = um.scan_site(write_site(tmp_path / "site", {"/checklists/access/": body}))
    docs = write_docs(tmp_path / "docs", {
        "index.md": "# Home\n",
        "checklists/access.md": "---\ntitle: Access\n---\n\n## Point { #pl-point }\n\n"
                                "- [ ] Plan [@key]\n  { #as-holistic-strategy }\n\n"
                                "`{ #not-an-id }`\n\n```\n{ #nor-this }\n```\n",
    })
    manifest = tmp_path / "urls.txt"
    manifest.write_text(um.render_manifest({"/retired-page/"}), encoding="utf-8")

    added = um.update(manifest, site, docs).added

    assert added == sorted([
        "/", "/checklists/access/", "/checklists/access/#as-holistic-strategy",
        "/checklists/access/#pl-point", "/checklists/access/#the-checklist",
    ])
    listed, _ = um.read_manifest(manifest)
    assert "/retired-page/" in [e.text for e in listed]  # never removed
    assert um.update(manifest, site, docs) == um.Changes([], [])  # a second run changes nothing


def test_update_lists_new_addresses_as_unreleased_and_drops_unreleased_ones_gone(tmp_path: Path) -> None:
    """A contributor's own new id is not published: renaming it before a release leaves no
    line behind, while a published line stays whatever happens."""
    site = um.scan_site(write_site(tmp_path / "site", {"/checklists/access/": CHECKLIST}))
    docs = write_docs(tmp_path / "docs", {
        "index.md": "# Home\n",
        "checklists/access.md": "- [ ] Plan [@key]\n  { #as-holistic-strategy }\n",
    })
    manifest = tmp_path / "urls.txt"
    manifest.write_text(um.render_manifest({"/": "", "/#old-published": "0.1.0",
                                            "/checklists/access/#as-renamed": "unreleased"}),
                        encoding="utf-8")

    changes = um.update(manifest, site, docs)

    assert changes.removed == ["/checklists/access/#as-renamed"]
    assert "/checklists/access/#as-holistic-strategy" in changes.added
    lines = manifest.read_text(encoding="utf-8").splitlines()
    assert "/checklists/access/#as-holistic-strategy unreleased" in lines
    assert "/#old-published 0.1.0" in lines and "/" in lines


def test_a_gone_address_never_published_is_to_be_removed_not_aliased(tmp_path: Path) -> None:
    site = um.scan_site(write_site(tmp_path, {"/checklists/access/": CHECKLIST}))
    listed = [um.parse_entry("/checklists/access/#as-renamed unreleased", 1),
              um.parse_entry("/checklists/new/ unreleased", 2)]
    findings = [str(f) for f in um.check(listed, site, {})]
    assert len(findings) == 2
    assert all("never published" in f and "make urls" in f and "alias" not in f for f in findings)


def test_release_stamps_every_unreleased_address_with_the_version(tmp_path: Path, capsys) -> None:
    manifest = tmp_path / "urls.txt"
    manifest.write_text(um.render_manifest({"/": "", "/a/": "0.1.0", "/b/": "unreleased"}), encoding="utf-8")
    assert um.main(["release", "0.2.0", "--manifest", str(manifest)]) == 0
    listed, findings = um.read_manifest(manifest)
    assert findings == []
    assert [(e.text, e.release) for e in listed] == [("/", ""), ("/a/", "0.1.0"), ("/b/", "0.2.0")]
    assert um.main(["release", "next", "--manifest", str(manifest)]) == 2
    assert "three numbers" in capsys.readouterr().err


def one_checklist_project(root: Path) -> tuple[Path, list[str]]:
    """A built site, its docs and mkdocs.yml, for the command line: (urls.txt, its arguments)."""
    site = write_site(root / "site", {"/checklists/access/": CHECKLIST})
    write_docs(root / "docs", {"checklists/access.md": "- [ ] Plan\n  { #as-holistic-strategy }\n"})
    config = root / "mkdocs.yml"
    config.write_text("site_name: x\ndocs_dir: docs\n", encoding="utf-8")
    manifest = root / "urls.txt"
    return manifest, ["--site", str(site), "--manifest", str(manifest), "--config", str(config)]


def test_check_names_addresses_the_build_has_that_urls_txt_lacks(tmp_path: Path, capsys) -> None:
    manifest, args = one_checklist_project(tmp_path)
    manifest.write_text("/\n", encoding="utf-8")
    assert um.main(["check", *args]) == 1
    (line,) = capsys.readouterr().out.strip().splitlines()
    assert " U04/unlisted " in line and "run `make urls` and commit urls.txt" in line


def test_explicit_ids_are_read_from_attr_lists_outside_code() -> None:
    markdown = "## A { #pl-a }\n\n- [ ] x\n  { #as-x .cls }\n\nSee `{ #in-code }`.\n\n~~~\n{ #fenced }\n~~~\n"
    assert um.explicit_ids(markdown) == {"pl-a", "as-x"}


def test_page_address_follows_mkdocs_directory_urls() -> None:
    assert um.page_address("index.md") == "/"
    assert um.page_address("checklists/index.md") == "/checklists/"
    assert um.page_address("checklists/access-and-support.md") == "/checklists/access-and-support/"


# --- The command line -----------------------------------------------------------------------

def test_cli_reports_each_problem_on_one_line_and_exits_1(tmp_path: Path, capsys) -> None:
    site = write_site(tmp_path / "site", {})
    manifest = tmp_path / "urls.txt"
    manifest.write_text("/\n/gone/\n/#missing\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - offline:\n      enabled: !ENV [OFFLINE, false]\n", encoding="utf-8")
    code = um.main(["check", "--site", str(site), "--manifest", str(manifest), "--config", str(config)])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 1
    assert [line.split(" ")[1] for line in out] == ["U01/page-gone", "U02/anchor-gone"]
    assert out[0].split(":")[1] == "2" and out[1].split(":")[1] == "3"


def test_cli_without_a_built_site_says_what_to_run_and_exits_2(tmp_path: Path, capsys) -> None:
    code = um.main(["check", "--site", str(tmp_path / "nothing"), "--manifest", str(MANIFEST)])
    err = capsys.readouterr().err
    assert code == 2
    assert "make build" in err and "Traceback" not in err


def test_cli_update_then_check_is_clean(tmp_path: Path, capsys) -> None:
    manifest, args = one_checklist_project(tmp_path)
    assert um.main(["update", *args]) == 0
    assert "/checklists/access/#as-holistic-strategy" in manifest.read_text(encoding="utf-8")
    assert um.main(["check", *args]) == 0


# --- A real build with mkdocs-redirects ----------------------------------------------------

def test_fixture_build_redirect_carries_old_page_addresses(trainers_site: Build) -> None:
    assert trainers_site.returncode == 0, trainers_site.output
    site = um.scan_site(trainers_site.site)
    maps = um.redirect_maps(um.load_config(ROOT / "tests" / "fixtures" / "trainers" / "mkdocs.yml"))
    assert maps == {"principles/old-alpha.md": "principles/alpha.md"}
    listed = entries("/principles/old-alpha/", "/principles/old-alpha/#pl-alpha-point",
                     "/principles/old-alpha/#pl-no-such-point")
    assert codes(um.check(listed, site, maps)) == [(3, "U02/anchor-gone")]


# --- The real guide ------------------------------------------------------------------------

def test_every_address_in_urls_txt_still_works_in_the_guide(guide: Build) -> None:
    assert guide.returncode == 0, guide.output
    listed, findings = um.read_manifest(MANIFEST)
    config = um.load_config(ROOT / "mkdocs.yml")
    findings += um.check(listed, um.scan_site(guide.site), um.redirect_maps(config))
    assert [str(f) for f in findings] == []
    assert any(e.anchor and e.anchor.startswith("pl-") for e in listed)


def test_urls_txt_lists_every_published_address(guide: Build) -> None:
    assert guide.returncode == 0, guide.output
    listed, _ = um.read_manifest(MANIFEST)
    missing = um.unlisted(listed, um.scan_site(guide.site), ROOT / "docs")
    if missing:  # what a content change causes: the message make urls' check gives, not a diff
        pytest.fail("\n".join(str(f) for f in um.unlisted_finding(missing)), pytrace=False)
