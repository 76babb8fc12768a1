"""Writing outputs atomically: a reader (or a second run) never sees a half-written file.

Files are not fsync'ed: every output can be made again by running again, and a batch writes a
page per report (fsync cost ~0.4 ms a page, a tenth of the HTML run); the rename is what keeps a
reader from seeing half a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_BLOCK = 1 << 16


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A handle on a temporary file beside ``path`` that replaces ``path`` once fully written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it into place."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with _replacing(path) as handle:
        handle.write(data)


def write_chunks_atomic(path: Path, chunks: Iterable[str]) -> None:
    """Like ``write_text_atomic`` for text produced piece by piece (never held whole in memory)."""
    with _replacing(path) as handle:
        pending: list[str] = []
        size = 0
        for chunk in chunks:  # a template yields many tiny pieces: write them in blocks
            pending.append(chunk)
            size += len(chunk)
            if size >= _BLOCK:
                handle.write("".join(pending).encode("utf-8"))
                pending, size = [], 0
        handle.write("".join(pending).encode("utf-8"))
