"""Front matter of the guide's Markdown pages: read it, and write it for generated pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import yaml
from mkdocs.utils.meta import get_data

REVIEW_FIELDS = ("reviewed", "next_review")


def split(markdown: str) -> tuple[dict, str]:
    """(front matter as a dict, the Markdown after it), read exactly as MkDocs reads it.

    ({}, markdown) when there is none, or when it is not valid YAML (citecheck reports
    that as CL012).
    """
    body, meta = get_data(markdown)
    return meta, body


def as_date(value: object) -> dt.date | None:
    """A front matter date (YAML gives a date for 2026-11-26; accept the string too)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def long_date(date: dt.date) -> str:
    """3 December 2026, as every page shows its review date."""
    return f"{date.day} {date.strftime('%B')} {date.year}"


def review_window(metas: Iterable[dict]) -> dict[str, dt.date]:
    """Review dates for a page built from others: the latest review, the earliest next review."""
    metas = list(metas)
    reviewed = [d for m in metas if (d := as_date(m.get("reviewed")))]
    due = [d for m in metas if (d := as_date(m.get("next_review")))]
    window = {}
    if reviewed:
        window["reviewed"] = max(reviewed)
    if due:
        window["next_review"] = min(due)
    return window


def render(meta: dict) -> str:
    """A front matter block for a generated page."""
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"
