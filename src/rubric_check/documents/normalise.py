"""Normalisation for matching, keeping the way back to the original characters.

Reports mix full- and half-width forms (（一） and (一), ２０２３ and 2023), every quote style
(“三项”制度, 「双随机」), spaces inside Chinese text from justified PDFs, conversion debris such as
``[bookmark: _GoBack]``, page-number lines and sentences broken across lines. Matching runs on the
normalised text; each normalised character remembers its source line and column, so evidence is
always cut from the original.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence

from rubric_check.documents.conventions import conventions
from rubric_check.documents.markers import starts_like_heading
from rubric_check.documents.model import Paragraph, SourceLine

# Quotes carry no meaning for matching: “三项”制度 must match 三项制度.
QUOTES = frozenset("\"'“”‘’「」『』〝〞〟＂＇`´")
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\ufeff\u00ad")
_CIRCLED = {chr(0x2460 + i): f"({i + 1})" for i in range(20)}
_PUNCTUATION = re.compile("[，,、。；;：:！!？?]")


def _map_char(ch: str) -> str:
    if ch in QUOTES or ch in INVISIBLE:
        return ""
    if ch in _CIRCLED:
        return _CIRCLED[ch]
    mapped = unicodedata.normalize("NFKC", ch)
    return "".join(c for c in mapped if c not in QUOTES)


class _CharMap(dict[str, str]):
    """Normalised form of each character outside ``_PLAIN``, filled on first sight (reading's hot path).

    Characters that do not map to exactly one character (quotes and invisibles map to none, ① to
    three, … to ...) are remembered as irregular: between them, output and input advance together,
    so offsets are ranges instead of a per-character loop. Characters whose form holds white space
    are remembered too: a line without them needs no squeezing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()
        self.spacing: set[str] = set()
        self._finder: tuple[int, re.Pattern[str]] = (-1, re.compile("$^"))

    def __missing__(self, ch: str) -> str:
        mapped = _map_char(ch)
        if len(mapped) != 1:
            self.irregular.add(ch)
        if any(out.isspace() for out in mapped):
            self.spacing.add(ch)
        self[ch] = mapped
        return mapped

    def finder(self) -> re.Pattern[str]:
        """A character class of the irregular characters seen so far (rebuilt when one is added)."""
        if self._finder[0] != len(self.irregular):
            chars = "".join(re.escape(ch) for ch in sorted(self.irregular))
            self._finder = (len(self.irregular), re.compile(f"[{chars}]"))
        return self._finder[1]


# Characters that map to themselves and are not white space: CJK ideographs, ASCII but quotes and
# the space, 、。〈〉《》【】—. Nearly all of a report; only the rest is looked up, one by one
# (tests check the class against _map_char).
_PLAIN = "\u4e00-\u9fff!#-&(-_a-~\u3001\u3002\u3008-\u300b\u3010\u3011\u2014"
_SPECIAL = re.compile(f"([^{_PLAIN}])")  # captured: split() keeps the characters to look up
_CHARS = _CharMap()
_SPACES = re.compile(r"\s+")  # \s is exactly str.isspace (both use Py_UNICODE_ISSPACE)


def normalise_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """Normalise ``text``; return it with, per output character, its index in ``text``.

    >>> normalise_with_offsets("落实“三项”制度（ 一 ）")[0]
    '落实三项制度(一)'
    >>> normalise_with_offsets("[bookmark: _GoBack]2021 年")[0]
    '2021年'
    """
    conv = conventions()
    lead = conv.debris_at_start.match(text)
    if conv.debris.search(text) is None and lead is None:
        return _normalise_clean(text)
    spans = [match.span() for match in conv.debris.finditer(text)]
    return _without_debris(text, [lead.span(), *spans] if lead is not None and lead.end() else spans)


def _normalise_clean(text: str) -> tuple[str, Sequence[int]]:
    """Map characters, then squeeze white space (text without conversion debris)."""
    parts = _SPECIAL.split(text)  # plain runs at even positions, one other character at each odd one
    if len(parts) == 1:
        return text, _identity(0, len(text))
    specials = parts[1::2]
    parts[1::2] = map(_CHARS.__getitem__, specials)
    mapped = "".join(parts)
    offsets = None if _CHARS.irregular.isdisjoint(specials) else _aligned(text)
    if _CHARS.spacing.isdisjoint(specials):
        return mapped, _identity(0, len(mapped)) if offsets is None else offsets
    return _squeeze(mapped, offsets)


def _aligned(text: str) -> array[int]:
    """Per mapped character its index in ``text``, when some characters map to none or several."""
    aligned = array("i")
    position = 0
    for match in _CHARS.finder().finditer(text):
        index = match.start()
        aligned.extend(_identity(position, index))
        aligned.extend([index] * len(_CHARS[match.group()]))
        position = index + 1
    aligned.extend(_identity(position, len(text)))
    return aligned


def _without_debris(text: str, spans: list[tuple[int, int]]) -> tuple[str, Sequence[int]]:
    """Normalise ``text`` without the ``spans`` of debris; offsets still index ``text``.

    Mapping is per character and squeezing looks only at what is kept, so normalising the kept
    characters and carrying each offset back through ``origin`` is the same as skipping the debris.
    """
    kept: list[str] = []
    origin = array("i")  # index in ``text`` of each kept character
    position = 0
    for start, end in spans:
        kept.append(text[position:start])
        origin.extend(_identity(position, start))
        position = end
    kept.append(text[position:])
    origin.extend(_identity(position, len(text)))
    normalised, offsets = _normalise_clean("".join(kept))
    return normalised, array("i", map(origin.__getitem__, offsets))


_IDENTITY = array("i", range(1 << 16))


def _identity(start: int, end: int) -> array[int]:
    """``array("i", range(start, end))`` by copying a slice (building it int by int is the slow part)."""
    return _IDENTITY[start:end] if end <= len(_IDENTITY) else array("i", range(start, end))


def normalise(text: str) -> str:
    """Normalised form of ``text`` (used for rubric phrases, so both sides agree)."""
    return normalise_with_offsets(text)[0]


def _squeeze(text: str, offsets: array[int] | None) -> tuple[str, Sequence[int]]:
    """Drop white space, except one space between two ASCII letters or digits (``HPV 疫苗`` keeps none).

    Whole runs at a time; ``offsets`` None means ``range``.
    """
    parts: list[str] = []
    kept = array("i")
    position = 0
    for run in _SPACES.finditer(text):
        start, end = run.span()
        parts.append(text[position:start])
        kept.extend(_identity(position, start) if offsets is None else offsets[position:start])
        if start > 0 and end < len(text) and _is_ascii_word(text[start - 1]) and _is_ascii_word(text[end]):
            parts.append(" ")
            kept.append(start if offsets is None else offsets[start])
        position = end
    parts.append(text[position:])
    kept.extend(_identity(position, len(text)) if offsets is None else offsets[position:])
    return "".join(parts), kept


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# After these a wrapped line is complete: it is not joined to the next.
_LINE_ENDS = ("stops", "semicolons", "colons", "ellipsis")

_Line = tuple[SourceLine, str, Sequence[int]]  # a kept line: source, normalised text, offsets


def build_paragraphs(lines: Sequence[SourceLine]) -> tuple[Paragraph, ...]:
    """Normalise lines, drop non-text lines, and join lines broken in mid-sentence into paragraphs."""
    paragraphs: list[Paragraph] = []
    group: list[_Line] = []
    for item in _kept_lines(lines):
        if group and not _continues(group[-1], item):
            paragraphs.append(_paragraph(len(paragraphs), group))
            group = []
        group.append(item)
    if group:
        paragraphs.append(_paragraph(len(paragraphs), group))
    return tuple(paragraphs)


def _kept_lines(lines: Sequence[SourceLine]) -> list[_Line]:
    is_dropped = conventions().is_dropped
    kept: list[_Line] = []
    for line in lines:
        text, offsets = normalise_with_offsets(line.text)
        if text and not is_dropped(text):
            kept.append((line, text, offsets))
    return _strip_trailing_navigation(kept)


def _strip_trailing_navigation(kept: list[_Line]) -> list[_Line]:
    conv = conventions()
    run = 0
    for line, text, _offsets in reversed(kept):
        if (
            line.heading_level is not None
            or line.cells  # a table's rows are report text, however short
            or len(text) > conv.nav_max_chars
            or _has_punctuation(text)
            or _looks_like_signature(text)
        ):
            break
        run += 1
    return kept[: len(kept) - run] if run >= conv.nav_min_run else kept


def _looks_like_signature(text: str) -> bool:
    return text.endswith(conventions().agency_suffixes) or ("年" in text and text.endswith("日"))


def _has_punctuation(text: str) -> bool:
    return _PUNCTUATION.search(text) is not None


def _continues(previous: _Line, current: _Line) -> bool:
    """Is ``current`` the rest of a sentence that ``previous`` broke off?"""
    prev_line, prev_text, _ = previous
    line, text, _ = current
    conv = conventions()
    if prev_line.heading_level is not None or line.heading_level is not None:
        return False
    if prev_text[-1] in conv.marks(*_LINE_ENDS) or starts_like_heading(text) or _looks_like_signature(text):
        return False
    if starts_like_heading(prev_text) and not any(ch in prev_text for ch in conv.marks("stops", "semicolons")):
        return False  # a heading line, however long, ends its own paragraph
    return len(prev_text) >= conv.join_min_chars and (_has_punctuation(prev_text) or len(prev_text) >= 40)


def _paragraph(index: int, group: list[_Line]) -> Paragraph:
    if len(group) == 1:  # most paragraphs are one line: its text and offsets as they are
        line, text, offsets = group[0]
        return Paragraph(index=index, text=text, char_cols=offsets, lines=(line,), line_starts=(0,))
    text_parts: list[str] = []
    char_cols = array("i")  # compact: a per-character map must not cost a Python int per character
    line_starts: list[int] = []
    for _line, text, offsets in group:
        line_starts.append(len(char_cols))
        text_parts.append(text)
        char_cols.extend(offsets)
    return Paragraph(
        index=index,
        text="".join(text_parts),
        char_cols=char_cols,
        lines=tuple(line for line, _, _ in group),
        line_starts=tuple(line_starts),
    )
