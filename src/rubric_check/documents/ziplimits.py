"""Checks on a zip container (.docx, .ofd) before any part is decompressed.

A .docx is a zip; a hostile or broken one can declare gigabytes behind a few kilobytes. The
declared sizes are checked here, and Python's zipfile never inflates a member past its declared
size, so these limits bound what python-docx (or the OFD reader) can allocate.
"""

from __future__ import annotations

import io
import zipfile

from rubric_check.documents.files import mib
from rubric_check.errors import InputError, library_reason

MAX_MEMBERS = 5000
MAX_TOTAL_UNZIPPED = 512 * 1024 * 1024  # pictures included
MAX_XML_UNZIPPED = 64 * 1024 * 1024  # a single XML part (document.xml of a 500-page report is ~10 MB)
MAX_RATIO = 200  # a real XML part compresses about 10:1; bombs compress 1000:1


def check_zip(data: bytes, name: str, corrupt: str = "docx_corrupt", too_large: str = "zip_too_large") -> None:
    """Raise InputError if the zip is corrupt, encrypted or would inflate beyond the limits;
    ``corrupt`` and ``too_large`` are the error kinds whose advice fits the format the user has."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError.of(corrupt, path=name, detail=library_reason(exc)) from exc
    if len(members) > MAX_MEMBERS:
        raise InputError.of(corrupt, path=name, detail=f"压缩包内有 {len(members)} 个文件")
    if any(member.flag_bits & 0x1 for member in members):
        raise InputError.of("encrypted", path=name)
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_UNZIPPED:
        raise InputError.of(too_large, path=name, size=mib(total), limit=mib(MAX_TOTAL_UNZIPPED))
    for member in members:
        if not member.filename.lower().endswith((".xml", ".rels")):
            continue
        too_big = member.file_size > MAX_XML_UNZIPPED
        bomb = member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1)
        if too_big or bomb:
            raise InputError.of(too_large, path=name, size=mib(member.file_size), limit=mib(MAX_XML_UNZIPPED))
