"""``quantified_facts``: results backed by figures (件、次、人、家、户、项、%、万元…).

A figure is a number and a unit. The number is Arabic (12件, 1,200余家, 1.2万人次, 98.5%; full-width
digits arrive half-width from normalisation), Chinese (三十二件, 二十余次, 两千余份) or a fraction
(百分之九十五, 三分之二). What looks like a count in these reports and is not:

- ordinals and references: a number right after ``not_after`` (第二十五条, 第3次, 〔2023〕12号);
  dates and years have no unit (2023年, 3月1日);
- Chinese runs that are no number (十四五期间, 八五普法: digits side by side are a name);
- ``not_alone`` numerals with no 余/多: 一 before a unit is an article (一批, 一次性, 最多跑一次,
  一件事), 二 an ordinal (二次供水; a count says 两), a bare 百/千/万 an idiom (千家万户) unless
  ``rough_before`` makes it a rough count (近百人, 上千家, 数万人次);
- small Chinese numbers before the units in ``chinese_min``: 个 below ten counts parts and
  slogans, not results (分两个阶段, 从三个方面, 两个维护, 四个意识, 一个深化、两个加强);
- the genre's other slogans and ordinals, in ``not_figures`` (三项制度, 八项规定, 十一个坚持) and
  ``not_figures_regex`` (十四届全国人大三次会议: a session's number, not three meetings).

In a table the unit is often in the header. A reader that knows a document's tables marks each
table line's cells with the header text over them (see documents.model.TableCell); a cell holding
only a number then counts when its header, or a cell before it in its row, gives a unit: a unit
in brackets or after 单位 (数量（件）, 办结率(%), 单位：万元), a cell that is a unit (件), or a
word of quantity ending it (案件数, 办结率, 罚没金额). A figure running from one cell into the next
counts only when the next cell is its unit ("56 | 件", not the serial "2 | 人员培训").

>>> from rubric_check.testing import document
>>> check(document("一、主要举措和成效\\n办理案件三十二件，罚款8900元，培训300人次。"), prepare({"met_min": 3})).status
'met'
>>> check(document("一、主要举措和成效\\n落实三项制度和“最多跑一次”改革。"), prepare({})).status
'missing'
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from rubric_check.documents.conventions import conventions
from rubric_check.documents.model import Document, Paragraph
from rubric_check.documents.normalise import normalise
from rubric_check.matching.checks.defaults import defaults
from rubric_check.matching.evidence import excerpt
from rubric_check.matching.spans import JOINED_MAX_CHARS, Span, in_paragraph
from rubric_check.messages import message
from rubric_check.results import CheckResult
from rubric_check.rubric.model import Patterns
from rubric_check.rubric.patterns import compile_patterns

TYPE = "quantified_facts"
DEFAULTS = defaults(TYPE)  # data/checks.yaml
_WORDS = {"type": "array", "items": {"type": "string", "pattern": "^\\S+$", "x-hint": "word"}}
_NUMERALS = {
    "type": "object",
    "propertyNames": {"pattern": "^\\S$", "x-hint": "numeral"},
    "additionalProperties": {"type": "integer", "minimum": 0},
}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        # No white space: report text has none inside a figure, and the newline between
        # paragraphs must never be part of one (see _figures).
        "units": {"type": "array", "items": {"type": "string", "pattern": "^\\S+$", "x-hint": "unit"}, "minItems": 1},
        "digits": {**_NUMERALS, "minProperties": 1},
        "multipliers": {**_NUMERALS, "additionalProperties": {"type": "integer", "minimum": 10}},
        "approximate": _WORDS,
        "fraction": {"type": "string", "pattern": "^\\S+$", "x-hint": "word"},
        "not_after": _WORDS,
        "not_alone": _WORDS,
        "rough_before": _WORDS,
        "chinese_min": {
            "type": "object",
            "propertyNames": {"pattern": "^\\S+$", "x-hint": "word"},
            "additionalProperties": {"type": "integer", "minimum": 0},
        },
        "not_figures": _WORDS,
        "not_figures_regex": {"type": "array", "items": {"type": "string"}},
        "unit_labels": _WORDS,
        "quantity_words": _WORDS,
        "not_in": {"type": "array", "items": {"type": "string"}},
        "met_min": {"type": "integer", "minimum": 1},
        "partial_min": {"type": "integer", "minimum": 1},
    },
}
MAX_EVIDENCE = 5
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


@dataclass(frozen=True)
class Params:
    figure: Any  # regex.Pattern: a candidate figure in running text
    cell_number: Any  # regex.Pattern: a table cell holding only a number
    unit_named: Any  # regex.Pattern: a header or row label naming a unit
    unit_cells: frozenset[str]
    digits: Mapping[str, int]
    multipliers: Mapping[str, int]
    not_alone: frozenset[str]
    rough_before: tuple[str, ...]
    chinese_min: Mapping[str, int]
    not_figures: Patterns | None
    not_in: frozenset[str]
    met_min: int
    partial_min: int


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so 人次 wins over 人 (an empty list matches nothing)."""
    escaped = [regex.escape(normalise(word)) for word in sorted(set(words), key=len, reverse=True)]
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!)"


