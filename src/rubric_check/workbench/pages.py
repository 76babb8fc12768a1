"""The workbench's pages: the gap page and batch table as ``score --html`` writes them, with the
workbench's controls added (workbench/controls in templates/_workbench.html), and its own home,
progress and message pages.

Each page is the same template as the file, so a reviewer sees in the browser exactly what the
HTML folder would hold; only links, downloads and the override forms are the workbench's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rubric_check.documents.readers import supported_text
from rubric_check.formatters.html_history import history_page
from rubric_check.formatters.html_index import summarise
from rubric_check.formatters.html_render import PLAIN_CSP, render
from rubric_check.formatters.html_report import (
    WORKBENCH_INDEX_SCRIPTS,
    WORKBENCH_REPORT_SCRIPTS,
    index_chunks,
    page_scripts,
    render_report,
)
from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.store.history import BodyHistory
from rubric_check.summary import Summary, Tally
from rubric_check.workbench.batches import Batch, Scoring

HOME_SCRIPTS = page_scripts("workbench.js", same_origin=True)


class Page(NamedTuple):
    """A page and the Content-Security-Policy its meta tag holds, which the server sends too."""

    body: str | Iterator[str]
    csp: str


@dataclass(frozen=True)
class Controls:
    """What templates/_workbench.html draws on a page (read by the templates, by attribute)."""

    token: str
    home: str = "/"
    back: str | None = None
    downloads: tuple[tuple[str, str], ...] = ()
    override_url: str | None = None  # None: no store to keep an override in
    override_unavailable: str | None = None
    notice: str | None = None
    label: str | None = None  # which batch of the session the page belongs to


@dataclass(frozen=True)
class BatchRow:
    url: str
    number: int
    total: int
    done: int
    finished: bool
    counts: Summary  # of the reports scored so far


def batch_url(batch: Batch) -> str:
    return f"/b/{batch.id}/"


def batch_row(batch: Batch) -> BatchRow:
    tally = Tally()
    for result in batch.ordered():
        tally.add(result)
    return BatchRow(batch_url(batch), batch.number, batch.total, batch.done, batch.finished, tally.summary())


def home_page(
    scoring: Scoring,
    token: str,
    batches: Sequence[Batch],
    max_bytes: int,
    max_files: int,
    pending: Batch | None = None,
) -> Page:
    pending_view = None
    if pending is not None:
        pending_view = {
            "number": pending.number,
            "total": pending.total,
            "done": pending.done,
            "url": batch_url(pending),
            "progress_url": f"/api/batches/{pending.id}",
        }
    body = render(
        "workbench.html",
        workbench=Controls(token),
        rubric=scoring.rubric,
        gate_rule=scoring.gate.describe(scoring.rubric),
        store=scoring.store,
        pending=pending_view,
        upload_url="/api/batches",
        max_bytes=max_bytes,
        max_files=max_files,
        supported=supported_text(),
        batches=[batch_row(b) for b in batches],
        history_url="/history/" if scoring.store else None,
        scripts=HOME_SCRIPTS[0],
        csp=HOME_SCRIPTS[1],
    )
    return Page(body, HOME_SCRIPTS[1])


def progress_status(batch: Batch) -> str:
    return message("serve.scoring_status", done=batch.done, total=batch.total)


def batch_page(scoring: Scoring, token: str, batch: Batch) -> Page:
    """The batch table: the HTML folder's index.html, its rows linking to the gap pages beside it."""
    results = batch.ordered()
    summaries = [summarise(r, batch.names.get(r.path), scoring.rubric) for r in results]
    downloads = (
        (message("serve.download_xlsx"), "results.xlsx"),
        (message("serve.download_letters"), "letters.zip"),
        (message("serve.download_json"), "results.json"),
    )
    label = message("serve.batch_label", number=batch.number, total=batch.total)
    controls = Controls(token, downloads=downloads, notice=batch.notice, label=label)
    chunks = index_chunks(
        summaries,
        scoring.rubric,
        scoring.gate,
        skipped=batch.skipped,
        history=scoring.store is not None,
        workbench=controls,
    )
    return Page(chunks, WORKBENCH_INDEX_SCRIPTS[1])


def report_page(scoring: Scoring, token: str, batch: Batch, page: str, result: ReportResult) -> Page:
    """A gap page with the downloads of its report and an override form on each element."""
    downloads = (
        (message("serve.download_letter"), f"{page}.docx"),
        (message("serve.download_pdf"), f"{page}.pdf"),
    )
    stored = scoring.store is not None
    controls = Controls(
        token,
        label=message("serve.batch_name", number=batch.number),
        back="./",
        downloads=downloads,
        override_url=f"/api/batches/{batch.id}/reports/{page}/override" if stored else None,
        override_unavailable=None if stored else message("serve.override_unavailable"),
    )
    return Page(render_report(result, scoring.rubric, scoring.gate, workbench=controls), WORKBENCH_REPORT_SCRIPTS[1])


def printable_page(scoring: Scoring, result: ReportResult) -> str:
    """The gap page as ``--pdf`` prints it: the file's page, without the workbench's controls."""
    return render_report(result, scoring.rubric, scoring.gate)


def message_page(
    heading: str, text: str, home: str | None = "/", login: bool = False, links: Sequence[tuple[str, str]] = ()
) -> Page:
    """An error, the login form, or a list of links (the bodies on record)."""
    csp = message_csp(login)
    body = render(
        "workbench_message.html",
        heading=heading,
        text=text,
        home=home,
        login=login,
        links=list(links),
        csp=csp,
    )
    return Page(body, csp)


def history(found: BodyHistory, scoring: Scoring, back: tuple[str, str]) -> Page:
    """A body's history page from the store (formatters/html_history.py), as the HTML folder has it."""
    return Page(history_page(found, scoring.rubric, back), PLAIN_CSP)


def message_csp(login: bool = False) -> str:
    """No script; the login page may post its form to the server, nothing else may post anywhere."""
    return PLAIN_CSP + ("; form-action 'self'" if login else "; form-action 'none'")
