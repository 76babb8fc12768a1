"""The workbench in a real headless Chromium against a real waitress server: a reviewer uploads the
seeds and an unreadable file, reads the batch table, opens a gap page, overrides a verdict and sees
score and gate change, and downloads a letter and the spreadsheet; a hostile page is refused.

Playwright drives the system Chromium (tests/conftest.py: skipped without it locally, a failure
under CI=true).
"""

from __future__ import annotations

import http.client
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from workbench_support import BAD_DOCX, SEEDS

from rubric_check.gate import Gate
from rubric_check.rubrics import load_rubric
from rubric_check.workbench.access import Access
from rubric_check.workbench.app import Limits, create_app, workbench_of
from rubric_check.workbench.batches import Scoring
from rubric_check.workbench.server import Deferred, Listen, bind, bound_port

pytestmark = pytest.mark.slow


class Served:
    """A workbench on a free port of 127.0.0.1, served by waitress on a thread of this process."""

    def __init__(self, folder: Path, store: str, limits: Limits | None = None) -> None:
        private = folder / "private"
        private.mkdir()
        deferred = Deferred()
        self.limits = limits or Limits()
        self.server = bind(deferred, Listen("127.0.0.1", 0, self.limits.max_bytes))
        self.access = Access("127.0.0.1", bound_port(self.server))
        scoring = Scoring(load_rubric(None), Gate(), store, jobs=2, reviewer="测试审核人")
        self.app = create_app(scoring, self.access, private, self.limits)
        deferred.app = self.app
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.close()
        workbench_of(self.app).close()

    def raw(self, method: str, path: str, headers: dict[str, str], body: bytes | None = None) -> int:
        return self.answer(method, path, headers, body)[0]

    def answer(self, method: str, path: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, str]:
        """A request as any program on this PC could send it (no browser rules): status and body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.access.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path, str(tmp_path / "results.sqlite3"))
    yield server
    server.close()


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Served]:
    """A workbench taking at most 256 KB an upload."""
    server = Served(tmp_path, str(tmp_path / "results.sqlite3"), Limits(max_bytes=256 * 1024, max_files=10))
    yield server
    server.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    opened.problems = []
    opened.on("console", lambda m: opened.problems.append(m.text) if m.type in ("error", "warning") else None)
    opened.on("pageerror", lambda e: opened.problems.append(str(e)))
    yield opened
    context.close()


def test_a_reviewer_uploads_reads_overrides_and_downloads(served: Served, page: Any, tmp_path: Path) -> None:
    import openpyxl
    from docx import Document

    bad = tmp_path / BAD_DOCX[0]
    bad.write_bytes(BAD_DOCX[1])
    seeds = sorted(SEEDS.glob("*.txt"))
    page.goto(served.access.url())
    assert page.url == f"http://127.0.0.1:{served.access.port}/"  # the token left the address bar
    page.set_input_files("#pick-files", [str(p) for p in seeds] + [str(bad)])
    page.wait_for_selector("#reports", timeout=180_000)
    page.wait_for_load_state("load")
    # the batch table: five rows, counts per verdict, the unreadable file with its reason, the filters
    rows = page.locator("#reports tbody tr")
    assert rows.count() == 5
    assert page.locator("#count-reports").inner_text() == "6"
    assert page.locator("#count-errors").inner_text() == "1"
    errors = page.locator("#errors").inner_text()
    assert "坏文件.docx" in errors and "扩展名" in errors
    assert page.locator("#filters").is_visible()
    page.fill("#filter-text", "未通过")
    assert 0 < rows.locator("visible=true").count() < 5
    page.fill("#filter-text", "")
    # a failed report whose only failure is one missing required part
    batch = workbench_of(served.app).batches.all()[0]
    failing = next(r for r in batch.ordered() if not r.passed and r.error is None and len(r.missing_required) == 1)
    element = failing.missing_required[0].id
    page.click(f'#reports a[href="{batch.names[failing.path]}"]')
    page.wait_for_selector(".verdict")
    assert page.locator(".gate.failed").is_visible()
    score_before = page.locator(".verdict .score .value").inner_text()
    card = page.locator(f"article#el-{element}")
    card.locator("details.override summary").click()
    card.locator('input[name="status"][value="met"]').check()
    card.locator("textarea").fill("第三部分第二段已分析原因")
    with page.expect_navigation():
        card.locator('button[type="submit"]').click()
    page.wait_for_selector(".verdict")
    assert page.locator(".gate.passed").is_visible()
    assert float(page.locator(".verdict .score .value").inner_text()) > float(score_before)
    assert page.locator(f"article#el-{element}").count() == 0  # no longer a gap: it is in the met list, opened
    assert page.locator(f"details#el-{element}[open]").is_visible()
    assert "第三部分第二段已分析原因" in page.locator(f"details#el-{element}").inner_text()
    # the letter of this report
    with page.expect_download() as letter_download:
        page.click('a.download[href$=".docx"]')
    letter = letter_download.value
    assert letter.suggested_filename.endswith("审核意见.docx")
    text = "\n".join(p.text for p in Document(letter.path()).paragraphs)
    assert failing.meta is not None and failing.meta.agency in text
    after = workbench_of(served.app).batches.all()[0].results[failing.path]
    assert f"报告得分{after.score:.1f}分" in text and "审核结论：通过" in text  # the letter follows the reviewer
    # its gaps-only PDF, printed by the one browser the workbench keeps
    with page.expect_download() as pdf_download:
        page.click('a.download[href$=".pdf"]')
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    assert Path(pdf_download.value.path()).read_bytes()[:5] == b"%PDF-"
    # the spreadsheet of the batch, with its 通报 sheet
    page.click("a.back")
    page.wait_for_selector("#reports")
    with page.expect_download() as sheet_download:
        page.click('a.download[href="results.xlsx"]')
    workbook = openpyxl.load_workbook(io.BytesIO(Path(sheet_download.value.path()).read_bytes()))
    assert any("通报" in name for name in workbook.sheetnames)
    bulletin = workbook[next(name for name in workbook.sheetnames if "通报" in name)]
    assert bulletin.max_row - 1 >= 5
    assert page.problems == []


def test_requests_a_browser_would_refuse_are_refused_by_the_server(small: Served) -> None:
    port = small.access.port
    own = f"127.0.0.1:{port}"
    cookie = f"{small.access.cookie}={small.access.token}"
    assert small.raw("GET", "/", {"Host": own, "Cookie": cookie}) == 200
    assert small.raw("GET", "/", {"Host": own}) == 403  # no token
    assert small.raw("GET", "/", {"Host": f"attacker.example:{port}", "Cookie": cookie}) == 403  # rebinding
    assert small.raw("GET", "/", {"Host": own, "Cookie": cookie, "Origin": "http://attacker.example"}) == 403
    post = {"Host": own, "Cookie": cookie, "Origin": "http://attacker.example", "Content-Type": "application/json"}
    assert small.raw("POST", "/api/batches", post, b"{}") == 403
    assert small.raw("GET", "/b/x/../../../../etc/passwd", {"Host": own, "Cookie": cookie}) == 404
    upload = {
        "Host": own,
        "Cookie": cookie,
        "Origin": f"http://{own}",
        "X-Rubric-Check-Token": small.access.token,
        "Content-Type": "multipart/form-data; boundary=x",
    }
    body = b"--x\r\nContent-Disposition: form-data; name=files; filename=big.txt\r\n\r\n" + b"a" * 512 * 1024
    status, text = small.answer("POST", "/api/batches", upload, body + b"\r\n--x--\r\n")
    assert status == 413 and "分批上传" in text
    # a body claiming far more than the limit is cut off before it is read
    assert small.raw("POST", "/api/batches", {**upload, "Content-Length": str(64 * 1024 * 1024)}, b"") == 413
    assert not workbench_of(small.app).batches.all()


def test_a_picked_folder_is_scored_with_its_paths_and_its_other_files_listed(
    served: Served, page: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "2024年报送"
    (folder / "区县").mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    for seed in seeds:
        (folder / "区县" / seed.name).write_bytes(seed.read_bytes())
    (folder / "说明.rtf").write_bytes(b"{\\rtf1 x}")
    page.goto(served.access.url())
    page.set_input_files("#pick-folder", str(folder))
    page.wait_for_selector("#reports", timeout=180_000)
    page.wait_for_load_state("load")
    shown = page.locator("#reports tbody td.path").all_inner_texts()
    assert shown == [f"2024年报送/区县/{seed.name}" for seed in seeds]
    assert "2024年报送/说明.rtf" in page.locator("#skipped").inner_text()
    assert page.problems == []
