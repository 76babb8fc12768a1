"""Where OCR results are kept, and the lock that lets one OCR job run at a time.

OCR takes seconds a page and about 1 GB; a reviewer scores the same scans again after each rubric
change, so what was recognised is kept by the file's SHA-256 in the user's cache folder
(%LOCALAPPDATA%\\rubric-check\\ocr on Windows, $XDG_CACHE_HOME or ~/.cache/rubric-check/ocr
elsewhere; RUBRIC_CHECK_CACHE overrides). A cache that cannot be written is simply not used.
Scoring workers (--jobs) share one lock file there, so only one of them runs OCR at a time.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from rubric_check.atomic import write_text_atomic


def cache_folder() -> Path:
    override = os.environ.get("RUBRIC_CHECK_CACHE")
    if override:
        return Path(override) / "ocr"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "rubric-check" / "ocr"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rubric-check" / "ocr"


def load(key: str) -> Any | None:
    """What was stored under ``key``, or None (never stored, unreadable or damaged)."""
    try:
        return json.loads((cache_folder() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(key: str, value: Any) -> None:
    with suppress(OSError):  # a read-only or full home folder: OCR runs again next time
        write_text_atomic(cache_folder() / f"{key}.json", json.dumps(value, ensure_ascii=False))


@contextmanager
def one_job_at_a_time() -> Iterator[None]:
    """Hold the OCR lock shared by every rubric-check process of this user (if it can be made)."""
    try:
        folder = cache_folder()
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / "ocr.lock").open("a+b")
    except OSError:
        yield  # no cache folder: no lock either, but OCR still works
        return
    with handle:
        _lock(handle.fileno())
        try:
            yield
        finally:
            _unlock(handle.fileno())


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises
                return
            except OSError:
                continue

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
