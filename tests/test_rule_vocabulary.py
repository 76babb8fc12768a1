"""The rule vocabulary added so that verdicts generalise (issue 12): counting by sentence and clause,
sentence_has / unless_clause / skip_section_titles, passage rules, and the section kinds' opens,
unless_words, unless-within and whole_document. Each on a minimal rubric, with a near-miss."""

from __future__ import annotations

from typing import Any

from rubric_builder import element, rubric_doc

from rubric_check.matching.elements import judge
from rubric_check.rubrics import compile_rubric
from rubric_check.testing import document

SECTIONS = {
    "measures": {"name": "举措", "phrases": ["主要举措", "工作成效"], "unless": ["plans"]},
    "problems": {
        "name": "不足",
        "phrases": ["存在的问题", "存在的不足"],
        "opens": {"regex": ["清醒(?:地)?看到"]},
    },
    "plans": {
        "name": "安排",
        "phrases": ["下一步", "工作计划"],
        "opens": {"regex": ["^下一步,"]},
        "whole_document": {"regex": ["工作要点》?(?:的通知)?$"]},
    },
    "frp": {"name": "第一责任人", "phrases": ["第一责任人"], "unless_words": ["安全生产"], "unless": ["plans"]},
}


def verdict(rule: dict[str, Any], text: str) -> str:
    doc = rubric_doc(sections=SECTIONS, elements=[element(met=rule, partial=None)])
    rubric = compile_rubric(doc, "test.yaml")
    return judge(rubric.elements[0], document(text, rubric), rubric).status


def kinds(text: str) -> list[tuple[str, list[str]]]:
    rubric = compile_rubric(rubric_doc(sections=SECTIONS), "test.yaml")
    doc = document(text, rubric)
    return [(p.text[:6], sorted(doc.kinds_of[p.index])) for p in doc.paragraphs]


def test_per_clause_and_per_sentence_counts() -> None:
    rule = {"text": {"phrases": ["不足", "薄弱"], "per_clause": True, "min": 2}}
    assert verdict(rule, "执法力量不足，装备薄弱。") == "met"
    assert verdict(rule, "执法力量不足、装备薄弱。") == "missing"  # one clause listing two
    by_sentence = {"text": {"phrases": ["不足", "薄弱"], "per_sentence": True, "min": 2}}
    assert verdict(by_sentence, "执法力量不足，装备薄弱。") == "missing"
    assert verdict(by_sentence, "执法力量不足。装备薄弱。") == "met"


def test_sentence_has_requires_a_companion_word() -> None:
    rule = {"text": {"phrases": ["由于"], "sentence_has": ["不足"]}}
    assert verdict(rule, "由于编制有限，执法力量不足。") == "met"
    assert verdict(rule, "由于措施得力，案件下降两成。执法力量不足。") == "missing"


def test_unless_clause_ignores_clauses_that_name_nothing() -> None:
    rule = {"text": {"phrases": ["薄弱"], "unless_clause": {"regex": ["存在(?:一些|不少)"]}}}
    assert verdict(rule, "还存在一些薄弱环节，有待加强。") == "missing"
    assert verdict(rule, "还存在一些问题，基层执法力量薄弱。") == "met"


def test_skip_section_titles() -> None:
    rule = {"text": {"phrases": ["不足"], "skip_section_titles": True}}
    assert verdict(rule, "二、存在的不足\n无。") == "missing"
    assert verdict(rule, "二、存在的不足\n执法力量不足。") == "met"


def test_passage_clauses_without_slogans() -> None:
    rule = {"passage": {"kind": "plans", "min_clauses": 2, "without": ["再上新台阶", "继续努力"]}}
    assert verdict(rule, "三、下一步工作\n我们将继续努力，推动工作再上新台阶。") == "missing"
    assert verdict(rule, "三、下一步工作\n新招录执法人员6名，开展全员轮训。") == "met"


def test_passage_min_paragraphs_and_sentences() -> None:
    assert verdict({"passage": {"kind": "plans", "min_sentences": 2}}, "三、下一步工作\n加强培训。") == "missing"
    assert (
        verdict({"passage": {"kind": "plans", "min_paragraphs": 2}}, "三、下一步工作\n加强培训。\n完善制度。") == "met"
    )


def test_opening_sentence_starts_an_unheaded_passage_until_the_next_heading() -> None:
    text = "全年办理案件12件。\n但也清醒看到，执法力量不足。\n一是装备落后。\n二、下一步工作计划\n加强培训。"
    assert kinds(text) == [
        ("全年办理案件", []),
        ("但也清醒看到", ["problems"]),
        ("一是装备落后", ["problems"]),
        ("二、下一步工", ["plans"]),
        ("加强培训。", ["plans"]),
    ]


def test_an_opening_right_under_a_heading_tells_the_sections_kind() -> None:
    """四、2024年主要举措 followed by 下一步，我局将…: a plans section, not the measures."""
    got = kinds("四、2024年主要举措\n下一步，我局将加强培训。")
    assert got == [("四、2024", ["plans"]), ("下一步,我局", ["plans"])]


def test_unless_within_and_unless_words() -> None:
    assert kinds("三、下一步工作计划\n(一)主要举措\n加强培训。")[1] == ("(一)主要举", ["plans"])
    assert kinds("二、安全生产第一责任人履职情况\n检查企业18次。")[0][1] == []
    assert kinds("二、第一责任人履职情况\n检查企业18次。")[0][1] == ["frp"]


def test_whole_document_kind_from_the_title() -> None:
    text = "关于印发《泽川县2025年法治政府建设工作要点》的通知\n一、总体要求\n开展普法。"
    assert all("plans" in found for _, found in kinds(text)[1:])
    assert all("plans" not in found for _, found in kinds("泽川县2024年法治政府建设情况的报告\n开展普法。")[1:])


def test_rest_possible_needs_every_word_of_one_alternative() -> None:
    """The shortcut that skips a regex where the words it needs are absent (issue 13 found that
    breaking it left every test green)."""
    from rubric_check.rubric.model import IndexedPhrases
    from rubric_check.rubric.phrases import PhraseIndex

    index = PhraseIndex()
    shortcut = IndexedPhrases(index, None, None, requirement=((0, 1), (2,)))
    assert shortcut.rest_possible([[(0, 0, 1)], [(2, 0, 3)], []])  # 0 and 1 both found
    assert shortcut.rest_possible([[], [], [(0, 0, 1)]])  # 2 found
    assert not shortcut.rest_possible([[(0, 0, 1)], [], []])  # 0 without 1
    assert IndexedPhrases(index, None, None).rest_possible([[]])  # nothing known: always search
    rubric = compile_rubric(rubric_doc(sections=SECTIONS), "test.yaml")
    assert rubric.opening_kinds("但也要清醒看到，执法力量不足") == {"problems"}
    assert rubric.opening_kinds("全年办理案件12件") == frozenset()
