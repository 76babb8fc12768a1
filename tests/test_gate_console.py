"""Colour only on a TTY and never with NO_COLOR; the progress bar is for TTYs and erases itself."""

from __future__ import annotations

import io

import pytest
from out_support import run_formatter, seed_results

from rubric_check.console import use_color
from rubric_check.formatters.progress import ProgressFormatter
from rubric_check.formatters.terminal import TerminalFormatter
from rubric_check.rubric.model import Rubric


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_needs_a_tty_and_no_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color(Tty()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset, per no-color.org
    assert use_color(Tty())


def test_coloured_table_keeps_columns(rubric: Rubric) -> None:
    plain, coloured = io.StringIO(), io.StringIO()
    run_formatter(TerminalFormatter(plain), rubric, seed_results())
    run_formatter(TerminalFormatter(coloured, color=True), rubric, seed_results())
    text = coloured.getvalue()
    assert "\033[31m未通过\033[0m" in text and "\033[32m通过\033[0m" in text
    stripped = text.replace("\033[31m", "").replace("\033[32m", "").replace("\033[0m", "")
    assert stripped == plain.getvalue()


def test_verbose_lists_gaps(rubric: Rubric) -> None:
    out = io.StringIO()
    run_formatter(TerminalFormatter(out, verbose=True), rubric, seed_results())
    assert "  - 缺失：不足的原因——" in out.getvalue()


def test_progress_bar_redraws_and_erases(rubric: Rubric) -> None:
    err = Tty()
    run_formatter(ProgressFormatter(err, total=2, width=10), rubric, seed_results())
    text = err.getvalue()
    assert "[#####-----] 1/2 seeds/000" in text and "[##########] 2/2" in text
    assert text.endswith("\r") and "\n" not in text


def test_not_a_terminal_gets_a_row_per_report_as_it_finishes(rubric: Rubric) -> None:
    """A CI log shows each report when it is scored, not the whole table at the end."""
    from out_support import summarise, unreadable

    out = io.StringIO()
    table = TerminalFormatter(out, streaming=True)
    table.start(rubric)
    assert out.getvalue().startswith("文件  得分")  # the header first
    results = (*seed_results(), unreadable())
    for count, result in enumerate(results, start=1):
        table.report(result)
        lines = out.getvalue().splitlines()
        assert len(lines) == 1 + count and lines[-1].startswith(result.path)
    table.stop(summarise(list(results)))
    text = out.getvalue()
    assert all(text.count(r.path + "  ") == 1 for r in results)  # each row once, not again at the end
    assert "文件已损坏。" in text and text.rstrip().endswith("无法读取 1 份。")
