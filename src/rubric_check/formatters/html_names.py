"""Output file names for gap reports: readable, unique per input path, and safe on every OS.

Two folders may hold a report with the same file name, so the name carries a short hash of the
whole input path; the readable part keeps letters, digits and Chinese characters of the stem.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

INDEX_NAME = "index.html"
_STEM_CHARS = 48
_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)  # \w keeps letters, digits, _ and CJK characters
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def path_key(shown: str) -> str:
    """The input path as compared for uniqueness: NFC, forward slashes (same on every OS)."""
    return unicodedata.normalize("NFC", shown.replace("\\", "/"))


def report_stem(shown: str) -> str:
    """``<readable stem>-<8 hex of the path hash>``, the file name without its suffix."""
    key = path_key(shown)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    base = key.rstrip("/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    readable = _UNSAFE.sub("_", unicodedata.normalize("NFKC", stem)).strip("_-")[:_STEM_CHARS]
    if not readable or readable.lower() in _WINDOWS_RESERVED:
        readable = f"report_{readable}".rstrip("_")
    return f"{readable}-{digest}"


def report_name(shown: str, suffix: str = ".html") -> str:
    """File name of the gap report for the input shown as ``shown`` (never equal to index.html)."""
    return report_stem(shown) + suffix
