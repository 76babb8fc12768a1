"""Heading markers (第一部分, 一、, （一）, 1., (1), 一是) from data/document.yaml: one definition for
finding headings (outline) and for keeping a wrapped line from being joined onto a heading.

>>> heading_marker("(二)强化执法监督").lastgroup, heading_marker("1.5亿元用于") is None
('level2', True)
>>> starts_like_heading("三、存在的问题"), starts_like_heading("2023年以来")
(True, False)
"""

from __future__ import annotations

import re
from functools import cache

from rubric_check.documents.conventions import conventions

ENUMERATION_LEVEL = 5  # 一是…二是…: an item in running text, never a section of its own


@cache
def _marker() -> re.Pattern[str]:
    """One alternation: the first branch that matches is the first marker in order; its group
    (level0 … level5) names the level."""
    markers = conventions().heading_markers
    return re.compile("|".join(f"(?P<level{level}>{pattern})" for level, pattern in enumerate(markers)))


def heading_marker(text: str) -> re.Match[str] | None:
    """The heading marker ``text`` opens with, if any (its ``lastgroup`` is ``level<N>``)."""
    return _marker().match(text)


def marker_level(match: re.Match[str]) -> int:
    return int(match.lastgroup.removeprefix("level")) if match.lastgroup else ENUMERATION_LEVEL


def starts_like_heading(text: str) -> bool:
    """Does a normalised line open with a heading marker?"""
    return _marker().match(text) is not None
