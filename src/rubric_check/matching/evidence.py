"""Cutting evidence out of the original text: a window around a match, within one source line."""

from __future__ import annotations

from bisect import bisect_right

from rubric_check.documents.model import Document, Heading, Paragraph
from rubric_check.results import Evidence

CONTEXT_CHARS = 24


def section_label(doc: Document, paragraph: int) -> str | None:
    heading = doc.section_heading(paragraph)
    return heading.display if heading is not None else None


def paragraph_in_section(doc: Document, paragraph: int, line: int) -> int:
    """Source line ``line`` (of ``paragraph``) counted among the lines of its section: 0 is the
    heading's own line, 1 the first line after it; from the document's start outside any section."""
    heading = doc.section_heading(paragraph)
    numbers = doc.line_numbers
    before = bisect_right(numbers, heading.line) if heading is not None else 0
    return bisect_right(numbers, line) - before


def excerpt(doc: Document, paragraph: Paragraph, start: int, end: int) -> Evidence:
    """Evidence for the normalised span ``[start, end)`` of ``paragraph``: original words, same line."""
    line_number = paragraph.line_of(start)
    source = paragraph.source_line(line_number)
    first_col = paragraph.char_cols[start]
    last = end - 1
    while last > start and paragraph.line_of(last) != line_number:
        last -= 1
    last_col = paragraph.char_cols[last] + 1
    window_start = max(0, first_col - CONTEXT_CHARS)
    window_end = min(len(source.text), last_col + CONTEXT_CHARS)
    lead = source.text[window_start:window_end]
    stripped = len(lead) - len(lead.lstrip())
    text = lead.strip()
    mark_start = min(len(text), max(0, first_col - window_start - stripped))
    mark_end = min(len(text), max(mark_start, last_col - window_start - stripped))
    return Evidence(
        line=line_number,
        text=text,
        section=section_label(doc, paragraph.index),
        page=source.page,
        highlight=(mark_start, mark_end),
        cut_before=bool(source.text[:window_start].strip()),
        cut_after=bool(source.text[window_end:].strip()),
        page_line=source.page_line,
        paragraph=paragraph_in_section(doc, paragraph.index, line_number),
    )


def whole_line(doc: Document, paragraph: Paragraph) -> Evidence:
    """Evidence for a short paragraph shown whole (a heading, a title, a signature)."""
    return (
        excerpt(doc, paragraph, 0, len(paragraph.text))
        if paragraph.text
        else Evidence(
            line=paragraph.first_line.number,
            text="",
            section=section_label(doc, paragraph.index),
            paragraph=paragraph_in_section(doc, paragraph.index, paragraph.first_line.number),
        )
    )


def heading_evidence(doc: Document, heading: Heading) -> Evidence:
    paragraph = doc.paragraphs[heading.paragraph]
    source = paragraph.first_line
    text = (source.heading_number or "") + source.text.strip()
    return Evidence(
        line=source.number,
        text=text[:80],
        section=heading.display,
        page=source.page,
        page_line=source.page_line,
        paragraph=paragraph_in_section(doc, heading.paragraph, source.number),
    )
