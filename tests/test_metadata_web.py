"""Metadata of reports copied from a government web page and pasted into a text file.

A reviewer's copy keeps the page around the report: breadcrumbs, the site's date line, the
发布时间/来源 line, a 索引号/发布机构 table, font and print buttons. None of it names the reporting
body or the year; the title, the opening sentence, the headings and the signature do. Places are
invented; national bodies are real.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_build.html_build import html_from_lines

from rubric_check.documents.model import Meta
from rubric_check.documents.readers import read_source
from rubric_check.engine import read_document
from rubric_check.rubric.model import Rubric
from rubric_check.testing import document

BODY = (
    "一、主要举措和成效\n（一）深化依法行政。全年办理行政复议案件12件。\n二、存在的不足\n执法队伍专业化程度有待提高。"
)


def meta(text: str, rubric: Rubric) -> Meta:
    return document(text, rubric).meta


# --- 1. ministries and national bodies --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "agency", "year", "title"),
    [
        (
            "水利部2022年法治政府建设年度报告\n2022年，水利部坚持以习近平法治思想为指导，全面推进依法治水管水。\n"
            + BODY,
            "水利部",
            2022,
            "水利部2022年法治政府建设年度报告",
        ),
        (
            "国家市场监督管理总局关于2021年法治政府建设情况的报告\n2021年，市场监管总局深入学习贯彻习近平法治思想。\n"
            + BODY,
            "国家市场监督管理总局",
            2021,
            "国家市场监督管理总局关于2021年法治政府建设情况的报告",
        ),
        (
            "首页 > 信息公开 > 法治政府建设\n生态环境部2023年度法治政府建设工作情况报告\n"
            "发布时间：2024-03-29  来源：法规与标准司\n2023年，生态环境部以习近平法治思想为指导。\n" + BODY,
            "生态环境部",
            2023,
            "生态环境部2023年度法治政府建设工作情况报告",
        ),
        (
            "国务院国有资产监督管理委员会2022年法治政府建设情况报告\n2022年，国务院国资委认真贯彻落实党中央决策部署。\n"
            + BODY,
            "国务院国有资产监督管理委员会",
            2022,
            "国务院国有资产监督管理委员会2022年法治政府建设情况报告",
        ),
        (
            "海关总署关于2022年度法治政府建设情况的报告\n2022年，海关总署坚持依法行政。\n" + BODY,
            "海关总署",
            2022,
            "海关总署关于2022年度法治政府建设情况的报告",
        ),
        (
            "2022年，审计署坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法审计。\n" + BODY,
            "审计署",
            2022,
            None,
        ),
    ],
)
def test_national_bodies_are_agencies(rubric: Rubric, text: str, agency: str, year: int, title: str | None) -> None:
    got = meta(text, rubric)
    assert (got.agency, got.year, got.title) == (agency, year, title)


def test_ministry_named_only_in_the_signature(rubric: Rubric) -> None:
    text = "关于2023年法治政府建设情况的报告\n今年以来，我部全面推进依法行政。\n" + BODY + "\n商务部\n2024年3月25日"
    got = meta(text, rubric)
    assert (got.agency, got.year, got.date) == ("商务部", 2023, "2024-03-25")


# --- 2. a title glued to navigation, breadcrumb, date or 来源 lines ----------------------------------


@pytest.mark.parametrize(
    ("text", "agency", "year", "title"),
    [
        (
            "首页 > 政务公开 > 泽川县司法局2023年度法治政府建设情况报告\n2023年，我局坚持依法行政。\n" + BODY,
            "泽川县司法局",
            2023,
            "泽川县司法局2023年度法治政府建设情况报告",
        ),
        (
            "泽川县司法局2023年度法治政府建设情况报告 发布时间：2024-03-28 来源：泽川县司法局 浏览次数：\n"
            "2023年，我局坚持依法行政。\n" + BODY,
            "泽川县司法局",
            2023,
            "泽川县司法局2023年度法治政府建设情况报告",
        ),
        (
            "泽川县司法局2023年度法治政府建设情况报告 发布时间：2024-03-28 09:30 来源：泽川县司法局 浏览次数：356\n"
            "一年来，我局全面推进法治政府建设，各项工作取得积极成效，现将有关情况报告如下：\n" + BODY,
            "泽川县司法局",
            2023,
            "泽川县司法局2023年度法治政府建设情况报告",
        ),
        (
            "您当前的位置：首页>政务公开>法治政府建设\n云岫区卫生健康委员会2023年法治政府建设年度报告\n"
            "字体：[大 中 小]\n2023年，区卫生健康委员会坚持依法行政。\n" + BODY + "\n【打印】【关闭】",
            "云岫区卫生健康委员会",
            2023,
            "云岫区卫生健康委员会2023年法治政府建设年度报告",
        ),
        (
            "当前位置：首页 ＞ 信息公开 ＞ 部门文件\n关于2024年度法治政府建设\n工作情况的报告\n"
            "发布时间：2025-02-10   信息来源：桐岭县农业农村局\n2024年，桐岭县农业农村局坚持依法行政。\n" + BODY,
            "桐岭县农业农村局",
            2024,
            "关于2024年度法治政府建设工作情况的报告",
        ),
        (
            "网站首页\n机构概况\n政务公开\n互动交流\n青禾市民政局2023年法治政府建设年度报告\n"
            "2023年，市民政局全面推进依法行政。\n" + BODY,
            "青禾市民政局",
            2023,
            "青禾市民政局2023年法治政府建设年度报告",
        ),
        (
            "首页 › 专题专栏 › 法治政府建设年度报告\n望川市交通运输局2023年度法治政府建设情况报告\n"
            "2023年，市交通运输局坚持依法行政。\n" + BODY,
            "望川市交通运输局",
            2023,
            "望川市交通运输局2023年度法治政府建设情况报告",
        ),
    ],
)
def test_title_among_page_furniture(rubric: Rubric, text: str, agency: str, year: int, title: str) -> None:
    got = meta(text, rubric)
    assert (got.agency, got.year, got.title) == (agency, year, title)


def test_title_broken_after_the_year_keeps_its_beginning(rubric: Rubric) -> None:
    text = (
        "首页 > 政务公开 > 法治政府建设\n泽川县司法局关于2023年度\n法治政府建设情况的报告\n"
        "发布时间：2024-03-28\n2023年，我局坚持依法行政。\n" + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.title) == ("泽川县司法局", "泽川县司法局关于2023年度法治政府建设情况的报告")


def test_column_name_above_the_title_is_not_part_of_it(rubric: Rubric) -> None:
    text = "政务公开\n法治政府建设\n泽川县司法局2023年度法治政府建设情况报告\n2023年，我局坚持依法行政。\n" + BODY
    assert meta(text, rubric).title == "泽川县司法局2023年度法治政府建设情况报告"


def test_site_banner_naming_another_body_is_not_the_agency(rubric: Rubric) -> None:
    text = (
        "泽川县人民政府\n网站首页\n政务公开\n信息公开目录\n泽川县司法局2023年度法治政府建设情况报告\n"
        "2023年，我局坚持依法行政。\n" + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.title_agency) == ("泽川县司法局", "泽川县司法局")


@pytest.mark.parametrize(
    "info",
    [
        "【发布时间：2024-03-28】【来源：泽川县司法局】【字体：大 中 小】",
        "2024-03-28 09:30   泽川县司法局",
        "时间：2024-03-28  文章来源：泽川县司法局  点击率：",
        "作者：办公室   日期：2024年3月28日   分享：",
        "[打印] [关闭] [收藏]",
    ],
)
def test_page_information_below_the_title_is_not_part_of_it(rubric: Rubric, info: str) -> None:
    text = f"泽川县司法局2023年度法治政府建设情况报告\n{info}\n今年以来，我局全面推进依法行政。\n" + BODY
    got = meta(text, rubric)
    assert (got.title, got.agency, got.year) == ("泽川县司法局2023年度法治政府建设情况报告", "泽川县司法局", 2023)


def test_source_line_naming_another_body_is_not_the_reporter(rubric: Rubric) -> None:
    text = (
        "桐岭县教育局关于2023年度法治政府建设工作情况的报告\n"
        "发布日期：2024-02-20  来源：桐岭县人民政府办公室  浏览次数：88\n2023年，县教育局坚持依法治教。\n" + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.title_agency, got.year) == ("桐岭县教育局", "桐岭县教育局", 2023)


def test_source_line_without_a_title_is_not_the_reporter(rubric: Rubric) -> None:
    text = (
        "来源：桐岭县人民政府办公室\n"
        "2023年，桐岭县自然资源和规划局在县委县政府的坚强领导下，全面推进依法行政。\n" + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.year, got.title) == ("桐岭县自然资源和规划局", 2023, None)


def test_breadcrumb_naming_the_subject_is_not_a_title(rubric: Rubric) -> None:
    text = (
        "您当前的位置：首页>政务公开>法治政府建设\n2023年，泽川县司法局在县委县政府的坚强领导下，扎实推进法治建设。\n"
        + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.year, got.title) == ("泽川县司法局", 2023, None)


def test_print_and_share_buttons_after_the_signature(rubric: Rubric) -> None:
    text = (
        "泽川县司法局2023年度法治政府建设情况报告\n2023年，我局坚持依法行政。\n"
        + BODY
        + "\n泽川县司法局\n2024年3月28日\n【打印】 【关闭】\n分享到：\n扫一扫在手机打开当前页"
    )
    got = meta(text, rubric)
    assert (got.signature_agency, got.date) == ("泽川县司法局", "2024-03-28")


# --- 3. the text's own short form and the full name -------------------------------------------------


def test_full_name_in_the_title_beats_the_short_form_in_the_signature(rubric: Rubric) -> None:
    text = (
        "首页 > 政务公开 > 泽川县市场监督管理局2023年法治政府建设年度报告\n"
        "2023年，县市场监管局坚持依法行政。我局全面落实行政执法三项制度。\n" + BODY + "\n县市场监管局\n2024年1月20日"
    )
    assert meta(text, rubric).agency == "泽川县市场监督管理局"


def test_short_form_alone_is_read_as_the_agency(rubric: Rubric) -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n2023年，区卫健委在区委区政府的领导下推进依法行政。\n"
        + BODY
        + "\n区卫健委\n2024年2月1日"
    )
    got = meta(text, rubric)
    assert (got.agency, got.year) == ("区卫健委", 2023)


def test_short_government_name_gives_way_to_the_full_one(rubric: Rubric) -> None:
    text = (
        "关于溪桥县2023年度法治政府建设情况的报告\n2023年，溪桥县人民政府坚持依法行政，全面建设法治政府。\n"
        + BODY
        + "\n溪桥县政府\n2024年3月1日"
    )
    assert meta(text, rubric).agency == "溪桥县人民政府"


def test_short_name_in_the_title_gives_way_to_the_full_one_in_the_body(rubric: Rubric) -> None:
    text = (
        "青禾市人社局2023年度法治政府建设情况报告\n"
        "2023年，青禾市人力资源和社会保障局认真贯彻落实市委市政府决策部署，全面推进依法行政。\n" + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.title_agency) == ("青禾市人力资源和社会保障局", "青禾市人社局")


def test_level_only_short_form_takes_the_place_of_the_full_name(rubric: Rubric) -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n2023年，区卫健委坚持依法行政。\n"
        "一、主要举措和成效\n云岫区卫生健康委员会认真落实行政执法三项制度。\n" + BODY + "\n区卫健委\n2024年2月1日"
    )
    assert meta(text, rubric).agency == "云岫区卫生健康委员会"


def test_opening_sentence_gives_the_agency_when_there_is_no_title(rubric: Rubric) -> None:
    text = (
        "首页 > 政务公开 > 法治政府建设\n发布时间：2024-03-28  来源：泽川县司法局\n字体：[大 中 小]\n"
        "2023年，泽川县司法局在县委县政府的坚强领导下，全面推进法治政府建设。\n" + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.year, got.title) == ("泽川县司法局", 2023, None)


def test_agency_after_an_opening_clause(rubric: Rubric) -> None:
    text = "2023年，在县委、县政府的坚强领导下，桐岭县住房和城乡建设局坚持以习近平法治思想为指导。\n" + BODY
    assert meta(text, rubric).agency == "桐岭县住房和城乡建设局"


# --- 4. a site header never gives the year -----------------------------------------------------------


def test_today_line_is_not_the_report_year(rubric: Rubric) -> None:
    text = "今天是：2025年3月5日 星期三\n泽川县司法局法治政府建设年度报告\n2023年，我局坚持依法行政。\n" + BODY
    got = meta(text, rubric)
    assert (got.year, got.year_source, got.title) == (2023, "opening", "泽川县司法局法治政府建设年度报告")


def test_weekday_date_line_is_not_the_report_year_a_heading_is(rubric: Rubric) -> None:
    text = (
        "2024年03月28日 星期四\n云岫区应急管理局法治政府建设情况报告\n今年以来，我局全面推进依法行政。\n"
        "一、2023年推进法治政府建设的主要举措和成效\n全年开展执法检查36次。\n"
        "二、2024年推进法治政府建设的主要安排\n继续推进依法行政。"
    )
    got = meta(text, rubric)
    assert (got.year, got.year_source, got.agency) == (2023, "heading", "云岫区应急管理局")


def test_plan_heading_alone_gives_the_year_before(rubric: Rubric) -> None:
    text = (
        "云岫区应急管理局法治政府建设情况报告\n今年以来，我局全面推进依法行政。\n一、主要举措和成效\n全年开展执法检查。\n"
        "二、2024年推进法治政府建设的主要安排\n继续推进依法行政。"
    )
    got = meta(text, rubric)
    assert (got.year, got.year_source) == (2023, "heading")


def test_signature_date_beats_the_today_line(rubric: Rubric) -> None:
    text = (
        "今天是2025年4月2日 星期三\n泽川县人力资源和社会保障局法治政府建设年度报告\n今年以来，我局全面推进依法行政。\n"
        + BODY
        + "\n泽川县人力资源和社会保障局\n2024年1月15日"
    )
    got = meta(text, rubric)
    assert (got.year, got.year_source) == (2023, "signature")


def test_publication_date_only_when_nothing_else(rubric: Rubric) -> None:
    text = (
        "发布日期：2024-03-28\n泽川县统计局法治政府建设情况报告\n今年以来，我局全面推进依法行政。\n"
        "一、主要举措和成效\n全年办理行政许可事项120件。\n二、下一步工作打算\n2024年，我局将继续推进依法统计。"
    )
    got = meta(text, rubric)
    assert (got.year, got.year_source) == (2023, "published")


def test_publication_date_does_not_override_the_title(rubric: Rubric) -> None:
    text = "泽川县统计局2022年法治政府建设情况报告\n发布日期：2024-03-28\n今年以来，我局全面推进依法行政。\n" + BODY
    got = meta(text, rubric)
    assert (got.year, got.year_source) == (2022, "title")


# --- 5. an information table above the title --------------------------------------------------------


def test_information_table_one_field_a_line(rubric: Rubric) -> None:
    text = (
        "索引号：11330000002482870Q/2024-00123\n发布机构：泽川县司法局\n生成日期：2024-03-28\n"
        "主题分类：法治政府建设\n文号：\n公开方式：主动公开\n泽川县司法局2023年度法治政府建设情况报告\n"
        "2023年，我局坚持依法行政。\n" + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.year, got.title) == ("泽川县司法局", 2023, "泽川县司法局2023年度法治政府建设情况报告")


def test_information_table_tab_separated(rubric: Rubric) -> None:
    text = (
        "索引号：0012-2024-00031\t发布机构：青禾市生态环境局\t生成日期：2024-03-15\n"
        "主题分类：法治政府建设\t文号：\t公开方式：主动公开\n"
        "青禾市生态环境局关于2023年度法治政府建设情况的报告\n2023年，我局坚持依法行政。\n" + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.year, got.title) == (
        "青禾市生态环境局",
        2023,
        "青禾市生态环境局关于2023年度法治政府建设情况的报告",
    )


def test_information_table_on_one_line_glued_to_the_title(rubric: Rubric) -> None:
    text = (
        "索引号：0012-2024-00031 发布机构：青禾市生态环境局 生成日期：2024-03-15 主题分类：法治政府建设 "
        "文号： 公开方式：主动公开\n青禾市生态环境局关于2023年度法治政府建设情况的报告\n2023年，我局坚持依法行政。\n"
        + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.year, got.title) == (
        "青禾市生态环境局",
        2023,
        "青禾市生态环境局关于2023年度法治政府建设情况的报告",
    )


def test_publisher_is_only_a_last_resort(rubric: Rubric) -> None:
    text = (
        "索引号：0012-2024-00031\n发布机构：桐岭县人民政府办公室\n生成日期：2024-03-15\n"
        "桐岭县应急管理局关于2023年度法治政府建设工作情况的报告\n今年以来，我局全面推进依法行政。\n" + BODY
    )
    assert meta(text, rubric).agency == "桐岭县应急管理局"


def test_publisher_when_nothing_else_names_the_body(rubric: Rubric) -> None:
    text = (
        "索引号：0012-2024-00031\n发布机构：桐岭县应急管理局\n生成日期：2024-03-15\n主题分类：法治政府建设\n"
        "关于2023年度法治政府建设工作情况的报告\n今年以来，我局全面推进依法行政。\n" + BODY
    )
    got = meta(text, rubric)
    assert (got.agency, got.year, got.title) == ("桐岭县应急管理局", 2023, "关于2023年度法治政府建设工作情况的报告")


# --- the same furniture list in a saved web page -----------------------------------------------------


def test_saved_web_page_drops_the_same_furniture(tmp_path: Path, rubric: Rubric) -> None:
    lines = [
        "今天是：2025年3月5日 星期三",
        "索引号：0012-2024-00031",
        "发布机构：桐岭县人民政府办公室",
        "2023年，桐岭县司法局坚持以习近平法治思想为指导，全面推进依法行政。",
        "一、主要举措和成效",
        "全年办理行政复议案件56件。",
        "桐岭县司法局",
        "2024年1月15日",
    ]
    path = html_from_lines(tmp_path / "page.html", "桐岭县司法局2023年度法治政府建设情况报告", lines)
    source = read_source(path, path.name)
    texts = [line.text for line in source.lines]
    assert not any(text.startswith(("今天是", "索引号", "发布机构")) for text in texts)
    got = read_document(source, rubric).meta
    assert (got.agency, got.year, got.title, got.date) == (
        "桐岭县司法局",
        2023,
        "桐岭县司法局2023年度法治政府建设情况报告",
        "2024-01-15",
    )


def test_footer_link_row_is_furniture() -> None:
    from rubric_check.documents.conventions import conventions

    assert conventions().is_furniture("联系我们 | 网站地图 | 隐私声明")
    assert not conventions().is_furniture("群众可通过网站联系我们反映问题。")


def test_agency_from_an_opening_with_a_short_name_note(rubric: Rubric) -> None:
    text = "2024年，鹿坪县市场监督管理局（以下简称县市场监管局）在县委、县政府的坚强领导下推进依法行政。\n" + BODY
    assert meta(text, rubric).agency == "鹿坪县市场监督管理局"


def test_a_police_detachment_reports_under_its_own_name(rubric: Rubric) -> None:
    text = "嵩原市公安局交通警察支队法治政府建设情况报告\n2022年，支队坚持依法行政。\n" + BODY
    assert meta(text, rubric).agency == "嵩原市公安局交通警察支队"
