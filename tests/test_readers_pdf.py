"""PDF text layers: reading order, running headers and page numbers removed, wrapped lines
re-joined, and scans, encrypted, corrupt and oversized files refused with a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_build.pdf_build import pdf_from_lines, pdf_table, pdf_without_text
from fixtures_build.seeds import seed_lines, seed_paths, squeezed

from rubric_check.documents import ocr, pdf_reader
from rubric_check.documents.readers import read_source
from rubric_check.errors import InputError

HEADER = "湖滨区法治政府建设年度报告"


@pytest.fixture(autouse=True)
def _without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text layer alone, as without the ocr extra (test_ocr.py reads scans with it)."""
    monkeypatch.setattr(ocr, "ocr_installed", lambda: False)


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_source(path, path.name)
    return caught.value


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    seed = seed_paths()[1]
    lines = seed_lines(seed)
    return pdf_from_lines(tmp_path_factory.mktemp("pdf") / "seed.pdf", lines, header=HEADER), lines


def test_seed_text_comes_back_whole_without_running_lines(seed_pdf: tuple[Path, list[str]]) -> None:
    path, lines = seed_pdf
    source = read_source(path, "seed.pdf")
    assert source.format == "pdf"
    got = [line.text for line in source.lines]
    assert squeezed(got) == squeezed(lines)  # wrapped lines re-joined, nothing added
    assert not any(HEADER in text for text in got)
    assert not any(text.strip().startswith("- ") for text in got)


def test_locations_are_page_and_line(seed_pdf: tuple[Path, list[str]]) -> None:
    path, _lines = seed_pdf
    source = read_source(path, "seed.pdf")
    pages = [line.page for line in source.lines]
    assert pages[0] == 1 and pages[-1] > 1 and pages == sorted(pages)
    numbers = [line.number for line in source.lines]
    assert numbers[0] == 1 and numbers == sorted(set(numbers))


def test_table_rows_stay_together(tmp_path: Path) -> None:
    rows = [["项目", "数量", "同比"], ["行政复议案件", "56件", "增长12%"], ["行政应诉案件", "12件", "下降3%"]]
    path = pdf_table(tmp_path / "table.pdf", rows)
    texts = [line.text for line in read_source(path, "table.pdf").lines]
    assert texts == ["\t".join(row) for row in rows]


def test_scan_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    error = _error(pdf_without_text(tmp_path / "scan.pdf"))
    assert error.kind == "pdf_no_text"
    assert "OCR" in error.text and "scan.pdf" in error.text and 'pip install "rubric-check[ocr]"' in error.text


def test_scan_with_only_page_numbers_needs_ocr(tmp_path: Path) -> None:
    path = pdf_from_lines(tmp_path / "numbers.pdf", [], header=None, page_numbers=True)
    assert _error(path).kind == "pdf_no_text"


def test_password_protected_pdf(tmp_path: Path) -> None:
    path = pdf_from_lines(tmp_path / "secret.pdf", ["全面推进依法行政。" * 5], encrypt="user-password")
    error = _error(path)
    assert error.kind == "encrypted"


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    """Copy/print restrictions (an owner password only) do not stop reading, as in any viewer."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "restricted.pdf"
    encryption = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0)
    pdf = canvas.Canvas(str(path), encrypt=encryption)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 700, "Annual report on building a rule-of-law government, 2023.")
    pdf.showPage()
    pdf.save()
    texts = [line.text for line in read_source(path, "restricted.pdf").lines]
    assert texts == ["Annual report on building a rule-of-law government, 2023."]


def test_corrupt_and_truncated_pdfs(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    assert _error(garbage).kind in ("pdf_corrupt", "pdf_no_text")
    good = pdf_from_lines(tmp_path / "good.pdf", ["全面推进依法行政。" * 5])
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    assert _error(truncated).kind in ("pdf_corrupt", "pdf_no_text")


def test_word_file_named_pdf_is_mislabelled(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    error = _error(path)
    assert error.kind == "mislabelled"


def test_page_and_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = pdf_from_lines(tmp_path / "long.pdf", ["全面推进依法行政，严格规范公正文明执法。" * 40] * 8)
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 1)
    error = _error(path)
    assert error.kind == "too_many_pages"
    monkeypatch.setattr(pdf_reader, "MAX_PDF_BYTES", 100)
    assert _error(path).kind == "too_large"


def test_title_in_the_words_of_the_running_header_is_kept(tmp_path: Path) -> None:
    """Exported reports often repeat the title as the running header: on page 1 the title, set larger
    below the header, is still the title."""
    title = "泽川县司法局2023年法治政府建设年度报告"
    body = ["2023年，我局坚持依法行政，全面推进法治政府建设。" * 3] * 40
    path = pdf_from_lines(tmp_path / "r.pdf", [title, *body], header=title)
    lines = [line.text for line in read_source(path, "r.pdf").lines]
    assert lines[0] == title
    assert lines.count(title) == 1  # the running headers themselves are gone