def prepare(params: dict) -> Params:
    merged = {**DEFAULTS, **params}
    units = _alternation(merged["units"])
    digits = dict(merged.get("digits") or conventions().numeral_digits)  # a rubric may give its own
    multipliers = dict(merged["multipliers"])
    numerals = regex.escape("".join([*digits, *multipliers]))
    han = f"[{numerals}]+"
    approx = _alternation(merged["approximate"])
    magnitude = _alternation(m for m, value in multipliers.items() if value >= 100)  # 1.2万人次, 3亿元
    number = rf"(?:(?P<arabic>{_ARABIC})|(?P<han>{han}))"
    fraction = rf"(?P<whole>{_ARABIC}|{han}){_alternation([merged['fraction']])}(?P<part>{_ARABIC}|{han})"
    # A figure starts a number: never inside one, nor right after 第, 〔 …
    not_after = rf"(?<!{_alternation(merged['not_after'])})(?<![\d{numerals}])"
    # The regex module: 2.5x faster than re here (re tries the look-behinds at every position).
    figure = regex.compile(
        rf"{not_after}(?:{fraction}|{number}(?P<approx>{approx})?(?:{magnitude})?(?P<approx2>{approx})?(?P<unit>{units}))"
    )
    cell_number = regex.compile(rf"[-+−]?{_ARABIC}{approx}?%?|(?P<han>{han}){approx}?")
    labels = _alternation(merged["unit_labels"])
    unit_named = regex.compile(
        rf"\((?:{labels}:?)?{units}\)|{labels}:{units}|/{units}$|{_alternation(merged['quantity_words'])}$"
    )
    phrases, regexes = merged["not_figures"], merged["not_figures_regex"]
    return Params(
        figure=figure,
        cell_number=cell_number,
        unit_named=unit_named,
        unit_cells=frozenset(normalise(u) for u in merged["units"]),
        digits=digits,
        multipliers=multipliers,
        not_alone=frozenset(merged["not_alone"]),
        rough_before=tuple(normalise(word) for word in merged["rough_before"]),
        chinese_min={normalise(unit): value for unit, value in merged["chinese_min"].items()},
        not_figures=compile_patterns(phrases, regexes) if phrases or regexes else None,
        not_in=frozenset(merged["not_in"]),
        met_min=merged["met_min"],
        partial_min=merged["partial_min"],
    )


