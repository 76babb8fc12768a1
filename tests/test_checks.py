"""Built-in checks: title, year_consistency, placeholders, quantified_facts, signature_date."""

from __future__ import annotations

import pytest

from rubric_check.engine import score_document
from rubric_check.matching.checks import placeholders, quantified_facts, signature_date, title, year_consistency
from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import load_rubric
from rubric_check.testing import document


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("滨江区交通运输局\n关于2024年法治政府建设情况的报告\n正文。", "met"),
        ("滨江区交通运输局2024年度依法行政工作总结\n正文。", "met"),
        ("关于2024年法治政府建设情况的报告\n正文。", "partial"),
        ("滨江区交通运输局法治政府建设工作报告\n正文。", "partial"),
        ("2024年，滨江区交通运输局全面推进依法行政。", "missing"),
    ],
)
def test_title(rubric: Rubric, text: str, status: str) -> None:
    assert title.check(document(text, rubric), title.prepare({})).status == status


def test_title_reason_names_what_is_lacking(rubric: Rubric) -> None:
    result = title.check(document("关于2024年法治政府建设情况的报告\n正文。", rubric), title.prepare({}))
    assert "报告单位" in result.reason and "年度" not in result.reason


YEAR_CASES = [
    ("关于2023年法治政府建设情况的报告\n一、主要举措和成效\n略。\n二、2024年工作打算\n略。", "met"),
    ("关于2023年法治政府建设情况的报告\n一、主要举措和成效\n略。\n二、面临的问题及2023年工作打算\n略。", "missing"),
    ("2024年法治政府建设工作情况报告\n一、主要举措\n略。\n四、2024年推进法治建设的工作安排\n略。", "missing"),
    ("关于2022年法治政府建设情况的报告\n一、2021年推进法治政府建设的主要举措和成效\n略。", "missing"),
    (
        "关于2022年法治政府建设情况的报告\n一、主要举措\n略。\n二、下一步工作\n（一）实施纲要(2021-2025年)。\n2023年计划开展培训。",
        "met",
    ),
    ("关于2022年法治政府建设情况的报告\n二、下一步工作\n2022年计划开展培训。", "missing"),
    ("一、主要举措和成效\n略。", "partial"),
]


@pytest.mark.parametrize(("text", "status"), YEAR_CASES)
def test_year_consistency(rubric: Rubric, text: str, status: str) -> None:
    assert year_consistency.check(document(text, rubric), year_consistency.prepare({})).status == status


def test_year_contradiction_points_at_the_heading(rubric: Rubric) -> None:
    doc = document(YEAR_CASES[1][0], rubric)
    result = year_consistency.check(doc, year_consistency.prepare({}))
    assert [e.line for e in result.evidence] == [4]
    assert "2023" in result.reason and "2024" in result.reason


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("全年办理案件35件。", "met"),
        ("XX局全年办理案件35件。", "missing"),
        ("全年办理案件*件。", "missing"),
        ("20××年，我局推进依法行政。", "missing"),
        ("全年办理案件【】件。", "missing"),
        ("全年办理案件（ ）件。", "missing"),
        ("2025年 月 日", "missing"),
        ("推广HPV疫苗接种，X射线诊疗许可12件。", "met"),
    ],
)
def test_placeholders(rubric: Rubric, text: str, status: str) -> None:
    assert placeholders.check(document(text, rubric), placeholders.prepare({})).status == status


@pytest.mark.parametrize(
    ("text", "status", "count"),
    [
        ("一、主要举措和成效\n办理12件，罚款8900元，培训300人次，检查45户次，办结率100%。", "met", 5),
        ("一、主要举措和成效\n共受理 62 宗。", "partial", 1),
        ("一、主要举措和成效\n印发通知（津卫〔2020〕255号），第3次会议于12月20日召开。", "missing", 0),
        ("一、主要举措\n办理12件。\n二、存在的不足\n人员仅14人。\n三、下一步工作计划\n培训300人次。", "partial", 1),
    ],
)
def test_quantified_facts(rubric: Rubric, text: str, status: str, count: int) -> None:
    result = quantified_facts.check(document(text, rubric), quantified_facts.prepare({}))
    assert result.status == status
    assert (str(count) in result.reason) or count == 0


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("滨江区交通运输局\n2025年2月28日", "met"),
        ("滨江区交通运输局\n2025年3月15日", "partial"),
        ("滨江区交通运输局", "partial"),
        ("2025年2月1日", "partial"),
        ("以上报告，请审阅。", "missing"),
    ],
)
def test_signature_date(rubric: Rubric, closing: str, status: str) -> None:
    doc = document("关于2024年法治政府建设情况的报告\n正文。\n" + closing, rubric)
    assert signature_date.check(doc, signature_date.prepare({})).status == status


def test_a_heading_reporting_on_last_years_plan_is_no_contradiction(rubric: Rubric) -> None:
    text = (
        "关于2023年法治政府建设情况的报告\n一、主要举措和成效\n（三）2023年重点工作完成情况\n略。\n"
        "二、2024年工作计划\n略。"
    )
    doc = document(text, rubric)
    assert [sorted(h.kinds) for h in doc.headings] == [["measures"], ["measures"], ["plans"]]
    assert year_consistency.check(doc, year_consistency.prepare({})).status == "met"


def test_an_earlier_year_in_a_sub_heading_is_no_contradiction(rubric: Rubric) -> None:
    text = (
        "关于2023年法治政府建设情况的报告\n一、主要举措和成效\n（二）2022年遗留问题的处理情况\n略。\n"
        "二、2024年工作计划\n略。"
    )
    assert year_consistency.check(document(text, rubric), year_consistency.prepare({})).status == "met"


def test_a_check_reason_quoting_braces_from_the_report_is_shown_as_it_is() -> None:
    """A check's sentence may quote the report; braces in it are text, not a template (found by
    the property test with a report holding "{")."""
    rubric = load_rubric()
    result = score_document(document("关于{name}2023年法治政府建设{0}情况的报告\n一、主要举措\n我局。", rubric), rubric)
    assert any("关于{name}2023年法治政府建设{0}情况的报告" in e.message for e in result.elements)
