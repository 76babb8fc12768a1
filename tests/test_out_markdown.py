"""Markdown summary: counts, a row per report, top gaps, failed reports folded; report text escaped."""

from __future__ import annotations

from pathlib import Path

from out_support import FAILING, PASSING, hostile, run_formatter, seed_results, unreadable

from rubric_check.formatters.markdown import MarkdownFormatter, md
from rubric_check.gate import Gate
from rubric_check.rubric.model import Rubric


def render(tmp_path: Path, rubric: Rubric, results, gate: Gate | None = None) -> str:
    target = tmp_path / "summary.md"
    run_formatter(MarkdownFormatter(str(target), gate), rubric, results)
    return target.read_text(encoding="utf-8")


def test_counts_table_and_top_gaps(tmp_path: Path, rubric: Rubric) -> None:
    text = render(tmp_path, rubric, [*seed_results(), unreadable()])
    assert "| 3 | 1 | 1 | 1 |" in text
    assert md(FAILING) in text and md(PASSING) in text and "❌ 未通过" in text and "✅ 通过" in text
    assert "⚠️ 无法读取" in text and "文件已损坏。" in text
    top = text.split("### 最常见的差距")[1]
    assert "| 不足的原因 | 必备 | 1 |" in top
    assert "<summary>" + md(FAILING) in text and "必备要素缺失：不足的原因" in text
    assert "通过条件：得分不低于 60 分，且必备要素没有缺失。" in text


def test_report_text_cannot_inject_markup(tmp_path: Path, rubric: Rubric) -> None:
    text = render(tmp_path, rubric, [hostile(rubric)])
    assert "<b>" not in text and "<script>" not in text
    assert "\\<b\\>粗体\\</b\\>" in text and "\\|" in text


def test_gate_policy_is_described(tmp_path: Path, rubric: Rubric) -> None:
    text = render(tmp_path, rubric, seed_results()[1:], Gate(("score",), 80))
    assert "通过条件：得分不低于 80 分。" in text and "**✅ 全部通过**" in text
