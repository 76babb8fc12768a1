"""Zip archives of reports (a district's submissions): members are read in memory, never extracted.

An archive made on Windows stores names in the system code page (CP936/GBK) without the UTF-8
flag; Python's zipfile then decodes them as CP437, so they are re-decoded here. Each member is
shown as ``archive.zip/folder/member.docx``. Members that could escape a folder if extracted
(``..``, absolute paths, drive letters), symlinks and encrypted members are reported, not read;
a member is inflated only up to the readers' size limit and refused when it compresses like a
bomb; a zip inside the archive is opened one level deep, a zip inside that is reported.
"""

from __future__ import annotations

import io
import posixpath
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from rubric_check.documents.files import mib
from rubric_check.documents.readers import supported_text
from rubric_check.documents.ziplimits import MAX_MEMBERS, MAX_RATIO
from rubric_check.errors import InputError

ARCHIVE_SUFFIXES = (".zip",)
UNPACK_FIRST_SUFFIXES = (".rar", ".7z")  # no well-kept pure-Python reader: the user unpacks them
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # the largest any reader accepts
MAX_ARCHIVE_TOTAL = 2 * 1024 * 1024 * 1024  # members are read one at a time; this bounds the time
MAX_NESTING = 1  # archive.zip/inner.zip/report.docx, no deeper
_UTF8_FLAG = 0x800
_SKIPPED_FOLDERS = ("__MACOSX",)


@dataclass(frozen=True)
class Member:
    """A report inside an archive: the raw names leading to it (outer first) and its shown name."""

    names: tuple[str, ...]
    shown: str


def member_name(info: zipfile.ZipInfo) -> str:
    """The name as its maker wrote it: UTF-8 when flagged, else UTF-8 or GBK bytes read as CP437.

    >>> info = zipfile.ZipInfo("报告.docx".encode("gbk").decode("cp437"))
    >>> member_name(info)
    '报告.docx'
    """
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def list_members(path: Path, shown: str, suffixes: frozenset[str]) -> list[Member]:
    """The members of the archive at ``path`` whose suffix is in ``suffixes`` (nested zips opened),
    sorted; InputError if the archive itself cannot be opened or is over the limits."""
    with _open(path, shown) as archive:
        return sorted(_members(archive, shown, (), suffixes, depth=0), key=lambda member: member.shown)


def read_member(path: Path, member: Member) -> bytes:
    """The bytes of ``member`` of the archive at ``path``; InputError naming it if it cannot be read."""
    if len(member.names) > MAX_NESTING and posixpath.splitext(member.names[-1])[1].lower() in ARCHIVE_SUFFIXES:
        raise InputError.of("archive_too_deep", path=member.shown)
    data = b""
    for depth, name in enumerate(member.names):
        source: Path | io.BytesIO = path if depth == 0 else io.BytesIO(data)
        with _open(source, member.shown) as archive:
            data = _read(archive, name, member.shown)
    return data


def refuse(data: bytes, name: str) -> NoReturn:
    """Why an archive given as one report yields nothing to score (it was not listable, or holds no
    supported file): the reader registered for archives, which always raises."""
    with _open(io.BytesIO(data), name):
        pass
    raise InputError.of("archive_empty", path=name, supported=supported_text())


def unpack_first(_data: bytes, name: str) -> NoReturn:
    """.rar/.7z: say to unpack them, rather than "unsupported format"."""
    raise InputError.of("archive_unpack_first", path=name)


def _open(source: Path | io.BytesIO, shown: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError.of("archive_corrupt", path=shown) from exc
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_MEMBERS or total > MAX_ARCHIVE_TOTAL:
        archive.close()
        raise InputError.of("archive_too_large", path=shown, count=len(infos), size=mib(total))
    return archive


def _members(
    archive: zipfile.ZipFile, shown: str, outer: tuple[str, ...], suffixes: frozenset[str], depth: int
) -> Iterator[Member]:
    for info in archive.infolist():
        name = member_name(info)
        parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
        if info.is_dir() or not parts or _hidden(parts):
            continue
        member = Member((*outer, info.filename), f"{shown}/{'/'.join(parts)}")
        suffix = posixpath.splitext(parts[-1])[1].lower()
        if suffix in ARCHIVE_SUFFIXES and depth < MAX_NESTING and _safe(info, name):
            yield from _nested(archive, info, member, suffixes, depth)
        elif suffix in suffixes or suffix in ARCHIVE_SUFFIXES:
            yield member


def _nested(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: Member, suffixes: frozenset[str], depth: int
) -> Iterator[Member]:
    """The members of a zip inside the archive; the inner zip itself (to be reported) if unreadable."""
    try:
        data = _read(archive, info.filename, member.shown)
        with _open(io.BytesIO(data), member.shown) as inner:
            found = list(_members(inner, member.shown, member.names, suffixes, depth + 1))
    except InputError:
        found = []
    yield from found or [member]


def _hidden(parts: list[str]) -> bool:
    """What a folder walk skips (hidden files, Office lock files), and macOS resource forks."""
    hidden = any((part.startswith(".") and part != "..") or part in _SKIPPED_FOLDERS for part in parts)
    return hidden or parts[-1].startswith("~$")


def _safe(info: zipfile.ZipInfo, name: str) -> bool:
    return not _unsafe_reason(info, name)


def _unsafe_reason(info: zipfile.ZipInfo, name: str) -> str:
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":") or ".." in normal.split("/"):
        return "path"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symlink"
    return ""


def _read(archive: zipfile.ZipFile, raw_name: str, shown: str) -> bytes:
    try:
        info = archive.getinfo(raw_name)
    except KeyError as exc:
        raise InputError.of("archive_corrupt", path=shown) from exc
    reason = _unsafe_reason(info, member_name(info))
    if reason:
        raise InputError.of(f"archive_unsafe_{reason}", path=shown)
    if info.flag_bits & 0x1:
        raise InputError.of("encrypted", path=shown)
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError.of("too_large", path=shown, size=mib(info.file_size), limit=mib(MAX_MEMBER_BYTES))
    if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError.of("archive_bomb", path=shown, size=mib(info.file_size))
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError) as exc:
        raise InputError.of("archive_corrupt", path=shown) from exc
    if len(data) > MAX_MEMBER_BYTES:
        raise InputError.of("too_large", path=shown, size=f">{mib(MAX_MEMBER_BYTES)}", limit=mib(MAX_MEMBER_BYTES))
    return data
