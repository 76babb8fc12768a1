"""The reviewers' table shared by ``--csv`` and ``--xlsx``: one row per report, one column per element.

Cells that come from report text (paths, agency, titles, messages) are protected against formula
injection: a value starting with = + - @ (or a tab / carriage return) gets a leading apostrophe, so a
spreadsheet shows it as text instead of running it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rubric_check.formatters.collect import status_label
from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Element

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIXED_COLUMNS = ("file", "agency", "year", "title", "score", "grade", "gate", "missing", "error")
Cell = str | int | float | None


def safe_text(value: str | None) -> str:
    """Text for a spreadsheet cell that no spreadsheet program will evaluate as a formula."""
    text = value or ""
    return "'" + text if text.startswith(FORMULA_START) else text


def headers(elements: Sequence[Element]) -> list[str]:
    return [message(f"sheet.col_{k}") for k in FIXED_COLUMNS] + [e.name for e in elements]


def gate_label(result: ReportResult) -> str:
    if result.error is not None:
        return message("terminal.unreadable")
    return message("terminal.passed" if result.passed else "terminal.failed")


def row(result: ReportResult, elements: Sequence[Element]) -> list[Cell]:
    """Numbers stay numbers (sortable); all text passes through ``safe_text``."""
    meta = result.meta
    statuses = {e.id: e.status for e in result.elements}
    missing = "、".join(e.name for e in result.missing_required)
    return [
        safe_text(result.path),
        safe_text(meta.agency if meta else None),
        meta.year if meta and meta.year is not None else None,
        safe_text(meta.title if meta else None),
        result.score,
        safe_text(result.grade),
        gate_label(result),
        safe_text(missing),
        safe_text(result.error.message if result.error else None),
        *(status_label(statuses[e.id]) if e.id in statuses else "" for e in elements),
    ]
