"""Reconstruct the numbers Word's automatic numbering shows ("一、", "（一）", "1.").

The numbers are not in the text: they come from numbering.xml (format and template per list
level) and a counter per list. A counter per numId and level, restarted when a shallower level
advances, reproduces what Word shows for the lists reports use.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from rubric_check.documents.docx_styles import w

_CN_DIGITS = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = [chr(0x2460 + i) for i in range(20)]


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str
    legal: bool = False


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if value <= 0:
        return str(value)
    if value < 10:
        return _CN_DIGITS[value]
    if value < 100:
        tens, units = divmod(value, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[units] if units else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        tail = "" if rest == 0 else ("零" + _CN_DIGITS[rest] if rest < 10 else _tens_in_hundreds(rest))
        return _CN_DIGITS[hundreds] + "百" + tail
    return str(value)


def _tens_in_hundreds(rest: int) -> str:
    tens, units = divmod(rest, 10)
    return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[units] if units else "")


def _roman(value: int) -> str:
    pairs = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for number, letters in pairs:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def format_number(value: int, fmt: str) -> str | None:
    """One counter in a numFmt; None for bullets and formats that show no number."""
    if fmt in ("bullet", "none"):
        return None
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographDigital",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese_number(value)
    if fmt == "ideographTraditional" and 0 < value <= len(_TIANGAN):
        return _TIANGAN[value - 1]
    if fmt == "decimalEnclosedCircle" and 0 < value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) - ord("0") + 0xFF10) for c in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


class Numbering:
    """Counters for every list of one document, advanced paragraph by paragraph."""

    def __init__(self, numbering_root: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._num_to_abstract: dict[str, str] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_root is not None:
            self._load(numbering_root)

    def _load(self, root: etree._Element) -> None:
        for abstract in root.iter(w("abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in abstract.iter(w("lvl")):
                try:
                    ilvl = int(lvl.get(w("ilvl"), "0"))
                    start = int(_val(lvl, "start") or "1")
                except ValueError:
                    continue
                levels[ilvl] = Level(
                    start=start,
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    legal=lvl.find(w("isLgl")) is not None,
                )
            self._abstract[abstract.get(w("abstractNumId"), "")] = levels
        for num in root.iter(w("num")):
            num_id = num.get(w("numId"), "")
            self._num_to_abstract[num_id] = _val(num, "abstractNumId") or ""
            overrides: dict[int, int] = {}
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    try:
                        overrides[int(override.get(w("ilvl"), "0"))] = int(start.get(w("val"), "1"))
                    except ValueError:
                        continue
            self._overrides[num_id] = overrides

    def next_number(self, num_id: str | None, ilvl: int | None) -> str | None:
        """Advance list ``num_id`` at level ``ilvl`` and return the number text Word shows."""
        if not num_id or num_id == "0" or num_id not in self._num_to_abstract:
            return None
        levels = self._abstract.get(self._num_to_abstract[num_id], {})
        ilvl = ilvl or 0
        if ilvl not in levels:
            return None
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, self._start(num_id, levels, ilvl) - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return None
        text = level.text
        for k in range(ilvl, -1, -1):  # high levels first so %1 does not eat the 1 of %10
            placeholder = f"%{k + 1}"
            if placeholder not in text:
                continue
            value = counters.get(k, self._start(num_id, levels, k))
            fmt = "decimal" if level.legal else levels.get(k, level).fmt
            text = text.replace(placeholder, format_number(value, fmt) or "")
        return text.strip() or None

    def _start(self, num_id: str, levels: dict[int, Level], ilvl: int) -> int:
        return self._overrides.get(num_id, {}).get(ilvl, levels[ilvl].start if ilvl in levels else 1)


def _val(parent: etree._Element, tag: str) -> str | None:
    element = parent.find(w(tag))
    return None if element is None else element.get(w("val"))
