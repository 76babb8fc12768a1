"""Bytes of a text file → str, for the encodings Chinese offices actually save in.

Order matters. A BOM is certain. Strict UTF-8 almost never succeeds on GB18030 bytes by accident.
GB18030 (a superset of GBK and GB2312) decodes nearly any byte string, Big5 included, so a GB18030
reading is accepted only when it is made of common simplified characters; otherwise Big5 is tried,
and charset-normalizer decides what is left (Windows code pages, Shift-JIS and the like).
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed mean "not text".
_CONTROL = {chr(c) for c in range(32) if c not in (9, 10, 12, 13)} | {"\x7f"}
# A GB18030 reading with more CJK characters outside GB2312 than this share is probably Big5.
_RARE_SHARE = 0.05
_SAMPLE = 20000


class NotText(ValueError):
    """The bytes are binary, not text in any encoding we read."""


class UnknownEncoding(ValueError):
    """The bytes look like text but decode in none of the supported encodings."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise NotText or UnknownEncoding.

    >>> decode_text("法治".encode("gb18030"))
    ('法治', 'gb18030')
    >>> decode_text(codecs.BOM_UTF8 + "法治".encode())
    ('法治', 'utf-8-sig')
    >>> decode_text("法治政府建設年度報告".encode("big5"))
    ('法治政府建設年度報告', 'big5')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise UnknownEncoding(encoding) from exc
    if b"\x00" in data:
        return _without_bom_utf16(data)
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return _checked(damaged), "utf-8 (invalid bytes replaced)"
    gb = _strict(data, "gb18030")
    if gb is not None and _rare_share(gb) <= _RARE_SHARE:
        return _checked(gb), "gb18030"
    big5 = _strict(data, "big5") or _strict(data, "cp950")
    if big5 is not None:
        return _checked(big5), "big5"
    if gb is not None:
        return _checked(gb), "gb18030"
    return _detected(data)


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated copy, a bad merge): keep it, marking the damage.

    Text in GB18030 or Big5 fails UTF-8 at almost every non-ASCII character, so a handful of
    failures among thousands of valid sequences means damaged UTF-8, not another encoding.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))  # characters above 127, counted in C
    return text if bad <= max(2, (non_ascii - bad) // 100) else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _rare_share(text: str) -> float:
    """Share of CJK characters outside GB2312: near 0 for simplified text, ~0.4 for misread Big5."""
    cjk = rare = 0
    for ch in text[:_SAMPLE]:
        if ord(ch) < 0x2E80:
            continue
        cjk += 1
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare / cjk if cjk else 0.0


def _without_bom_utf16(data: bytes) -> tuple[str, str]:
    """UTF-16 saved without a BOM reads as plausible text one way round; anything else is binary."""
    best: tuple[float, str, str] | None = None
    if len(data) % 2 == 0:
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _strict(data, encoding)
            if text is not None:
                share = _plausible_share(text)
                if best is None or share > best[0]:
                    best = (share, text, encoding)
    if best is not None and best[0] >= 0.9:
        return _checked(best[1]), best[2]
    raise NotText("NUL byte")


def _plausible_share(text: str) -> float:
    sample = text[:_SAMPLE]
    good = sum(
        1
        for ch in sample
        if ch in "\t\n\r" or " " <= ch <= "~" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
    )
    return good / len(sample) if sample else 0.0


def _detected(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnknownEncoding("no supported encoding")
    return _checked(str(best)), best.encoding


_CONTROL_CHARS = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_CONTROL)) + "]")


def _checked(text: str) -> str:
    sample = text[:_SAMPLE]
    controls = len(_CONTROL_CHARS.findall(sample))  # a regex, not a per-character loop: every file passes here
    if controls > max(8, len(sample) // 100):
        raise NotText("control characters")
    return text
