"""Errors that reach users. Each carries a stable ``kind`` (for JSON) and a Chinese message."""

from __future__ import annotations

import errno
import logging

from rubric_check.messages import message

_log = logging.getLogger(__name__)


class RubricCheckError(Exception):
    """Base for errors whose message is meant for the user as it is."""

    def __init__(self, kind: str, text: str) -> None:
        super().__init__(text)
        self.kind = kind
        self.text = text


class InputError(RubricCheckError):
    """A report file could not be read; the batch goes on without it (exit 3)."""

    @classmethod
    def of(cls, kind: str, **values: object) -> InputError:
        return cls(kind, message(f"errors.{kind}", **values))


class RubricError(RubricCheckError):
    """The rubric is unusable; nothing is scored (exit 2). ``problems`` lists every error found."""

    def __init__(self, path: str, problems: list[str]) -> None:
        header = message("rubric.invalid", path=path, count=len(problems))
        super().__init__("rubric", "\n".join([header, *(f"  - {p}" for p in problems)]))
        self.path = path
        self.problems = problems


class OutputError(RubricCheckError):
    """An output file or folder could not be written; the run stops with exit 2."""

    @classmethod
    def of(cls, kind: str, **values: object) -> OutputError:
        return cls("output", message(f"output.{kind}", **values))

    @classmethod
    def writing(cls, path: object, exc: OSError) -> OutputError:
        """Writing ``path`` failed with ``exc``: named by the target, never by a temporary file."""
        return cls.of("write_failed", path=path, reason=os_reason(exc))


# errno names as the os module knows them; Windows' sharing violation comes as winerror 32/33.
_ERRNO_KEYS = {
    "EACCES": "denied",
    "EPERM": "denied",
    "EROFS": "read_only",
    "ENOSPC": "no_space",
    "EDQUOT": "no_space",
    "EISDIR": "is_folder",
    "ENOTDIR": "not_folder",
    "EEXIST": "exists",
    "ENOENT": "missing",
    "ENAMETOOLONG": "too_long",
    "EBUSY": "busy",
    "ETXTBSY": "busy",
    "EIO": "io",
    "EINVAL": "invalid_name",
    "ELOOP": "loop",
}


def os_reason(exc: OSError) -> str:
    """What the operating system refused, in Chinese (its own text is English on most systems)."""
    if getattr(exc, "winerror", None) in (32, 33):
        return message("os.busy")
    name = errno.errorcode.get(exc.errno or -1, "")
    key = _ERRNO_KEYS.get(name)
    return message(f"os.{key}") if key else message("os.other", code=exc.errno if exc.errno is not None else "?")


def library_reason(exc: Exception) -> str:
    """Why a reading library gave up on a file, in Chinese: its own text (English, internal) goes
    to the log, never to the user."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    _log.info("reader gave up: %s: %s", type(exc).__name__, exc)
    return message("os.unparsable")
