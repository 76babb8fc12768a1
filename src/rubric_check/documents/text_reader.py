"""Read a plain-text report (.txt/.md) in whatever encoding a Chinese office saved it."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import count

from rubric_check.documents.decode import NotText, UnknownEncoding, decode_text
from rubric_check.documents.files import check_size, suffix_of
from rubric_check.documents.model import SourceLine, SourceText
from rubric_check.documents.sniff import DESCRIPTIONS, OLE, PDF, ZIP, sniff
from rubric_check.errors import InputError

MAX_TEXT_BYTES = 50 * 1024 * 1024


def read_plain_text(data: bytes, name: str) -> SourceText:
    """Read a .txt/.md file; lines are split on LF, CRLF and lone CR alike."""
    check_size(data, name, MAX_TEXT_BYTES)
    suffix = suffix_of(name)
    kind = sniff(data[:2048])
    if kind in (ZIP, OLE, PDF):  # a Word file or PDF renamed .txt: say so rather than "binary"
        raise InputError.of("mislabelled", path=name, suffix=suffix, actual=DESCRIPTIONS[kind])
    try:
        text, encoding = decode_text(data)
    except NotText as exc:
        raise InputError.of("not_text", path=name) from exc
    except UnknownEncoding as exc:
        raise InputError.of("undecodable", path=name) from exc
    lines = tuple(map(SourceLine, count(1), text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
    fmt = suffix.lstrip(".") or "txt"
    if fmt == "md":
        lines = tuple(_markdown_heading(line) for line in lines)
    return SourceText(path=name, format=fmt, lines=lines, encoding=encoding)


_MD_HEADING = re.compile(r"^(#{2,6})[ \t]+\S")


def _markdown_heading(line: SourceLine) -> SourceLine:
    """``## 一、…`` is a heading of level 1 (``#`` is the document's title, read as the title block);
    the marks themselves are conversion debris (data/document.yaml) and never matched."""
    match = _MD_HEADING.match(line.text)
    return replace(line, heading_level=len(match.group(1)) - 1) if match else line
