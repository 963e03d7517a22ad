"""The rule registry agrees with the rules page (docs/about/contributing/checks.md) and with the
golden cases in tests/cases/: the same codes and names, a case for every rule, and no message
that nothing shows."""

from __future__ import annotations

import re

import yaml
from citecheck_cases import CASES, ROOT, case_names, citecheck

CHECKS_PAGE = ROOT / "docs" / "about" / "contributing" / "checks.md"
# A rule's section heading: "### CL001 uncited-item { #cl001 }" (the anchors are published).
RULE_HEADING = re.compile(r"^### ([A-Z]+\d{3}) ([a-z-]+) \{ #([a-z0-9-]+) \}$", re.MULTILINE)
REGISTRY = {(rule.code.value, rule.name) for rule in citecheck.RULES.values()}


def documented() -> list[tuple[str, str, str]]:
    return RULE_HEADING.findall(CHECKS_PAGE.read_text(encoding="utf-8"))


def test_the_rules_page_documents_every_rule_and_no_other() -> None:
    page = {(code, name) for code, name, _ in documented()}
    assert sorted(REGISTRY - page) == [], "in the registry, not on the rules page"
    assert sorted(page - REGISTRY) == [], "on the rules page, not in the registry"
    assert len(documented()) == len(page), "a rule documented twice"


def test_each_rule_keeps_its_published_anchor() -> None:
    assert all(anchor == code.lower() for code, _, anchor in documented())


def test_every_rule_has_a_golden_case_named_after_it() -> None:
    names = set(case_names())
    missing = [f"{code.lower()}-{name}" for code, name in sorted(REGISTRY)]
    assert [case for case in missing if case not in names] == []


def test_golden_cases_named_like_a_rule_name_a_real_one() -> None:
    named = {case for case in case_names() if re.match(r"[a-z]+\d{3}-", case)}
    assert named == {f"{code.lower()}-{name}" for code, name in REGISTRY}


def section(code: str) -> str:
    page = CHECKS_PAGE.read_text(encoding="utf-8")
    start = page.index(f"### {code} ")
    return page[start : page.find("\n### ", start + 1)]


def test_the_rules_page_states_the_limits_the_checker_applies() -> None:
    assert f"more than {citecheck.MAX_WORDS} words" in section("CL016")
    assert f"more than {citecheck.SHARED_LIMIT} items" in section("CL018")
    assert f"more than {citecheck.QUOTED_WORDS_BUDGET} distinct words" in section("CL019")


def test_registry_is_in_code_order_with_matching_keys() -> None:
    assert list(citecheck.RULES) == list(citecheck.Code)
    assert all(code is rule.code for code, rule in citecheck.RULES.items())


# Messages the golden cases do not show, produced here from the smallest input that gives them.
BLOCKED_ID = "- [ ] An item. [@seden2008innovation]\n  { #bl-item }\n  > A quote inside it.\n"
ENTRY_ERROR = "@book{a2001b,\n author = {A, B, C, D}}\n"


def shown_messages() -> list[str]:
    lines = [
        line
        for case in case_names()
        for run in yaml.safe_load((CASES / case / "expected.yaml").read_text(encoding="utf-8"))[
            "runs"
        ]
        for line in run["output"].splitlines()
    ]
    page = citecheck.parse_page(BLOCKED_ID, "docs/a.md", "a.md")
    bib = citecheck.parse_bibtex(ENTRY_ERROR, "refs.bib")
    return lines + [f.text() for f in citecheck.check([page], bib)]


def test_every_message_in_the_registry_is_shown_somewhere() -> None:
    shown = shown_messages()
    unshown = []
    for rule in citecheck.RULES.values():
        for situation, template in rule.messages.items():
            pattern = re.sub(r"\\\$\w+", ".*", re.escape(template))
            line = re.compile(rf": {rule.code}/{rule.name} {pattern}$")
            if not any(line.search(text) for text in shown):
                unshown.append(f"{rule.code} {situation}")
    assert unshown == []
