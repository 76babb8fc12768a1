"""The HTML reports in a real headless Chromium (the system browser; nothing is downloaded).

Skipped with a reason where no browser or Playwright is installed; under CI=true that is a failure,
because CI installs both (.ci/run).
"""

from __future__ import annotations

import io
import json
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS

from rubric_check.commands.score import ScoreOptions, run
from rubric_check.formatters.html_names import INDEX_NAME, report_name

SEED = SEEDS / "000_85fd514af7da5818.txt"
INJECTED = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus a report with injected markup, rendered once for the whole module."""
    folder = tmp_path_factory.mktemp("browser")
    injected = folder / "in" / "injected.txt"
    injected.parent.mkdir()
    text = SEED.read_text(encoding="utf-8").replace("一、主要举措和成效", f"一、主要举措和成效{INJECTED}", 1)
    injected.write_text(f"{INJECTED}\n{text}", encoding="utf-8")
    target = folder / "out"
    options = ScoreOptions(paths=(str(SEEDS), str(injected)), html_dir=str(target))
    run(options, io.StringIO(), io.StringIO())
    return target


class Watched:
    """A page whose console errors, uncaught exceptions, dialogs and non-file requests are recorded."""

    def __init__(self, browser: Any, media: str = "screen") -> None:
        self.context = browser.new_context(viewport={"width": 1100, "height": 900}, java_script_enabled=True)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.emulate_media(media=media)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def open(self, path: Path) -> Any:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.close()


def test_gap_report_renders_with_no_errors_and_no_network(watched: Watched, out: Path, tmp_path: Path) -> None:
    page = watched.open(out / report_name(f"seeds/{SEED.name}"))
    assert page.title().startswith("差距报告")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    blocking = page.locator("article.card.blocking")
    assert blocking.count() == 1 and blocking.first.is_visible()
    assert "不足的原因" in blocking.first.inner_text()
    assert page.locator(".alert").is_visible()
    # the inline script ran (CSP hash matches): the expand/collapse toolbar is shown and works
    assert page.locator(".toolbar").is_visible()
    first = page.locator("details.met-item").first
    assert first.get_attribute("open") is None and not first.locator(".met-body").is_visible()
    page.get_by_role("button", name="全部展开").click()
    assert first.locator(".met-body").is_visible()
    shot = page.screenshot(path=str(tmp_path / "screen.png"), full_page=True)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 10_000
    assert watched.requests == [] and watched.problems == [] and watched.dialogs == []


def test_injected_script_shows_as_text_and_never_runs(watched: Watched, out: Path) -> None:
    page = watched.open(out / report_name("injected.txt"))
    assert page.evaluate("document.scripts.length") == 1  # only our own
    assert INJECTED in page.locator("body").inner_text()
    assert watched.dialogs == [] and watched.requests == [] and watched.problems == []


def test_print_media_shows_only_the_gaps(browser: Any, out: Path) -> None:
    printed = Watched(browser, media="print")
    try:
        page = printed.open(out / report_name(f"seeds/{SEED.name}"))
        for selector in (".toolbar", "nav.toc", "#met", "#outline", "#meta"):
            assert not page.locator(selector).is_visible(), selector
        for selector in (".masthead", ".verdict-note", ".alert", "#gaps", ".met-summary"):
            assert page.locator(selector).is_visible(), selector
        cards = page.locator("article.card")
        assert cards.count() >= 1 and all(cards.nth(i).is_visible() for i in range(cards.count()))
        met_names = page.locator("details.met-item summary strong").all_inner_texts()
        summary = page.locator(".met-summary").inner_text()
        assert len(met_names) >= 10 and all(name in summary for name in met_names)  # named, in one paragraph
        assert printed.problems == [] and printed.requests == []
    finally:
        printed.close()


def pdf_pages(data: bytes) -> int:
    from pdfminer.pdfpage import PDFPage

    return sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))


@pytest.mark.slow
def test_gaps_only_print_fits_three_a4_pages_for_every_seed(browser: Any, out: Path, tmp_path: Path) -> None:
    """Chromium's printToPDF (what --pdf and "打印 → 另存为 PDF" use) of each seed's gap report."""
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    try:
        for seed in sorted(SEEDS.glob("*.txt")):
            page.goto((out / report_name(f"seeds/{seed.name}")).resolve().as_uri())
            pages = pdf_pages(page.pdf(prefer_css_page_size=True))
            assert 1 <= pages <= 3, (seed.name, pages)
            # the printout still carries what a drafter acts on: every gap card, with its guidance
            cards = page.locator("article.card")
            assert cards.count() >= 1 and page.locator("article.card .guidance").count() == cards.count()
            assert all(cards.nth(i).is_visible() for i in range(cards.count()))
        shot = page.screenshot(path=str(tmp_path / "last.png"), full_page=True)
        assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        context.close()


def test_index_sorts_and_links(watched: Watched, out: Path) -> None:
    page = watched.open(out / INDEX_NAME)
    assert page.locator("#count-reports").inner_text() == "6"
    column = page.locator("#reports thead th").nth(4)  # 得分

    def scores() -> list[float]:
        cells = page.locator("#reports tbody tr td:nth-child(5)")
        return [float(cells.nth(i).inner_text()) for i in range(cells.count())]

    column.locator("button").click()
    assert scores() == sorted(scores()) and column.get_attribute("aria-sort") == "ascending"
    column.locator("button").click()
    assert scores() == sorted(scores(), reverse=True)
    link = page.locator("#reports tbody a").first
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(".html") and page.locator("article.card").count() > 0
    assert watched.requests == [] and watched.problems == []


def test_index_of_an_interrupted_run_shows_the_notice_and_the_skipped_files(
    watched: Watched, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rubric_check.commands import score as score_module

    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "报告.rtf").write_text("{\\rtf1 x}", encoding="ascii")
    real = score_module.score_all

    def first_only(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for number, scored in enumerate(real(*args, **kwargs)):
            if number == 1:
                raise KeyboardInterrupt
            yield scored

    monkeypatch.setattr(score_module, "score_all", first_only)
    code = run(ScoreOptions(paths=(str(folder),), html_dir=str(tmp_path / "out")), io.StringIO(), io.StringIO())
    assert code == 130
    page = watched.open(tmp_path / "out" / INDEX_NAME)
    notice = page.locator("#incomplete")
    assert notice.is_visible() and "另有 2 份没有检查" in notice.inner_text()
    skipped = page.locator("#skipped")
    assert skipped.is_visible() and "另存为” .docx" in skipped.inner_text()
    assert watched.requests == [] and watched.problems == []


@pytest.mark.slow
def test_pdf_batch_prints_in_one_browser_named_by_agency_and_year(
    executable: str, tmp_path: Path, browser_starts: list[list[str]]
) -> None:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage

    from rubric_check.formatters.output_names import readable_stem

    started = browser_starts
    target, result = tmp_path / "out", tmp_path / "result.json"
    stderr = io.StringIO()
    run(ScoreOptions(paths=(str(SEEDS),), html_dir=str(target), pdf=True, json=str(result)), io.StringIO(), stderr)
    assert len(started) == 1, started  # one browser for the batch, not one per report
    reports = json.loads(result.read_text(encoding="utf-8"))["reports"]
    expected = {readable_stem(r["meta"]["agency"], r["meta"]["year"], r["path"]) for r in reports}
    pdfs = sorted(target.glob("*.pdf"))
    assert {p.name.removesuffix("-差距报告.pdf") for p in pdfs} == expected, stderr.getvalue()
    assert len(pdfs) == len(reports) == 5
    for pdf in pdfs:
        with pdf.open("rb") as handle:
            boxes = [page.mediabox for page in PDFPage.get_pages(handle)]
        assert 1 <= len(boxes) <= 3, pdf.name  # the gaps-only print
        for box in boxes:  # A4 = 595.3 × 841.9 pt
            assert abs(box[2] - box[0] - 595.3) < 2 and abs(box[3] - box[1] - 841.9) < 2
    # CJK fonts map some glyphs to Kangxi radicals (⽣ for 生); NFKC folds them back
    text = unicodedata.normalize("NFKC", extract_text(str(target / "湖滨区卫生健康委员会-2023年度-差距报告.pdf")))
    for words in ("湖滨区卫生健康委员会", "关于2023年法治政府建设情况的报告", "不足的原因", "如何补充"):
        assert words in "".join(text.split()), words


def synthetic_index(folder: Path, count: int) -> tuple[Path, list[Any]]:
    """An index of ``count`` synthetic results over a small fixture rubric of 26 elements."""
    import random

    from rubric_builder import MINIMAL, rubric_doc

    from rubric_check.atomic import write_chunks_atomic
    from rubric_check.formatters.html_index import ReportSummary
    from rubric_check.formatters.html_report import index_chunks
    from rubric_check.rubrics import compile_rubric

    template = MINIMAL["elements"][0]
    elements = [
        {**template, "id": f"e{i}", "name": f"要素{i}", "severity": "required" if i < 5 else "recommended"}
        for i in range(26)
    ]
    rubric = compile_rubric(rubric_doc(elements=elements), "synthetic.yaml")
    chance = random.Random(15)
    summaries = []
    for n in range(count, 0, -1):  # handed over in reverse: the index orders them itself
        statuses = tuple(chance.choice(("met", "met", "met", "partial", "missing")) for _ in elements)
        missing = tuple(
            e["name"] for e, s in zip(elements, statuses, strict=True) if s == "missing" and e["severity"] == "required"
        )
        summaries.append(
            ReportSummary(
                path=f"批次/报告{n}.txt",
                href=f"r{n}.html",
                agency=f"第{n % 37}区司法局",
                year=2020 + n % 5,
                score=round(chance.uniform(40, 100), 1),
                grade="合格",
                passed=not missing,
                missing_required=missing,
                statuses=statuses,
            )
        )
    index = folder / INDEX_NAME
    write_chunks_atomic(index, index_chunks(summaries, rubric))
    return index, summaries


@pytest.mark.slow
def test_index_of_2000_reports_loads_fits_and_filters(watched: Watched, tmp_path: Path) -> None:
    index, summaries = synthetic_index(tmp_path, 2000)
    started = time.perf_counter()
    page = watched.open(index)
    loaded = time.perf_counter() - started
    print(f"index of 2000 reports: {index.stat().st_size / 1e6:.1f} MB, loaded in {loaded:.2f} s")
    assert loaded < 20
    rows = page.locator("#reports tbody tr")
    assert rows.count() == 2000
    # readable: no element × report matrix 77,000 px wide, but counts per element
    assert page.locator("table.matrix td.cell").count() == 0
    assert page.locator("table.matrix tbody tr").count() == 26
    assert page.evaluate("document.documentElement.scrollWidth") <= 1100 + 20
    # natural order: 报告1, 报告2 … 报告10, not 报告1, 报告10, 报告100
    first = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(3)]
    assert first == ["批次/报告1.txt", "批次/报告2.txt", "批次/报告3.txt"]
    visible = page.locator("#reports tbody tr:not([hidden])")
    assert page.locator("#filter-count").inner_text() == "显示 2000 / 2000 份"
    # words: an office
    page.locator("#filter-text").fill("第5区")
    assert visible.count() == sum(1 for s in summaries if s.agency == "第5区司法局") > 0
    # the verdict, on top of the words
    page.locator("#filter-gate").select_option("failed")
    assert visible.count() == sum(1 for s in summaries if s.agency == "第5区司法局" and not s.passed)
    page.locator("#filter-text").fill("")
    page.locator("#filter-gate").select_option("")
    # an element's count filters the table to the reports where it is missing
    page.locator("#m-e0 td.count a[data-status='x']").click()
    missing_e0 = sum(1 for s in summaries if s.statuses[0] == "missing")
    assert visible.count() == missing_e0 and page.locator("#filter-element").is_visible()
    assert "要素0" in page.locator("#filter-element").inner_text()
    page.locator("#filter-element-clear").click()
    assert visible.count() == 2000
    # filtering 2,000 rows is quick enough to follow typing
    took = page.evaluate(
        """() => { const box = document.getElementById('filter-text'); box.value = '2023';
        const t = performance.now(); box.dispatchEvent(new Event('input')); return performance.now() - t; }"""
    )
    print(f"filtering 2000 rows: {took:.0f} ms")
    assert took < 1000 and visible.count() == sum(1 for s in summaries if "2023" in f"{s.path}{s.year}{s.agency}")
    # sorting by file name stays natural
    page.locator("#filter-text").fill("")
    file_column = page.locator("#reports thead th").nth(1)
    file_column.locator("button").click()
    file_column.locator("button").click()  # descending
    assert rows.first.locator("td").nth(1).inner_text() == "批次/报告2000.txt"
    page.screenshot(path=str(tmp_path / "index-2000.png"))
    assert watched.problems == [] and watched.requests == []


def test_history_chart_and_copied_passages_side_by_side(browser: Any, tmp_path: Path) -> None:
    """With the results store: the body's history page (inline SVG chart) and the copy check's gap
    card with each repeated passage beside last year's (issue 17)."""
    import re

    store = str(tmp_path / "store.sqlite3")
    last_year = tmp_path / "in" / "2022.txt"
    last_year.parent.mkdir()
    text = SEED.read_text(encoding="utf-8")
    last_year.write_text(re.sub(r"20\d\d", lambda m: str(int(m.group()) - 1), text), encoding="utf-8")
    run(ScoreOptions(paths=(str(last_year),), html_dir=None, store=store), io.StringIO(), io.StringIO())
    target = tmp_path / "out"
    run(ScoreOptions(paths=(str(SEED),), html_dir=str(target), store=store), io.StringIO(), io.StringIO())
    for media in ("screen", "print"):
        watched = Watched(browser, media=media)
        try:
            (gap_page,) = (p for p in target.glob("*.html") if p.name != INDEX_NAME)
            page = watched.open(gap_page)
            pair = page.locator("#el-no-copying li.side-by-side").first
            this, other = pair.locator(".this").bounding_box(), pair.locator(".other").bounding_box()
            assert this and other and other["x"] > this["x"] + this["width"] - 1 and abs(other["y"] - this["y"]) < 2
            assert "2022.txt" in pair.inner_text()
            index = watched.open(target / INDEX_NAME)
            index.get_by_role("link", name="湖滨区卫生健康委员会").click()
            index.wait_for_load_state("load")
            assert index.title() == "湖滨区卫生健康委员会 历年报告"
            chart = index.locator("svg.chart")
            assert chart.is_visible() and chart.locator("circle").count() == 2
            box = chart.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 100
            assert watched.requests == [] and watched.problems == []
        finally:
            watched.close()
