"""Word documents: headings from styles and automatic numbering, tables, tracked changes, and
everything Word shows outside the body left out; legacy .doc/.wps through LibreOffice."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from fixtures_build.docx_build import (
    add_hidden_and_field,
    add_outline_numbering,
    add_tracked_change,
    set_numbering,
)

from rubric_check.documents import docx_reader, legacy_word, office, ziplimits
from rubric_check.documents.build import build_document
from rubric_check.documents.readers import read_source
from rubric_check.errors import InputError


def no_kinds(_title: str) -> frozenset[str]:
    return frozenset()


def _read(path: Path):
    return read_source(path, path.name)


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        _read(path)
    return caught.value


def test_heading_styles_without_numbers_are_headings(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("湖滨区司法局2023年法治政府建设年度报告", style="Title")
    document.add_paragraph("2023年，我局坚持以习近平法治思想为指导，全面推进依法行政。")
    document.add_paragraph("总体情况", style="Heading 1")
    document.add_paragraph("全年共出台规范性文件3件，全部经过合法性审核。")
    document.add_paragraph("深化行政执法改革", style="Heading 2")
    document.add_paragraph("全年办理行政处罚案件128件，听证3件。")
    document.add_paragraph("存在的不足", style="Heading 1")
    document.add_paragraph("执法队伍专业化程度有待提高。")
    path = tmp_path / "styled.docx"
    document.save(str(path))

    source = _read(path)
    levels = {line.text: line.heading_level for line in source.lines}
    assert levels["总体情况"] == 1
    assert levels["深化行政执法改革"] == 2
    assert levels["存在的不足"] == 1
    assert levels["全年办理行政处罚案件128件，听证3件。"] is None
    assert [line.number for line in source.lines] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert source.format == "docx"

    doc = build_document(source, no_kinds)
    assert [(h.level, h.title) for h in doc.headings] == [(1, "总体情况"), (2, "深化行政执法改革"), (1, "存在的不足")]


def test_automatic_numbering_is_reconstructed(tmp_path: Path) -> None:
    document = Document()
    num_id = add_outline_numbering(document)
    document.add_paragraph("湖滨区司法局2023年法治政府建设年度报告", style="Title")
    document.add_paragraph("2023年，我局坚持以习近平法治思想为指导，全面推进依法行政。")
    rows = [
        ("推进依法行政的主要举措", "Heading 1", 0),
        ("强化学习宣传", "Heading 2", 1),
        ("组织集中学法4次。", None, None),
        ("健全制度体系", "Heading 2", 1),
        ("存在的问题", "Heading 1", 0),
        ("队伍建设", None, 1),  # plain paragraph numbered by the list only
        ("年度培训", None, 2),
        ("全年培训执法人员200人次。", None, None),
    ]
    for text, style, ilvl in rows:
        paragraph = document.add_paragraph(text, style=style)
        if ilvl is not None:
            set_numbering(paragraph, num_id, ilvl)
    path = tmp_path / "numbered.docx"
    document.save(str(path))

    source = _read(path)
    numbers = [(line.heading_number, line.heading_level) for line in source.lines[2:]]
    assert numbers == [
        ("一、", 1),
        ("（一）", 2),
        (None, None),
        ("（二）", 2),
        ("二、", 1),
        ("（一）", 2),
        ("1.", 3),
        (None, None),
    ]
    doc = build_document(source, no_kinds)
    displays = [h.display for h in doc.headings]
    assert "一、推进依法行政的主要举措" in displays
    assert "（二）健全制度体系" in displays
    assert "二、存在的问题" in displays


def test_table_cells_are_read_with_rows_kept_together(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("一、行政复议和应诉情况")
    table = document.add_table(rows=3, cols=3)
    figures = [("项目", "数量", "单位"), ("收到行政复议申请", "56", "件"), ("行政应诉案件", "12", "件")]
    for r, row in enumerate(figures):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    layout = document.add_table(rows=1, cols=1)  # prose laid out in a one-cell table
    layout.cell(0, 0).text = "全年共办理行政复议案件56件，纠错率12%，较上年提高3个百分点。"
    layout.cell(0, 0).add_paragraph("二、存在的不足")
    document.add_paragraph("下一步将持续改进。")
    path = tmp_path / "table.docx"
    document.save(str(path))

    source = _read(path)
    texts = [line.text for line in source.lines]
    assert texts == [
        "一、行政复议和应诉情况",
        "项目\t数量\t单位",
        "收到行政复议申请\t56\t件",
        "行政应诉案件\t12\t件",
        "全年共办理行政复议案件56件，纠错率12%，较上年提高3个百分点。",
        "二、存在的不足",
        "下一步将持续改进。",
    ]
    # Paragraph numbers count every cell paragraph: 1 body + 9 cells + 2 + 1.
    assert [line.number for line in source.lines] == [1, 2, 5, 8, 11, 12, 13]
    doc = build_document(source, no_kinds)
    assert any("收到行政复议申请56件" in p.text for p in doc.paragraphs)


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    document = Document()
    paragraph = document.add_paragraph("全年办理行政复议案件")
    add_tracked_change(paragraph, inserted="56件", deleted="48件")
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    [line] = _read(path).lines
    assert line.text == "全年办理行政复议案件56件"


def test_headers_footers_comments_hidden_text_and_field_codes_left_out(tmp_path: Path) -> None:
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "湖滨区人民政府文件页眉"
    section.footer.paragraphs[0].text = "第 1 页 共 3 页 页脚"
    paragraph = document.add_paragraph("全面落实行政执法三项制度。")
    document.add_comment(paragraph.runs, text="批注：此处请补充数据", author="审核人")
    add_hidden_and_field(document.add_paragraph("页码"), hidden="隐藏文字", field_result="7")
    run = document.add_paragraph("第一行").add_run("第二行")
    run.add_break(WD_BREAK.PAGE)
    path = tmp_path / "furniture.docx"
    document.save(str(path))

    text = "\n".join(line.text for line in _read(path).lines)
    assert "全面落实行政执法三项制度。" in text
    for absent in ("页眉", "页脚", "批注", "隐藏文字", "PAGE"):
        assert absent not in text
    assert "页码7" in text


def test_table_of_contents_paragraphs_are_skipped(tmp_path: Path) -> None:
    document = Document()
    styles = document.styles
    from docx.enum.style import WD_STYLE_TYPE

    styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("一、主要举措\t2", style="toc 1")
    document.add_paragraph("一、主要举措")
    path = tmp_path / "toc.docx"
    document.save(str(path))
    assert [(line.number, line.text) for line in _read(path).lines] == [(2, "一、主要举措")]


def test_text_file_named_docx_is_mislabelled(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_text("一、主要举措\n全面推进依法行政。", encoding="utf-8")
    error = _error(path)
    assert error.kind == "mislabelled"
    assert "report.docx" in error.text and "纯文本" in error.text


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert _error(path).kind == "docx_corrupt"


def test_zip_without_word_document_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    assert _error(path).kind == "docx_corrupt"


def test_password_protected_docx_is_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "secret.docx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le"))
    error = _error(path)
    assert error.kind == "encrypted"
    assert "密码" in error.text


def test_zip_bomb_member_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ziplimits, "MAX_XML_UNZIPPED", 1024 * 1024)
    source = tmp_path / "plain.docx"
    Document().save(str(source))
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<!--" + b" " * (3 * 1024 * 1024) + b"--></w:body>")
            bomb.writestr(item, data)
    error = _error(path)
    assert error.kind == "zip_too_large"


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_DOCX_BYTES", 1000)
    path = tmp_path / "big.docx"
    Document().save(str(path))
    assert _error(path).kind == "too_large"


def test_legacy_doc_without_libreoffice_says_how_to_convert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_word, "find_office", lambda: None)
    monkeypatch.setattr(office, "find_wps", lambda: None)
    path = tmp_path / "old.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    error = _error(path)
    assert error.kind == "legacy_no_office"
    assert "另存为" in error.text and ".docx" in error.text and "LibreOffice" in error.text


def test_doc_that_is_really_docx_is_read(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("全面推进依法行政。")
    path = tmp_path / "renamed.doc"
    document.save(str(path))
    source = _read(path)
    assert source.format == "doc"
    assert [line.text for line in source.lines] == ["全面推进依法行政。"]


def _fake_office(tmp_path: Path, script: str) -> str:
    office = tmp_path / "bin" / "soffice"
    office.parent.mkdir()
    office.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    office.chmod(0o755)
    return str(office)


def test_legacy_doc_converted_by_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    converted = tmp_path / "converted.docx"
    document = Document()
    document.add_paragraph("一、主要举措")
    document.save(str(converted))
    # A stand-in soffice: writes input.docx into --outdir, as the real one does.
    script = f'while [ "$1" != "--outdir" ]; do shift; done; cp "{converted}" "$2/input.docx"\n'
    office = _fake_office(tmp_path, script)
    monkeypatch.setattr(legacy_word, "find_office", lambda: office)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    source = _read(path)
    assert source.format == "doc"
    assert [line.text for line in source.lines] == ["一、主要举措"]


def test_legacy_conversion_failure_and_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    office = _fake_office(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1\n')
    monkeypatch.setattr(legacy_word, "find_office", lambda: office)
    error = _error(path)
    assert error.kind == "legacy_failed"
    assert "could not be loaded" not in error.text and "退出码 1" in error.text  # LibreOffice's chatter is not shown

    Path(office).write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    monkeypatch.setattr(legacy_word, "CONVERT_TIMEOUT", 1)
    error = _error(path)
    assert error.kind == "legacy_timeout"
