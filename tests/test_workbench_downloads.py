"""The workbench's downloads (workbench/downloads.py) are what the command line writes for the same reports.

The seeds and an unreadable upload are scored once through pipeline.score_input, as the workbench
scores them; ``score --json/--xlsx/--letters`` runs once over the same files. The PDF test needs a
browser: skipped without one locally, a failure under CI=true (as tests/test_html_browser.py).
"""

from __future__ import annotations

import dataclasses
import io
import json
import sys
import tempfile
import time
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import SEEDS, unavailable
from docx import Document

from rubric_check.commands.score import ScoreOptions, run
from rubric_check.discovery import Skipped, survey
from rubric_check.documents.readers import walked_suffixes
from rubric_check.errors import RubricCheckError
from rubric_check.formatters.html_pdf import PdfError, find_browser
from rubric_check.formatters.html_report import render_report
from rubric_check.formatters.letter_template import LetterTemplate
from rubric_check.gate import Gate
from rubric_check.pipeline import Upload, score_input
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import load_rubric
from rubric_check.workbench.downloads import (
    DownloadError,
    PdfMaker,
    json_bytes,
    letter_file,
    letters_zip,
    pdf_file_name,
    xlsx_bytes,
)

BAD_NAME = "坏文件.docx"
FAILING_SEED = "000_85fd514af7da5818.txt"  # 湖滨区卫生健康委员会, 2023: 不足的原因 (required) missing
FAILING_LETTER = "湖滨区卫生健康委员会-2023年度-审核意见.docx"


@dataclasses.dataclass(frozen=True)
class Batch:
    results: list[ReportResult]
    skipped: list[Skipped]
    rubric: Rubric
    cli: Path  # what `score` wrote for the same files: result.json, result.xlsx, letters/


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """The seeds, an unreadable file and one that is no report (skipped), scored both ways."""
    root = tmp_path_factory.mktemp("downloads")
    extra = root / "in"
    extra.mkdir()
    (extra / BAD_NAME).write_bytes(b"not a zip")
    (extra / "说明.rtf").write_text("{\\rtf1 x}", encoding="ascii")
    paths = (str(SEEDS), str(extra))
    found = survey(paths, walked_suffixes())
    rubric = load_rubric(None)
    # The unreadable file arrives as the workbench receives files: bytes under the name the user knows.
    items = [Upload(i.shown, i.path.read_bytes()) if i.path.name == BAD_NAME else i for i in found.inputs]
    results = [score_input(item, rubric, Gate()) for item in items]
    cli = root / "cli"
    options = ScoreOptions(
        paths=paths,
        html_dir=None,
        use_config=False,
        no_store=True,
        quiet=True,
        json=str(cli / "result.json"),
        xlsx=str(cli / "result.xlsx"),
        letters=str(cli / "letters"),
    )
    cli.mkdir()
    stderr = io.StringIO()
    assert run(options, io.StringIO(), stderr) == 3, stderr.getvalue()  # 3: an unreadable input
    return Batch(results, found.skipped, rubric, cli)


@pytest.fixture(scope="module")
def template(batch: Batch) -> LetterTemplate:
    return LetterTemplate.load(None, batch.rubric, Gate())


def readable(batch: Batch) -> list[ReportResult]:
    return [r for r in batch.results if r.error is None]


def test_the_batch_holds_the_five_seeds_an_unreadable_upload_and_a_skipped_file(batch: Batch) -> None:
    assert len(readable(batch)) == 5
    (bad,) = [r for r in batch.results if r.error is not None]
    assert bad.path.endswith(BAD_NAME) and "坏文件" in bad.error.message  # type: ignore[union-attr]
    assert [Path(s.path).name for s in batch.skipped] == ["说明.rtf"]


def test_json_is_the_document_score_json_writes(batch: Batch) -> None:
    data = json_bytes(batch.results, batch.rubric, batch.skipped)
    assert data == (batch.cli / "result.json").read_bytes()
    document = json.loads(data.decode("utf-8"))
    passed = sum(bool(r.passed) for r in batch.results)
    assert document["summary"] == {"reports": 6, "passed": passed, "failed": 5 - passed, "errors": 1}
    assert [s["path"] for s in document["skipped"]] == [s.path for s in batch.skipped]


