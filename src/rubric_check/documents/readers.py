"""Reading a file into SourceText: one reader per format, chosen by file suffix.

Readers do I/O and nothing else; everything after SourceText is pure (see build.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rubric_check.documents.decode import NotText, UnknownEncoding, decode_text
from rubric_check.documents.model import SourceLine, SourceText
from rubric_check.errors import InputError

MAX_TEXT_BYTES = 50 * 1024 * 1024

Reader = Callable[[Path, str], SourceText]


def read_plain_text(path: Path, shown_path: str) -> SourceText:
    """Read a .txt/.md file; lines are split on LF, CRLF and lone CR alike."""
    data = _read_bytes(path, shown_path, MAX_TEXT_BYTES)
    try:
        text, encoding = decode_text(data)
    except NotText as exc:
        raise InputError.of("not_text", path=shown_path) from exc
    except UnknownEncoding as exc:
        raise InputError.of("undecodable", path=shown_path) from exc
    lines = tuple(
        SourceLine(number=i, text=line)
        for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1)
    )
    fmt = path.suffix.lower().lstrip(".") or "txt"
    return SourceText(path=shown_path, format=fmt, lines=lines, encoding=encoding)


def _read_bytes(path: Path, shown_path: str, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError.of("too_large", path=shown_path, size=_mib(size), limit=_mib(limit))
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError.of("not_found", path=shown_path) from exc
    except OSError as exc:
        raise InputError.of("read_failed", path=shown_path, detail=exc.strerror or str(exc)) from exc


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


READERS: dict[str, Reader] = {
    ".txt": read_plain_text,
    ".md": read_plain_text,
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
    source = reader(path, shown_path)
    if not any(line.text.strip() for line in source.lines):
        raise InputError.of("empty", path=shown_path)
    return source
