"""Writing outputs atomically: a reader (or a second run) never sees a half-written file.

A regular file is written to a temporary file beside it and renamed over it. Anything else that
already stands at the target (a device such as /dev/null, a FIFO, a symlink to one) is written in
place: renaming over it would replace the device node itself (run as root, ``--json /dev/null``
once turned the system's /dev/null into a regular file). A symlink to a regular file is followed,
so the file it points to is replaced and the link stays.

Every failure is an ``OutputError`` naming the target as the user gave it (never the temporary
file) in Chinese, so the command can say what to do and exit 2.

Files are not fsync'ed: every output can be made again by running again, and a batch writes a
page per report (fsync cost ~0.4 ms a page, a tenth of the HTML run); the rename is what keeps a
reader from seeing half a file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from rubric_check.errors import OutputError

_BLOCK = 1 << 16


def ensure_directory(path: Path, option: str = "--html") -> None:
    """Create the output folder ``path`` (and its parents); OutputError when it cannot be one."""
    if path.exists() and not path.is_dir():
        raise OutputError.of("not_a_folder", path=path, option=option)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError.writing(path, exc) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError.writing(path, PermissionError(13, "", str(path)))


def check_writable_file(path: Path) -> None:
    """Before a batch is scored: can ``path`` be written later? OutputError now, in the words of
    the write itself, rather than after hours of scoring (a folder given for a file, a file in the
    way of a folder, a read-only or protected folder). Nothing is created."""
    if path.is_dir():
        raise OutputError.of("is_folder", path=path)
    folder = (path.resolve() if path.is_symlink() else path).parent
    while not folder.exists() and folder != folder.parent:  # the nearest folder that exists
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError.writing(path, NotADirectoryError(errno.ENOTDIR, "", str(folder)))
    if not _in_place(path) and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError.writing(path, _refusal(folder))


def _refusal(folder: Path) -> OSError:
    """Why ``folder`` cannot be written: a read-only disk, else no permission."""
    try:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        read_only = False
    return OSError(errno.EROFS if read_only else errno.EACCES, "", str(folder))


def _in_place(path: Path) -> bool:
    """Must ``path`` be written where it stands (it exists and is not a regular file)?"""
    try:
        mode = os.stat(path).st_mode  # follows symlinks: a link to a device is a device
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise OutputError.writing(path, exc) from exc
    if stat.S_ISDIR(mode):
        raise OutputError.of("is_folder", path=path)
    return not stat.S_ISREG(mode)


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A handle whose bytes end up in ``path``: in place for a device or FIFO, else through a
    temporary file beside the (symlink-resolved) target, renamed over it once fully written."""
    if _in_place(path):
        try:
            with open(path, "wb") as handle:
                yield handle
        except OSError as exc:
            raise OutputError.writing(path, exc) from exc
        return
    real = path.resolve() if path.is_symlink() else path
    temp: str | None = None
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(temp, 0o644)
        os.replace(temp, real)
    except OSError as exc:
        _discard(temp)
        raise OutputError.writing(path, exc) from exc
    except BaseException:
        _discard(temp)
        raise


def _discard(temp: str | None) -> None:
    if temp is not None:
        Path(temp).unlink(missing_ok=True)


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