def test_xlsx_is_the_workbook_score_xlsx_writes_with_its_bulletin(batch: Batch, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = xlsx_bytes(batch.results, batch.rubric, Gate(), tmp_path)
    assert data == (batch.cli / "result.xlsx").read_bytes()
    assert list(tmp_path.iterdir()) == []  # its file and openpyxl's are gone
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    assert workbook.sheetnames[:2] == ["检查结果", "通报"]
    results = list(workbook["检查结果"].iter_rows(values_only=True))
    bulletin = list(workbook["通报"].iter_rows(values_only=True))
    assert len(results) == len(bulletin) == 1 + 6  # a header and one row per report, the unreadable one too
    (bad,) = [row for row in bulletin[1:] if str(row[-1]).endswith(BAD_NAME)]
    assert bad[5] == "无法读取" and "坏文件" in bad[7]  # its verdict and, as the CLI writes it, the reason
    failing = next(row for row in bulletin[1:] if str(row[-1]).endswith(FAILING_SEED))
    assert failing[5] == "未通过" and "不足的原因" in failing[6]


def test_xlsx_without_openpyxl_is_explained_in_chinese(
    batch: Batch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    with pytest.raises(DownloadError) as caught:
        xlsx_bytes(batch.results, batch.rubric, Gate(), tmp_path)
    assert "openpyxl" in caught.value.text and "pip install" in caught.value.text


def test_a_letter_is_named_and_filled_as_the_letters_folder_has_it(batch: Batch, template: LetterTemplate) -> None:
    failing = next(r for r in batch.results if r.path.endswith(FAILING_SEED))
    name, data = letter_file(failing, batch.rubric, Gate(), template)
    assert name == FAILING_LETTER
    assert data == (batch.cli / "letters" / name).read_bytes()
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "湖滨区卫生健康委员会：" in texts
    verdict = texts[texts.index("一、审核结论") + 1]
    assert "审核结论：未通过" in verdict and "必备要素缺失：不足的原因" in verdict


def test_an_unreadable_report_has_no_letter_and_says_why(batch: Batch, template: LetterTemplate) -> None:
    bad = next(r for r in batch.results if r.error is not None)
    with pytest.raises(DownloadError) as caught:
        letter_file(bad, batch.rubric, Gate(), template)
    assert bad.path in caught.value.text and "没有审核意见书" in caught.value.text


def test_the_zip_holds_the_letters_folder_exactly_and_the_same_bytes_twice(
    batch: Batch, template: LetterTemplate
) -> None:
    started = time.perf_counter()
    data = letters_zip(batch.results, batch.rubric, Gate(), template)
    print(f"letters_zip of {len(batch.results)} results: {time.perf_counter() - started:.2f} s")
    assert data == letters_zip(batch.results, batch.rubric, Gate(), template)
    folder = batch.cli / "letters"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        assert sorted(e.filename for e in entries) == sorted(p.name for p in folder.iterdir())
        assert len(entries) == 5  # one per readable report, none for the unreadable one
        for entry in entries:
            assert entry.flag_bits & 0x800  # UTF-8 names: Explorer shows them in Chinese
            assert archive.read(entry) == (folder / entry.filename).read_bytes()


def test_two_reports_of_one_body_and_year_get_two_names_in_the_zip(batch: Batch, template: LetterTemplate) -> None:
    failing = next(r for r in batch.results if r.path.endswith(FAILING_SEED))
    copy = dataclasses.replace(failing, path="另一处/副本.txt")
    with zipfile.ZipFile(io.BytesIO(letters_zip([failing, copy], batch.rubric, Gate(), template))) as archive:
        names = archive.namelist()
    assert names[0] == FAILING_LETTER
    assert names[1].startswith("湖滨区卫生健康委员会-2023年度-") and names[1] != names[0]


def test_a_batch_without_a_readable_report_has_no_zip(batch: Batch, template: LetterTemplate) -> None:
    unreadable = [r for r in batch.results if r.error is not None]
    with pytest.raises(DownloadError, match="没有审核意见书"):
        letters_zip(unreadable, batch.rubric, Gate(), template)


def test_pdf_file_name_is_the_one_of_pdf(batch: Batch) -> None:
    failing = next(r for r in batch.results if r.path.endswith(FAILING_SEED))
    assert pdf_file_name(failing) == "湖滨区卫生健康委员会-2023年度-差距报告.pdf"


def test_nothing_is_left_in_the_system_temporary_folder(
    batch: Batch, template: LetterTemplate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every download but the PDF's, with a system temporary folder that must stay empty."""
    system, folder = tmp_path / "system", tmp_path / "workbench"
    system.mkdir()
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system))
    json_bytes(batch.results, batch.rubric, batch.skipped)
    xlsx_bytes(batch.results, batch.rubric, Gate(), folder)
    letters_zip(batch.results, batch.rubric, Gate(), template)
    assert list(system.iterdir()) == [] and list(folder.iterdir()) == []


def test_xlsx_makes_its_temporary_files_in_the_workbench_folder_only(
    batch: Batch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No system temporary folder at all: openpyxl's sheet files, too, go into ``folder``."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such folder"))
    assert xlsx_bytes(batch.results, batch.rubric, Gate(), tmp_path).startswith(b"PK")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_workbench_folder_is_explained(batch: Batch, tmp_path: Path) -> None:
    with pytest.raises(RubricCheckError) as caught:
        xlsx_bytes(batch.results, batch.rubric, Gate(), tmp_path / "gone")
    assert "gone" in caught.value.text and "临时文件夹" in caught.value.text


def test_pdf_without_a_browser_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUBRIC_CHECK_CHROMIUM", str(tmp_path / "no-browser"))
    maker = PdfMaker(tmp_path)
    try:
        with pytest.raises(DownloadError) as caught:
            maker.pdf("<html></html>", "某某局-2023年度")
    finally:
        maker.close()
    assert "chromium" in caught.value.text and "RUBRIC_CHECK_CHROMIUM" in caught.value.text


@pytest.mark.slow
def test_pdf_maker_prints_gap_pages_in_one_browser_inside_its_folder(
    batch: Batch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser_starts: list[list[str]]
) -> None:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage

    if find_browser() is None:
        unavailable("no Chromium/Chrome found (apt-get install chromium fonts-noto-cjk)")
    system, folder = tmp_path / "system", tmp_path / "workbench"
    system.mkdir()
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system))
    maker = PdfMaker(folder)
    try:
        failing = next(r for r in batch.results if r.path.endswith(FAILING_SEED))
        page = render_report(failing, batch.rubric, Gate())
        times = []
        for _ in range(2):
            started = time.perf_counter()
            data = maker.pdf(page, "湖滨区卫生健康委员会-2023年度")
            times.append(time.perf_counter() - started)
        print(f"PDF cold {times[0]:.2f} s, warm {times[1]:.2f} s")
        assert data.startswith(b"%PDF")
        # The server's threads share the one browser: three requests at once, three PDFs, still one browser.
        others = [render_report(r, batch.rubric, Gate()) for r in readable(batch)[:3]]
        with ThreadPoolExecutor(3) as pool:
            printed = list(pool.map(lambda html: maker.pdf(html, "并发"), others))
        assert all(pdf.startswith(b"%PDF") for pdf in printed) and len(browser_starts) == 1
        pages = list(PDFPage.get_pages(io.BytesIO(data)))
        assert 1 <= len(pages) <= 3  # the gaps-only print
        text = unicodedata.normalize("NFKC", extract_text(io.BytesIO(data)))  # CJK fonts use Kangxi radicals
        assert "湖滨区卫生健康委员会" in "".join(text.split())
        (profile,) = folder.iterdir()  # while the browser runs: its profile, and no page left behind
        assert profile.name.startswith("rubric-check-pdf-") and profile.is_dir()
        assert list(system.iterdir()) == []
    finally:
        maker.close()
    assert list(folder.iterdir()) == [] and list(system.iterdir()) == []  # the profile and the pages are gone


