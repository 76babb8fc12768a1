"""Metadata a reviewer checks first: who reports, on which year, under what title, signed when.

Read from the title block (the short lines before the body), the opening sentence, the headings and
the closing signature, in that order of trust. Reports copied from a web page keep the page around
them (breadcrumbs, the site's date line, 发布时间/来源 lines, a 索引号/发布机构 table, print buttons):
those lines are skipped, and cut off a title they are glued to; the page's publisher and publication
date are used only when the report itself names no body or year.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice

from rubric_check.documents.conventions import conventions
from rubric_check.documents.markers import starts_like_heading
from rubric_check.documents.model import Meta, Paragraph
from rubric_check.documents.outline import detect_heading

_CN_DIGITS = conventions().numeral_digits
_YEAR = rf"(\d{{4}}|[{''.join(_CN_DIGITS)}]{{4}})年"  # 2023年, 二〇二三年 (group 1: the year)
YEAR = re.compile(_YEAR)
_NUMBER = rf"(\d{{1,2}}|[{conventions().chinese_numerals}]{{1,3}})"
_DATE = re.compile(rf"{_YEAR}{_NUMBER}月{_NUMBER}日")
_NUMERIC_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DATE_LINE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_HEADING_YEAR = re.compile(rf"(?<![\d\-—~至到]){_YEAR}")
_BODY_PUNCTUATION = "，,。；;！!？?"
_ADDRESSEE = re.compile(r"[:：]\s*$")


def is_addressee(text: str) -> bool:
    """区人大常委会： names who the report is sent to (主送机关), neither its title nor its reporter."""
    return _ADDRESSEE.search(text) is not None


_CLAUSE_END = conventions().mark_class("commas", "semicolons", "colons")
_SENTENCE_END = conventions().mark_class("stops")
_LEAD_IN = re.compile(rf"^(?:{_YEAR}(?:以来|度)?|今年以来|一年来|本年度|近年来)?,?")
_EDGE_JUNK = " |｜-—·【】[]"
# Lines above a title that are not part of it: document numbers, 附件 labels, urgency and secrecy marks.
_PREAMBLE_LINE = re.compile(r"〔\d{4}〕\d+号$|\[\d{4}\]\d+号$|^附件\d*$|^(?:特急|加急|平急|特提|公开|内部)$")
MAX_TITLE_BLOCK = 8  # paragraphs of text before the body (page furniture not counted)
MAX_HEADER = 30  # paragraphs looked at for the title, page furniture included
SIGNATURE_WINDOW = 4
HEADING_YEAR_LEVEL = 2  # 第一部分, 一、 and （一） headings date the report; deeper ones do not


@dataclass(frozen=True)
class TitleBlock:
    """The title block: its paragraphs, the title and agency read from them, the page's furniture.

    ``furniture`` are paragraphs before the body that are only page furniture; ``publisher`` and
    ``published`` the page's 发布机构 and publication date (ISO); ``opening`` the start of the body
    when it shares a paragraph with the title.
    """

    agency: tuple[int, ...] = ()
    title: tuple[int, ...] = ()
    title_text: str = ""
    title_written: str | None = None
    title_line: int | None = None
    agency_text: str | None = None
    furniture: tuple[int, ...] = ()
    publisher: str | None = None
    published: str | None = None
    opening: str = ""

    @property
    def paragraphs(self) -> frozenset[int]:
        return frozenset(self.agency + self.title)


@dataclass(frozen=True)
class _Part:
    """The report text of one source line of a paragraph: ``text`` is ``paragraph.text[start:end]``."""

    paragraph: Paragraph
    start: int
    end: int
    text: str

    @property
    def written(self) -> str:
        """The part as written in the original line."""
        p = self.paragraph
        line = p.lines[bisect_right(p.line_starts, self.start) - 1]
        return line.text[p.char_cols[self.start] : p.char_cols[self.end - 1] + 1]

    @property
    def line(self) -> int:
        return self.paragraph.line_of(self.start)


@dataclass
class _Fields:
    publisher: str | None = None
    published: str | None = None

    def add(self, other: _Fields) -> None:
        self.publisher = self.publisher or other.publisher
        self.published = self.published or other.published


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
def _suffixes() -> str:
    return "|".join(map(re.escape, conventions().name_suffixes))


@cache
def _agency_pattern() -> re.Pattern[str]:
    return re.compile(rf"^[\u4e00-\u9fff()]{{1,30}}?(?:{_suffixes()})$")


@cache
def _name_at_start() -> re.Pattern[str]:
    followers = "|".join(map(re.escape, conventions().agency_followers))
    # 鹿坪县市场监督管理局（以下简称县市场监管局）在……: a short-name note may stand before the verb.
    return re.compile(
        rf"(?P<agency>[\u4e00-\u9fff()]{{2,30}}?(?:{_suffixes()}))(?=(?:\([^()]{{1,24}}\))?(?:{followers}))"
    )


@cache
def _title_agency() -> re.Pattern[str]:
    follows = r"关于|\d{4}年|[〇零一二]{4}年|法治|依法|年度|\("  # 某局关于… / 某局2024年… / 某局法治政府建设…
    lead = rf"(?:关于)?(?:{_YEAR}度?)?"  # 关于某局… / 2023年某局…
    return re.compile(rf"^{lead}(?P<agency>[\u4e00-\u9fff()]{{2,30}}?(?:{_suffixes()}))(?={follows})")


@cache
def _title_label() -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(map(re.escape, conventions().title_labels))})[:：]")


def is_agency(text: str) -> bool:
    """A whole line that names a body, e.g. 湖滨区卫生健康委员会 or 水利部 (not 我局, 县政府)."""
    conv = conventions()
    if len(text) < 3 or text.startswith(conv.name_not_start) or not _agency_pattern().match(text):
        return False
    if any(word in text for word in conv.not_in_name):
        return False
    return len(text) >= 4 or (text.endswith(conv.short_name_suffixes) and text[0] not in conv.levels)


def find_title_block(paragraphs: Sequence[Paragraph]) -> TitleBlock:
    """The short unpunctuated lines before the body: agency lines and the title proper.

    Page furniture is skipped wherever it stands; of the remaining lines the title is the last run
    that names both subject and kind (a site's menu or a breadcrumb's column name before it is not
    part of it), and an agency line counts when it stands next to the title.
    """
    lines: list[tuple[bool, _Part]] = []  # (is an agency line, part) in reading order
    furniture: list[int] = []
    fields = _Fields()
    opening = ""
    stop = None
    counted = 0
    for paragraph in paragraphs[:MAX_HEADER]:
        if paragraph.first_line.heading_level is not None:
            break
        parts, found = _parts(paragraph)
        fields.add(found)
        if not parts:
            furniture.append(paragraph.index)
            continue
        body_at = next((k for k, part in enumerate(parts) if _is_body(part.text)), len(parts))
        for part in parts[:body_at]:
            if is_addressee(part.text):
                continue
            if not (_DATE.fullmatch(part.text) or _PREAMBLE_LINE.search(part.text)):
                lines.append((is_agency(part.text), part))
        if body_at < len(parts):
            opening = "".join(part.text for part in parts[body_at:])
            stop = paragraph.index
            break
        counted += 1
        if counted >= MAX_TITLE_BLOCK:
            break
    title_parts, agency_parts = _split_title(lines)
    title_indices = tuple(dict.fromkeys(part.paragraph.index for part in title_parts))
    agency_indices = tuple(i for i in dict.fromkeys(p.paragraph.index for p in agency_parts) if i not in title_indices)
    if stop not in title_indices:  # the body starts in a paragraph of its own
        opening = ""
    return TitleBlock(
        agency=agency_indices,
        title=title_indices,
        title_text="".join(part.text for part in title_parts),
        title_written="".join(part.written.strip() for part in title_parts) or None,
        title_line=title_parts[0].line if title_parts else None,
        agency_text=agency_parts[-1].text if agency_parts else None,
        furniture=tuple(furniture),
        publisher=fields.publisher,
        published=fields.published,
        opening=opening,
    )


def _is_body(text: str) -> bool:
    return (
        len(text) > conventions().title_max_chars
        or any(ch in text for ch in _BODY_PUNCTUATION)
        or starts_like_heading(text)
    )


def _split_title(lines: list[tuple[bool, _Part]]) -> tuple[list[_Part], list[_Part]]:
    """(title parts, agency parts) of the lines before the body."""
    conv = conventions()
    texts = [position for position, (agency, _) in enumerate(lines) if not agency]
    start = None
    for k in range(len(texts) - 1, -1, -1):  # the last run of lines that has both subject and kind
        if conv.looks_like_title("".join(lines[i][1].text for i in texts[k:])):
            start = k
            break
    if start is None:
        joined = "".join(lines[i][1].text for i in texts)
        start = 0 if texts and any(word in joined for word in conv.title_subject + conv.title_kind) else None
    while start and texts[start - 1] == texts[start] - 1 and _title_fragment(lines[texts[start - 1]][1].text):
        start -= 1  # 某局关于2023年度 / 法治政府建设情况的报告: the line before is the title's beginning
    if start is None:  # no title: agency lines after the last line of other text
        after = texts[-1] + 1 if texts else 0
        return [], [part for agency, part in lines[after:] if agency]
    first = texts[start]
    title = [lines[i][1] for i in texts[start:]]
    agency = []
    for position, (is_agency_line, part) in enumerate(lines):
        if not is_agency_line:
            continue
        if position > first or all(lines[i][0] for i in range(position + 1, first)):
            agency.append(part)
    return title, agency


def _title_fragment(text: str) -> bool:
    """The beginning of a title broken over lines: names the year, 关于 or the body, but is no title itself."""
    conv = conventions()
    return not conv.looks_like_title(text) and (
        re.search(_YEAR, text) is not None or "关于" in text or text.endswith(conv.name_suffixes)
    )


def _parts(paragraph: Paragraph) -> tuple[list[_Part], _Fields]:
    """The report text of each of a paragraph's lines (page furniture cut off) and the page fields."""
    text = paragraph.text
    ends = (*paragraph.line_starts[1:], len(text))
    parts = []
    fields = _Fields()
    for start, end in zip(paragraph.line_starts, ends, strict=True):
        kept, found = _line_content(text[start:end])
        fields.add(found)
        if kept is not None:
            parts.append(_Part(paragraph, start + kept[0], start + kept[1], text[start + kept[0] : start + kept[1]]))
    return parts, fields


