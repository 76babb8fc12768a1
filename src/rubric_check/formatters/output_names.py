"""File names for what goes back to an office (a Word letter, a PDF): who and which year, safe on every OS.

A reviewer files feedback by reporting body and year, so a name reads ``某某局-2023年度`` rather than
the input's hash; the readable parts come from report text, so they are cut down to letters, digits
and Chinese characters (no path separators, no device names, nothing Windows refuses). Two reports
of one office and year in a batch would share a name: ``UniqueNames`` gives the later one the short
hash of its own input path, so every name depends only on its report and the ones before it in the
(sorted) batch, and a run gives the same names every time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rubric_check.messages import message
from rubric_check.results import ReportResult

PART_CHARS = 48
_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)  # \w keeps letters, digits, _ and CJK characters
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def path_key(shown: str) -> str:
    """The input path as compared for uniqueness: NFC, forward slashes (same on every OS)."""
    return unicodedata.normalize("NFC", shown.replace("\\", "/"))


def path_digest(shown: str) -> str:
    """Eight hex digits of the input path's hash: tells apart two inputs with the same readable name."""
    return hashlib.sha256(path_key(shown).encode("utf-8")).hexdigest()[:8]


def source_stem(shown: str) -> str:
    """The input's file name without its suffix (``a/b/报告.docx`` → ``报告``)."""
    base = path_key(shown).rstrip("/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base.strip(".") else base


def safe_part(text: str, limit: int = PART_CHARS) -> str:
    """``text`` as part of a file name: runs of anything but letters, digits, CJK, ``_`` and ``-``
    become ``_``; at most ``limit`` characters; "" when nothing is left.

    >>> safe_part("../某某局 /CON")
    '某某局_CON'
    >>> safe_part("ｘ区司法局")
    'x区司法局'
    """
    return _UNSAFE.sub("_", unicodedata.normalize("NFKC", text)).strip("_-")[:limit].rstrip("_-")


def is_reserved(part: str) -> bool:
    """A name Windows keeps for a device (``CON``, ``COM1`` …), whatever the suffix after it."""
    return part.lower() in _WINDOWS_RESERVED


def readable_stem(agency: str | None, year: int | None, shown: str) -> str:
    """``某某局-2023年度`` from the metadata; the input's file name stands in for an unknown reporting
    body, and an unknown year is left out. Pure: the same arguments always give the same stem.

    >>> readable_stem("东皋区司法局", 2023, "in/a.docx")
    '东皋区司法局-2023年度'
    >>> readable_stem(None, None, "in/报告 草稿.txt")
    '报告_草稿'
    >>> readable_stem("aux", 2023, "x.txt")
    '报告_aux-2023年度'
    """
    who = safe_part(agency or "") or safe_part(source_stem(shown)) or message("output_names.unnamed")
    if is_reserved(who):
        who = f"{message('output_names.unnamed')}_{who}"
    return message("output_names.with_year", who=who, year=year) if year is not None else who


def readable_stem_of(result: ReportResult) -> str:
    """The readable stem of ``result``'s letter and PDF: its reporting body and year."""
    return readable_stem(result.meta.agency if result.meta else None, result.year, result.path)


def letter_name(stem: str) -> str:
    """``某某局-2023年度-审核意见.docx``: a Word feedback letter (``--letters``)."""
    return message("letters.file_name", stem=stem)


def pdf_name(stem: str) -> str:
    """``某某局-2023年度-差距报告.pdf``: the gaps-only print of a gap report (``--pdf``)."""
    return message("html.pdf_name", stem=stem) + ".pdf"


class UniqueNames:
    """Stems handed out once per batch, compared as Windows and macOS compare names (case, NFC)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, stem: str, shown: str) -> str:
        """``stem`` if still free, else ``stem-<path hash>`` (then ``-2``, ``-3`` … should even that be
        taken, e.g. the same path given twice)."""
        candidate = stem
        if self._key(candidate) in self._taken:
            candidate = f"{stem}-{path_digest(shown)}"
        number = 2
        while self._key(candidate) in self._taken:
            candidate = f"{stem}-{path_digest(shown)}-{number}"
            number += 1
        self._taken.add(self._key(candidate))
        return candidate

    @staticmethod
    def _key(stem: str) -> str:
        return unicodedata.normalize("NFC", stem).casefold()
