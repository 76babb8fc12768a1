"""The 通报 sheet: one row per report in words, ready to paste into a 通报."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
from out_support import FAILING, PASSING, hostile, run_formatter, seed_results, unreadable

from rubric_check.formatters.bulletin import main_gaps
from rubric_check.formatters.xlsx_report import XlsxFormatter
from rubric_check.rubric.model import Rubric


def test_the_bulletin_sheet_has_a_row_per_report_in_words(tmp_path: Path, rubric: Rubric) -> None:
    target = tmp_path / "review.xlsx"
    run_formatter(XlsxFormatter(str(target)), rubric, [*seed_results(), unreadable(), hostile(rubric)])
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["检查结果", "通报", "要素说明"]
    ws = wb["通报"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("序号", "单位", "年度", "得分", "等级", "结论", "缺失的必备内容", "主要问题", "文件")
    failing, passing, broken, evil = rows[1:]
    assert failing[:7] == (1, "湖滨区卫生健康委员会", 2023, 78.8, "良好", "未通过", "不足的原因")
    assert failing[8] == FAILING
    # Required gaps first, checks said as "未通过检查", then the count of all the gaps.
    assert failing[7].startswith("缺失：不足的原因、") and "；未通过检查：年份一致、落款与日期" in failing[7]
    assert failing[7].endswith("等，共8项。")
    assert passing[:7] == (2, "蓟州区卫生健康委员会", 2020, 91.2, "优秀", "通过", "无") and passing[8] == PASSING
    assert passing[7] == "缺失：述法；未通过检查：成效有数据、标题、落款与日期。"
    assert broken[5] == "无法读取" and broken[7] == "文件已损坏。" and broken[1] == "（未识别出单位）"
    assert evil[1] == "'=1+2 某局" and evil[8] == "'-drafts/报告 #1.txt"
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref == "A1:I5"


def test_a_report_without_gaps_says_so(rubric: Rubric) -> None:
    [clean] = [r for r in seed_results() if r.passed]
    met = tuple(dataclasses.replace(e, status="met") for e in clean.elements)
    assert main_gaps(dataclasses.replace(clean, elements=met)) == "各项内容均符合要求。"