def _line_content(line: str) -> tuple[tuple[int, int] | None, _Fields]:
    """Span of the report text in a normalised line (None if it is all page furniture), and its fields."""
    conv = conventions()
    fields = _Fields()
    start, end = 0, len(line)
    if conv.site.search(line):
        return None, fields
    dated = _NUMERIC_DATE.match(line)
    if dated and _DATE_LINE.match(line) and not _is_body(line):  # 2024-03-28 09:30 泽川县司法局: the page's date
        fields.published = _iso(int(dated.group(1)), int(dated.group(2)), int(dated.group(3)))
        return None, fields
    if conv.location.match(line):  # a breadcrumb: only its last step, when that is a title
        crumb = conv.last_crumb(line)
        if not conv.looks_like_title(crumb):
            return None, fields
        start = line.rfind(crumb)
    label = conv.field_label.search(line, start)
    if label is not None:
        end = label.start()
        fields = _read_fields(line[end:])
    tool = conv.tools.search(line, start, end)
    if tool is not None:
        end = tool.start()
    title_label = _title_label().match(line, start, end)
    if title_label is not None:
        start = title_label.end()
    while start < end and line[start] in _EDGE_JUNK:
        start += 1
    while end > start and line[end - 1] in _EDGE_JUNK:
        end -= 1
    return ((start, end) if start < end else None), fields


