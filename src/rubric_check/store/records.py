"""Writing what a run scored: one row per run, per report, per element, and the report's fingerprint.

Rows are buffered and written a few hundred reports per transaction: a transaction per report would
cost more than scoring it (the store must stay within a tenth of a batch's time). Each transaction
takes the store's write lock, so two batches writing at once take turns and lose nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from rubric_check import __version__
from rubric_check.documents.agency import agency_key
from rubric_check.matching.fingerprint import encode
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.store.connection import Database

FLUSH_EVERY = 250


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class ReportRecord:
    """A report's rows, made where it was scored (a worker) so the main process only writes them."""

    file_name: str
    sha256: str | None
    agency: str | None
    year: int | None
    score: float | None
    grade: str | None
    passed: bool
    error_kind: str | None
    statuses: tuple[tuple[str, str, str | None], ...]  # element, status, status before an override
    fingerprint: str | None


def record_of(result: ReportResult) -> ReportRecord:
    meta = result.meta
    return ReportRecord(
        file_name=result.path,
        sha256=result.sha256,
        agency=agency_key(meta.agency if meta else None),
        year=meta.year if meta else None,
        score=result.score,
        grade=result.grade,
        passed=result.passed,
        error_kind=result.error.kind if result.error else None,
        statuses=tuple(
            (e.id, e.status, e.adjustment.original_status if e.adjustment else None) for e in result.elements
        ),
        fingerprint=encode(result.fingerprint) if result.fingerprint is not None else None,
    )


class RunWriter:
    def __init__(self, db: Database, rubric: Rubric, run_id: str | None = None) -> None:
        self.db = db
        self.run_id = run_id or str(uuid.uuid4())
        self.pending: list[ReportRecord] = []
        with db.transaction():
            db.execute(
                "INSERT INTO runs (id, started_at, rubric_id, rubric_version, tool_version) VALUES (?, ?, ?, ?, ?)",
                (self.run_id, now(), rubric.id, rubric.version, __version__),
            )

    def add(self, record: ReportRecord) -> None:
        if record.sha256 is None:  # unreadable: nothing to remember it by
            return
        self.pending.append(record)
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        reports, elements, prints = [], [], []
        stamp = now()
        for record in self.pending:
            report_id = str(uuid.uuid4())
            reports.append(
                (
                    report_id,
                    self.run_id,
                    record.file_name,
                    record.sha256,
                    record.agency,
                    record.year,
                    record.score,
                    record.grade,
                    int(record.passed),
                    record.error_kind,
                    stamp,
                )
            )
            elements.extend((report_id, *status) for status in record.statuses)
            if record.fingerprint is not None:
                prints.append((report_id, record.fingerprint))
        with self.db.transaction():
            self.db.executemany(
                "INSERT INTO reports (id, run_id, file_name, sha256, agency, year, score, grade, passed, error_kind,"
                " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                reports,
            )
            self.db.executemany(
                "INSERT INTO element_results (report_id, element_id, status, original_status) VALUES (?, ?, ?, ?)",
                elements,
            )
            self.db.executemany("INSERT INTO fingerprints (report_id, sentences) VALUES (?, ?)", prints)
        self.pending = []
