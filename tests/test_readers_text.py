"""Plain-text reading: the encodings Chinese offices save in, and files that are not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from rubric_check.documents.decode import NotText, decode_text
from rubric_check.documents.readers import read_source
from rubric_check.errors import InputError

REPORT = "湖滨区司法局\n关于2023年法治政府建设情况的报告\n一、主要举措和成效\n（一）办理行政复议案件56件，纠错率12%。\n"
TRADITIONAL = "臺北市政府\n一、推動法治政府建設，辦理訴願案件一百二十件。\n（一）強化依法行政。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (REPORT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
        (REPORT.encode("gb18030"), "gb18030"),
        (REPORT.encode("gbk"), "gb18030"),
        (REPORT.encode("utf-16"), "utf-16"),
        (REPORT.encode("utf-16-le"), "utf-16-le"),
        (REPORT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_chinese_encodings_decode(data: bytes, encoding: str) -> None:
    assert decode_text(data) == (REPORT, encoding)


def test_big5_is_reported_as_big5() -> None:
    text, encoding = decode_text(TRADITIONAL.encode("big5"))
    assert (text, encoding) == (TRADITIONAL, "big5")


def test_gb18030_four_byte_characters() -> None:
    text = "𠀀汉字扩展B区与㐀扩展A区的字：法治政府建设。" * 3
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x00\x01\x02\x03binary\x00" * 50])
def test_binary_is_not_text(data: bytes) -> None:
    with pytest.raises(NotText):
        decode_text(data)


def test_read_source_reports_encoding_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.replace("\n", "\r\n").encode("gb18030"))
    source = read_source(path, "report.txt")
    assert source.encoding == "gb18030"
    assert source.format == "txt"
    assert [line.text for line in source.lines if line.text] == REPORT.strip().split("\n")


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_source(path, path.name)
    return caught.value


def test_binary_txt_gives_not_text(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    error = _error(path)
    assert error.kind == "not_text"
    assert "photo.txt" in error.text


def test_pdf_named_txt_is_called_mislabelled(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    error = _error(path)
    assert error.kind == "mislabelled"
    assert "PDF" in error.text


def test_empty_txt(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _error(path).kind == "empty"
    path.write_text(" \n\u3000\n", encoding="utf-8")
    assert _error(path).kind == "empty"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"PK\x03\x04")
    error = _error(path)
    assert error.kind == "unsupported_format"
    assert ".docx" in error.text and ".pdf" in error.text and ".html" in error.text


def test_markdown_headings_are_headings_and_their_marks_are_not_text(tmp_path: Path) -> None:
    from rubric_check.engine import read_document
    from rubric_check.rubrics import load_rubric

    path = tmp_path / "r.md"
    path.write_text(
        "# 泽川县司法局2023年法治政府建设年度报告\n2023年，我局坚持依法行政。\n"
        "## 一、主要举措和成效\n### （一）深化依法行政\n全年办理案件12件。\n",
        encoding="utf-8",
    )
    doc = read_document(read_source(path, "r.md"), load_rubric())
    assert doc.meta.title == "泽川县司法局2023年法治政府建设年度报告"
    assert [(h.level, h.title) for h in doc.headings] == [(1, "主要举措和成效"), (2, "深化依法行政")]
    assert "measures" in doc.headings[0].kinds
    assert not any("#" in p.text for p in doc.paragraphs)
