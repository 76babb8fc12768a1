"""The 通报 sheet of the spreadsheet: one row per report in words a reviewer pastes into a 通报.

A reviewer reports a batch upward as a table of who scored what and what each report lacks. The
columns are the reporting body, year, score, grade, verdict, the missing required parts and the
main gaps as one sentence ("缺失：不足的原因；未通过检查：年份一致；部分符合：……"). Rows are built one
report at a time (``row``) and appended as the report arrives, so nothing is kept per report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rubric_check.formatters.collect import gap_label, gaps
from rubric_check.formatters.sheet import Cell, gate_label, safe_text
from rubric_check.messages import message, messages
from rubric_check.results import ReportResult

MAIN_GAPS = 6  # a 通报 names the main gaps; the rest are counted ("等 9 项")
WIDTHS = (6, 28, 8, 8, 8, 10, 24, 60, 36)
WRAPPED = (6, 7)  # 缺失的必备内容, 主要问题


def headers() -> list[str]:
    return messages("bulletin.columns")


def main_gaps(result: ReportResult, limit: int = MAIN_GAPS) -> str:
    """The gaps in words, missing before partial, required first, heavier first; grouped by label.

    The labels are the gap page's and the letters' (a failed check reads 未通过检查): all three agree.
    """
    order = {"missing": 0, "partial": 1}
    found = sorted(gaps(result), key=lambda e: (order[e.status], not e.required, -e.weight))
    if not found:
        return message("bulletin.no_gaps")
    groups: dict[tuple[int, bool, str], list[str]] = {}  # 缺失, 未通过检查, 部分符合
    for element in found[:limit]:
        key = (order[element.status], element.failed_check, gap_label(element))
        groups.setdefault(key, []).append(element.name)
    text = "；".join(
        message("bulletin.group", label=key[2], names="、".join(names)) for key, names in sorted(groups.items())
    )
    if len(found) > limit:
        text += message("bulletin.more", count=len(found))
    return text + "。"


def row(number: int, result: ReportResult) -> list[Cell]:
    """Row ``number`` (1-based, the 序号) of the sheet; report text passes through ``safe_text``."""
    meta = result.meta
    if result.error is not None:
        gaps_text = result.error.message
        missing = ""
    else:
        gaps_text = main_gaps(result)
        missing = "、".join(e.name for e in result.missing_required) or message("terminal.none")
    return [
        number,
        safe_text(meta.agency if meta and meta.agency else message("bulletin.unknown_agency")),
        meta.year if meta and meta.year is not None else None,
        result.score,
        safe_text(result.grade),
        gate_label(result),
        safe_text(missing),
        safe_text(gaps_text),
        safe_text(result.path),
    ]


def start_sheet(workbook: Any, cell: Callable[..., Any], heading: dict[str, Any]) -> Any:
    """The 通报 sheet of a write-only workbook, its widths, panes and header set before any row.
    ``cell(ws, value, **style)`` makes a styled write-only cell; ``heading`` is the header's style."""
    from openpyxl.utils import get_column_letter

    ws = workbook.create_sheet(message("bulletin.title"))
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "C2"
    ws.append([cell(ws, text, **heading) for text in headers()])
    return ws


def append(ws: Any, values: list[Cell], cell: Callable[..., Any]) -> None:
    """One row; the two columns of words wrap."""
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append([cell(ws, value, alignment=wrap) if i in WRAPPED else value for i, value in enumerate(values)])


def finish_sheet(ws: Any, rows: int) -> None:
    """The filter, which a write-only sheet takes after its rows."""
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A1:{get_column_letter(len(WIDTHS))}{max(rows + 1, 2)}"
