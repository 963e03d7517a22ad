"""Markdown scanning: what Python-Markdown, pymdown-extensions and mkdocs-bibtex do with the
guide's configuration (front matter, superfences, raw HTML and comments, indented code,
admonitions and details, blockquotes, tight and loose lists), with line and column kept. The
build checks after rendering that both agree on every page (contract.py)."""

from __future__ import annotations

from .page import parse_page

__all__ = ["parse_page"]