def _read_fields(text: str) -> _Fields:
    """发布机构 and publication date from ``label:value`` fields (several may share a line)."""
    conv = conventions()
    fields = _Fields()
    labels = list(conv.field_label.finditer(text))
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        value = text[label.end() : following.start() if following else len(text)].strip(_EDGE_JUNK)
        name = label.group("label")
        if name in conv.publisher_labels and fields.publisher is None and is_agency(value):
            fields.publisher = value
        elif name in conv.published_labels and fields.published is None:
            match = _NUMERIC_DATE.search(value)
            if match:
                fields.published = _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return fields


def _with_text(paragraphs: Iterable[Paragraph], count: int) -> Iterator[Paragraph]:
    """The first ``count`` paragraphs that are not all page furniture."""
    return islice((p for p in paragraphs if _content(p)), count)


def _content(paragraph: Paragraph) -> str:
    """A paragraph's text without page furniture ("" if it is all furniture)."""
    return "".join(part.text for part in _parts(paragraph)[0])


def read_meta(paragraphs: Sequence[Paragraph], block: TitleBlock) -> Meta:
    """Agency, year, title and signature date of a report."""
    title_text = block.title_text or "".join(paragraphs[i].text for i in block.title)
    title_written = block.title_written or ("".join(paragraphs[i].original.strip() for i in block.title) or None)
    skipped = block.paragraphs | frozenset(block.furniture)
    body = [p for p in paragraphs if p.index not in skipped]
    openings = ([block.opening] if block.opening else []) + [_content(p) for p in _with_text(body, 2)]
    openings = openings[:2]
    tail = [p for p in _with_text(reversed(body), SIGNATURE_WINDOW)][::-1]
    signature_agency, signature_line, date, date_line = _signature(tail)
    year, year_source = _report_year(title_text, openings, body, date, block.published)
    agency_line = block.agency_text or (paragraphs[block.agency[-1]].text if block.agency else None)
    title_agency = _agency_from_title(title_text) or agency_line
    opening_agency = _agency_from_opening(openings)
    agency = title_agency or signature_agency or opening_agency or block.publisher
    if agency is not None:
        known = [title_agency, agency_line, signature_agency, opening_agency, block.publisher]
        agency = _full_name(agency, [name for name in known if name], paragraphs)
    return Meta(
        agency=agency,
        year=year,
        title=title_written,
        date=date,
        title_line=block.title_line
        if block.title_line is not None
        else (paragraphs[block.title[0]].first_line.number if block.title else None),
        title_agency=title_agency,
        signature_agency=signature_agency,
        signature_line=signature_line,
        date_line=date_line,
        year_source=year_source,
    )


