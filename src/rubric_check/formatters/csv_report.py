"""CSV (``--csv F``): UTF-8 with a byte-order mark and CRLF rows, so Excel opens the Chinese correctly."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import Any

from rubric_check.formatters import sheet
from rubric_check.formatters.base import Summary
from rubric_check.formatters.collect import Collector
from rubric_check.results import ReportResult


class CsvFormatter(Collector):
    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.rows = self.spool()
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        self.rows.append(self._line(sheet.row(result, self.elements)))

    def chunks(self, summary: Summary) -> Iterator[str]:
        yield "\ufeff" + self._line(sheet.headers(self.elements))  # the byte-order mark: Excel then reads UTF-8
        yield from self.rows

    def _line(self, cells: Sequence[object]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(["" if c is None else c for c in cells])
        return self._buffer.getvalue()
