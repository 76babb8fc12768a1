"""Loading and validating rubrics: every problem reported at once, in Chinese, with its place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rubric_builder import element, rubric_doc

from rubric_check.errors import RubricError
from rubric_check.rubrics import compile_rubric, load_rubric


def problems_of(document: Any) -> list[str]:
    with pytest.raises(RubricError) as caught:
        compile_rubric(document, "bad.yaml")
    assert "bad.yaml" in caught.value.text
    return caught.value.problems


def test_minimal_rubric_compiles() -> None:
    rubric = compile_rubric(rubric_doc(), "ok.yaml")
    assert [e.id for e in rubric.elements] == ["topic"]
    assert rubric.classify("二、下一步工作计划") == {"plans"}


def test_default_rubric_defines_the_catalogue(rubric) -> None:
    catalogue = [
        "measures",
        "problems",
        "problem-causes",
        "first-responsible-person",
        "next-year-plans",
        "report-kind",
        "title",
        "year-consistency",
        "template-residue",
        "quantified-results",
        "signature-date",
        "no-copying",
        "xi-rule-of-law-thought",
        "leaders-study-law",
        "shu-fa",
        "three-systems",
        "double-random",
        "major-decisions",
        "legal-counsel",
        "normative-documents",
        "review-litigation",
        "pufa",
        "transparency",
        "services-reform",
        "disputes",
        "oversight",
        "digital-government",
        "emergency-response",
    ]
    assert [e.id for e in rubric.elements] == catalogue
    required = [e for e in rubric.elements if e.required]
    assert [e.id for e in required] == catalogue[:6]
    total = sum(e.weight for e in rubric.elements)
    assert sum(e.weight for e in required) >= total / 2
    assert rubric.pass_score == 60
    assert all(e.description and e.basis and e.guidance for e in rubric.elements)


def test_several_errors_are_reported_at_once_with_their_place() -> None:
    bad = rubric_doc(
        pass_score="sixty",
        elements=[
            element(id="Bad Id"),
            element(id="x", severity="must", met={"text": {"phrases": ["普法"], "scope": "all"}}),
            element(id="y", weight=None),
        ],
    )
    problems = problems_of(bad)
    joined = "\n".join(problems)
    assert len(problems) >= 4
    assert "pass_score：类型应为数字" in joined
    assert "elements[0]（id: Bad Id） → id" in joined
    assert "elements[1]（id: x） → severity：取值应为以下之一：required、recommended、optional" in joined
    assert "“scope”" in joined and "拼写错误" in joined
    assert "elements[2]（id: y）：缺少必填项“weight”" in joined


def test_rule_with_two_kinds_or_none_is_explained() -> None:
    bad = rubric_doc(elements=[element(met={"text": {"phrases": ["a"]}, "heading": {"kind": "plans"}})])
    assert any("text、heading、all、any、not 中的一种" in p for p in problems_of(bad))


@pytest.mark.parametrize(
    ("regex", "words"),
    [
        (r"\b政府\b", "单词边界"),
        (r"(普法", "无法编译"),
        (r"普?", "空文本"),
        (r"（一）", "规范化后不会出现"),
        (r"“三项”", "规范化后不会出现"),
    ],
)
def test_regexes_that_can_never_match_are_refused(regex: str, words: str) -> None:
    bad = rubric_doc(elements=[element(met={"text": {"regex": [regex]}})])
    [problem] = problems_of(bad)
    assert words in problem and "elements[0]（id: topic） → met → text" in problem


def test_unknown_section_kind_phrase_set_and_duplicate_id() -> None:
    bad = rubric_doc(
        elements=[
            element(met={"text": {"phrases": ["a"], "in": ["planz"], "unless_sentence_has": ["@nope"]}}),
            element(),
        ]
    )
    joined = "\n".join(problems_of(bad))
    assert "未定义的章节类型“planz”" in joined
    assert "未定义的词组集合“nope”" in joined
    assert "要素编号“topic”重复" in joined


def test_check_types_and_their_parameters_are_validated() -> None:
    bad = rubric_doc(
        elements=[
            element(id="a", met=None, partial=None, check={"type": "magic"}),
            element(id="b", met=None, partial=None, check={"type": "quantified_facts", "met_min": 0}),
            element(id="c", met=None, partial=None, check={"type": "quantified_facts", "not_in": ["nowhere"]}),
        ]
    )
    joined = "\n".join(problems_of(bad))
    assert "未知的内置检查类型“magic”" in joined
    assert "met_min" in joined and "不能小于 1" in joined
    assert "未定义的章节类型“nowhere”" in joined


def test_a_pattern_error_says_in_words_what_the_value_needs() -> None:
    assert "只能用小写字母、数字和连字符" in "\n".join(problems_of(rubric_doc(id="Bad_Id")))
    bad_checks = rubric_doc(
        elements=[
            element(id="a", met=None, partial=None, check={"type": "quantified_facts", "units": ["件 次"]}),
            element(id="b", met=None, partial=None, check={"type": "year_consistency", "plan_year_regex": "\\d{4}"}),
        ],
    )
    joined = "\n".join(problems_of(bad_checks))
    assert "单位不能含空格" in joined
    assert "命名分组 (?P<year>…)" in joined


def test_element_needs_exactly_one_of_met_or_check() -> None:
    bad = rubric_doc(elements=[element(met=None, partial=None)])
    assert any("met 规则或 check" in p for p in problems_of(bad))


def test_yaml_python_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("id: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(str(path))
    assert "不允许的 YAML 标签" in caught.value.text


def test_broken_yaml_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nname: [unclosed\n", encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(str(path))
    assert "broken.yaml" in caught.value.text and "第 " in caught.value.text


def test_missing_file_and_unknown_bundled_name(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="找不到评分细则文件"):
        load_rubric(str(tmp_path / "none.yaml"))
    with pytest.raises(RubricError, match="没有名为“nonesuch”的内置评分细则"):
        load_rubric("nonesuch")


def test_rubric_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(rubric_doc(), allow_unicode=True), encoding="utf-8")
    assert load_rubric(str(path)).id == "mini"


def test_section_unless_names_known_kinds() -> None:
    sections = {"measures": {"name": "举措", "phrases": ["举措"], "unless": ["frp"]}}
    assert any("未定义的章节类型“frp”" in p for p in problems_of(rubric_doc(sections=sections)))
