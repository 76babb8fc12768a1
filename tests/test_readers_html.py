"""Saved web pages: only the report, never the site's menus, breadcrumbs, share bars or footer."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_build.html_build import FURNITURE_WORDS, html_from_lines
from fixtures_build.seeds import seed_lines, seed_paths

from rubric_check.documents.readers import read_source
from rubric_check.errors import InputError

TITLE = "湖滨区司法局关于2023年法治政府建设情况的报告"
BODY = [
    "2023年，湖滨区司法局坚持以习近平法治思想为指导，全面推进依法行政。",
    "一、主要举措和成效",
    "（一）办理行政复议案件56件，纠错率12%。",
    "二、存在的不足和原因",
    "执法队伍专业化程度有待提高。",
    "湖滨区司法局",
    "2024年1月15日",
]


def _texts(path: Path) -> list[str]:
    return [line.text for line in read_source(path, path.name).lines]


@pytest.mark.parametrize(("charset", "encoding"), [("utf-8", "utf-8"), ("gb2312", "gb18030"), ("GBK", "gbk")])
def test_report_only_in_declared_charset(tmp_path: Path, charset: str, encoding: str) -> None:
    path = html_from_lines(tmp_path / "page.html", TITLE, BODY, charset=charset, encoding=encoding)
    source = read_source(path, "page.html")
    assert source.format == "html"
    assert [line.text for line in source.lines] == [TITLE, *BODY]
    assert [line.number for line in source.lines] == list(range(1, len(BODY) + 2))


def test_no_furniture_ever_becomes_a_line(tmp_path: Path) -> None:
    path = html_from_lines(tmp_path / "page.htm", TITLE, BODY)
    text = "\n".join(_texts(path))
    for word in FURNITURE_WORDS:
        assert word not in text, word
    assert "统计代码" not in text and "float" not in text


def test_gb18030_characters_under_a_gb2312_declaration(tmp_path: Path) -> None:
    body = ["2023年，我局依法办理“镕”“堃”等生僻字姓名当事人的行政复议案件3件。", *BODY[1:]]
    path = html_from_lines(tmp_path / "page.html", TITLE, body, charset="gb2312", encoding="gb18030")
    assert _texts(path)[1] == body[0]


def test_charset_detected_without_declaration(tmp_path: Path) -> None:
    page = "<html><body><div><p>" + "</p><p>".join(BODY) + "</p></div></body></html>"
    path = tmp_path / "bare.html"
    path.write_bytes(page.encode("gb18030"))
    assert _texts(path) == BODY
    path.write_bytes(page.encode("utf-16"))  # Word's "Unicode" web page
    assert _texts(path) == BODY


def test_word_exported_page_with_br_lines(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='utf-8'><title>报告</title></head><body><div class=WordSection1>"
        + "<br>".join(BODY)
        + "</div></body></html>"
    )
    path = tmp_path / "word.htm"
    path.write_text(page, encoding="utf-8")
    assert _texts(path) == BODY


def test_tables_keep_rows_together(tmp_path: Path) -> None:
    table = "<table><tr><th>项目</th><th>数量</th></tr><tr><td>行政复议案件</td><td>56件</td></tr></table>"
    page = f"<html><body><div class='content'><p>{BODY[0]}</p>{table}<p>{BODY[4]}</p></div></body></html>"
    path = tmp_path / "table.html"
    path.write_text(page, encoding="utf-8")
    assert _texts(path) == [BODY[0], "项目\t数量", "行政复议案件\t56件", BODY[4]]


def test_page_without_text(tmp_path: Path) -> None:
    path = tmp_path / "frame.html"
    path.write_text("<html><head><script>load()</script></head><body><div id='app'></div></body></html>")
    with pytest.raises(InputError) as caught:
        read_source(path, "frame.html")
    assert caught.value.kind in ("html_no_content", "empty")
    assert "frame.html" in caught.value.text


def test_seed_report_as_web_page(tmp_path: Path) -> None:
    lines = seed_lines(seed_paths()[0])
    path = html_from_lines(tmp_path / "seed.html", lines[1], lines, charset="gb2312", encoding="gb18030")
    assert _texts(path) == lines
