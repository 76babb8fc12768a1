"""A progress bar on stderr for batches, drawn only when stderr is a terminal (commands/score.py
decides): never in logs or CI output."""

from __future__ import annotations

import os
from typing import Any, TextIO

from rubric_check.formatters.base import Summary
from rubric_check.formatters.terminal import display_width
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric


class ProgressFormatter:
    """``[#####-----] 3/10 file`` redrawn in place on stderr; erased before the results are printed."""

    def __init__(self, stream: TextIO, total: int, width: int = 24) -> None:
        self.stream = stream
        self.total = max(total, 1)
        self.width = width
        self.done = 0
        self.columns = _columns()

    def start(self, rubric: Rubric) -> None:
        self._draw("")

    full_result = False
    preparer = None

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        self.done += 1
        self._draw(result.path)

    def stop(self, summary: Summary) -> None:
        self.stream.write("\r" + " " * (self.columns - 1) + "\r")
        self.stream.flush()

    abort = stop  # an interrupted batch: the bar goes before the notice is printed

    def _draw(self, label: str) -> None:
        filled = self.width * self.done // self.total
        head = f"[{'#' * filled}{'-' * (self.width - filled)}] {self.done}/{self.total} "
        room = self.columns - 1 - display_width(head)
        while label and display_width(label) > room:
            label = label[1:]
        line = head + label
        self.stream.write("\r" + line + " " * max(0, self.columns - 1 - display_width(line)))
        self.stream.flush()


def _columns() -> int:
    try:
        return max(os.get_terminal_size(2).columns, 40)
    except OSError:
        return 80
