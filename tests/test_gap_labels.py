"""A built-in check that fails is named 未通过检查 in every output that lists gaps, as on the gap page;
missing content stays 缺失."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from out_support import FAILING, run_formatter, seed_results

from rubric_check.formatters.bulletin import main_gaps
from rubric_check.formatters.html_index import summarise
from rubric_check.formatters.html_report import index_chunks
from rubric_check.formatters.markdown import MarkdownFormatter
from rubric_check.formatters.sarif import result_json
from rubric_check.formatters.terminal import table_lines
from rubric_check.results import ElementResult, ReportResult
from rubric_check.rubrics import load_rubric


def failing_with_a_failed_check() -> tuple[ReportResult, ElementResult, ElementResult]:
    failing = next(r for r in seed_results() if r.path == FAILING)
    checks = [e for e in failing.elements if e.check]
    content = next(e for e in failing.elements if e.status == "missing" and not e.check)
    failed = dataclasses.replace(checks[0], status="missing", message="标题中的年份与正文不一致。")
    elements = tuple(failed if e.id == failed.id else e for e in failing.elements)
    return dataclasses.replace(failing, elements=elements), failed, content


def test_checks_are_marked_on_the_results() -> None:
    failing = next(r for r in seed_results() if r.path == FAILING)
    assert any(e.check for e in failing.elements) and any(not e.check for e in failing.elements)


def test_terminal_markdown_sarif_and_bulletin_say_a_failed_check_is_not_missing(tmp_path: Path) -> None:
    result, failed, content = failing_with_a_failed_check()
    found = table_lines(result, verbose=True)
    assert found is not None
    lines = found[1]
    assert any(failed.name in line and "未通过检查" in line for line in lines)
    assert any(content.name in line and "缺失" in line and "未通过检查" not in line for line in lines)

    target = tmp_path / "summary.md"
    run_formatter(MarkdownFormatter(str(target)), load_rubric(), [result])
    text = target.read_text(encoding="utf-8")
    assert f"- 未通过检查：{failed.name}" in text and f"- 缺失：{content.name}" in text

    assert "未通过检查" in result_json(result, failed, 0, "")["message"]["text"]
    assert "未通过检查" in main_gaps(result)


def test_the_index_lists_a_failed_check_as_not_passed_among_the_common_gaps() -> None:
    rubric = load_rubric()
    result, failed, content = failing_with_a_failed_check()
    page = "".join(index_chunks([summarise(result, None, rubric)], rubric))
    common = page[page.index('id="common"') :]
    assert f"{failed.name}：未通过检查 1 份" in common and f"{content.name}：缺失 1 份" in common
