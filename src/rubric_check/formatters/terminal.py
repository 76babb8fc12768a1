"""The compact table a reviewer reads in the terminal: file, score, grade, gate, missing required."""

from __future__ import annotations

import unicodedata
from typing import TextIO

from rubric_check.formatters.base import Summary
from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


class TerminalFormatter:
    """Rows are kept (one short tuple per report) so columns line up when printed at the end."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.rows: list[tuple[str, ...]] = []
        self.errors: list[str] = []
        self.names: dict[str, str] = {}

    def start(self, rubric: Rubric) -> None:
        self.names = {e.id: e.name for e in rubric.elements}

    def report(self, result: ReportResult) -> None:
        if result.error is not None:
            self.rows.append((result.path, "-", "-", message("terminal.unreadable"), "-"))
            self.errors.append(result.error.message)
            return
        missing = "、".join(e.name for e in result.missing_required) or message("terminal.none")
        gate = message("terminal.passed" if result.passed else "terminal.failed")
        self.rows.append((result.path, f"{result.score:.1f}", result.grade or "-", gate, missing))

    def stop(self, summary: Summary) -> None:
        header = tuple(message(f"terminal.header_{k}") for k in ("file", "score", "grade", "gate", "missing"))
        rows = [header, *self.rows]
        widths = [max(display_width(row[i]) for row in rows) for i in range(len(header) - 1)]
        for row in rows:
            cells = [pad(cell, widths[i]) for i, cell in enumerate(row[:-1])]
            self.stream.write("  ".join([*cells, row[-1]]).rstrip() + "\n")
        for error in self.errors:
            self.stream.write(error + "\n")
        self.stream.write(message("terminal.summary", **summary.__dict__) + "\n")
        self.stream.flush()
