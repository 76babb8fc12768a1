"""Metadata a reviewer checks first: who reports, on which year, under what title, signed when.

Read from the title block (the short lines before the body), the opening sentence and the closing
signature, in that order of trust.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rubric_check.documents.conventions import conventions
from rubric_check.documents.model import Meta, Paragraph
from rubric_check.documents.normalise import starts_like_heading

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_YEAR = r"(\d{4}|[〇零○O一二三四五六七八九]{4})年"
_NUMBER = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = re.compile(rf"{_YEAR}{_NUMBER}月{_NUMBER}日")
_BODY_PUNCTUATION = "，,。；;！!？?"
# Lines above a title that are not part of it: document numbers, 附件 labels, urgency and secrecy marks.
_PREAMBLE_LINE = re.compile(r"〔\d{4}〕\d+号$|\[\d{4}\]\d+号$|^附件\d*$|^(?:特急|加急|平急|特提|公开|内部)$")
MAX_TITLE_BLOCK = 5
SIGNATURE_WINDOW = 4


@dataclass(frozen=True)
class TitleBlock:
    agency: tuple[int, ...] = ()
    title: tuple[int, ...] = ()

    @property
    def paragraphs(self) -> frozenset[int]:
        return frozenset(self.agency + self.title)


def year_number(text: str) -> int:
    """``"2023"`` or ``"二〇二三"`` → 2023."""
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))


def small_number(text: str) -> int:
    """Month or day written as digits or Chinese numerals (十二, 二十五)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


@cache
def _agency_pattern() -> re.Pattern[str]:
    suffixes = "|".join(map(re.escape, conventions().agency_suffixes))
    return re.compile(rf"^[\u4e00-\u9fff()]{{1,30}}?(?:{suffixes})$")


@cache
def _agency_in_text() -> re.Pattern[str]:
    conv = conventions()
    suffixes = "|".join(map(re.escape, conv.agency_suffixes))
    followers = "|".join(map(re.escape, conv.agency_followers))
    return re.compile(
        rf"^(?:\d{{4}}年(?:以来|度)?,?)?(?P<agency>[\u4e00-\u9fff()]{{2,30}}?(?:{suffixes}))(?={followers})"
    )


def is_agency(text: str) -> bool:
    """A whole line that names a body, e.g. 湖滨区卫生健康委员会 (not 我局)."""
    return len(text) >= 4 and bool(_agency_pattern().match(text))


def find_title_block(paragraphs: Sequence[Paragraph]) -> TitleBlock:
    """The short unpunctuated lines before the body: agency lines and the title proper."""
    conv = conventions()
    agency: list[int] = []
    title: list[int] = []
    for paragraph in paragraphs[:MAX_TITLE_BLOCK]:
        text = paragraph.text
        if (
            paragraph.first_line.heading_level is not None
            or len(text) > conv.title_max_chars
            or any(ch in text for ch in _BODY_PUNCTUATION)
            or starts_like_heading(text)
        ):
            break
        if _DATE.fullmatch(text) or _PREAMBLE_LINE.search(text):
            continue
        if is_agency(text):  # the body's name, above the title or (发文机关署名 style) below it
            agency.append(paragraph.index)
        else:
            title.append(paragraph.index)
    joined = "".join(paragraphs[i].text for i in title)
    if not any(word in joined for word in conv.title_subject + conv.title_kind):
        return TitleBlock(agency=tuple(agency), title=())
    return TitleBlock(agency=tuple(agency), title=tuple(title))


def read_meta(paragraphs: Sequence[Paragraph], block: TitleBlock) -> Meta:
    """Agency, year, title and signature date of a report."""
    title_text = "".join(paragraphs[i].text for i in block.title)
    title_written = "".join(paragraphs[i].original.strip() for i in block.title) or None
    in_block = block.paragraphs
    body = [p for p in paragraphs if p.index not in in_block]
    signature_agency, signature_line, date, date_line = _signature(body)
    year, year_source = _report_year(title_text, body, date)
    title_agency = (paragraphs[block.agency[-1]].text if block.agency else None) or _agency_from_title(title_text)
    agency = title_agency or signature_agency or _agency_from_opening(body)
    return Meta(
        agency=agency,
        year=year,
        title=title_written,
        date=date,
        title_line=paragraphs[block.title[0]].first_line.number if block.title else None,
        title_agency=title_agency,
        signature_agency=signature_agency,
        signature_line=signature_line,
        date_line=date_line,
        year_source=year_source,
    )


def _agency_from_title(title: str) -> str | None:
    suffixes = "|".join(map(re.escape, conventions().agency_suffixes))
    follows = r"关于|\d{4}年|[〇零一二]{4}年|法治|依法|年度"  # 某局关于… / 某局2024年… / 某局法治政府建设…
    match = re.match(rf"^([\u4e00-\u9fff()]{{2,30}}?(?:{suffixes}))(?={follows})", title)
    return match.group(1) if match else None


def _agency_from_opening(body: Sequence[Paragraph]) -> str | None:
    for paragraph in body[:2]:
        match = _agency_in_text().match(paragraph.text)
        if match and len(match.group("agency")) >= 4:
            return match.group("agency")
    return None


def _signature(body: Sequence[Paragraph]) -> tuple[str | None, int | None, str | None, int | None]:
    tail = list(body[-SIGNATURE_WINDOW:])
    for position in range(len(tail) - 1, -1, -1):
        paragraph = tail[position]
        match = _DATE.search(paragraph.text)
        if match is None or match.end() != len(paragraph.text):
            continue
        prefix = paragraph.text[: match.start()]
        if prefix and not is_agency(prefix):
            continue
        date = _iso_date(match)
        agency = prefix or None
        agency_line = paragraph.first_line.number if prefix else None
        if agency is None and position > 0 and is_agency(tail[position - 1].text):
            agency = tail[position - 1].text
            agency_line = tail[position - 1].first_line.number
        return agency, agency_line, date, paragraph.first_line.number
    last = tail[-1] if tail else None
    if last is not None and is_agency(last.text):
        return last.text, last.first_line.number, None, None
    return None, None, None, None


def _iso_date(match: re.Match[str]) -> str | None:
    year, month, day = year_number(match.group(1)), small_number(match.group(2)), small_number(match.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _report_year(title: str, body: Sequence[Paragraph], date: str | None) -> tuple[int | None, str | None]:
    match = re.search(_YEAR, title)
    if match:
        return year_number(match.group(1)), "title"
    for paragraph in body[:2]:
        match = re.match(rf"^{_YEAR}", paragraph.text)
        if match:
            return year_number(match.group(1)), "opening"
    if date is not None:
        year, month = int(date[:4]), int(date[5:7])
        return (year - 1 if month <= 6 else year), "signature"
    years = Counter(int(y) for p in body for y in re.findall(r"(?<!\d)(20\d{2})年(?!\d)", p.text))
    if years:
        return years.most_common(1)[0][0], "text"
    return None, None
