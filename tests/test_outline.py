"""Outline: heading styles and levels, section kinds, enumerations, numbered body paragraphs."""

from __future__ import annotations

from rubric_check.rubric.model import Rubric
from rubric_check.testing import document


def test_heading_levels_in_every_numbering_style(rubric: Rubric) -> None:
    doc = document(
        "第一部分 总体情况\n一、主要举措和成效\n（一）推进依法行政\n1. 完善制度\n（1）清理文件\n"
        "(二)规范执法\n一是加强培训。二是完善制度。\n2、优化服务\n①简化流程",
        rubric,
    )
    shown = [(h.level, h.marker, h.title, h.inline) for h in doc.headings]
    assert shown == [
        (0, "第一部分", "总体情况", False),
        (1, "一、", "主要举措和成效", False),
        (2, "(一)", "推进依法行政", False),
        (3, "1.", "完善制度", False),
        (4, "(1)", "清理文件", False),
        (2, "(二)", "规范执法", False),
        (5, "一是", "加强培训", False),
        (5, "二是", "完善制度", True),
        (3, "2、", "优化服务", False),
        (4, "(1)", "简化流程", False),
    ]


def test_section_kinds_follow_heading_words_and_nest(rubric: Rubric) -> None:
    doc = document(
        "一、2024年法治政府建设主要做法和成效\n（一）依法决策\n正文甲。\n"
        "二、存在的问题及2025年工作打算\n正文乙。\n三、党政主要负责人履职情况\n正文丙。",
        rubric,
    )
    kinds = {p.text: doc.kinds_of[p.index] for p in doc.paragraphs}
    assert kinds["正文甲。"] == {"measures"}
    assert kinds["正文乙。"] == {"problems", "plans"}
    assert kinds["正文丙。"] == {"first-responsible-person"}
    assert doc.section_heading(2).title == "依法决策"


def test_long_numbered_paragraph_is_body_not_heading(rubric: Rubric) -> None:
    doc = document(
        "1.坚持推行党政主要负责人年度述职评议，将法治工作建设情况纳入年度述职报告内容并作为年度考核依据。", rubric
    )
    assert doc.headings == ()


def test_number_followed_by_digit_is_not_a_heading(rubric: Rubric) -> None:
    doc = document("12.4国家宪法日宣传活动在全区开展。", rubric)
    assert doc.headings == ()


def test_inline_enumeration_after_colon(rubric: Rubric) -> None:
    doc = document("六、存在问题\n具体体现在：一是人员不足；二是装备落后。", rubric)
    assert [(h.marker, h.inline) for h in doc.headings if h.level == 5] == [("一是", True), ("二是", True)]


def test_word_heading_styles_count_even_without_numbers_or_at_the_end(rubric: Rubric) -> None:
    from rubric_check.documents.build import build_document
    from rubric_check.documents.model import SourceLine, SourceText

    lines = (
        SourceLine(1, "总体情况", heading_level=1),
        SourceLine(2, "全年办理案件。"),
        SourceLine(3, "存在的问题", heading_level=1, heading_number="（二）"),
        SourceLine(4, "一、下一步工作计划", heading_level=1),
        SourceLine(5, "完善制度", heading_level=2),
        SourceLine(6, "健全体系", heading_level=2),
        SourceLine(7, "强化监督", heading_level=2),
    )
    doc = build_document(SourceText("a.docx", "docx", lines), rubric.classify)
    shown = [(h.level, h.marker, h.title) for h in doc.headings]
    assert shown == [
        (1, "", "总体情况"),
        (1, "(二)", "存在的问题"),
        (1, "一、", "下一步工作计划"),
        (2, "", "完善制度"),
        (2, "", "健全体系"),
        (2, "", "强化监督"),
    ]
    assert doc.meta.title is None
    assert doc.kinds_of[-1] == {"plans"}


def test_unnumbered_section_lines_and_space_separated_numerals(rubric: Rubric) -> None:
    doc = document(
        "一 主要举措和成效\n全年办理案件。\n存在的问题和不足\n人员不足。\n下一步工作打算\n加强培训。\n加强培训\n",
        rubric,
    )
    shown = [(h.level, h.marker, h.title, sorted(h.kinds)) for h in doc.headings]
    assert shown == [
        (1, "一", "主要举措和成效", ["measures"]),
        (1, "", "存在的问题和不足", ["problems"]),
        (1, "", "下一步工作打算", ["plans"]),
    ]


def test_heading_display_drops_conversion_debris(rubric: Rubric) -> None:
    doc = document("[bookmark: _GoBack]三、存在的问题\n人员不足。", rubric)
    assert doc.headings[0].display == "三、存在的问题"


def test_measures_subheading_about_solving_problems_is_not_a_problems_section(rubric: Rubric) -> None:
    doc = document(
        "一、主要举措和成效\n（二）主要解决群众急难问题\n办理诉求120件。\n二、存在的主要问题\n人员不足。", rubric
    )
    kinds = [sorted(h.kinds) for h in doc.headings]
    assert kinds == [["measures"], [], ["problems"]]


def test_a_heading_reporting_a_plan_made_this_year_is_not_the_plans_section(rubric: Rubric) -> None:
    doc = document(
        "一、主要举措和成效\n（一）制定2023年度普法工作计划\n开展普法活动。\n二、2024年工作计划\n（一）深化普法。\n三、工作打算\n略。",
        rubric,
    )
    assert [sorted(h.kinds) for h in doc.headings] == [["measures"], [], ["plans"], [], ["plans"]]


def test_first_responsible_person_heading_saying_work_situation_is_not_measures(rubric: Rubric) -> None:
    doc = document("一、加强组织领导\n略。\n二、党政主要负责人履行第一责任人职责工作情况\n略。", rubric)
    assert [sorted(h.kinds) for h in doc.headings] == [[], ["first-responsible-person"]]