def chinese_number(text: str, digits: Mapping[str, int], multipliers: Mapping[str, int]) -> int | None:
    """The value of a Chinese numeral (三十二, 一百零五, 两千, 三亿五千万), None if it is not one.

    Two digits side by side (十四五, 八五, 二〇二三) are a name or a year read out, not a number;
    so are multipliers out of order (十百) and a zero with nothing after it. A multiplier with no
    digit before it stands for one of it at the start of a section (十二, 百余).

    >>> chinese_number("一百二十三", conventions().numeral_digits, DEFAULTS["multipliers"])
    123
    >>> chinese_number("十四五", conventions().numeral_digits, DEFAULTS["multipliers"]) is None
    True
    """
    if len(text) > 1 and digits.get(text[0]) == 0:
        return None
    big = min((value for value in multipliers.values() if value >= 10000), default=10000)
    total = section = 0
    pending: int | None = None  # a digit waiting for its multiplier
    small = largest = None  # the last multiplier inside the section, the last section multiplier
    for ch in text:
        if ch in digits:
            value = digits[ch]
            if (pending is not None and pending != 0) or (pending == 0 and value == 0):
                return None
            pending = value
            continue
        value = multipliers[ch]
        if pending == 0:
            return None
        if value < big:
            if (small is not None and value >= small) or (pending is None and section):
                return None
            section += (1 if pending is None else pending) * value
            small = value
        else:
            if largest is not None and value >= largest:
                return None
            total += (section + (pending or 0) or 1) * value
            largest, section, small = value, 0, None
        pending = None
    if pending == 0 and len(text) > 1:
        return None
    return total + section + (pending or 0)


def _numeral_ok(text: str, params: Params) -> bool:
    return text[:1].isdigit() or chinese_number(text, params.digits, params.multipliers) is not None


def _accepted(match: Any, text: str, params: Params) -> bool:
    """Is this candidate a real number, not an article, a part or an idiom?"""
    han = match.group("han")
    whole = match.group("whole")
    if han is not None and not _counts(han, match, text, params):
        return False
    return whole is None or (_numeral_ok(whole, params) and _numeral_ok(match.group("part"), params))


def _counts(han: str, match: Any, text: str, params: Params) -> bool:
    """Does a Chinese number count something (三十二件), or is it an article or a part (一批, 两个阶段)?"""
    value = chinese_number(han, params.digits, params.multipliers)
    if value is None:
        return False
    if han in params.not_alone and match.group("approx") is None and match.group("approx2") is None:
        rough = han in params.multipliers and text.endswith(params.rough_before, 0, match.start())
        if not rough:
            return False
    return value >= params.chinese_min.get(match.group("unit"), 0)


def _figures(doc: Document, params: Params) -> list[Span]:
    """Every figure in running text, paragraph by paragraph, from one search of the whole text: a
    figure never holds the newline between paragraphs, and the look-behinds treat it like a
    paragraph's start.
    """
    if doc.chars > JOINED_MAX_CHARS:
        return [(p.index, start, end) for p in doc.paragraphs for start, end in _in_text(p.text, params)]
    text, starts = doc.joined
    return [in_paragraph(start, end, starts) for start, end in _in_text(text, params)]


def _in_text(text: str, params: Params) -> list[tuple[int, int]]:
    """The figures of ``text`` that no slogan or ordinal of ``not_figures`` overlaps."""
    found = [match.span() for match in params.figure.finditer(text) if _accepted(match, text, params)]
    if not found or params.not_figures is None:
        return found
    excluded = [match.span() for match in params.not_figures.finditer(text)]
    ends = [end for _start, end in excluded]  # in order too: the matches do not overlap
    kept = []
    for start, end in found:
        index = bisect_right(ends, start)  # the first exclusion ending after the figure starts
        if index == len(excluded) or excluded[index][0] >= end:
            kept.append((start, end))
    return kept


@dataclass(frozen=True)
class _Cell:
    start: int  # in the paragraph's normalised text
    end: int
    text: str
    header: str  # normalised
    row: int  # which of the paragraph's lines


