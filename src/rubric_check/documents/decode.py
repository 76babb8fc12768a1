"""Bytes of a text file → str, for the encodings Chinese offices actually save in.

Order matters: a BOM is certain; strict UTF-8 almost never succeeds on GB18030 bytes by accident;
GB18030 is a superset of GBK and GB2312, so it is tried last among the Chinese encodings.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FALLBACKS = ("utf-8", "gb18030")
# Control characters other than tab, newline, carriage return and form feed mean "not text".
_CONTROL = {chr(c) for c in range(32) if c not in (9, 10, 12, 13)} | {"\x7f"}


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
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise UnknownEncoding(encoding) from exc
    if b"\x00" in data:
        raise NotText("NUL byte")
    for encoding in _FALLBACKS:
        try:
            return _checked(data.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    raise UnknownEncoding("no supported encoding")


def _checked(text: str) -> str:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch in _CONTROL)
    if controls > max(8, len(sample) // 100):
        raise NotText("control characters")
    return text
