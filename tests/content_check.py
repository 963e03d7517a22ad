"""What `make check` says about the guide, for tests a content change can fail: such a test
fails with the check's own lines (file, line, fix), not with an assertion diff."""

from __future__ import annotations

import pytest
from conftest import ROOT

import citecheck
from citecheck.site import load_site


def content_problems(*codes: str) -> list[str]:
    """make check's lines for the codes given (every code, when none is), over the whole guide."""
    report = citecheck.run(
        [ROOT / citecheck.DEFAULT_DOCS], [ROOT / citecheck.DEFAULT_BIB], root=ROOT, site=load_site(ROOT)
    )
    return [finding.text() for finding in report.problems if not codes or finding.code in codes]


def fail_with(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join([*problems, "(make check gives these lines too)"]), pytrace=False)
