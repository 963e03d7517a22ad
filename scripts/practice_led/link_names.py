"""Name the ↩ and ¶ links by aria-label, not title, so the theme makes no tooltip for each.

Material (content.tooltips) turns every element with a title into a scripted tooltip as the
page starts: each one watches the pointer, focus and the viewport. Python-Markdown gives a
title to each footnote's "↩" links (one for every time it is referred to; a citation's
become one way back, see citation_controls.py) and to each heading's "¶" link, so a long page with many citations set up over a hundred of them, and
on a phone that was the largest share of the page's start-up work (About > Quality).
These titles only say where the link goes: as aria-label they still name the link for
screen readers (better than "↩" or "¶"), and the glossary's abbreviations, whose titles
explain a term, keep their tooltips.
"""

from __future__ import annotations

import re

# <a class="footnote-backref" href="#fnref:x" title="Jump back ...">, <a class="headerlink" href="#x" title="...">
TITLED_LINK = re.compile(r'(<a class="(?:footnote-backref|headerlink)" href="[^"]*") title=')


def named_without_tooltips(html: str) -> str:
    """The page's HTML with its footnote and section links named by aria-label."""
    return TITLED_LINK.sub(r"\1 aria-label=", html)
