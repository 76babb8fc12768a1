"""HTML gap reports: one self-contained page per report, written as soon as it is scored, and an
index.html overview of the batch written at the end (optionally a PDF of each page).

Only a small ReportSummary per report is kept in memory for the index, so a large batch costs no
more than the largest single report.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from markupsafe import Markup

from rubric_check.atomic import ensure_directory, write_bytes_atomic, write_chunks_atomic
from rubric_check.discovery import Skipped, resolved_path
from rubric_check.formatters.base import Preparer, Summary
from rubric_check.formatters.html_folder import finish
from rubric_check.formatters.html_index import ReportSummary, index_view, summarise
from rubric_check.formatters.html_names import INDEX_NAME, report_name
from rubric_check.formatters.html_pdf import PdfError, PdfPrinter, find_browser
from rubric_check.formatters.html_render import render, render_stream
from rubric_check.formatters.html_view import report_view
from rubric_check.formatters.output_names import UniqueNames, pdf_name, readable_stem_of
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric

YEAR_SOURCES = ("title", "opening", "heading", "signature", "published", "text")


@cache
def _script_text(name: str) -> tuple[Markup, str]:
    """An inline script and the CSP source allowing exactly it (its SHA-256)."""
    text = resources.files("rubric_check").joinpath(f"templates/{name}").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


def page_scripts(*names: str, same_origin: bool = False) -> tuple[tuple[Markup, ...], str]:
    """The page's inline scripts and the Content-Security-Policy allowing exactly them. A file
    fetches nothing; a workbench page (``same_origin``) may also talk to its own server."""
    scripts = [_script_text(name) for name in names]
    sources = " ".join(source for _, source in scripts)
    server = "connect-src 'self'; form-action 'self'" if same_origin else "form-action 'none'"
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src {sources}; base-uri 'none'; {server}"
    return tuple(text for text, _ in scripts), csp


# Each page's scripts and CSP, as a file and as the workbench serves it (which sends the same CSP).
REPORT_SCRIPTS = page_scripts("report.js")
INDEX_SCRIPTS = page_scripts("index.js")
WORKBENCH_REPORT_SCRIPTS = page_scripts("report.js", "workbench.js", same_origin=True)
WORKBENCH_INDEX_SCRIPTS = page_scripts("index.js", "workbench.js", same_origin=True)

# A report's page as written to its file (None for an unreadable report), and its row of the index.
Page = tuple[bytes | None, ReportSummary]


def prepare_page(result: ReportResult, rubric: Rubric, gate: Gate, names: Mapping[str, str] | None = None) -> Page:
    """``names``: the page file name per shown path (html_names.page_names), else derived from it."""
    if result.error is not None:
        return None, summarise(result, None, rubric)
    page = render_report(result, rubric, gate).encode("utf-8")
    name = (names or {}).get(result.path) or report_name(result.path)
    return page, summarise(result, name, rubric)


def render_report(result: ReportResult, rubric: Rubric, gate: Gate | None = None, workbench: Any = None) -> str:
    """The gap report page of one readable report; the pass condition and failure reasons follow ``gate``.

    ``workbench``: the controls of the page as the workbench serves it (workbench/pages.py: links,
    downloads, a reviewer's override on each element); None for the page written to a file.
    """
    gate = gate or Gate()
    scripts, csp = WORKBENCH_REPORT_SCRIPTS if workbench else REPORT_SCRIPTS
    view = report_view(result, rubric)
    return render(
        "report.html",
        r=view,
        rubric=rubric,
        verdict_note=verdict_note(result, rubric, gate),
        file_name=Path(result.path).name or result.path,
        year_sources=YEAR_SOURCES,
        scripts=scripts,
        csp=csp,
        workbench=workbench,
    )


def verdict_note(result: ReportResult, rubric: Rubric, gate: Gate) -> str:
    """The grade and the verdict explained together: a "良好" beside "未通过" says why."""
    grade = result.grade or message("html.unknown")
    rule = gate.describe(rubric)
    reasons = gate.reasons(result, rubric)
    if result.passed or not reasons:
        return message("html.verdict_passed", grade=grade, rule=rule)
    return message("html.verdict_failed", grade=grade, reasons="；".join(reasons), rule=rule)


def index_chunks(
    summaries: list[ReportSummary],
    rubric: Rubric,
    gate: Gate | None = None,
    skipped: Sequence[Skipped] = (),
    unfinished: int | None = None,
    history: bool = False,
    workbench: Any = None,
) -> Iterator[str]:
    """The index page in pieces: written as rendered, it never sits whole in memory (it grows with N).

    ``unfinished``: reports of an interrupted run that were never scored; the page says it is incomplete.
    ``history``: each body links to its history page (written when the results store is used).
    ``workbench``: the batch's controls as the workbench serves it (downloads, a new batch).
    """
    scripts, csp = WORKBENCH_INDEX_SCRIPTS if workbench else INDEX_SCRIPTS
    rule = (gate or Gate()).describe(rubric)
    view = index_view(summaries, rubric)
    return render_stream(
        "index.html",
        v=view,
        rubric=rubric,
        gate_rule=rule,
        scripts=scripts,
        csp=csp,
        skipped=skipped,
        unfinished=unfinished,
        history=history,
        workbench=workbench,
    )


class HtmlFormatter:
    """Writes ``<dir>/<name>-<hash>.html`` per readable report and ``<dir>/index.html`` at the end,
    and records them in the folder's manifest (html_folder.py); ``abort`` ends an interrupted run."""

    def __init__(
        self,
        directory: Path,
        *,
        pdf: bool = False,
        gate: Gate | None = None,
        stderr: TextIO | None = None,
        quiet: bool = False,
        names: Mapping[str, str] | None = None,
        expected: int | None = None,
        history: bool = False,
    ) -> None:
        self.directory = Path(directory)
        self.history = history  # link each body to its history page (html_history.HistoryPages)
        self.names = dict(names or {})
        self.expected = expected  # reports in the batch, for the notice of an interrupted run
        self.written: list[str] = []
        self.pdf = pdf
        self.gate = gate or Gate()
        self.stderr = stderr
        self.quiet = quiet  # -q: warnings still show, the "written to" notice does not
        self.printer: PdfPrinter | None = None
        self.pdf_names = UniqueNames()
        self.rubric: Rubric | None = None
        self.summaries: list[ReportSummary] = []
        self.inputs: set[Path] = set()

    def start(self, rubric: Rubric) -> None:
        self.rubric = rubric
        ensure_directory(self.directory)  # before scoring: an unwritable folder fails at once
        if self.pdf:
            browser = find_browser()
            if browser is None:
                self._warn(message("html.pdf_no_browser"))
            else:
                self.printer = PdfPrinter(browser)

    full_result = False

    @property
    def preparer(self) -> Preparer:
        assert self.rubric is not None, "start() first: the page depends on the rubric"
        return partial(prepare_page, rubric=self.rubric, gate=self.gate, names=self.names)

    def report(self, result: ReportResult, prepared: Page | None = None) -> None:
        assert self.rubric is not None
        page, summary = prepare_page(result, self.rubric, self.gate, self.names) if prepared is None else prepared
        self.inputs.add(resolved_path(Path(result.path)))
        if page is None or summary.href is None:
            self.summaries.append(summary)
            return
        target = self.directory / summary.href
        if not self._safe_target(target):
            self.summaries.append(replace(summary, href=None))
            return
        write_bytes_atomic(target, page)
        self.written.append(target.name)
        self.summaries.append(summary)
        if self.printer is not None:
            self._print(target, result)

    def stop(self, summary: Summary) -> None:
        self._index(summary, complete=True)
        if not self.quiet:
            self._warn(message("html.written", path=self.directory / INDEX_NAME))

    def abort(self, summary: Summary) -> None:
        """An interrupted run: the index lists what was scored and says the batch is incomplete."""
        self._index(summary, complete=False)

    def _index(self, summary: Summary, complete: bool) -> None:
        assert self.rubric is not None
        if self.printer is not None:
            self.printer.close()
        target = self.directory / INDEX_NAME
        unfinished = None if complete else max(0, (self.expected or summary.reports) - summary.reports)
        if self._safe_target(target):
            chunks = index_chunks(self.summaries, self.rubric, self.gate, summary.skipped, unfinished, self.history)
            write_chunks_atomic(target, chunks)
            self.written.append(INDEX_NAME)
        finish(self.directory, self.written, self.inputs, complete)

    def _print(self, html: Path, result: ReportResult) -> None:
        """The gap report's print layout as ``某某局-2023年度-差距报告.pdf`` beside the pages."""
        assert self.printer is not None
        pdf = self.directory / pdf_name(self.pdf_names.claim(readable_stem_of(result), result.path))
        if not self._safe_target(pdf):
            return
        try:
            self.printer.print(html, pdf)
            self.written.append(pdf.name)
        except PdfError as exc:
            self._warn(message("html.pdf_failed", path=result.path, detail=exc.detail))

    def _safe_target(self, target: Path) -> bool:
        """Never write over an input (e.g. an HTML report given as input inside the output folder)."""
        if resolved_path(target) in self.inputs:
            self._warn(message("html.refuse_overwrite", path=target))
            return False
        return True

    def _warn(self, text: str) -> None:
        if self.stderr is not None:
            self.stderr.write(text + "\n")
            self.stderr.flush()
