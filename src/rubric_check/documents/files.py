"""Bounded reading of input files, shared by every reader.

A reviewer's folder can hold anything; every reader checks the size before reading so that a
stray video or disk image gives a clear error instead of exhausting memory.
"""

from __future__ import annotations

from pathlib import Path

from rubric_check.errors import InputError


def file_size(path: Path, shown_path: str, limit: int) -> int:
    """The size of ``path``; InputError if missing, unreadable, empty or over ``limit`` bytes."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError.of("not_found", path=shown_path) from exc
    except OSError as exc:
        raise InputError.of("read_failed", path=shown_path, detail=exc.strerror or str(exc)) from exc
    if size > limit:
        raise InputError.of("too_large", path=shown_path, size=mib(size), limit=mib(limit))
    if size == 0:
        raise InputError.of("empty", path=shown_path)
    return size


def read_bytes(path: Path, shown_path: str, limit: int) -> bytes:
    """All bytes of ``path`` after the checks of :func:`file_size`."""
    file_size(path, shown_path, limit)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError.of("read_failed", path=shown_path, detail=exc.strerror or str(exc)) from exc


def read_head(path: Path, shown_path: str, count: int = 2048) -> bytes:
    """The first ``count`` bytes, for recognising what a file really is."""
    try:
        with path.open("rb") as handle:
            return handle.read(count)
    except OSError as exc:
        raise InputError.of("read_failed", path=shown_path, detail=exc.strerror or str(exc)) from exc


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
