"""Readers work from bytes with a name: an upload or a zip member needs no temporary file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from rubric_check.documents import text_reader
from rubric_check.documents.readers import read_source
from rubric_check.errors import InputError

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_85fd514af7da5818.txt"


def test_bytes_and_path_read_the_same() -> None:
    from_path = read_source(SEED, "000.txt")
    from_bytes = read_source(("000.txt", SEED.read_bytes()))
    assert from_bytes == from_path


def test_docx_bytes_are_read_under_their_name() -> None:
    document = Document()
    document.add_paragraph("全面推进依法行政。")
    buffer = io.BytesIO()
    document.save(buffer)
    source = read_source(("上传/报告.docx", buffer.getvalue()))
    assert source.path == "上传/报告.docx" and source.format == "docx"
    assert [line.text for line in source.lines] == ["全面推进依法行政。"]


def test_limits_hold_for_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_reader, "MAX_TEXT_BYTES", 10)
    with pytest.raises(InputError) as caught:
        read_source(("大报告.txt", "法治政府建设年度报告".encode()))
    assert caught.value.kind == "too_large" and "大报告.txt" in caught.value.text


def test_unsupported_bytes_name_the_file() -> None:
    with pytest.raises(InputError) as caught:
        read_source(("表格.xls", b"\xd0\xcf"))
    assert caught.value.kind == "unsupported_format" and "表格.xls" in caught.value.text
