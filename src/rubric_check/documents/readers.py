"""Reading a report into SourceText: one reader per format, chosen by the name's suffix.

Every reader takes the file's bytes and the name the user knows it by (``reader(data, name)``),
so an upload or a zip member is read without a temporary file. Readers do I/O-free parsing and
nothing else; everything after SourceText is pure (see build.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from rubric_check.documents.extras import ocr_installed
from rubric_check.documents.files import read_file, suffix_of
from rubric_check.documents.model import SourceText
from rubric_check.documents.unsupported import advice
from rubric_check.errors import InputError
from rubric_check.messages import message

Reader = Callable[[bytes, str], SourceText]

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")  # scans and photos, read by OCR

# No reader accepts more; each checks its own format's (smaller) limit on the bytes it is given.
MAX_INPUT_BYTES = 100 * 1024 * 1024

# suffix → "module:function". The format modules import their libraries (lxml, python-docx,
# pdfminer) when they are loaded, which happens only when a file of that format is read, so
# `rubric-check --version` and text-only runs stay fast.
_DOCUMENTS = "rubric_check.documents"
READERS: dict[str, str] = {
    ".txt": f"{_DOCUMENTS}.text_reader:read_plain_text",
    ".md": f"{_DOCUMENTS}.text_reader:read_plain_text",
    ".docx": f"{_DOCUMENTS}.legacy_word:read_word",
    ".doc": f"{_DOCUMENTS}.legacy_word:read_legacy_word",
    ".wps": f"{_DOCUMENTS}.legacy_word:read_legacy_word",
    ".pdf": f"{_DOCUMENTS}.pdf_reader:read_pdf",
    ".ofd": f"{_DOCUMENTS}.ofd_reader:read_ofd",
    ".html": f"{_DOCUMENTS}.html_reader:read_html",
    ".htm": f"{_DOCUMENTS}.html_reader:read_html",
    **{suffix: f"{_DOCUMENTS}.ocr:read_image" for suffix in IMAGE_SUFFIXES},
    # an archive is listed by discovery and its members read one by one; read as one report, it
    # is refused with the reason (corrupt, or no report inside)
    ".zip": f"{_DOCUMENTS}.archive:refuse",
    ".rar": f"{_DOCUMENTS}.archive:unpack_first",
    ".7z": f"{_DOCUMENTS}.archive:unpack_first",
}
UNPACK_FIRST = frozenset({".rar", ".7z"})  # taken from folders only to tell the user to unpack them


def supported_suffixes() -> tuple[str, ...]:
    return tuple(sorted(READERS))


def walked_suffixes() -> tuple[str, ...]:
    """What a folder walk takes: every supported suffix, images only when OCR is installed (without
    it a folder's logos and photos would each be an error; named on the command line, an image is
    always taken, and told how to install OCR)."""
    return tuple(suffix for suffix in supported_suffixes() if ocr_installed() or suffix not in IMAGE_SUFFIXES)


def supported_text() -> str:
    """The supported formats as users read them (help, messages): documents, archives, scans."""
    grouped = {".zip"} | UNPACK_FIRST | set(IMAGE_SUFFIXES)
    documents = [suffix for suffix in supported_suffixes() if suffix not in grouped]
    return message("formats.supported", documents="、".join(documents), images="、".join(IMAGE_SUFFIXES))


def reader_for(suffix: str) -> Reader | None:
    """The reader function registered for ``suffix`` (imported on first use), or None."""
    target = READERS.get(suffix.lower())
    if target is None:
        return None
    module, function = target.split(":")
    reader: Reader = getattr(importlib.import_module(module), function)
    return reader


def read_source(source: Path | tuple[str, bytes], shown_path: str | None = None) -> SourceText:
    """Read a file on disk (``shown_path`` is how the user named it) or ``(name, bytes)`` already in
    memory (an upload, a zip member); raise InputError for anything unreadable."""
    if isinstance(source, Path):
        name = shown_path if shown_path is not None else str(source)
        suffix = source.suffix.lower()
    else:
        name, data = source
        suffix = suffix_of(name)
    reader = reader_for(suffix)
    if reader is None:
        raise InputError.of(
            "unsupported_format",
            path=name,
            suffix=suffix or "无扩展名",
            advice=advice(suffix, supported_text()),
            supported=supported_text(),
        )
    if isinstance(source, Path):
        if source.exists() and not source.is_file():  # a folder, pipe or device named like a report
            raise InputError.of("not_regular", path=name)
        data = read_file(source, name, MAX_INPUT_BYTES)
    result = reader(data, name)
    if not any(line.text.strip() for line in result.lines):
        raise InputError.of("empty", path=name)
    return result
