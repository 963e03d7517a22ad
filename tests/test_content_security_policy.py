"""The browser keeps the privacy promise: every page carries a Content-Security-Policy, and
nothing the guide does breaks it, online or in the offline copy.

The sweep (page_sweep.py) records every violation while it has each page open, in every
frame. What the sweep cannot do is here: following links under instant navigation (the
first page's policy stays in force for every page reached from it) and searching. The
offline copy's sweep and search are in test_privacy.py and test_trainer_tools_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, Build
from page_sweep import REPORT_VIOLATIONS, Sweep, Visit, recording_violations
from site_pages import goto, reader_pages, site_base_path

from practice_led import csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HASH = re.compile(r" 'sha256-[A-Za-z0-9+/=]+'")
FIX = ("A page asked for something the policy refuses (scripts/practice_led/csp.py): serve the file "
       "from the guide itself, move an inline script into overrides/assets/javascripts/, or, for a "
       "new kind of source the guide truly needs, change the policy and say why on docs/about/privacy.md.")


def refusals(visits: list[Visit]) -> list[str]:
    return [line for v in visits for line in v.refused]


def policies(build: Build) -> dict[str, list[str]]:
    """Each page's policies, by its path in the build."""
    return {p.relative_to(build.site).as_posix(): META.findall(p.read_text(encoding="utf-8"))
            for p in build.pages()}


# --- Every page carries one policy, the same everywhere, before any script --------------

@pytest.mark.parametrize("which", ["guide", "offline_guide"])
def test_every_page_carries_the_same_policy_before_any_script(which: str, request) -> None:
    build: Build = request.getfixturevalue(which)
    assert build.returncode == 0, build.output
    found = policies(build)
    assert len(found) > 50, sorted(found)
    assert [page for page, policy in found.items() if len(policy) != 1] == [], "pages without exactly one policy"
    assert len({policy[0] for policy in found.values()}) == 1, "pages with a policy of their own"
    late = []
    for page in build.pages():
        html = page.read_text(encoding="utf-8")
        first_script = html.find("<script")
        if first_script != -1 and html.index('http-equiv="Content-Security-Policy"') > first_script:
            late.append(page.relative_to(build.site).as_posix())
    assert late == [], "pages with a script before the policy (the policy does not cover it)"


@pytest.mark.parametrize("which", ["guide", "offline_guide"])
def test_inline_scripts_are_allowed_only_by_hash(which: str, request) -> None:
    (policy,) = next(iter(policies(request.getfixturevalue(which)).values()))
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert "'unsafe-inline'" not in script_src and HASH.search(script_src), script_src


def test_the_regression_pages_carry_the_guides_policy(guide: Build) -> None:
    """The fixture pages test the policy the guide publishes, not one of their own."""
    (policy,) = next(iter(policies(guide).values()))
    for page in ["clean", "foreign-script", "inline-script"]:
        html = (FIXTURES / "regressions" / page / "index.html").read_text(encoding="utf-8")
        assert META.findall(html) == [HASH.sub("", policy)], page


def test_scripts_in_a_pages_content_are_never_hashed() -> None:
    theme = '<head><meta charset="utf-8"><script>var theme=1</script></head>'
    content = '<p>Text</p><script>send(localStorage)</script><script type="application/json">{}</script>'
    page = theme + f"<body><article>{content}</article><script src='x.js'></script></body>"
    assert csp.site_hashes([(page, content)]) == [csp.script_hash("var theme=1")]
    with_policy = csp.with_policy(page, csp.policy(csp.site_hashes([(page, content)])))
    assert with_policy.index("Content-Security-Policy") < with_policy.index("<script")


# --- The browser: nothing the guide does breaks the policy ------------------------------

def test_no_page_breaks_the_policy(sweep: Sweep) -> None:
    assert sweep.visits
    found = refusals(sweep.visits)
    if found:
        pytest.fail(f"{len(found)} refused by the Content-Security-Policy:\n" + "\n".join(found) + "\n" + FIX,
                    pytrace=False)


# Material follows a link by instant navigation only if the sitemap lists it, and it matches
# the sitemap's addresses (site_url's) by scheme and host but not port: so this test opens
# the guide at its published path on a default port, answered from the build by the browser.
INSTANT_HOST = "http://guide.test"


def test_instant_navigation_reaches_every_page_under_the_first_pages_policy(browser, guide: Build) -> None:
    """Every page, reached by a followed link from the home page, in one document."""
    assert guide.returncode == 0, guide.output
    base = INSTANT_HOST + site_base_path()
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    context.route(base + "**", lambda route: route.fulfill(path=built_file(guide.site, route.request.url[len(base):])))
    page = context.new_page()
    with recording_violations(page) as refused:
        page.goto(base)
        page.wait_for_load_state("networkidle")  # the sitemap, which instant navigation needs
        page.evaluate("window.plFirstDocument = true")
        reloaded = []
        for path in reader_pages(guide.site):
            if path in ("", "404.html"):
                continue
            page.evaluate("""href => { const link = document.createElement("a");
                link.href = href; document.body.append(link); link.click(); link.remove() }""", base + path)
            page.wait_for_url(base + path)
            page.wait_for_function("path => document.querySelector('.md-content h1') !== null"
                                   " && document.title !== ''", arg=path)
            if not page.evaluate("window.plFirstDocument === true"):
                reloaded.append(path)
                page.evaluate("window.plFirstDocument = true")
    context.close()
    assert reloaded == [], "pages opened with a full load, not by instant navigation"
    assert refused == [], "\n".join(refused) + "\n" + FIX


def built_file(site: Path, path: str) -> str:
    path = path.split("?")[0].split("#")[0]
    return str(site / (path + "index.html" if path == "" or path.endswith("/") else path))


def test_search_finds_results_under_the_policy(browser, guide_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    with recording_violations(page) as refused:
        goto(page, guide_url, "checklists/")
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially("tokenism", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        found = page.locator(".md-search-result__item").count()
    context.close()
    assert found > 0
    assert refused == [], "\n".join(refused) + "\n" + FIX


# --- The check catches a regression -------------------------------------------------

def test_a_script_from_another_host_is_refused_and_named(regression_sweep: Sweep) -> None:
    (visit,) = [v for v in regression_sweep.visits if v.path == "foreign-script/"]
    assert any(line.startswith(
        "/foreign-script/ (phone): Content-Security-Policy refused: script-src-elem http://127.0.0.2:9/tracker.js"
    ) for line in refusals([visit])), visit.refused


def test_an_inline_script_is_refused_and_named(regression_sweep: Sweep) -> None:
    (visit,) = [v for v in regression_sweep.visits if v.path == "inline-script/"]
    assert any(line.startswith("/inline-script/ (phone): Content-Security-Policy refused: script-src-elem inline")
               for line in refusals([visit])), visit.refused
    assert not [url for url in visit.requests if "127.0.0.2" in url], "the inline script ran"


def test_the_clean_fixture_page_breaks_no_policy(regression_sweep: Sweep) -> None:
    (visit,) = [v for v in regression_sweep.visits if v.path == "clean/"]
    assert visit.requests and refusals([visit]) == []
