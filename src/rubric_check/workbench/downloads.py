"""The workbench's downloads, made from the results in hand by the command line's own formatters.

A reviewer who downloads the JSON, the spreadsheet, a letter or a PDF gets the very bytes
``score --json/--xlsx/--letters/--pdf`` would have written for the same reports: each is built by
the formatter that writes it there (fed ``start`` / ``report`` / ``stop`` as commands/score.py
feeds it) and named as there (formatters/output_names.py), never re-implemented here. Temporary
files go into the workbench's private folder, never the system's, and are removed at once. Every
failure is a RubricCheckError with a Chinese message (DownloadError here; a letter template that
does not fit raises letter_template.TemplateError, an unwritable file atomic.OutputError).
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rubric_check.discovery import Skipped
from rubric_check.errors import RubricCheckError, os_reason
from rubric_check.formatters.base import Formatter
from rubric_check.formatters.html_pdf import PdfError, PdfPrinter, find_browser
from rubric_check.formatters.json_report import JsonFormatter
from rubric_check.formatters.letter import prepare_letter
from rubric_check.formatters.letter_template import LetterTemplate
from rubric_check.formatters.office_zip import fixed_entry
from rubric_check.formatters.output_names import UniqueNames, letter_name, pdf_name, readable_stem_of, safe_part
from rubric_check.formatters.registry import FILE_OUTPUTS
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.summary import Tally

_XLSX = next(output for output in FILE_OUTPUTS if output.key == "xlsx")
# openpyxl's write-only sheets stream to temporary files it names itself: redirected one build at a time.
_OPENPYXL_TEMP = threading.Lock()


class DownloadError(RubricCheckError):
    """A download cannot be made; the message says why and what to do."""

    def __init__(self, text: str) -> None:
        super().__init__("download", text)


def json_bytes(results: Sequence[ReportResult], rubric: Rubric, skipped: Sequence[Skipped] = ()) -> bytes:
    """The document ``score --json`` writes for these results (and skipped files), UTF-8."""
    stream = io.StringIO()
    try:
        _feed(JsonFormatter("-", stream), results, rubric, skipped)
    except OSError as exc:  # the formatter's spool: an anonymous file the OS removes when it is closed
        raise DownloadError(message("output.temp_failed", folder=tempfile.gettempdir(), reason=os_reason(exc))) from exc
    return stream.getvalue().encode("utf-8")


def xlsx_bytes(results: Sequence[ReportResult], rubric: Rubric, gate: Gate, folder: Path) -> bytes:
    """The workbook ``score --xlsx`` writes (results, 通报 and element sheets), built as the command
    line builds it (formatters/registry.py) into a file in ``folder`` that is removed once read."""
    try:
        import openpyxl  # noqa: F401  (the formatter imports it too; here only to say what is missing)
    except ImportError as exc:
        raise DownloadError(message("downloads.no_openpyxl")) from exc
    try:
        with _openpyxl_temporary_files_in(folder), _temporary_file(folder, "xlsx-", ".xlsx") as target:
            _feed(_XLSX.build(str(target), gate), results, rubric)
            return target.read_bytes()
    except OSError as exc:
        raise DownloadError(message("downloads.temp_failed", folder=folder, reason=os_reason(exc))) from exc


def letter_file(result: ReportResult, rubric: Rubric, gate: Gate, template: LetterTemplate) -> tuple[str, bytes]:
    """The report's 审核意见书: its file name as ``--letters`` names it, and the .docx bytes."""
    prepared = prepare_letter(result, rubric, gate, template)
    if prepared is None:
        reason = result.error.message if result.error else ""
        raise DownloadError(message("downloads.unreadable_letter", path=result.path, reason=reason))
    stem, data = prepared
    return letter_name(stem), data


def letters_zip(results: Sequence[ReportResult], rubric: Rubric, gate: Gate, template: LetterTemplate) -> bytes:
    """A zip of every readable report's letter, named as the ``--letters`` folder would name them
    (the same body and year twice: the later one gets its input's short hash), the same bytes for
    the same results (fixed entry times); unreadable reports have none."""
    names = UniqueNames()
    out = io.BytesIO()
    count = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for result in results:
            prepared = prepare_letter(result, rubric, gate, template)
            if prepared is None:
                continue
            stem, data = prepared
            archive.writestr(fixed_entry(letter_name(names.claim(stem, result.path))), data)
            count += 1
    if not count:
        raise DownloadError(message("downloads.no_letters"))
    return out.getvalue()


