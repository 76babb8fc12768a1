"""Reviewer spreadsheets: xlsx opened with openpyxl and its cells checked; CSV with BOM; no formulas."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import SEEDS
from out_support import FAILING, PASSING, hostile, run_formatter, seed_results, unreadable

from rubric_check.formatters.csv_report import CsvFormatter
from rubric_check.formatters.sheet import safe_text
from rubric_check.formatters.xlsx_report import XlsxFormatter
from rubric_check.rubric.model import Rubric


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("某局", "某局"),
        (None, ""),
    ],
)
def test_formula_injection_guard(value: str | None, shown: str) -> None:
    assert safe_text(value) == shown


def test_xlsx_cells(tmp_path: Path, rubric: Rubric) -> None:
    target = tmp_path / "review.xlsx"
    run_formatter(XlsxFormatter(str(target)), rubric, [*seed_results(), unreadable(), hostile(rubric)])
    wb = openpyxl.load_workbook(target)
    ws = wb["检查结果"]
    header = [c.value for c in ws[1]]
    assert header[:9] == [
        "文件",
        "单位",
        "年度",
        "报告标题",
        "得分",
        "等级",
        "结论",
        "缺失的必备要素",
        "无法读取的原因",
    ]
    assert header[9:] == [e.name for e in rubric.elements]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}5"
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    failing = rows[FAILING]
    assert failing[4] == seed_results()[0].score and failing[6] == "未通过" and failing[7] == "不足的原因"
    assert failing[9 + [e.id for e in rubric.elements].index("problem-causes")] == "缺失"
    assert rows[PASSING][6] == "通过" and set(rows[PASSING][9:]) <= {"符合", "部分符合", "缺失"}
    assert rows["drafts/坏文件.pdf"][6] == "无法读取" and rows["drafts/坏文件.pdf"][8] == "文件已损坏。"
    evil = rows["'-drafts/报告 #1.txt"]
    assert evil[1] == "'=1+2 某局" and evil[3] == "'+标题"
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)  # nothing is a formula
    fills = {rule.formula[0]: rule.dxf.fill.fgColor.rgb for cf in ws.conditional_formatting for rule in cf.rules}
    assert fills['"缺失"'].endswith("FFC7CE") and fills['"符合"'].endswith("C6EFCE") and '"未通过"' in fills
    legend = wb["要素说明"]
    assert [c.value for c in legend[1]][:2] == ["要素编号", "要素名称"] and legend.max_row == len(rubric.elements) + 1


def test_xlsx_is_deterministic(tmp_path: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    run_formatter(XlsxFormatter(str(a)), rubric, seed_results())
    run_formatter(XlsxFormatter(str(b)), rubric, seed_results())
    assert a.read_bytes() == b.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run_formatter(XlsxFormatter(str(b)), rubric, seed_results())
    assert openpyxl.load_workbook(b).properties.modified.year == 2023


def test_csv_utf8_bom_and_injection(tmp_path: Path, rubric: Rubric) -> None:
    target = tmp_path / "review.csv"
    run_formatter(CsvFormatter(str(target)), rubric, [*seed_results(), hostile(rubric)])
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "文件" and rows[0][9:] == [e.name for e in rubric.elements]
    assert [r[0] for r in rows[1:]] == [FAILING, PASSING, "'-drafts/报告 #1.txt"]
    assert rows[3][1] == "'=1+2 某局" and rows[1][6] == "未通过"


def test_clear_error_without_openpyxl(tmp_path: Path) -> None:
    """openpyxl removed from an install (it is a base dependency): exit 2 with the Chinese install hint."""
    args = ["score", "--no-html", "--xlsx", str(tmp_path / "x.xlsx"), str(SEEDS)]
    code = f"import sys; sys.modules['openpyxl'] = None\nfrom rubric_check.cli import main\nmain({args!r})"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "pip install openpyxl" in result.stderr and not (tmp_path / "x.xlsx").exists()
