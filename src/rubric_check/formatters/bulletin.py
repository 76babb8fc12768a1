"""The 通报 sheet of the spreadsheet: one row per report in words a reviewer pastes into a 通报.

A reviewer reports a batch upward as a table of who scored what and what each report lacks. The
columns are the reporting body, year, score, grade, verdict, the missing required parts and the
main gaps as one sentence ("缺失：不足的原因；不符合要求：年份一致；部分符合：……"). Rows are built one
report at a time (``row``), so the spreadsheet can spool them; ``add_sheet`` writes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rubric_check.formatters.collect import gaps
from rubric_check.formatters.letter_content import gap_label
from rubric_check.formatters.sheet import Cell, gate_label, safe_text
from rubric_check.messages import message, messages
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric

MAIN_GAPS = 6  # a 通报 names the main gaps; the rest are counted ("等 9 项")
WIDTHS = (6, 28, 8, 8, 8, 10, 24, 60, 36)


def headers() -> list[str]:
    return messages("bulletin.columns")


def main_gaps(result: ReportResult, rubric: Rubric, limit: int = MAIN_GAPS) -> str:
    """The gaps in words, missing before partial, required first, heavier first; grouped by label.

    The labels are the letters' (a failed check reads 不符合要求), so the 通报 and the letter agree.
    """
    order = {"missing": 0, "partial": 1}
    found = sorted(gaps(result), key=lambda e: (order[e.status], not e.required, -e.weight))
    if not found:
        return message("bulletin.no_gaps")
    specs = {e.id: e for e in rubric.elements}
    groups: dict[tuple[int, bool, str], list[str]] = {}  # 缺失, 不符合要求, 部分符合, 部分符合要求
    for element in found[:limit]:
        spec = specs.get(element.id)
        key = (order[element.status], spec is not None and spec.check is not None, gap_label(element, spec))
        groups.setdefault(key, []).append(element.name)
    text = "；".join(
        message("bulletin.group", label=key[2], names="、".join(names)) for key, names in sorted(groups.items())
    )
    if len(found) > limit:
        text += message("bulletin.more", count=len(found))
    return text + "。"


def row(number: int, result: ReportResult, rubric: Rubric) -> list[Cell]:
    """Row ``number`` (1-based, the 序号) of the sheet; report text passes through ``safe_text``."""
    meta = result.meta
    if result.error is not None:
        gaps_text = result.error.message
        missing = ""
    else:
        gaps_text = main_gaps(result, rubric)
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


def add_sheet(workbook: Any, rows: Iterable[list[Cell]], index: int = 1) -> Any:
    """The 通报 sheet at position ``index`` of an openpyxl workbook, filled from ``rows``."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = workbook.create_sheet(message("bulletin.title"), index)
    ws.append(headers())
    count = 0
    for values in rows:
        ws.append(values)
        count += 1
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in ws.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in cells:
            cell.alignment = wrap
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(WIDTHS))}{max(count + 1, 2)}"
    return ws
