"""Headings at every level in the numbering styles real reports use, and the section each
paragraph belongs to.

Levels follow the 党政机关公文 convention: 第一部分 (0) > 一、 (1) > （一） (2) > 1. (3) > （1） (4);
enumerations 一是…二是… are outline items (5) but never open a section. A numbered paragraph whose
first sentence is long is body text, not a heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rubric_check.documents.conventions import conventions
from rubric_check.documents.markers import ENUMERATION_LEVEL, heading_marker, marker_level
from rubric_check.documents.model import Heading, Paragraph
from rubric_check.documents.normalise import normalise

_CN = conventions().chinese_numerals
_INLINE_ENUMERATION = re.compile(rf"[。;；:：,，](?:其)?([{_CN}]{{1,2}})是(?![否非])")
_TITLE_END = conventions().mark_class("stops", "semicolons")
MAX_TITLE_CHARS = 40
MAX_UNNUMBERED_CHARS = 25
_SENTENCE_MARKS = conventions().mark_class("stops", "semicolons", "colons", "commas")
_OPENING_END = conventions().mark_class("stops", "colons", "semicolons")
OPENING_CHARS = 60
_SPACED_NUMERAL = re.compile(rf"^\s*[{_CN}]{{1,3}}[ \t\u3000]+\S")

Classifier = Callable[[str], frozenset[str]]
# (kinds a heading names, kinds of the sections it sits in) → the kinds it really has.
Resolver = Callable[[frozenset[str], frozenset[str]], frozenset[str]]
TOP_SECTION_LEVEL = 1  # without a section, an opening lasts until the next 一、 (or 第一部分)
_NO_KINDS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]
    section_of: tuple[int | None, ...]
    kinds_of: tuple[frozenset[str], ...]


def detect_heading(paragraph: Paragraph) -> tuple[int, str, str] | None:
    """``(level, marker, title)`` if the paragraph opens with a heading, else None.

    >>> from rubric_check.documents.normalise import build_paragraphs
    >>> from rubric_check.documents.model import SourceLine
    >>> [p] = build_paragraphs([SourceLine(1, "（二）强化学习宣传，法治思维水平显著提升")])
    >>> detect_heading(p)
    (2, '(二)', '强化学习宣传,法治思维水平显著提升')
    """
    first = paragraph.first_line
    match = heading_marker(paragraph.text)
    if match is not None:
        title = _first_sentence(paragraph.text[match.end() :])
        if first.heading_level is not None:  # a styled heading that also types its number
            return first.heading_level, match.group(0), title
        level = marker_level(match)
        if not title or (level != ENUMERATION_LEVEL and len(title) > MAX_TITLE_CHARS):
            return None
        return level, match.group(0), title
    spaced = _SPACED_NUMERAL.match(first.text)
    if spaced and first.heading_level is None:  # "一 主要举措": the space was the separator
        numeral = first.text.split()[0]
        title = _first_sentence(paragraph.text[len(numeral) :])
        return (1, numeral, title) if title and len(title) <= MAX_TITLE_CHARS else None
    if first.heading_level is not None:
        return first.heading_level, normalise(first.heading_number or ""), _first_sentence(paragraph.text)
    return None


def _unnumbered(paragraph: Paragraph, classify: Classifier) -> tuple[int, str, str] | None:
    """A short stand-alone line naming a section (存在的问题, 下一步工作打算) is a heading even unnumbered:
    bold headings in Word or on web pages often lose their numbers in conversion. A table row
    (序号 问题 具体表现 成因分析) is not one."""
    text = paragraph.text
    if len(text) > MAX_UNNUMBERED_CHARS or _SENTENCE_MARKS.search(text) or _is_table_row(paragraph):
        return None
    if not classify(text):
        return None
    return 1, "", text


def _is_table_row(paragraph: Paragraph) -> bool:
    return any(line.cells or "\t" in line.text.strip() for line in paragraph.lines)


def _opening(text: str) -> str:
    """What announces a paragraph's part: its opening sentence (up to the first 。 or ：, at most
    OPENING_CHARS) and, on a line of its own after it, its closing lead-in (现将……报告如下：)."""
    match = _OPENING_END.search(text, 0, OPENING_CHARS)
    first = text[: match.start() if match else OPENING_CHARS]
    body = text.rstrip(conventions().marks("stops", "colons", "semicolons") + " ")
    last = body[max((m.end() for m in _OPENING_END.finditer(body)), default=0) :][-OPENING_CHARS:]
    return first if last == first or not last else f"{first}\n{last}"


def _first_sentence(text: str) -> str:
    match = _TITLE_END.search(text)
    return (text[: match.start()] if match else text).strip()


def build_outline(
    paragraphs: Sequence[Paragraph],
    classify: Classifier,
    skip: frozenset[int] = frozenset(),
    opening: Classifier | None = None,
    resolve: Resolver | None = None,
) -> Outline:
    """Detect headings (except in ``skip``, the title block) and assign every paragraph a section.

    With ``opening``, a paragraph whose opening sentence (or closing lead-in) names kinds (但也要清醒
    看到… → problems) adds them to itself and the paragraphs after it, up to the next heading at its
    section's level: reports without headings, or with problems tacked onto the measures, still have
    their parts. An opening right under a heading also tells what that heading's section is
    (四、2024年主要举措 / 2024年，我局将…… is a plans section). ``resolve(kinds, within)`` settles
    kinds that exclude each other, on one heading or inside another's section.
    """
    headings: list[Heading] = []
    section_of: list[int | None] = []
    kinds_of: list[frozenset[str]] = []
    stack: list[tuple[int, int]] = []  # (level, heading index)
    opened = _NO_KINDS  # kinds started by an opening sentence, kept down to ``opened_level``
    opened_level = TOP_SECTION_LEVEL
    settle = resolve or (lambda kinds, _within: kinds)

    def kinds_on(entries: list[tuple[int, int]]) -> frozenset[str]:
        return frozenset().union(*(headings[i].kinds for _, i in entries))

    for paragraph in paragraphs:
        found = None if paragraph.index in skip else detect_heading(paragraph) or _unnumbered(paragraph, classify)
        if found is not None:
            level, marker, title = found
            opens_section = level != ENUMERATION_LEVEL
            if opens_section:
                while stack and stack[-1][0] >= level:
                    stack.pop()
                kinds = settle(classify(title), kinds_on(stack))
            else:
                kinds = _NO_KINDS
            headings.append(_heading(paragraph, level, marker, title, kinds, inline=False))
            if opens_section:
                stack.append((level, len(headings) - 1))
                if level <= opened_level:
                    opened = _NO_KINDS
        elif opening is not None and paragraph.index not in skip:
            started = opening(_opening(paragraph.text))
            if started:
                under = _section_just_opened(stack, headings, paragraph.index)
                if under is not None:
                    heading = headings[under]
                    headings[under] = replace(heading, kinds=settle(heading.kinds | started, kinds_on(stack[:-1])))
                    kinds_of[-1] = kinds_on(stack)
                    opened = _NO_KINDS
                else:
                    opened = started
                    opened_level = stack[-1][0] if stack else TOP_SECTION_LEVEL
        section_of.append(stack[-1][1] if stack else None)
        kinds_of.append(kinds_on(stack) | opened)
        if "是" in paragraph.text:  # every inline enumeration has one
            headings.extend(_inline_enumerations(paragraph))
    return Outline(tuple(headings), tuple(section_of), tuple(kinds_of))


def _section_just_opened(stack: list[tuple[int, int]], headings: list[Heading], paragraph: int) -> int | None:
    """The heading whose section this paragraph is the first of (its own paragraph just before)."""
    if stack and headings[stack[-1][1]].paragraph == paragraph - 1:
        return stack[-1][1]
    return None


def _heading(paragraph: Paragraph, level: int, marker: str, title: str, kinds: frozenset[str], inline: bool) -> Heading:
    first = paragraph.first_line
    conv = conventions()
    lead = conv.debris_at_start.match(first.text)
    display = (first.heading_number or "") + conv.debris.sub("", first.text[lead.end() if lead else 0 :]).strip()
    if len(display) > 60:
        display = display[:60] + "…"
    return Heading(
        paragraph=paragraph.index,
        line=first.number,
        level=level,
        marker=marker,
        title=title,
        display=display,
        kinds=kinds,
        inline=inline,
    )


def _inline_enumerations(paragraph: Paragraph) -> list[Heading]:
    items = []
    for match in _INLINE_ENUMERATION.finditer(paragraph.text):
        start = match.start() + 1
        title = _first_sentence(paragraph.text[match.end() :])[:MAX_TITLE_CHARS]
        line = paragraph.line_of(start)
        source = paragraph.source_line(line)
        col = paragraph.char_cols[start]
        display = source.text[col : col + 60].strip()
        items.append(
            Heading(
                paragraph=paragraph.index,
                line=line,
                level=ENUMERATION_LEVEL,
                marker=match.group(0)[1:],
                title=title,
                display=display,
                inline=True,
            )
        )
    return items
