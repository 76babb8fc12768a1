"""Each matching rule type: text (scope, min, distinct, unless), heading, all, any, not."""

from __future__ import annotations

from typing import Any

import pytest
from rubric_builder import element, rubric_doc

from rubric_check.matching.elements import judge
from rubric_check.rubrics import compile_rubric
from rubric_check.testing import document


def verdict(rule: dict[str, Any], text: str, partial: dict[str, Any] | None = None) -> tuple[str, str, list[int]]:
    rubric = compile_rubric(rubric_doc(elements=[element(met=rule, partial=partial)]), "test.yaml")
    result = judge(rubric.elements[0], document(text, rubric), rubric)
    return result.status, result.message, [e.line for e in result.evidence]


PLANS_DOC = "一、主要举措\n开展普法活动。\n二、下一步工作计划\n加强法治宣传。"


def test_text_scope_not_in_plans() -> None:
    rule = {"text": {"phrases": ["法治宣传"], "not_in": ["plans"]}}
    assert verdict(rule, PLANS_DOC)[0] == "missing"
    assert verdict({"text": {"phrases": ["普法"], "not_in": ["plans"]}}, PLANS_DOC)[:1] == ("met",)


def test_text_scope_in_section_kind() -> None:
    assert verdict({"text": {"phrases": ["法治宣传"], "in": ["plans"]}}, PLANS_DOC)[0] == "met"
    assert verdict({"text": {"phrases": ["普法"], "in": ["plans"]}}, PLANS_DOC)[0] == "missing"


def test_partial_rule_and_its_reason() -> None:
    status, reason, lines = verdict(
        {"text": {"phrases": ["法治宣传"], "not_in": ["plans"]}},
        PLANS_DOC,
        partial={"text": {"phrases": ["法治宣传"]}, "reason": "只在计划中提到{name}。"},
    )
    assert (status, reason, lines) == ("partial", "只在计划中提到普法。", [4])


def test_min_counts_occurrences_and_distinct_counts_words() -> None:
    text = "普法普法普法，法治宣传。"
    assert verdict({"text": {"phrases": ["普法", "法治宣传"], "min": 4}}, text)[0] == "met"
    assert verdict({"text": {"phrases": ["普法", "法治宣传"], "min": 3, "distinct": True}}, text)[0] == "missing"
    assert verdict({"text": {"phrases": ["普法", "法治宣传"], "min": 2, "distinct": True}}, text)[0] == "met"


def test_unless_sentence_has_ignores_passing_mentions() -> None:
    rule = {"text": {"phrases": ["行政复议"], "unless_sentence_has": ["@training"]}}
    assert verdict(rule, "组织干部学习行政复议法。")[0] == "missing"
    assert verdict(rule, "组织干部学习行政复议法。全年办理行政复议案件3件。")[0] == "met"


def test_regex_alternatives_and_phrase_synonyms() -> None:
    rule = {"text": {"phrases": ["“三项”制度"], "regex": [r"全过程[^。]{0,4}记录"]}}
    assert verdict(rule, "推行执法全过程音像记录。")[0] == "met"
    assert verdict(rule, "落实行政执法「三项」制度。")[0] == "met"


def test_heading_kind_phrases_level_and_min_chars() -> None:
    text = "一、主要举措和成效\n全年办理案件。\n（一）下一步工作计划\n短。"
    assert verdict({"heading": {"kind": "measures"}}, text)[0] == "met"
    assert verdict({"heading": {"kind": "plans", "max_level": 1}}, text)[0] == "missing"
    assert verdict({"heading": {"kind": "plans"}}, text)[0] == "met"
    assert verdict({"heading": {"kind": "plans", "min_chars": 5}}, text)[0] == "missing"
    assert verdict({"heading": {"phrases": ["成效"]}}, text)[0] == "met"
    assert verdict({"heading": {"phrases": ["普法"]}}, "开展普法。")[0] == "missing"


def test_heading_evidence_names_the_heading_line() -> None:
    assert verdict({"heading": {"kind": "measures"}}, "前言。\n一、主要举措\n正文。")[2] == [2]


@pytest.mark.parametrize(
    ("rule", "status"),
    [
        ({"all": [{"text": {"phrases": ["普法"]}}, {"text": {"phrases": ["宣传"]}}]}, "met"),
        ({"all": [{"text": {"phrases": ["普法"]}}, {"text": {"phrases": ["复议"]}}]}, "missing"),
        ({"any": [{"text": {"phrases": ["复议"]}}, {"text": {"phrases": ["宣传"]}}]}, "met"),
        ({"not": {"text": {"phrases": ["复议"]}}}, "met"),
        ({"not": {"text": {"phrases": ["普法"]}}}, "missing"),
    ],
)
def test_combinators(rule: dict[str, Any], status: str) -> None:
    assert verdict(rule, "开展普法宣传。")[0] == status


def test_evidence_is_a_verbatim_excerpt_with_highlight() -> None:
    rubric = compile_rubric(rubric_doc(elements=[element(met={"text": {"phrases": ["三项制度"]}})]), "t.yaml")
    original = "（二）严格执法。全面落实行政执法“三项”制度，公示信息。"
    doc = document("前言。\n" + original, rubric)
    [evidence] = judge(rubric.elements[0], doc, rubric).evidence
    assert evidence.line == 2
    assert evidence.text in original
    start, end = evidence.highlight
    assert evidence.text[start:end] == "三项”制度"
    assert evidence.section.startswith("（二）严格执法")


def test_evidence_says_where_the_excerpt_was_cut() -> None:
    rubric = compile_rubric(rubric_doc(elements=[element(met={"text": {"phrases": ["三项制度"]}})]), "t.yaml")
    long_line = "甲" * 40 + "落实三项制度" + "乙" * 40
    [cut] = judge(rubric.elements[0], document(long_line, rubric), rubric).evidence
    [whole] = judge(rubric.elements[0], document("落实三项制度。", rubric), rubric).evidence
    assert (cut.cut_before, cut.cut_after) == (True, True)
    assert (whole.cut_before, whole.cut_after) == (False, False)


def test_the_title_is_no_evidence_of_work_done() -> None:
    """关于推进依法行政工作情况的报告 names the subject; the body must say what was done."""
    rule = {"text": {"phrases": ["依法行政"]}}
    assert (
        verdict(rule, "泽川县水利局关于2023年度依法行政工作情况的报告\n2023年，我局开展执法检查30次。")[0] == "missing"
    )
    assert verdict(rule, "泽川县水利局关于2023年度依法行政工作情况的报告\n2023年，我局推进依法行政。")[0] == "met"
