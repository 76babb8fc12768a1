"""Metadata: agency, report year, title as written, signature date."""

from __future__ import annotations

import pytest

from rubric_check.rubric.model import Rubric
from rubric_check.testing import document


@pytest.mark.parametrize(
    ("text", "agency", "year", "title"),
    [
        (
            "湖东区市场监督管理局\n关于2024年度法治政府建设工作情况的报告\n2024年，我局……。",
            "湖东区市场监督管理局",
            2024,
            "关于2024年度法治政府建设工作情况的报告",
        ),
        (
            "青山县人民政府2023年法治政府建设年度报告\n一、主要举措",
            "青山县人民政府",
            2023,
            "青山县人民政府2023年法治政府建设年度报告",
        ),
        (
            "市生态环境局二〇二二年法治政府建设情况报告\n正文。",
            "市生态环境局",
            2022,
            "市生态环境局二〇二二年法治政府建设情况报告",
        ),
        ("2021年，西河区教育局以习近平法治思想为指导，全面推进依法治教。", "西河区教育局", 2021, None),
        ("今年以来，我局全面推进依法行政。\n南山区水务局\n2025年2月10日", "南山区水务局", 2024, None),
    ],
)
def test_agency_year_title(rubric: Rubric, text: str, agency: str, year: int, title: str | None) -> None:
    meta = document(text, rubric).meta
    assert (meta.agency, meta.year, meta.title) == (agency, year, title)


@pytest.mark.parametrize(
    ("closing", "date"),
    [
        ("江城区司法局\n2025年2月20日", "2025-02-20"),
        ("江城区司法局\n二〇二五年二月二十日", "2025-02-20"),
        ("江城区司法局2025年1月5日", "2025-01-05"),
        ("此致", None),
    ],
)
def test_signature_date(rubric: Rubric, closing: str, date: str | None) -> None:
    meta = document("关于2024年法治政府建设情况的报告\n正文。\n" + closing, rubric).meta
    assert meta.date == date


def test_title_is_none_when_text_starts_with_body(rubric: Rubric) -> None:
    meta = document("2020年，蓟北区卫生健康委员会深入推进依法行政。现将有关情况报告如下：", rubric).meta
    assert meta.title is None and meta.year == 2020


def test_title_spread_over_lines_below_document_number(rubric: Rubric) -> None:
    meta = document(
        "附件1\n宁海县司法局\n宁司〔2025〕8号\n关于2024年度法治政府建设\n工作情况的报告\n2024年，我局坚持依法行政。",
        rubric,
    ).meta
    assert meta.agency == "宁海县司法局"
    assert meta.title == "关于2024年度法治政府建设工作情况的报告"
    assert meta.year == 2024


def test_agency_line_below_the_title(rubric: Rubric) -> None:
    text = "关于青禾县2023年度法治政府建设情况的报告\n\n青禾县人民政府\n\n一、主要举措和成效\n略。"
    meta = document(text, rubric).meta
    assert (meta.title, meta.agency, meta.title_agency) == (
        "关于青禾县2023年度法治政府建设情况的报告",
        "青禾县人民政府",
        "青禾县人民政府",
    )


def test_agency_named_before_the_subject_with_the_year_after(rubric: Rubric) -> None:
    meta = document("湖滨区司法局法治政府建设年度报告（2023年度）\n一、主要举措和成效\n略。", rubric).meta
    assert (meta.agency, meta.title_agency, meta.year) == ("湖滨区司法局", "湖滨区司法局", 2023)


def test_addressee_line_is_not_part_of_the_title(rubric: Rubric) -> None:
    """区人大常委会： names who the report is sent to (主送机关), not the title or the reporter."""
    got = document(
        "沣渚区人民政府关于2021年度法治政府建设情况的报告\n区人大常委会：\n2021年，区政府坚持依法行政。", rubric
    ).meta
    assert (got.title, got.agency, got.year) == (
        "沣渚区人民政府关于2021年度法治政府建设情况的报告",
        "沣渚区人民政府",
        2021,
    )
