"""The store as one more output of ``score``: each report's rows are made in the worker that scored
it (the preparer) and written here, in batches (records.RunWriter)."""

from __future__ import annotations

from typing import Any

from rubric_check.formatters.base import Preparer, Summary
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.store.connection import Database
from rubric_check.store.records import RunWriter, record_of


class StoreRecorder:
    full_result = False  # what it needs travels in its prepared record

    def __init__(self, db: Database, run_id: str) -> None:
        self.db = db
        self.run_id = run_id
        self.writer: RunWriter | None = None

    @property
    def preparer(self) -> Preparer:
        return record_of

    def start(self, rubric: Rubric) -> None:
        self.writer = RunWriter(self.db, rubric, self.run_id)

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        assert self.writer is not None
        self.writer.add(prepared if prepared is not None else record_of(result))

    def stop(self, summary: Summary) -> None:
        assert self.writer is not None
        self.writer.flush()

    def abort(self, summary: Summary) -> None:
        """An interrupted run (Ctrl-C): the reports scored so far are recorded all the same."""
        self.stop(summary)
