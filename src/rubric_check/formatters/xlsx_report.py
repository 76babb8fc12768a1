"""Spreadsheet for reviewers (``--xlsx F``), via openpyxl (the optional ``xlsx`` extra).

Sheet 1: one row per report (score, grade, gate, one column per element status), Chinese headers,
frozen header row and file column, a filter, and conditional colouring of statuses and the gate.
Sheet 2: the 通报, one row per report in words (formatters/bulletin.py).
Sheet 3: what each element means (severity, weight, basis, guidance). The file is byte-identical for
the same inputs: fixed document timestamps and zip entry times (SOURCE_DATE_EPOCH if set).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from rubric_check.atomic import write_bytes_atomic
from rubric_check.errors import RubricCheckError
from rubric_check.formatters import bulletin, sheet
from rubric_check.formatters.base import Summary
from rubric_check.formatters.collect import Collector, build_time, severity_label, status_label
from rubric_check.formatters.office_zip import fixed_zip_times
from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.rubric.variables import fill

FILLS = {"met": "C6EFCE", "partial": "FFEB9C", "missing": "FFC7CE"}
FONTS = {"met": "006100", "partial": "9C5700", "missing": "9C0006"}


def require_openpyxl() -> Any:
    """Import openpyxl, or explain in Chinese how to install the extra (exit 2 before scoring)."""
    try:
        import openpyxl
    except ImportError as exc:
        raise RubricCheckError("xlsx_unavailable", message("sheet.no_openpyxl")) from exc
    return openpyxl


class XlsxFormatter(Collector):
    """A write-only workbook: openpyxl streams the rows to its own temporary files, so neither the
    results (spooled) nor the cells are held in memory."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        require_openpyxl()
        self.rows = 0

    def start(self, rubric: Rubric) -> None:
        """The workbook and its results sheet, set up before the first row (write-only sheets take
        their widths and panes only then)."""
        super().start(rubric)
        openpyxl = require_openpyxl()
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        self.wb = openpyxl.Workbook(write_only=True)
        ws = self.ws = self.wb.create_sheet(message("sheet.results_title"))
        header = sheet.headers(self.elements)
        ws.freeze_panes = "B2"
        widths = {"file": 36, "agency": 24, "title": 36, "missing": 24, "error": 36}
        for i, key in enumerate(sheet.FIXED_COLUMNS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = widths.get(key, 10)
        for i in range(len(sheet.FIXED_COLUMNS) + 1, len(header) + 1):
            ws.column_dimensions[get_column_letter(i)].width = 12
        heading = {
            "font": Font(bold=True),
            "fill": PatternFill("solid", fgColor="DDEBF7"),
            "alignment": Alignment(wrap_text=True, vertical="center"),
        }
        ws.append([_cell(ws, text, **heading) for text in header])
        self.bulletin = bulletin.start_sheet(self.wb, _cell, heading)  # the 通报, filled row by row

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        self.ws.append(sheet.row(result, self.elements))
        self.rows += 1
        assert self.rubric is not None
        bulletin.append(self.bulletin, bulletin.row(self.rows, result), _cell)

    def finish(self) -> Any:
        """Filters, colours and the legend, which a write-only sheet takes after its rows."""
        from openpyxl.formatting.rule import CellIsRule
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        wb, ws = self.wb, self.ws
        header = sheet.headers(self.elements)
        first_element = len(sheet.FIXED_COLUMNS) + 1
        last_row = max(self.rows + 1, 2)
        last_col = get_column_letter(len(header))
        ws.auto_filter.ref = f"A1:{last_col}{last_row}"

        def colour(cells: str, text: str, status: str) -> None:
            rule = CellIsRule(
                operator="equal",
                formula=[f'"{text}"'],
                fill=PatternFill("solid", fgColor=FILLS[status], bgColor=FILLS[status]),
                font=Font(color=FONTS[status]),
            )
            ws.conditional_formatting.add(cells, rule)

        if len(header) >= first_element:
            elements = f"{get_column_letter(first_element)}2:{last_col}{last_row}"
            for status in FILLS:
                colour(elements, status_label(status), status)
        gate = get_column_letter(sheet.FIXED_COLUMNS.index("gate") + 1)
        colour(f"{gate}2:{gate}{last_row}", message("terminal.passed"), "met")
        colour(f"{gate}2:{gate}{last_row}", message("terminal.failed"), "missing")
        colour(f"{gate}2:{gate}{last_row}", message("terminal.unreadable"), "partial")
        bulletin.finish_sheet(self.bulletin, self.rows)
        self._legend(wb, Font, Alignment)
        stamp = build_time()
        wb.properties.creator = "rubric-check"
        wb.properties.created = stamp
        wb.properties.modified = stamp
        return wb

    def _legend(self, wb: Any, font: Any, alignment: Any) -> None:
        ws = wb.create_sheet(message("sheet.elements_title"))
        ws.freeze_panes = "A2"
        for letter, width in zip("ABCDEFG", (24, 20, 8, 8, 50, 50, 50), strict=True):
            ws.column_dimensions[letter].width = width
        keys = ("id", "name", "severity", "weight", "description", "basis", "guidance")
        ws.append([_cell(ws, message(f"sheet.el_{k}"), font=font(bold=True)) for k in keys])
        wrap = alignment(wrap_text=True, vertical="top")
        for e in self.elements:
            texts = [sheet.safe_text(" ".join(t.split())) for t in (e.description, e.basis, fill(e.guidance, None))]
            ws.append(
                [e.id, e.name, severity_label(e.severity), e.weight, *(_cell(ws, t, alignment=wrap) for t in texts)]
            )

    def document(self) -> bytes:
        from openpyxl.writer.excel import ExcelWriter

        wb = self.finish()
        raw = io.BytesIO()
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            ExcelWriter(wb, archive).save()  # not wb.save(): that stamps the wall clock as "modified"
        return fixed_zip_times(raw.getvalue())

    def write(self, summary: Summary) -> None:
        write_bytes_atomic(Path(self.target), self.document())


def _cell(ws: Any, value: Any, **style: Any) -> Any:
    """A styled cell for a write-only sheet (its rows cannot be styled after they are appended)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell
