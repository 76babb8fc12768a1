"""Output file names for gap reports: readable, unique per input path, and safe on every OS.

Two folders may hold a report with the same file name, so the name carries a short hash of the
whole input path; the readable part keeps letters, digits and Chinese characters of the stem.
"""

from __future__ import annotations

from rubric_check.formatters.output_names import is_reserved, path_digest, safe_part, source_stem

INDEX_NAME = "index.html"


def report_stem(shown: str) -> str:
    """``<readable stem>-<8 hex of the path hash>``, the file name without its suffix."""
    readable = safe_part(source_stem(shown))
    if not readable or is_reserved(readable):
        readable = f"report_{readable}".rstrip("_")
    return f"{readable}-{path_digest(shown)}"


def report_name(shown: str, suffix: str = ".html") -> str:
    """File name of the gap report for the input shown as ``shown`` (never equal to index.html)."""
    return report_stem(shown) + suffix
