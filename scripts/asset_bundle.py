"""Join the guide's own scripts into one file.

A page that loads several small scripts makes the phone wait for each before the page
settles: on the long explanation page, three separate scripts cost the page speed goal
(see About > Quality). The sources stay separate, one concern per file, listed in
mkdocs.yml in the order they run; the build serves them joined.
"""

from __future__ import annotations

from dataclasses import dataclass

BUNDLE = "assets/javascripts/practice-led.js"


@dataclass(frozen=True)
class Script:
    path: str  # as listed in mkdocs.yml, e.g. assets/javascripts/checklists.js
    text: str


def join(scripts: list[Script]) -> str:
    """The scripts in order, each under a comment naming its source file.

    Each source is a self-contained function, so ";" ends one before the next begins
    even when a source omits its last semicolon.
    """
    return "\n;\n".join(f"/* --- {script.path} --- */\n{script.text.strip()}\n" for script in scripts)