def _cells(paragraph: Paragraph, headers: dict[str, str]) -> list[_Cell]:
    """The table cells on a paragraph's lines, in its normalised text."""
    out: list[_Cell] = []
    cols = paragraph.char_cols
    for row, line in enumerate(paragraph.lines):
        if not line.cells:
            continue
        low = paragraph.line_starts[row]
        high = paragraph.line_starts[row + 1] if row + 1 < len(paragraph.lines) else len(paragraph.text)
        for cell in line.cells:
            start, end = bisect_left(cols, cell.start, low, high), bisect_left(cols, cell.end, low, high)
            if start < end:
                header = headers.get(cell.header)
                if header is None:
                    header = headers[cell.header] = normalise(cell.header)
                out.append(_Cell(start, end, paragraph.text[start:end], header, row))
    return out


def _cell_at(cells: list[_Cell], position: int) -> int | None:
    for index, cell in enumerate(cells):
        if cell.start <= position < cell.end:
            return index
    return None


def _within_a_cell(start: int, end: int, cells: list[_Cell]) -> bool:
    """A figure inside one cell, or a number whose unit is the whole next cell ("56 | 件")."""
    first, last = _cell_at(cells, start), _cell_at(cells, end - 1)
    if first is None or last is None or first == last:
        return True
    return last == first + 1 and cells[last].row == cells[first].row and end == cells[last].end


def _names_unit(text: str, params: Params) -> bool:
    return text in params.unit_cells or params.unit_named.search(text) is not None


def _bare_number(text: str, params: Params) -> bool:
    match = params.cell_number.fullmatch(text)
    return match is not None and (
        match.group("han") is None or chinese_number(match.group("han"), params.digits, params.multipliers) is not None
    )


def _in_tables(doc: Document, params: Params, found: list[Span]) -> list[Span]:
    """``found`` without figures that run across table cells, with bare numbers whose unit a header gives."""
    table_paragraphs = {
        p.index: p
        for p in doc.paragraphs
        if any(line.cells for line in p.lines) and not doc.kinds_of[p.index] & params.not_in
    }
    if not table_paragraphs:
        return found
    headers: dict[str, str] = {}
    cells = {index: _cells(p, headers) for index, p in table_paragraphs.items()}
    kept = [(i, s, e) for i, s, e in found if i not in cells or _within_a_cell(s, e, cells[i])]
    taken: dict[int, list[tuple[int, int]]] = {}
    for i, s, e in kept:
        taken.setdefault(i, []).append((s, e))
    for index, row_cells in cells.items():
        for position, cell in enumerate(row_cells):
            if not _bare_number(cell.text, params):
                continue
            before = (c for c in row_cells[:position] if c.row == cell.row)
            if not (
                (cell.header and _names_unit(cell.header, params)) or any(_names_unit(c.text, params) for c in before)
            ):
                continue
            if not any(s < cell.end and e > cell.start for s, e in taken.get(index, ())):
                kept.append((index, cell.start, cell.end))
    return sorted(kept)


def figures(doc: Document, params: Params) -> list[Span]:
    """Every figure the check counts, in document order."""
    found = [span for span in _figures(doc, params) if not doc.kinds_of[span[0]] & params.not_in]
    return _in_tables(doc, params, found)


def section_kinds(params: Params) -> frozenset[str]:
    """Section kinds this check refers to (validated against the rubric's sections)."""
    return params.not_in


def check(doc: Document, params: Params) -> CheckResult:
    found = figures(doc, params)
    count = len(found)
    evidence = tuple(excerpt(doc, doc.paragraphs[i], start, end) for i, start, end in found[:MAX_EVIDENCE])
    if count >= params.met_min:
        return CheckResult("met", evidence, message("checks.quantified_facts.met", count=count))
    if count >= params.partial_min:
        return CheckResult(
            "partial", evidence, message("checks.quantified_facts.partial", count=count, needed=params.met_min)
        )
    return CheckResult("missing", (), message("checks.quantified_facts.missing"))