def _agency_from_title(title: str) -> str | None:
    match = _title_agency().match(title)
    return match.group("agency") if match and is_agency(match.group("agency")) else None


def _agency_from_opening(openings: Sequence[str]) -> str | None:
    """The body named at the start of a clause of the opening sentence (2023年，在…领导下，某局坚持…)."""
    for text in openings:
        match = _SENTENCE_END.search(text)
        sentence = text[: match.start()] if match else text
        starts = [0, *(m.end() for m in _CLAUSE_END.finditer(sentence))]
        for start in starts:
            clause = sentence[start:]
            lead = _LEAD_IN.match(clause)
            found = _name_at_start().match(clause, lead.end() if lead else 0)
            if found and is_agency(found.group("agency")):
                return found.group("agency")
    return None


def _full_name(agency: str, known: Sequence[str], paragraphs: Sequence[Paragraph]) -> str:
    """The full name the text gives for ``agency`` when that is a short form (县市场监管局, 陇西县政府).

    The names read elsewhere (title, signature, opening, publisher) are tried first, then every
    clause start of the text; a short form with only a level (县, 区) takes the place from there.
    """
    forms = _fuller_forms(agency)
    if not forms:
        return agency
    for stem, ending, needs_place in forms:
        for name in known:
            if _is_fuller(name, agency, stem, ending, needs_place):
                return name
    text = "\n".join(p.text for p in paragraphs)
    for stem, ending, needs_place in forms:
        if not needs_place and stem + ending != agency and stem + ending in text:
            return stem + ending  # 陇西县政府 → 陇西县人民政府, written so
    for stem, ending, needs_place in forms:
        pattern = re.compile(rf"(?:^|(?<=[,;:。、\n]))[\u4e00-\u9fff()]{{0,10}}?{re.escape(stem + ending)}", re.M)
        names = Counter(m.group(0) for m in pattern.finditer(text))
        for name, _ in names.most_common():
            if _is_fuller(name, agency, stem, ending, needs_place):
                return name
    return agency


