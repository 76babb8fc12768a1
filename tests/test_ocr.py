"""OCR for scans (the ``ocr`` extra): a photographed page and a stamped three-page scan of seed 000
read with the seed's text and verdicts, marked as OCR in JSON and on the page; progress a page, a
cache by file hash, one job at a time; without the extra, a message saying how to install it.

The two tests that run the real engine take seconds a page and are marked slow; CI runs them."""

from __future__ import annotations

import difflib
import io
import json
import logging
import os
import re
import threading
import time
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import SEEDS

from rubric_check.commands.score import ScoreOptions, run
from rubric_check.documents import ocr, ocr_cache
from rubric_check.documents.readers import read_source
from rubric_check.errors import InputError

SCANS = Path(__file__).resolve().parents[2] / "shared" / "samples" / "scans"
SEED = SEEDS / "000_85fd514af7da5818.txt"
needs_samples = pytest.mark.skipif(
    not SCANS.is_dir() and os.environ.get("CI") != "true",
    reason="../shared/samples is not beside this checkout (under CI=true: a failure)",
)


def _squeezed(text: str) -> str:
    """Text without white space, in one width (OCR reads （ as ( now and then; normalise does the same)."""
    return unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))


def _png(width: int = 800, height: int = 1100) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG", dpi=(200, 200))
    return buffer.getvalue()


def _box(left: int, top: int, right: int) -> list[list[int]]:
    return [[left, top], [right, top], [right, top + 40], [left, top + 40]]


class _FakeEngine:
    """Stands in for rapidocr: the same boxes for every page, counted."""

    calls = 0

    def __call__(self, image: object) -> SimpleNamespace:
        type(self).calls += 1
        rows = ["关于2024年法治政府建设情况的报告", "一、主要举措和成效", "全年办理行政复议案件4件。"]
        boxes = [_box(100, 200 + 60 * n, 100 + 40 * len(row)) for n, row in enumerate(rows)]
        return SimpleNamespace(boxes=boxes, txts=rows)


def test_image_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "ocr_installed", lambda: False)
    with pytest.raises(InputError) as caught:
        read_source(("扫描/第1页.jpg", b"\xff\xd8\xff\xe0 not really"))
    assert caught.value.kind == "ocr_not_installed"
    assert "扫描/第1页.jpg" in caught.value.text and 'pip install "rubric-check[ocr]"' in caught.value.text


def test_boxes_become_lines_once_then_come_from_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RUBRIC_CHECK_CACHE", str(tmp_path))
    monkeypatch.setattr(ocr, "_engine", _FakeEngine)
    _FakeEngine.calls = 0
    data = _png()
    first = read_source(("页.png", data))
    assert [line.text for line in first.lines] == [
        "关于2024年法治政府建设情况的报告",
        "一、主要举措和成效",
        "全年办理行政复议案件4件。",
    ]
    assert first.source == "ocr" and first.format == "png" and {line.page for line in first.lines} == {1}
    assert read_source(("同一页.png", data)).lines == first.lines
    assert _FakeEngine.calls == 1  # the second read came from the cache, keyed by content
    assert list((tmp_path / "ocr").glob("*.json"))


def test_one_ocr_job_at_a_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RUBRIC_CHECK_CACHE", str(tmp_path))
    inside: list[int] = []
    overlap: list[bool] = []

    def job() -> None:
        with ocr_cache.one_job_at_a_time():
            inside.append(1)
            overlap.append(len(inside) > 1)
            time.sleep(0.2)
            inside.pop()

    threads = [threading.Thread(target=job) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlap == [False, False, False]


def test_corrupt_and_oversized_images_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "MAX_IMAGE_PIXELS", 1000)
    for data, kind in [(b"\x89PNG\r\n\x1a\n broken", "image_corrupt"), (_png(), "image_too_large")]:
        with pytest.raises(InputError) as caught:
            read_source(("图.png", data))
        assert caught.value.kind == kind and "图.png" in caught.value.text


@pytest.mark.slow
@needs_samples
def test_photographed_page_is_read_by_ocr(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=ocr.__name__)
    started = time.perf_counter()
    source = read_source(SCANS / "seed000-scan-p1.jpg", "seed000-scan-p1.jpg")
    seconds = time.perf_counter() - started
    got = _squeezed("".join(line.text for line in source.lines))
    seed = _squeezed(SEED.read_text(encoding="utf-8"))
    matcher = difflib.SequenceMatcher(None, got, seed[: len(got)], autojunk=False)
    assert source.source == "ocr" and {line.page for line in source.lines} == {1}
    assert matcher.ratio() >= 0.99, (matcher.ratio(), seconds)  # measured: 1.0
    progress = [record.getMessage() for record in caplog.records]
    assert len(progress) == 1 and progress[0].startswith("OCR 文字识别 seed000-scan-p1.jpg：第 1 页完成")


@pytest.mark.slow
@needs_samples
def test_stamped_scan_gets_the_seeds_verdicts_marked_as_ocr(tmp_path: Path) -> None:
    scan = SCANS / "seed000-scan.pdf"
    out, err = io.StringIO(), io.StringIO()
    options = ScoreOptions(
        paths=(str(scan), str(SEED)), json=str(tmp_path / "r.json"), html_dir=str(tmp_path / "html"), jobs=1
    )
    run(options, out, err)
    written = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    reports = {Path(r["path"]).name: r for r in written["reports"]}
    from_scan, from_text = reports["seed000-scan.pdf"], reports[SEED.name]
    assert from_scan["error"] is None and from_scan["source"] == "ocr" and from_text["source"] is None
    want = {e["id"]: e["status"] for e in from_text["elements"]}
    got = {e["id"]: e["status"] for e in from_scan["elements"]}
    agreement = sum(got[key] == status for key, status in want.items()) / len(want)
    assert agreement >= 0.95, {key: (got[key], want[key]) for key in want if got[key] != want[key]}
    assert from_scan["passed"] == from_text["passed"]
    assert {e["source"] for e in from_scan["elements"]} == {"ocr"}
    assert [line for line in err.getvalue().splitlines() if "OCR" in line][-1].startswith(
        "OCR 文字识别 " + str(scan) + "：第 3 页完成"
    )
    page = next(p for p in (tmp_path / "html").glob("seed000-scan*.html"))
    assert "由 OCR 识别，请核对原件" in page.read_text(encoding="utf-8")
    text_page = next(p for p in (tmp_path / "html").glob("000_*.html"))
    assert "由 OCR 识别" not in text_page.read_text(encoding="utf-8")
