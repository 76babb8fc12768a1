"""Uploaded reports kept on disk under generated names, and the inputs a batch scores from them.

A browser sends each file with the name the reviewer knows it by: a file's own name, or for a
dropped folder its path inside that folder (``2024年/某某局.docx``). That name is what every page and
download shows; it never becomes a path. Each file is saved as ``00001.docx`` in the batch's private
folder (only the suffix survives, because the reader is chosen by it), so a hostile name can neither
climb out of the folder nor overwrite anything. A name with ``..``, a drive or a root, or control
characters is refused outright: no browser sends one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from rubric_check.discovery import Input, Skipped, Survey, expand_archives, skip_reason
from rubric_check.documents.files import suffix_of
from rubric_check.documents.readers import walked_suffixes
from rubric_check.errors import InputError
from rubric_check.messages import message

MAX_NAME_CHARS = 400
MAX_DEPTH = 32
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
_DRIVE = re.compile(r"^[A-Za-z]:")


class BadUploadName(InputError):
    """A file name no browser would send (``../``, a root, a drive, control characters)."""


@dataclass(frozen=True)
class Received:
    """One uploaded file: the name it was sent with and its content (a stream the server spooled)."""

    name: str
    stream: BinaryIO


def shown_name(sent: str) -> str:
    """The name shown for a file sent as ``sent``, or BadUploadName.

    >>> shown_name("2024年\\\\某某局.docx")
    '2024年/某某局.docx'
    >>> shown_name("../../etc/passwd")
    Traceback (most recent call last):
    ...
    rubric_check.workbench.uploads.BadUploadName: ...
    """
    name = unicodedata.normalize("NFC", sent).replace("\\", "/")
    parts = name.split("/")
    bad = (
        not name.strip()
        or len(name) > MAX_NAME_CHARS
        or len(parts) > MAX_DEPTH
        or name.startswith("/")
        or _DRIVE.match(name) is not None
        or any(part in ("", ".", "..") for part in parts)
        or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name)
    )
    if bad:
        raise BadUploadName("bad_upload_name", message("serve.bad_upload_name", name=_printable(sent)))
    return name


def _printable(name: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in name)[:200]


def passed_over(shown: str) -> bool:
    """Hidden files and Office lock files inside a dropped folder, left out as the CLI leaves them."""
    return any(part.startswith((".", "~$")) for part in PurePosixPath(shown).parts)


def save_uploads(files: Iterable[Received], folder: Path) -> Survey:
    """Save each file as ``folder/NNNNN<suffix>``; a dropped folder's unsupported files are listed
    as skipped (with what to do), a file sent on its own is always scored (an unsupported one gets
    its error row, as a file named on the command line does). Zip archives become their members.
    Raises BadUploadName before anything is saved."""
    received = list(files)
    shown = _unique([shown_name(item.name) for item in received])
    wanted = {s.lower() for s in walked_suffixes()}
    inputs: list[Input] = []
    skipped: list[Skipped] = []
    for number, (item, name) in enumerate(zip(received, shown, strict=True), start=1):
        if passed_over(name):
            continue
        in_folder = "/" in name
        if in_folder and suffix_of(name).lower() not in wanted:
            skipped.append(Skipped(name, skip_reason(suffix_of(name))))
            continue
        target = folder / f"{number:05d}{_safe_suffix(name)}"
        with target.open("xb") as out:
            while chunk := item.stream.read(1 << 20):
                out.write(chunk)
        inputs.append(Input(target, name, key=name))
    members = expand_archives(sorted(inputs, key=lambda i: i.shown), wanted)
    return Survey(sorted(members, key=lambda i: i.shown), sorted(skipped, key=lambda s: s.path))


def _safe_suffix(name: str) -> str:
    suffix = suffix_of(name).lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""


def _unique(names: list[str]) -> list[str]:
    """Two files sent with one name (two drops of the same file) are told apart: 报告（2）.docx."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        candidate, n = name, 1
        while candidate.lower() in seen:
            n += 1
            path = PurePosixPath(name)
            candidate = str(path.with_name(f"{path.stem}（{n}）{path.suffix}"))
        seen.add(candidate.lower())
        out.append(candidate)
    return out
