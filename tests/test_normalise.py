"""Normalisation: width, quotes, spaces, debris, dropped lines, joined lines, and the way back."""

from __future__ import annotations

import pytest

from rubric_check.documents.model import SourceLine
from rubric_check.documents.normalise import build_paragraphs, normalise, normalise_with_offsets


def lines(*texts: str) -> list[SourceLine]:
    return [SourceLine(i, t) for i, t in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（一）２０２３年", "(一)2023年"),
        ("落实“三项”制度", "落实三项制度"),
        ("「双随机、一公开」", "双随机、一公开"),
        ("『谁执法谁普法』‘责任制’", "谁执法谁普法责任制"),
        ("2021 年法治政府 建设", "2021年法治政府建设"),
        ("HPV 疫苗 and law", "HPV疫苗and law"),
        ("[bookmark: _GoBack]三是强化", "三是强化"),
        ("互联网＋政务服务", "互联网+政务服务"),
        ("①加强", "(1)加强"),
        ("办结率100 ％", "办结率100%"),
        ("\u200b法治\ufeff", "法治"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_offsets_point_back_to_the_original_characters() -> None:
    raw = "落实 “三项”制度（一）"
    text, offsets = normalise_with_offsets(raw)
    assert len(text) == len(offsets)
    assert text == "落实三项制度(一)"
    for ch, offset in zip(text, offsets, strict=True):
        assert ch in normalise(raw[offset])


def test_page_numbers_and_site_furniture_are_dropped() -> None:
    paragraphs = build_paragraphs(
        lines(
            "一、主要举措和成效", "- 3 -", "第 2 页 共 5 页", "全年办理案件。", "版权所有：某某区人民政府  ICP备12345号"
        )
    )
    assert [p.text for p in paragraphs] == ["一、主要举措和成效", "全年办理案件。"]


def test_trailing_navigation_menu_is_dropped_but_signature_kept() -> None:
    paragraphs = build_paragraphs(
        lines("全年办理案件。", "江城区司法局", "2025年2月1日", "首页", "机构概况", "政务服务", "互动交流")
    )
    assert [p.text for p in paragraphs] == ["全年办理案件。", "江城区司法局", "2025年2月1日"]


def test_sentence_broken_across_lines_is_joined_even_across_blank_lines() -> None:
    paragraphs = build_paragraphs(
        lines(
            "1. 落实学法制度。全面落实领导干部学法用法制度，坚持学习宪法和行政处罚",
            "",
            "法等法律法规。",
            "2. 加强普法。",
        )
    )
    assert [p.text for p in paragraphs] == [
        "1.落实学法制度。全面落实领导干部学法用法制度,坚持学习宪法和行政处罚法等法律法规。",
        "2.加强普法。",
    ]
    joined = paragraphs[0]
    assert [line.number for line in joined.lines] == [1, 3]
    cut = joined.text.index("法等")
    assert joined.line_of(cut) == 3 and joined.char_cols[cut] == 0


@pytest.mark.parametrize(
    "pair",
    [
        ("二、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设情况", "我委贯彻落实规定。"),
        ("关于2023年法治政府建设情况的报告", "2023年，我局坚持依法行政。"),
        ("全面推进依法行政，严格规范公正文明执法。", "二是加强普法。"),
        ("我局持续推进依法行政，严格规范公正文明执法，扎实开展", "（二）加强普法"),
    ],
)
def test_complete_lines_headings_and_titles_are_not_joined(pair: tuple[str, str]) -> None:
    assert len(build_paragraphs(lines(*pair))) == 2
