"""The Bibliography page: every reference, sorted by author, each with an anchor and its provenance.

mkdocs-bibtex's own full bibliography keeps file order and adds back-links that point
nowhere; this renders each entry with the same CSL style instead, gives it a stable
anchor (#ref-<key>) and says how far its details were checked.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs_bibtex.citation import Citation, CitationBlock

MARKER = "<!-- references -->"
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]*\]")
PROVENANCE_LABELS = {
    "checked": "details checked",
    "paper": "details as the paper gives them",
    "cited-only": "cited in the paper, missing from its list",
    "at-source": "read at its source",
}


def sort_key(reference_text: str) -> str:
    """Alphabetical by the rendered text, ignoring Markdown emphasis and case."""
    return re.sub(r"[*_]", "", reference_text).casefold()


def bibliography_markdown(entries: dict[str, tuple[str, str]]) -> str:
    """A tight list of references, each with an anchor and its provenance label.

    entries maps a key to (rendered reference, provenance label).
    """
    lines = []
    for key, (text, label) in sorted(entries.items(), key=lambda kv: sort_key(kv[1][0])):
        lines.append(f'- {text} <span class="provenance">({label})</span>\n  {{ #ref-{key} }}')
    return "\n".join(lines) + "\n"


def fill(markdown: str, registry: Any) -> str:
    """The page's marker replaced by every reference in mkdocs-bibtex's registry."""
    keys = list(registry.bib_data.entries)
    blocks = {k: CitationBlock(citations=[Citation(key=k)]) for k in keys}
    registry.validate_citation_blocks(list(blocks.values()))

    def label(key: str) -> str:
        fields = registry.bib_data.entries[key].fields
        provenance = fields.get("provenance", "")
        quoting = fields.get("citedin", "").strip()
        if provenance == "quoted-in" and quoting in blocks:  # name the source that quotes it
            citation = _FOOTNOTE_REF.sub("", registry.inline_text(blocks[quoting])).strip()
            return f"quoted in {citation.strip('()')}"
        return PROVENANCE_LABELS.get(provenance, provenance)

    entries = {key: (registry.reference_text(Citation(key=key)), label(key)) for key in keys}
    return markdown.replace(MARKER, bibliography_markdown(entries))
