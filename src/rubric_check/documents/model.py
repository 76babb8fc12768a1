"""Immutable records of a report as read, as normalised and as outlined.

A Document keeps, for every character it matches on, the way back to the original line and
column, so that evidence shown to a user is always a verbatim excerpt of the file they have.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class TableCell:
    """A table cell on a line: columns ``[start, end)`` of the line's original text, and the text of
    the header cells above it (its column's heading, "" when the table has none), as read.
    """

    start: int
    end: int
    header: str = ""


@dataclass(frozen=True)
class SourceLine:
    """One line (text files, PDF) or paragraph (Word) of the original, as the user can find it."""

    number: int
    text: str
    page: int | None = None
    page_line: int | None = None  # PDF: the line's number on its page (body text, without running headers)
    heading_level: int | None = None  # from a word processor's heading style, when known
    heading_number: str | None = None  # number shown by automatic numbering ("一、"), when known
    cells: tuple[TableCell, ...] = ()  # a table row's (or cell's) text: where each cell is on the line


@dataclass(frozen=True)
class SourceText:
    """What a reader produced: the original lines, before any normalisation."""

    path: str
    format: str
    lines: tuple[SourceLine, ...]
    encoding: str | None = None
    source: str | None = None  # "ocr" when the text was recognised from images, not read


@dataclass(frozen=True)
class Paragraph:
    """A logical paragraph: one or more source lines joined where a sentence was broken.

    ``text`` is the normalised text matched against; ``char_cols`` gives, for each character of
    ``text``, the column in its source line's original text, and ``line_starts`` the position in
    ``text`` where each of ``lines`` begins (so ``line_of`` finds a character's line).
    """

    index: int
    text: str
    char_cols: Sequence[int]
    lines: tuple[SourceLine, ...]
    line_starts: tuple[int, ...]

    def line_of(self, position: int) -> int:
        """Source line number of the normalised character at ``position``."""
        return self.lines[bisect_right(self.line_starts, position) - 1].number

    @property
    def first_line(self) -> SourceLine:
        return self.lines[0]

    @property
    def original(self) -> str:
        return "".join(line.text for line in self.lines)

    def source_line(self, number: int) -> SourceLine:
        for line in self.lines:
            if line.number == number:
                return line
        raise KeyError(number)


@dataclass(frozen=True)
class Heading:
    """A heading as detected in the outline; ``kinds`` are the section kinds its words name."""

    paragraph: int
    line: int
    level: int
    marker: str
    title: str
    display: str
    kinds: frozenset[str] = frozenset()
    inline: bool = False


@dataclass(frozen=True)
class Meta:
    """Report metadata read from the title block, the opening and the signature."""

    agency: str | None = None
    year: int | None = None
    title: str | None = None
    date: str | None = None
    title_line: int | None = None
    title_agency: str | None = None
    signature_agency: str | None = None
    signature_line: int | None = None
    date_line: int | None = None
    year_source: str | None = None


@dataclass(frozen=True)
class Document:
    """A report ready for matching: paragraphs, outline, section kinds per paragraph, metadata."""

    path: str
    format: str
    encoding: str | None
    paragraphs: tuple[Paragraph, ...]
    headings: tuple[Heading, ...]
    section_of: tuple[int | None, ...]
    kinds_of: tuple[frozenset[str], ...]
    title_paragraphs: frozenset[int] = field(default_factory=frozenset)
    meta: Meta = field(default_factory=Meta)
    source: str | None = None  # "ocr" when every verdict rests on recognised text

    @cached_property
    def chars(self) -> int:
        """Normalised characters in all paragraphs."""
        return sum(len(p.text) for p in self.paragraphs)

    @cached_property
    def joined(self) -> tuple[str, tuple[int, ...]]:
        """Every paragraph's text joined by newlines, and where each one starts (for whole-document searches)."""
        return join_paragraphs(self.paragraphs)

    @cached_property
    def section_titles(self) -> dict[int, int]:
        """For each paragraph that is a heading naming a section kind, where its title ends."""
        ends = {}
        for heading in self.headings:
            if heading.kinds and not heading.inline:
                text = self.paragraphs[heading.paragraph].text
                position = text.find(heading.title)
                ends[heading.paragraph] = position + len(heading.title) if position >= 0 else len(heading.marker)
        return ends

    @cached_property
    def search_cache(self) -> dict[str, Any]:
        """Per-pattern search results kept while this document is scored (see matching.rules)."""
        return {}

    @cached_property
    def line_numbers(self) -> tuple[int, ...]:
        """Every source line's number in reading order: counts the paragraphs between two lines."""
        return tuple(sorted(line.number for paragraph in self.paragraphs for line in paragraph.lines))

    def section_heading(self, paragraph: int) -> Heading | None:
        index = self.section_of[paragraph]
        return None if index is None else self.headings[index]


def join_paragraphs(paragraphs: Sequence[Paragraph]) -> tuple[str, tuple[int, ...]]:
    """The paragraphs' texts joined by newlines, and where each one starts in the joined text."""
    starts = []
    position = 0
    for paragraph in paragraphs:
        starts.append(position)
        position += len(paragraph.text) + 1
    return "\n".join(p.text for p in paragraphs), tuple(starts)
