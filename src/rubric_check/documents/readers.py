"""Reading a file into SourceText: one reader per format, chosen by file suffix.

Readers do I/O and nothing else; everything after SourceText is pure (see build.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import count
from pathlib import Path

from rubric_check.documents.decode import NotText, UnknownEncoding, decode_text
from rubric_check.documents.files import read_bytes
from rubric_check.documents.model import SourceLine, SourceText
from rubric_check.documents.sniff import DESCRIPTIONS, OLE, PDF, ZIP, sniff
from rubric_check.errors import InputError

MAX_TEXT_BYTES = 50 * 1024 * 1024

Reader = Callable[[Path, str], SourceText]


def read_plain_text(path: Path, shown_path: str) -> SourceText:
    """Read a .txt/.md file; lines are split on LF, CRLF and lone CR alike."""
    data = read_bytes(path, shown_path, MAX_TEXT_BYTES)
    kind = sniff(data[:2048])
    if kind in (ZIP, OLE, PDF):  # a Word file or PDF renamed .txt: say so rather than "binary"
        raise InputError.of("mislabelled", path=shown_path, suffix=path.suffix, actual=DESCRIPTIONS[kind])
    try:
        text, encoding = decode_text(data)
    except NotText as exc:
        raise InputError.of("not_text", path=shown_path) from exc
    except UnknownEncoding as exc:
        raise InputError.of("undecodable", path=shown_path) from exc
    lines = tuple(map(SourceLine, count(1), text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
    fmt = path.suffix.lower().lstrip(".") or "txt"
    if fmt == "md":
        lines = tuple(_markdown_heading(line) for line in lines)
    return SourceText(path=shown_path, format=fmt, lines=lines, encoding=encoding)


_MD_HEADING = re.compile(r"^(#{2,6})[ \t]+\S")


def _markdown_heading(line: SourceLine) -> SourceLine:
    """``## 一、…`` is a heading of level 1 (``#`` is the document's title, read as the title block);
    the marks themselves are conversion debris (data/document.yaml) and never matched."""
    match = _MD_HEADING.match(line.text)
    return replace(line, heading_level=len(match.group(1)) - 1) if match else line


def read_docx(path: Path, shown_path: str) -> SourceText:
    from rubric_check.documents.docx_reader import read_docx as read

    return read(path, shown_path)


def read_legacy_word(path: Path, shown_path: str) -> SourceText:
    from rubric_check.documents.legacy_word import read_legacy_word as read

    return read(path, shown_path)


def read_pdf(path: Path, shown_path: str) -> SourceText:
    from rubric_check.documents.pdf_reader import read_pdf as read

    return read(path, shown_path)


def read_html(path: Path, shown_path: str) -> SourceText:
    from rubric_check.documents.html_reader import read_html as read

    return read(path, shown_path)


# The format modules import their libraries (lxml, python-docx, pdfminer) only when a file of
# that format is read, so `rubric-check --version` and text-only runs stay fast.
READERS: dict[str, Reader] = {
    ".txt": read_plain_text,
    ".md": read_plain_text,
    ".docx": read_docx,
    ".doc": read_legacy_word,
    ".wps": read_legacy_word,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
}


def supported_suffixes() -> tuple[str, ...]:
    return tuple(sorted(READERS))


def read_source(path: Path, shown_path: str) -> SourceText:
    """Read ``path`` with the reader for its suffix; raise InputError for anything unreadable."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError.of(
            "unsupported_format",
            path=shown_path,
            suffix=path.suffix or "无扩展名",
            supported="、".join(supported_suffixes()),
        )
    if path.exists() and not path.is_file():  # a folder, pipe or device named like a report
        raise InputError.of("not_regular", path=shown_path)
    source = reader(path, shown_path)
    if not any(line.text.strip() for line in source.lines):
        raise InputError.of("empty", path=shown_path)
    return source