class FakePrinter:
    """Stands in for html_pdf.PdfPrinter: records every browser "started"; the first fails if asked."""

    made: list[FakePrinter]
    fail_first = False

    def __init__(self, browser: str, temp_folder: Path | None = None) -> None:
        self.closed = False
        self.made.append(self)

    def pdf_bytes(self, page: Path) -> bytes:
        if self.fail_first and len(self.made) == 1:
            raise PdfError("浏览器未能启动")
        return b"%PDF-1.7 test"

    def close(self) -> None:
        self.closed = True


def _fake_browsers(monkeypatch: pytest.MonkeyPatch, fail_first: bool = False) -> list[FakePrinter]:
    """PdfMaker's browsers, faked: the list of those it started."""
    from rubric_check.workbench import downloads

    made: list[FakePrinter] = []
    printer = type("Printer", (FakePrinter,), {"made": made, "fail_first": fail_first})
    monkeypatch.setattr(downloads, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(downloads, "PdfPrinter", printer)
    return made


def test_a_failed_browser_is_let_go_and_the_next_pdf_starts_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server lives for days: one browser that failed must not fail every later PDF."""
    made = _fake_browsers(monkeypatch, fail_first=True)
    maker = PdfMaker(tmp_path)
    with pytest.raises(DownloadError):
        maker.pdf("<p>页</p>", "报告")
    assert made[0].closed
    assert maker.pdf("<p>页</p>", "报告") == b"%PDF-1.7 test" and len(made) == 2
    maker.close()
    assert made[1].closed


def test_the_pdf_browser_is_ended_once_idle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its DevTools port is open while it runs: a browser nobody prints with is not kept."""
    made = _fake_browsers(monkeypatch)
    maker = PdfMaker(tmp_path, idle_seconds=0.2)
    maker.pdf("<p>页</p>", "报告")
    maker.pdf("<p>页</p>", "报告")  # within the idle time: the same browser
    assert len(made) == 1 and not made[0].closed
    deadline = time.monotonic() + 10
    while not made[0].closed and time.monotonic() < deadline:
        time.sleep(0.05)
    assert made[0].closed
    maker.pdf("<p>页</p>", "报告")
    assert len(made) == 2  # started again when asked
    maker.close()
    assert made[1].closed
