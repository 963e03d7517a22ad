"""Source texts: finding a basis quotation word for word in the text it quotes.

Source texts are never committed (copyright); the checker reads them from folders it is given.
Both the text and the quotation are normalised the same way first: whitespace and line
breaks, curly and straight quotes, dashes, Markdown emphasis and links, and `[sic]` marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

# Every quotation mark is one mark: a quotation inside a quotation changes its marks.
_MARKS = str.maketrans(dict.fromkeys("“”„\"‘’‚`", "'"))
_DASH_RE = re.compile(r"\s*[-‐‑‒–—―−]+\s*")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS_RE = re.compile(r"[*_]+")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+.!-])")
_SIC_RE = re.compile(r"\[sic\]", re.IGNORECASE)
NEAR_ENOUGH = 0.75  # how alike a passage must be to be offered as the nearest


def normalised(text: str) -> str:
    """Text as the word-for-word check compares it."""
    text = _SIC_RE.sub(" ", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _ESCAPE_RE.sub(r"\1", text)
    text = _EMPHASIS_RE.sub("", text.translate(_MARKS))
    text = _DASH_RE.sub(" - ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Miss:
    """A fragment of a quotation the text does not have: not at all (then perhaps a passage
    near it), or not after the fragment before it."""

    words: str
    nearest: str = ""
    after: str = ""


class SourceText:
    """One source text, normalised once, searched for quotations."""

    def __init__(self, text: str) -> None:
        self.text = normalised(text)
        self.words = self.text.split(" ")

    def missing(self, fragments: Sequence[str]) -> Miss | None:
        """The first fragment not found word for word after the one before it, or None."""
        start, before = 0, ""
        for fragment in fragments:
            words = normalised(fragment)
            pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
            match = pattern.search(self.text, start)
            if match is None:
                if start and pattern.search(self.text):
                    return Miss(words, after=before)
                return Miss(words, self.nearest(words))
            start, before = match.end(), words
        return None

    def nearest(self, words: str) -> str:
        """The passage of as many words most like these, when it is close."""
        size = len(words.split(" "))
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(words.lower())
        best, found = NEAR_ENOUGH, ""
        for n in range(max(1, len(self.words) - size + 1)):
            passage = " ".join(self.words[n : n + size])
            matcher.set_seq1(passage.lower())
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                ratio = matcher.ratio()
                if ratio > best:
                    best, found = ratio, passage
        return found


def find_source_text(name: str, folders: Sequence[Path]) -> Path | None:
    """The first folder's file of that name."""
    return next((folder / name for folder in folders if (folder / name).is_file()), None)
