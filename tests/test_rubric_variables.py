"""Guidance and reasons written for the report's own year: {year}, {next_year}, {prev_year}, {name}."""

from __future__ import annotations

import io
import re

import pytest
from conftest import SEEDS
from rubric_builder import element, rubric_doc

from rubric_check.commands.explain import run as explain
from rubric_check.discovery import discover
from rubric_check.engine import score_source
from rubric_check.errors import RubricError
from rubric_check.examples import snippet_source
from rubric_check.formatters.html_report import render_report
from rubric_check.formatters.junit import JunitFormatter
from rubric_check.formatters.sarif import SarifFormatter
from rubric_check.pipeline import score_input
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import compile_rubric, load_rubric
from rubric_check.summary import Tally

SEED_2021 = "002_f104e46954cce790.txt"  # 巴南区, a 2021 report without a signature date
YEAR = re.compile(r"(?<!\d)20\d\d(?=年)")
# Years a rubric may fix: in the titles of laws and plans (《法治政府建设实施纲要（2021—2025年）》).
LAW_TITLE = re.compile(r"《[^》]*》|（\d{4}年）")


def seed(rubric: Rubric, name: str) -> ReportResult:
    [item] = discover([str(SEEDS / name)], {".txt"})
    return score_input(item, rubric)


@pytest.mark.parametrize("name", ["default", "local-gov", "township"])
def test_no_bundled_guidance_or_reason_fixes_a_year(name: str) -> None:
    rubric = load_rubric(name)
    for e in rubric.elements:
        for text in (e.guidance, *e.reasons.values()):
            assert not YEAR.findall(LAW_TITLE.sub("", text)), (e.id, text)


def test_a_2021_report_is_shown_guidance_for_2021(rubric: Rubric) -> None:
    result = seed(rubric, SEED_2021)
    assert result.year == 2021
    page = render_report(result, rubric)
    assert "如“2022年2月20日”，不晚于2022年3月1日的报送时限" in page
    assert "{year}" not in page and "{next_year}" not in page and "2025年2月20日" not in page


def test_every_report_output_fills_the_year(rubric: Rubric, tmp_path) -> None:
    result = seed(rubric, SEED_2021)
    for formatter, suffix in ((JunitFormatter, "xml"), (SarifFormatter, "sarif")):
        target = tmp_path / f"out.{suffix}"
        out = formatter(str(target))
        out.start(rubric)
        out.report(result)
        tally = Tally()
        tally.add(result)
        out.stop(tally.summary())
        text = target.read_text(encoding="utf-8")
        assert "2022年2月20日" in text and "{next_year}" not in text, formatter


def test_without_a_known_year_the_wording_is_neutral(rubric: Rubric) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert explain("signature-date", None, out, err) == 0
    assert "如“××××年2月20日”" in out.getvalue() and "{next_year}" not in out.getvalue()
    result = score_source(snippet_source("关于法治政府建设情况的报告\n开展普法宣传。", "无年份.txt"), rubric)
    assert result.year is None
    assert "如“一、××××年推进法治政府建设的主要举措和成效”" in render_report(result, rubric)


def test_a_reason_can_use_the_year_and_report_braces_are_left_alone() -> None:
    doc = rubric_doc(elements=[element(reasons={"missing": "没有写{year}年的{name}，{next_year}年计划另算。"})])
    rubric = compile_rubric(doc, "mini.yaml")
    result = score_source(snippet_source("关于2022年{x}工作的报告\n其他内容。", "r.txt"), rubric)
    assert result.elements[0].message == "没有写2022年的普法，2023年计划另算。"


def test_a_report_title_in_braces_does_not_break_a_check(rubric: Rubric) -> None:
    text = "关于{x}工作的报告\n一、主要举措和成效\n今年我局开展执法检查。\n东皋区司法局\n2024年2月1日"
    result = score_source(snippet_source(text, "r.txt"), rubric)
    assert result.error is None and result.score is not None


def test_an_unknown_variable_is_a_rubric_problem() -> None:
    bad = rubric_doc(
        default_reasons={"missing": "缺少{名称}。"},
        elements=[element(guidance="写“{nextyear}年工作安排”{name}。", reasons={"partial": "{year}年{nam}"})],
    )
    with pytest.raises(RubricError) as caught:
        compile_rubric(bad, "bad.yaml")
    joined = "\n".join(caught.value.problems)
    cases = (("nextyear", "guidance"), ("name", "guidance"), ("nam", "reasons → partial"), ("名称", "default_reasons"))
    for name, where in cases:
        assert f"“{{{name}}}”不是可用的变量" in joined
        assert where in joined
    assert "{year}、{next_year}" in joined
