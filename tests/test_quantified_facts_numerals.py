"""quantified_facts: Chinese-numeral and full-width figures count, the genre's look-alikes do not,
and a bare number in a Word table counts with the unit its header gives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rubric_builder import element, rubric_doc

from rubric_check.discovery import Input
from rubric_check.documents.conventions import conventions
from rubric_check.documents.readers import read_source
from rubric_check.engine import read_document
from rubric_check.errors import RubricError
from rubric_check.matching.checks import quantified_facts
from rubric_check.matching.checks.quantified_facts import DEFAULTS, chinese_number
from rubric_check.pipeline import score_input
from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import compile_rubric
from rubric_check.testing import document

MEASURES = "一、主要举措和成效\n"


def found(rubric: Rubric, text: str, **params: object) -> list[str]:
    doc = document(MEASURES + text, rubric)
    return [
        doc.paragraphs[i].text[start:end]
        for i, start, end in quantified_facts.figures(doc, quantified_facts.prepare(params))
    ]


# (sentence, the figure it holds, as normalised)
FIGURES = [
    ("全年办理行政复议案件三十二件。", "三十二件"),
    ("开展联合执法检查二十余次。", "二十余次"),
    ("培训执法人员一百二十三人次。", "一百二十三人次"),
    ("发放宣传资料两千余份。", "两千余份"),
    ("建成十二个法治文化阵地。", "十二个"),
    ("群众满意率达到百分之九十五。", "百分之九十五"),
    ("检查各类市场主体三千余户。", "三千余户"),
    ("普法宣传覆盖1.2万人次。", "1.2万人次"),
    ("举办法治讲座五场。", "五场"),
    ("审查行政规范性文件２３件。", "23件"),
    ("行政复议案件按期办结率９８．５％。", "98.5%"),
    ("检查企业1,200余家。", "1,200余家"),
    ("罚没款共计3.5亿元。", "3.5亿元"),
    ("挽回经济损失3000多万元。", "3000多万元"),
    ("开展三轮专项监督检查。", "三轮"),
    ("查处违法案件四十七起。", "四十七起"),
    ("举办执法人员培训班二十期。", "二十期"),
    ("行政复议决定履行率达百分之百。", "百分之百"),
    ("三分之二以上的案件通过调解结案。", "三分之二"),
    ("开展领导干部集体学法两次。", "两次"),
    ("组织旁听庭审两场。", "两场"),
    ("新增公职律师十名。", "十名"),
    ("全年共办理政务服务事项一千零五件。", "一千零五件"),
    ("参与法治宣传活动的群众近千人。", "千人"),
    ("普法短视频播放覆盖上万人次。", "万人次"),
    ("调解矛盾纠纷十几起。", "十几起"),
    ("行政应诉案件同比下降1.5倍。", "1.5倍"),
    ("落实计划生育家庭特别扶助等十三项惠民政策。", "十三项"),
    ("执法人员持证率100%。", "100%"),
    ("接受法律咨询３，４００余人次。", "3,400余人次"),
    ("召开党组会议专题研究法治工作三次。", "三次"),
]

# Phrases of these reports that look like counts and are not.
NOT_FIGURES = [
    "一是加强组织领导，二是健全工作机制。",
    "一、加强党的领导",
    "（三）推进严格规范公正文明执法",
    "第一，强化学习；第二，狠抓落实。",
    "发布一批行政执法典型案例。",
    "出台一系列制度措施。",
    "仍存在一些短板。",
    "全面推行一次性告知制度。",
    "推进执法监督一体化平台建设。",
    "打造一站式矛盾纠纷调处中心。",
    "推行政务服务一网通办、一窗受理。",
    "深化最多跑一次改革。",
    "全面落实行政执法三项制度。",
    "全面推行双随机、一公开监管。",
    "深入实施八五普法规划，七五普法圆满收官。",
    "坚决做到两个维护，增强四个意识。",
    "严格执行三重一大决策制度。",
    "落实一把手第一责任人职责。",
    "深入一线开展调研，一律依法处理，取得一定成效。",
    "编制十四五法治建设规划，十四五期间持续推进。",
    "千方百计化解矛盾，确保万无一失。",
    "2023年，我局全面推进依法行政。",
    "《条例》于3月1日起施行。",
    "印发《实施方案》（X政办发〔2023〕12号）。",
    "依据《督察工作规定》第二十五条第（一）项。",
    "依照《行政处罚法》第33条作出决定。",
    "深入学习习近平法治思想十一个坚持。",
    "严格落实中央八项规定精神。",
    "分两个阶段推进专项整治，从三个方面着力。",
    "切实在一个深化、两个加强、五个提高上下功夫。",
    "推动高效办成一件事，推行一件事一次办。",
    "加强二次供水卫生监管。",
    "法治宣传走进千家万户。",
    "召开第3次局务会议。",
    "每3个月开展一次执法检查。",
    "学习贯彻党的二十大精神。",
    "二〇二三年法治政府建设工作总结",
    "落实权责清单等三张清单制度。",
    "紧盯三类人员开展学法考法。",
    "与上一次检查相比有所改进。",
    "实现安全生产零事故，推进汽车零件质量检测。",
    "推进行政执法与刑事司法两法衔接，落实一岗双责。",
    "开通12345政务服务便民热线。",
    "十三五规划圆满收官。",
    "深入学习贯彻十四届全国人大三次会议精神。",
    "开展千名干部进万家活动。",
    "用两个月时间开展专项整治。",
]


@pytest.mark.parametrize(("text", "figure"), FIGURES)
def test_a_figure_counts(rubric: Rubric, text: str, figure: str) -> None:
    assert found(rubric, text) == [figure]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_a_look_alike_does_not_count(rubric: Rubric, text: str) -> None:
    assert found(rubric, text) == []


def test_the_banks_are_big_enough() -> None:
    assert len(FIGURES) >= 25 and len(NOT_FIGURES) >= 25


def test_figures_in_running_text_make_the_verdict(rubric: Rubric) -> None:
    text = "全年办理案件三十二件，开展检查二十余次，培训一百二十三人次，发放资料两千余份，满意率百分之九十五。"
    doc = document(MEASURES + text, rubric)
    result = quantified_facts.check(doc, quantified_facts.prepare({}))
    assert result.status == "met" and "5" in result.reason
    assert [e.text[slice(*e.highlight)] for e in result.evidence] == [
        "三十二件",
        "二十余次",
        "一百二十三人次",
        "两千余份",
        "百分之九十五",
    ]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("一百二十三", 123),
        ("两千", 2000),
        ("三万", 30000),
        ("三千万", 30000000),
        ("三亿五千万", 350000000),
        ("百", 100),
    ],
)
def test_chinese_numbers_are_read(numeral: str, value: int) -> None:
    assert chinese_number(numeral, conventions().numeral_digits, DEFAULTS["multipliers"]) == value


@pytest.mark.parametrize("name", ["十四五", "八五", "二〇二三", "一二", "十百", "万万", "零五", "一千零"])
def test_runs_of_numerals_that_are_names_are_no_numbers(name: str) -> None:
    assert chinese_number(name, conventions().numeral_digits, DEFAULTS["multipliers"]) is None


def test_the_vocabulary_is_in_the_parameters(rubric: Rubric) -> None:
    assert found(rubric, "全面落实行政执法三项制度。", not_figures=[]) == ["三项"]
    assert found(rubric, "分两个阶段推进。", chinese_min={}) == ["两个"]
    assert found(rubric, "发布一批典型案例。", not_alone=[]) == ["一批"]
    assert found(rubric, "召开第3次会议。", not_after=[]) == ["3次"]
    assert found(rubric, "办理案件32件，培训300人次。", units=["人次"]) == ["300人次"]
    assert found(rubric, "办理案件叁拾贰件。", digits={"贰": 2, "叁": 3}, multipliers={"拾": 10}) == ["叁拾贰件"]
    assert found(rubric, "参与群众近千人。", rough_before=[]) == []
    assert found(rubric, "满意率百分之九十五。", fraction="成") == []
    assert found(rubric, "贯彻区十七届人大三次会议精神。", not_figures_regex=[]) == ["三次"]


def test_the_rubric_loader_checks_the_new_parameters() -> None:
    params = {"not_in": ["plans"], "chinese_min": {"个": 0}, "not_figures": ["两个维护"], "rough_before": ["近"]}
    good = rubric_doc(elements=[element(id="q", met=None, partial=None, check={"type": "quantified_facts", **params})])
    assert compile_rubric(good, "ok.yaml").elements[0].check is not None
    bad_params = {"not_in": ["plans"], "digits": {"一二": 1}, "not_figures": ["三项 制度"]}
    bad = rubric_doc(
        elements=[element(id="q", met=None, partial=None, check={"type": "quantified_facts", **bad_params})]
    )
    with pytest.raises(RubricError) as caught:
        compile_rubric(bad, "bad.yaml")
    joined = "\n".join(caught.value.problems)
    assert "每个数字须是一个字" in joined and "不能含空格" in joined


# Word tables: the unit in the header, bare numbers in the body.

Rows = list[tuple[str, ...]]


def report_with_table(
    path: Path,
    rows: Rows,
    shape: Callable[[object], None] | None = None,
    section: str = "一、主要举措和成效",
) -> Path:
    docx = pytest.importorskip("docx")
    report = docx.Document()
    report.add_paragraph("关于2024年法治政府建设情况的报告")
    report.add_paragraph(section)
    report.add_paragraph("全年主要工作数据见下表。")
    table = report.add_table(rows=0, cols=max(len(row) for row in rows))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=False):
            cell.text = text
    if shape is not None:
        shape(table)
    report.add_paragraph("二、存在的问题和不足")
    report.add_paragraph("基层执法力量仍显薄弱。")
    report.save(str(path))
    return path


def table_figures(rubric: Rubric, path: Path, **params: object) -> list[str]:
    doc = read_document(read_source(path, path.name), rubric)
    return [
        doc.paragraphs[i].text[start:end]
        for i, start, end in quantified_facts.figures(doc, quantified_facts.prepare(params))
    ]


HEADED: Rows = [
    ("项目", "数量（件）", "人数(人)", "金额（万元）", "办结率(%)"),
    ("行政复议", "1268", "35", "120.5", "98.5"),
    ("行政诉讼", "42", "12", "8", "100"),
]


def test_bare_numbers_under_a_header_with_a_unit_count(tmp_path: Path, rubric: Rubric) -> None:
    path = report_with_table(tmp_path / "r.docx", HEADED)
    assert table_figures(rubric, path) == ["1268", "35", "120.5", "98.5", "42", "12", "8", "100"]


def test_the_reader_records_each_cell_and_the_header_over_it(tmp_path: Path) -> None:
    path = report_with_table(tmp_path / "r.docx", HEADED)
    lines = read_source(path, "r.docx").lines
    header, first = [line for line in lines if line.cells][:2]
    assert [c.header for c in header.cells] == [""] * 5
    assert [first.text[c.start : c.end] for c in first.cells] == ["行政复议", "1268", "35", "120.5", "98.5"]
    assert [c.header for c in first.cells] == ["项目", "数量（件）", "人数(人)", "金额（万元）", "办结率(%)"]


def test_table_evidence_points_at_the_row_as_word_numbers_it(tmp_path: Path, rubric: Rubric) -> None:
    path = report_with_table(tmp_path / "r.docx", HEADED)
    result = score_input(Input(path, path.name), rubric)
    quantified = next(e for e in result.elements if e.id == "quantified-results")
    assert quantified.status == "met", quantified.message
    first = quantified.evidence[0]
    row = next(line for line in read_source(path, "r.docx").lines if line.text.startswith("行政复议"))
    # three paragraphs before the table, then the header row's five cells: the row is paragraph 9
    assert (first.line, row.number) == (9, 9)
    assert first.text[slice(*first.highlight)] == "1268"
    assert first.section == "一、主要举措和成效"


def test_a_header_without_a_unit_makes_no_figures(tmp_path: Path, rubric: Rubric) -> None:
    rows: Rows = [
        ("序号", "年度", "单位名称", "排名"),
        ("1", "2023", "区司法局", "3"),
        ("2", "2024", "区市场监管局", "5"),
    ]
    assert table_figures(rubric, report_with_table(tmp_path / "r.docx", rows)) == []


def test_a_serial_number_beside_a_label_is_no_figure(tmp_path: Path, rubric: Rubric) -> None:
    rows: Rows = [("序号", "项目", "数量（件）"), ("2", "人员培训", "560"), ("3", "项目审查", "56")]
    assert table_figures(rubric, report_with_table(tmp_path / "r.docx", rows)) == ["560", "56"]


def test_a_unit_in_its_own_cell_still_joins_its_number(tmp_path: Path, rubric: Rubric) -> None:
    rows: Rows = [("办理行政复议案件", "56", "件"), ("受理投诉举报", "312", "宗")]
    assert table_figures(rubric, report_with_table(tmp_path / "r.docx", rows)) == ["56件", "312宗"]


def test_a_unit_column_or_a_row_label_gives_the_unit(tmp_path: Path, rubric: Rubric) -> None:
    rows: Rows = [
        ("序号", "指标", "单位", "2023年", "2024年"),
        ("1", "行政许可", "件", "1200", "1268"),
        ("2", "执法检查（次）", "", "410", "452"),
        ("3", "案件数", "", "30", "41"),
        ("4", "年份", "", "2023", "2024"),
    ]
    figures = table_figures(rubric, report_with_table(tmp_path / "r.docx", rows))
    assert figures == ["1200", "1268", "410", "452", "30", "41"]


def merge_header(table: object) -> None:
    """类别 over two rows; 行政复议（件） and 行政诉讼（件） each over two sub-headers."""
    t = table  # python-docx Table
    t.cell(0, 0).merge(t.cell(1, 0)).text = "类别"  # type: ignore[attr-defined]
    t.cell(0, 1).merge(t.cell(0, 2)).text = "行政复议（件）"  # type: ignore[attr-defined]
    t.cell(0, 3).merge(t.cell(0, 4)).text = "行政诉讼（件）"  # type: ignore[attr-defined]


def test_merged_header_cells_head_every_column_under_them(tmp_path: Path, rubric: Rubric) -> None:
    rows: Rows = [("", "", "", "", ""), ("", "受理", "办结", "应诉", "败诉"), ("本年", "56", "54", "12", "0")]
    path = report_with_table(tmp_path / "r.docx", rows, merge_header)
    body = next(line for line in read_source(path, "r.docx").lines if line.text.startswith("本年"))
    assert body.cells[1].header == "行政复议（件） 受理"
    assert table_figures(rubric, path) == ["56", "54", "12", "0"]


def title_row(table: object) -> None:
    t = table
    t.cell(0, 0).merge(t.cell(0, 2)).text = "单位：万元"  # type: ignore[attr-defined]


def test_a_title_row_naming_the_unit_heads_the_table(tmp_path: Path, rubric: Rubric) -> None:
    rows: Rows = [("", "", ""), ("项目", "2023年", "2024年"), ("罚没金额", "120.5", "98.3")]
    path = report_with_table(tmp_path / "r.docx", rows, title_row)
    assert table_figures(rubric, path) == ["120.5", "98.3"]


def repeat_header_rows(table: object) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for tr in table._tbl.tr_lst[:2]:  # type: ignore[attr-defined]
        tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def test_rows_word_repeats_as_header_are_the_header(tmp_path: Path, rubric: Rubric) -> None:
    rows: Rows = [("全年数据", "说明"), ("数量（件）", "备注"), ("1268", "略")]
    path = report_with_table(tmp_path / "r.docx", rows, repeat_header_rows)
    assert table_figures(rubric, path) == ["1268"]


def test_a_number_beside_a_long_cell_keeps_its_header(tmp_path: Path, rubric: Rubric) -> None:
    prose = "深入推进行政执法规范化建设，全面落实行政执法公示、全过程记录和重大执法决定法制审核制度，组织开展案卷评查。"
    rows: Rows = [("工作内容", "完成数量（件）"), (prose, "312")]
    assert table_figures(rubric, report_with_table(tmp_path / "r.docx", rows)) == ["312"]


def test_a_table_under_next_years_plans_does_not_count(tmp_path: Path, rubric: Rubric) -> None:
    path = report_with_table(tmp_path / "r.docx", HEADED, section="一、2025年工作计划")
    assert table_figures(rubric, path) == []


def test_a_table_at_the_end_of_a_report_is_read(tmp_path: Path, rubric: Rubric) -> None:
    docx = pytest.importorskip("docx")
    report = docx.Document()
    report.add_paragraph("关于2024年法治政府建设情况的报告")
    report.add_paragraph("一、主要举措和成效")
    table = report.add_table(rows=0, cols=2)
    for row in [("指标", "数量（件）"), ("行政许可", "1268"), ("行政处罚", "42")]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    path = tmp_path / "end.docx"
    report.save(str(path))
    assert table_figures(rubric, path) == ["1268", "42"]
