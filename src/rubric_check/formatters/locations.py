"""Where an excerpt is, in the words of its source; the one wording every output uses.

Word has no line numbers, so a Word (or web page) excerpt is found by its section heading and the
paragraph's number under it; a PDF's by the page and the line on that page (the line counted on the
whole file means nothing in a viewer); a text file's by its line.
"""

from __future__ import annotations

from functools import lru_cache

from rubric_check.documents.conventions import conventions
from rubric_check.messages import message
from rubric_check.results import Evidence

PARAGRAPH_FORMATS = frozenset({"docx", "doc", "wps", "html", "htm"})
SEPARATOR = " · "
_SENTENCE_END = conventions().mark_class("stops")


def heading_text(display: str | None) -> str | None:
    """A heading as the reader sees it: a run-in heading (title then body text) ends at its first
    full stop, so places show ``（一）深化改革，优化营商环境。`` and not the whole paragraph.

    >>> heading_text("（一）深化改革，优化营商环境。简化审批…")
    '（一）深化改革，优化营商环境。'
    """
    if not display:
        return display
    end = _SENTENCE_END.search(display)
    return display[: end.end()] if end and end.end() < len(display) else display


def location(evidence: Evidence, source_format: str | None) -> str:
    """One line saying where ``evidence`` is, e.g. ``第 2 页第 15 行 · 所在部分：二、存在的问题``
    (PDF), ``第 31 行 · 所在部分：…`` (text) or ``“二、存在的问题”下第 3 段`` (Word)."""
    if source_format in PARAGRAPH_FORMATS and evidence.paragraph is not None:
        return _paragraph_place(heading_text(evidence.section), evidence.paragraph)
    if evidence.page is not None and evidence.page_line is not None:
        place = message("location.page_line", page=evidence.page, line=evidence.page_line)
    elif evidence.page is not None:
        place = message("location.page", page=evidence.page)
    else:
        place = message("location.line", line=evidence.line)
    return place + SEPARATOR + _section(evidence.section)


def line_place(source_format: str | None, line: int | None) -> str:
    """Where a heading or a metadata line is, or "" where a line count would mislead (Word: the
    heading's words are how it is found; PDF: the page of an outline entry is not known)."""
    if line is None or source_format in PARAGRAPH_FORMATS or source_format == "pdf":
        return ""
    return message("location.line", line=line)


@lru_cache(maxsize=1024)
def _section(section: str | None) -> str:
    """Cached: most excerpts of a batch sit under a few headings."""
    return message("location.section", section=heading_text(section) or message("location.no_section"))


@lru_cache(maxsize=1024)
def _paragraph_place(section: str | None, paragraph: int) -> str:
    if section is None:
        return message("location.paragraph_no_section", paragraph=paragraph)
    if paragraph == 0:
        return message("location.heading", section=section)
    return message("location.paragraph", section=section, paragraph=paragraph)
