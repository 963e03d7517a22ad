"""The three output formats: text (one line a finding), GitHub workflow annotations, JSON."""

from __future__ import annotations

import json

from .enums import Severity, StrEnum
from .evidence import evidence
from .model import Report


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def format_text(report: Report, quiet: bool = False) -> str:
    lines = [] if quiet else [f.text() for f in report.findings]
    return "\n".join([*lines, report.summary()])


def format_github(report: Report, quiet: bool = False) -> str:
    lines = []
    for f in [] if quiet else report.findings:
        kind = "error" if f.severity == Severity.ERROR else "warning"
        props = (
            f"file={_github_property(f.path)},line={f.line},col={f.col},"
            f"title={_github_property(f'{f.code}/{f.name}')}"
        )
        lines.append(f"::{kind} {props}::{_github_data(f.message)}")
    return "\n".join([*lines, report.summary()])


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_json(report: Report) -> str:
    document = {
        "version": 1,
        "summary": {
            "text": report.summary(),
            "problems": len(report.problems),
            "warnings": len(report.warnings),
            "exit_code": report.exit_code,
            "checklists": len(report.checklists),
            "items": sum(len(p.items) for p in report.checklists),
            "references": len(report.bibliography.entries),
        },
        "errors": report.input_errors,
        "findings": [f.as_dict() for f in report.findings],
        "evidence": evidence(report),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def formatted(report: Report, output: Format, quiet: bool = False) -> str:
    if output is Format.JSON:
        return format_json(report)
    if output is Format.GITHUB:
        return format_github(report, quiet)
    return format_text(report, quiet)
