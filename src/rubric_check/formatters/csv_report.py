"""CSV (``--csv F``): UTF-8 with a byte-order mark and CRLF rows, so Excel opens the Chinese correctly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rubric_check.atomic import write_bytes_atomic
from rubric_check.formatters import sheet
from rubric_check.formatters.base import Summary
from rubric_check.formatters.collect import Collector


class CsvFormatter(Collector):
    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target

    def document(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(sheet.headers(self.elements))
        for result in self.results:
            writer.writerow(["" if c is None else c for c in sheet.row(result, self.elements)])
        return buffer.getvalue().encode("utf-8-sig")

    def stop(self, summary: Summary) -> None:
        write_bytes_atomic(Path(self.target), self.document())