def _fuller_forms(agency: str) -> list[tuple[str, str, bool]]:
    """(stem, full ending, needs a place) for each way ``agency`` can be written in full."""
    conv = conventions()
    forms = []
    for short, fulls in conv.short_forms.items():
        if agency.endswith(short) and not agency.endswith(fulls):
            stem = agency[: -len(short)]
            forms.extend((stem, full, _level_only(stem)) for full in fulls)
    if agency[0] in conv.levels:  # 县司法局 → 泽川县司法局
        forms.append((agency[0], agency[1:], True))
    return forms


def _level_only(stem: str) -> bool:
    levels = conventions().levels
    return all(ch in levels for ch in stem)


def _is_fuller(name: str, agency: str, stem: str, ending: str, needs_place: bool) -> bool:
    full = stem + ending
    return name != agency and name.endswith(full) and (len(name) > len(full) or not needs_place) and is_agency(name)


def _signature(tail: Sequence[Paragraph]) -> tuple[str | None, int | None, str | None, int | None]:
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
    return _iso(year_number(match.group(1)), small_number(match.group(2)), small_number(match.group(3)))


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


PUBLISHED_SAME_YEAR_FROM = 11  # a page published in November or December reports on that year


def _report_year(
    title: str, openings: Sequence[str], body: Sequence[Paragraph], date: str | None, published: str | None
) -> tuple[int | None, str | None]:
    """The year reported on, and where it was read.

    The report's own words first: title, opening sentence, headings, then its signature date. A
    page's publication date is the page's, not the report's, and comes only after them: a page
    published before November reports on the year before. Counting the years in the text is the
    last guess.
    """
    match = re.search(_YEAR, title)
    if match:
        return year_number(match.group(1)), "title"
    for text in openings:
        match = re.match(rf"^{_YEAR}", text)
        if match:
            return year_number(match.group(1)), "opening"
    heading_year = _heading_year(body)
    if heading_year is not None:
        return heading_year, "heading"
    if date is not None:
        year, month = int(date[:4]), int(date[5:7])
        return (year - 1 if month <= 6 else year), "signature"
    if published is not None:
        year, month = int(published[:4]), int(published[5:7])
        return (year if month >= PUBLISHED_SAME_YEAR_FROM else year - 1), "published"
    years = Counter(int(y) for p in body for y in re.findall(r"(?<!\d)(20\d{2})年(?!\d)", p.text))
    if years:
        return years.most_common(1)[0][0], "text"
    return None, None


def _heading_year(body: Iterable[Paragraph]) -> int | None:
    """The year a heading dates: 一、2023年推进法治政府建设的主要举措 → 2023; a plan heading alone
    (四、2024年推进法治政府建设的主要安排) → the year before it."""
    conv = conventions()
    planned = None
    for paragraph in body:
        if not starts_like_heading(paragraph.text) and paragraph.first_line.heading_level is None:
            continue
        found = detect_heading(paragraph)
        if found is None or found[0] > HEADING_YEAR_LEVEL:
            continue
        title = found[2]
        years = {year_number(m.group(1)) for m in _HEADING_YEAR.finditer(title)}
        if len(years) != 1:
            continue
        report = any(word in title for word in conv.report_year_words)
        plan = any(word in title for word in conv.plan_year_words)
        if report and not plan:
            return years.pop()
        if plan and not report and planned is None:
            planned = years.pop() - 1
    return planned
