"""How easy a page's prose is to read, with textstat: the Flesch-Kincaid grade and reading ease.

A page can have a target, the highest grade its prose may score: the plugin's
readability_targets option in mkdocs.yml gives one to every page under a folder (or to one
page). A page above its target is one warning line, which fails the strict build:
the file, the grade, the target, how to bring it down, and its longest sentences.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

with warnings.catch_warnings():  # textstat 0.7.4 imports setuptools' deprecated pkg_resources
    warnings.simplefilter("ignore", UserWarning)
    from textstat.textstat import textstatistics

SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")  # textstat's own way of finding sentences
SHOWN_WORDS = 10  # of each long sentence, in the message


@dataclass(frozen=True)
class Score:
    grade: float  # Flesch-Kincaid grade level, to one decimal
    ease: float  # Flesch reading ease (higher is easier), to one decimal
    words: int
    sentences: int


def _textstat() -> textstatistics:
    # Its default language, en_US: syllables are counted from hyphenation patterns, and the
    # US patterns count them right more often, the UK spellings of the guide included
    # (26 of 30 common words of the guide against 18 with en_GB).
    stats = textstatistics()
    stats.set_rounding(False)  # round the result, not each average it is made from
    return stats


STATS = _textstat()


def score(units: Sequence[str]) -> Score | None:
    """The figures for a page's prose (prose.units), or None when it has no words."""
    text = " ".join(units)
    words = STATS.lexicon_count(text)
    if not words:
        return None
    return Score(
        grade=round(STATS.flesch_kincaid_grade(text), 1),
        ease=round(STATS.flesch_reading_ease(text), 1),
        words=words,
        sentences=STATS.sentence_count(text),
    )


def target_for(src_uri: str, targets: Mapping[str, float]) -> tuple[str, float] | None:
    """(the folder or page it is set for, the highest grade) for a page, from the most
    specific entry of readability_targets that covers it; None when none does."""
    covering = [where for where in targets if src_uri == where or src_uri.startswith(where.rstrip("/") + "/")]
    if not covering:
        return None
    where = max(covering, key=len)
    return where, targets[where]


def longest_sentences(units: Sequence[str], count: int = 2) -> list[str]:
    sentences = [s.strip() for unit in units for s in SENTENCE.findall(unit)]
    return sorted(sentences, key=lambda s: -STATS.lexicon_count(s))[:count]


# The typography the build gives straight quotes and dashes (smarty), undone to find a sentence.
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---"})


def source_line(markdown: str, sentence: str) -> int:
    """The line of the page's Markdown where a sentence starts (1 when it cannot be found)."""
    opening = " ".join(sentence.translate(TYPOGRAPHY).split()[:4])
    for number, line in enumerate(markdown.splitlines(), start=1):
        if opening and opening in " ".join(line.translate(TYPOGRAPHY).split()):
            return number
    return 1


def over_target(path: str, markdown: str, found: Score, target: tuple[str, float], units: Sequence[str]) -> str:
    """The one line that says a page is above its target, where, and how to bring it down."""
    where, highest = target
    longest = longest_sentences(units)
    shown = "; ".join(f"“{_opening(s)}” ({STATS.lexicon_count(s)} words)" for s in longest)
    line = source_line(markdown, longest[0]) if longest else 1
    return (
        f"{path}:{line}: Flesch-Kincaid grade {found.grade:g} is above {highest:g}, the target for "
        f"{where} (readability_targets in mkdocs.yml): split long sentences and use everyday words; "
        f"longest sentences: {shown}"
    )


def _opening(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[:SHOWN_WORDS]) + (" …" if len(words) > SHOWN_WORDS else "")
