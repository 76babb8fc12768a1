"""Bounded reading of input files, shared by every reader.

A reviewer's folder can hold anything; the size is checked before a file is read, so that a stray
video or disk image gives a clear error instead of exhausting memory, and every reader checks the
bytes it is given against its own format's limit (bytes may come from an upload or a zip member).
"""

from __future__ import annotations

from pathlib import Path, PurePath

from rubric_check.errors import InputError, os_reason


def read_file(path: Path, shown_path: str, limit: int) -> bytes:
    """All bytes of ``path``; InputError if missing, unreadable, empty or over ``limit`` bytes."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError.of("not_found", path=shown_path) from exc
    except OSError as exc:
        raise InputError.of("read_failed", path=shown_path, detail=os_reason(exc)) from exc
    if size > limit:
        raise InputError.of("too_large", path=shown_path, size=mib(size), limit=mib(limit))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.of("read_failed", path=shown_path, detail=os_reason(exc)) from exc
    check_size(data, shown_path, limit)
    return data


def check_size(data: bytes, name: str, limit: int) -> None:
    """InputError if ``data`` is empty or over ``limit`` bytes."""
    if len(data) > limit:
        raise InputError.of("too_large", path=name, size=mib(len(data)), limit=mib(limit))
    if not data:
        raise InputError.of("empty", path=name)


def suffix_of(name: str) -> str:
    """The lower-case suffix of a shown name (``archive.zip/报告.DOCX`` → ``.docx``)."""
    return PurePath(name.replace("\\", "/")).suffix.lower()


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