def pdf_file_name(result: ReportResult) -> str:
    """``某某局-2023年度-差距报告.pdf``, as ``--pdf`` names the report's gaps-only print."""
    return pdf_name(readable_stem_of(result))


IDLE_SECONDS = 120.0  # a reviewer printing one report after another keeps the browser; a pause ends it


class PdfMaker:
    """Gap pages printed to PDF by one headless browser kept for the server's lifetime.

    Started on the first PDF (seconds; later ones take a fraction of a second) and shared by the
    server's threads one page at a time (one tab). The browser's profile and each page's file are
    kept in ``folder``; ``close`` ends the browser and removes its profile. (Chromium's own scratch
    folder, ``org.chromium.Chromium.*``, stays in the system's: pointed into a deep ``folder`` by
    TMPDIR, its socket path outgrows the 108 characters Unix allows and the browser aborts; it
    removes that folder when it closes.)

    The browser listens on a DevTools port of 127.0.0.1 while it runs (formatters/html_pdf.py: a pipe
    cannot be handed to it on Windows), which any program of this PC could talk to; so it is ended
    once no PDF was asked for in ``idle_seconds``, and the next PDF starts it again.
    """

    def __init__(self, folder: Path, idle_seconds: float = IDLE_SECONDS) -> None:
        self.folder = folder
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._printer: PdfPrinter | None = None
        self._idle: threading.Timer | None = None

    def pdf(self, page_html: str, stem: str) -> bytes:
        """The PDF of a gap page as rendered (html_report.render_report); ``stem`` names the report
        in a message and its temporary file."""
        with self._lock:
            if self._idle is not None:
                self._idle.cancel()
            if self._printer is None:
                browser = find_browser()
                if browser is None:
                    raise DownloadError(message("downloads.no_browser"))
                self._printer = PdfPrinter(browser, temp_folder=self.folder)
            try:
                with _temporary_file(self.folder, f"{safe_part(stem, 24)}-", ".html") as page:
                    page.write_bytes(page_html.encode("utf-8"))
                    printed = self._printer.pdf_bytes(page)
                self._idle = threading.Timer(self.idle_seconds, self.close)
                self._idle.daemon = True
                self._idle.start()
                return printed
            except PdfError as exc:
                # A browser that failed (to start, or mid-print) is let go: the next PDF starts a new one
                # rather than fail for the rest of the server's life.
                self._printer.close()
                self._printer = None
                raise DownloadError(message("downloads.pdf_failed", path=stem, detail=exc.detail)) from exc
            except OSError as exc:
                raise DownloadError(
                    message("downloads.temp_failed", folder=self.folder, reason=os_reason(exc))
                ) from exc

    def close(self) -> None:
        """End the browser (at exit, or after it sat idle); the next PDF starts another."""
        with self._lock:
            if self._idle is not None:
                self._idle.cancel()
                self._idle = None
            if self._printer is not None:
                self._printer.close()
                self._printer = None


def _feed(
    formatter: Formatter, results: Sequence[ReportResult], rubric: Rubric, skipped: Sequence[Skipped] = ()
) -> None:
    """Hand the results to ``formatter`` as commands/score.py does, the summary from summary.Tally."""
    tally = Tally(skipped)
    formatter.start(rubric)
    for result in results:
        tally.add(result)
        formatter.report(result)
    formatter.stop(tally.summary())


@contextmanager
def _temporary_file(folder: Path, prefix: str, suffix: str) -> Iterator[Path]:
    """A new empty file of a generated name in ``folder``, removed afterwards whatever happens."""
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    os.close(handle)
    path = Path(name)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


@contextmanager
def _openpyxl_temporary_files_in(folder: Path) -> Iterator[None]:
    """openpyxl's write-only sheets stream their rows to files it makes in the system's temporary
    folder (``openpyxl.worksheet._writer.create_temporary_file``, removed after saving): made in
    ``folder`` instead while the lock is held. tests/test_workbench_downloads.py notices if a later
    openpyxl stops calling it."""
    from openpyxl.worksheet import _writer

    def create_temporary_file(suffix: str = "") -> str:
        handle, name = tempfile.mkstemp(prefix="openpyxl.", suffix=suffix, dir=folder)
        os.close(handle)
        _writer.ALL_TEMP_FILES.append(name)  # openpyxl removes what is left of these at exit
        return name

    with _OPENPYXL_TEMP:
        original = _writer.create_temporary_file
        _writer.create_temporary_file = create_temporary_file
        try:
            yield
        finally:
            _writer.create_temporary_file = original
