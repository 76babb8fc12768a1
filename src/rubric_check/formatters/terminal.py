"""The compact table a reviewer reads in the terminal: file, score, grade, gate, missing required."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import partial
from typing import TextIO

import click

from rubric_check.discovery import Skipped
from rubric_check.formatters.base import Preparer, Summary
from rubric_check.formatters.collect import gap_label
from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric

Row = tuple[str, str, str, str, str]  # file, score, grade, gate, missing required
COLUMNS = 5


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


class TerminalFormatter:
    """On a terminal, rows are kept (one short tuple per report) so columns line up when printed at
    the end. ``streaming`` (a CI log, a pipe): each row is written as its report finishes, so a long
    batch shows progress instead of nothing until the end; columns are then not padded."""

    def __init__(self, stream: TextIO, color: bool = False, verbose: bool = False, streaming: bool = False) -> None:
        self.stream = stream
        self.color = color  # decided by the caller: only on a TTY, never with NO_COLOR
        self.verbose = verbose  # also list each report's missing and partial elements
        self.streaming = streaming
        self.rows: list[Row] = []
        self.errors: list[str] = []
        self.details: list[str] = []
        self.names: dict[str, str] = {}

    def start(self, rubric: Rubric) -> None:
        self.names = {e.id: e.name for e in rubric.elements}
        if self.streaming:
            self._write_row(_header())

    full_result = False

    @property
    def preparer(self) -> Preparer:
        return partial(table_lines, verbose=self.verbose)

    def report(self, result: ReportResult, prepared: tuple[Row, list[str]] | None = None) -> None:
        if result.error is not None:
            row: Row = (result.path, "-", "-", message("terminal.unreadable"), "-")
            self.errors.append(result.error.message)
        else:
            lines = prepared if prepared is not None else table_lines(result, self.verbose)
            assert lines is not None  # a readable report has its row
            row, details = lines
            self.details.extend(details)
        if self.streaming:
            self._write_row(row, painted=self.color)
            self.stream.flush()
        else:
            self.rows.append(row)

    def stop(self, summary: Summary) -> None:
        if not self.streaming:
            rows = [_header(), *self.rows]
            widths = [max(display_width(row[i]) for row in rows) for i in range(COLUMNS - 1)]
            for number, row in enumerate(rows):
                self._write_row(row, widths, painted=self.color and number > 0)
        for line in self.details:
            self.stream.write(line + "\n")
        for error in self.errors:
            self.stream.write(error + "\n")
        self.stream.write(message("terminal.summary", **summary.__dict__) + "\n")
        for line in skipped_lines(summary.skipped):
            self.stream.write(line + "\n")
        self.stream.flush()

    def _write_row(self, row: Row, widths: list[int] | None = None, painted: bool = False) -> None:
        cells = [pad(cell, widths[i]) if widths else cell for i, cell in enumerate(row[:-1])]
        if painted:  # padding first, so escape codes do not shift the columns
            cells[3] = _painted(row[3], cells[3])
        # click.echo strips the colour codes when colour is off (a Windows console shows them once
        # console.prepare_windows_console has run).
        click.echo("  ".join([*cells, row[-1]]).rstrip(), file=self.stream, color=self.color)


def _header() -> Row:
    file, score, grade, gate, missing = (
        message(f"terminal.header_{k}") for k in ("file", "score", "grade", "gate", "missing")
    )
    return file, score, grade, gate, missing


def skipped_lines(skipped: Sequence[Skipped]) -> list[str]:
    """The files of the folders given that were not checked, each with what to do (none: no lines)."""
    if not skipped:
        return []
    items = [message("skipped.terminal_item", path=item.path, reason=item.reason) for item in skipped]
    return [message("skipped.terminal_title", count=len(skipped)), *items]


def table_lines(result: ReportResult, verbose: bool) -> tuple[Row, list[str]] | None:
    """A readable report's row of the table, and its gap lines when ``verbose`` (None if unreadable)."""
    if result.error is not None:
        return None
    missing = "、".join(e.name for e in result.missing_required) or message("terminal.none")
    gate = message("terminal.passed" if result.passed else "terminal.failed")
    row = (result.path, f"{result.score:.1f}", result.grade or "-", gate, missing)
    return row, _gap_lines(result, gate) if verbose else []


def _painted(gate: str, padded: str) -> str:
    colour = {message("terminal.passed"): "green", message("terminal.failed"): "red"}.get(gate, "yellow")
    return padded.replace(gate, click.style(gate, fg=colour), 1)


def _gap_lines(result: ReportResult, gate: str) -> list[str]:
    order = {"missing": 0, "partial": 1}
    found = sorted((e for e in result.elements if e.status in order), key=lambda e: (order[e.status], not e.required))
    if not found:
        return []
    head = message("ci.gaps_header", path=result.path, score=f"{result.score:.1f}", gate=gate)
    return [head, *(message("ci.gap_line", status=gap_label(e), name=e.name, message=e.message) for e in found)]
