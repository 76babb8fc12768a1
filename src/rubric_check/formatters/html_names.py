"""Output file names for gap reports: readable, unique per input path, and safe on every OS.

Two folders may hold a report with the same file name, so the name carries a short hash of the
report's key: its path inside the folder given, led by that folder's own name (discovery.Input.key),
so ``seeds/``, ``./seeds``, an absolute path and ``.`` inside it give the same pages. The readable
part keeps letters, digits and Chinese characters of the stem.
"""

from __future__ import annotations

from collections.abc import Sequence

from rubric_check.discovery import Input
from rubric_check.documents.agency import agency_key
from rubric_check.formatters.output_names import is_reserved, path_digest, safe_part, source_stem

INDEX_NAME = "index.html"
HISTORY_FOLDER = "history"


def report_stem(shown: str) -> str:
    """``<readable stem>-<8 hex of the path hash>``, the file name without its suffix."""
    readable = safe_part(source_stem(shown))
    if not readable or is_reserved(readable):
        readable = f"report_{readable}".rstrip("_")
    return f"{readable}-{path_digest(shown)}"


def history_name(agency: str) -> str:
    """Where a body's history page sits in the output folder (linked from the index)."""
    key = agency_key(agency) or agency
    return f"{HISTORY_FOLDER}/{report_stem(key)}.html"


def report_name(shown: str, suffix: str = ".html") -> str:
    """File name of the gap report for the input shown as ``shown`` (never equal to index.html)."""
    return report_stem(shown) + suffix


def page_names(inputs: Sequence[Input]) -> dict[str, str]:
    """Gap report file name per shown path, from each input's key. Two inputs with one key (two
    folders of the same name given together) are told apart by their absolute paths, which do not
    depend on how they were typed either."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for item in sorted(inputs, key=lambda i: (i.name_key, i.shown)):
        name = report_name(item.name_key)
        if name.lower() in taken:  # case-insensitive file systems (Windows) would merge them
            name = report_name(item.path.absolute().as_posix())
        taken.add(name.lower())
        names[item.shown] = name
    return names
