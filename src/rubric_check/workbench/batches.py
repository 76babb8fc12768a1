"""The batches a workbench session holds: scored in the background as ``score`` scores a folder,
kept whole in memory for their pages and downloads, re-scored one report at a time after a
reviewer's override.

Scoring is the CLI's own path: the batch's first look (copy detection's peers) and the store's
overrides and recorder (commands/batch_store.py), then parallel.score_all over the inputs, each
result through pipeline.score_input. Nothing here decides a verdict.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rubric_check.commands.batch_store import BatchStore, open_batch_store
from rubric_check.discovery import Input, Skipped
from rubric_check.formatters.html_names import page_names
from rubric_check.gate import Gate
from rubric_check.memory import BatchMemory
from rubric_check.messages import message
from rubric_check.parallel import Task, score_all
from rubric_check.pipeline import score_input
from rubric_check.recall import Override
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric, Status
from rubric_check.store.connection import Database, StoreError, store_errors
from rubric_check.store.migrations import open_store
from rubric_check.store.overrides import clear_override, list_overrides, overrides_by_document, set_override
from rubric_check.store.recorder import StoreRecorder
from rubric_check.store.records import now
from rubric_check.summary import Tally

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scoring:
    """What every batch of a session is scored with."""

    rubric: Rubric
    gate: Gate
    store: str | None  # location of the results store; None: no store (no overrides, no history)
    jobs: int = 1
    keep_text: bool = True
    reviewer: str = ""


@dataclass
class Batch:
    id: str
    number: int  # 第 N 批 of this session
    folder: Path
    inputs: list[Input]
    skipped: list[Skipped]
    names: dict[str, str]  # gap page file name per shown path (as the HTML folder names them)
    results: dict[str, ReportResult] = field(default_factory=dict)  # by shown path, as they arrive
    finished: bool = False
    notice: str | None = None  # said on the batch page (the store could not be opened, …)
    memory: BatchMemory | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def total(self) -> int:
        return len(self.inputs)

    @property
    def done(self) -> int:
        return len(self.results)

    def ordered(self) -> list[ReportResult]:
        """Results in input order (sorted by shown path, as discovery sorts a folder)."""
        with self.lock:
            return [self.results[item.shown] for item in self.inputs if item.shown in self.results]

    def by_page(self, page: str) -> tuple[Input, ReportResult] | None:
        """The input and result behind a gap page name (``某某局-1a2b3c4d``), None for any other name."""
        for item in self.inputs:
            if self.names.get(item.shown, "").removesuffix(".html") == page:
                result = self.results.get(item.shown)
                return (item, result) if result is not None else None
        return None


class Batches:
    """Every batch of this session, by id; each is scored on its own thread as soon as it is added."""

    def __init__(self, scoring: Scoring) -> None:
        self.scoring = scoring
        self.items: dict[str, Batch] = {}
        self.lock = threading.Lock()

    def add(self, folder: Path, inputs: list[Input], skipped: list[Skipped]) -> Batch:
        with self.lock:
            batch = Batch(secrets.token_hex(6), len(self.items) + 1, folder, inputs, skipped, page_names(inputs))
            self.items[batch.id] = batch
        # A daemon: Ctrl-C ends the server at once, not after the batch (its uploads are removed anyway).
        threading.Thread(target=self._score, args=(batch,), name=f"batch-{batch.id}", daemon=True).start()
        return batch

    def get(self, batch_id: str) -> Batch | None:
        return self.items.get(batch_id)

    def all(self) -> list[Batch]:
        return sorted(self.items.values(), key=lambda b: b.number)

    def _score(self, batch: Batch) -> None:
        scoring = self.scoring
        try:
            store = self._open(batch)
            recorder = store.recorder
            if recorder is not None:
                recorder.start(scoring.rubric)
            preparers = (recorder.preparer,) if recorder is not None else ()
            task = Task(scoring.rubric, scoring.gate, preparers, memory=store.memory)
            tally = Tally(batch.skipped)
            try:
                for scored in score_all(batch.inputs, task, scoring.jobs):
                    tally.add(scored.result)
                    if recorder is not None:
                        recorder.report(scored.result, scored.prepared[0])
                    with batch.lock:
                        batch.results[scored.path] = scored.result
                if recorder is not None:
                    recorder.stop(tally.summary())
            finally:
                store.close()
            batch.memory = dataclasses.replace(store.memory, _db=None)
        except store_errors() as exc:  # the store failed mid-batch: the results are kept, unrecorded
            _log.exception("store failed during batch %s", batch.id)
            batch.notice = message("store.write_failed", location=scoring.store, detail=exc)
        except Exception:  # a bug must not leave the page waiting for ever
            _log.exception("batch %s failed", batch.id)
            batch.notice = message("serve.batch_failed")
        finally:
            batch.finished = True

    def _open(self, batch: Batch) -> BatchStore:
        scoring = self.scoring
        try:
            return open_batch_store(scoring.store, scoring.rubric, batch.inputs, scoring.jobs, scoring.keep_text)
        except StoreError as exc:
            batch.notice = exc.text + message("store.scoring_without")
            return open_batch_store(None, scoring.rubric, batch.inputs, scoring.jobs, scoring.keep_text)

    def override(self, batch: Batch, item: Input, element: str, status: Status | None, note: str) -> ReportResult:
        """Record the reviewer's verdict (``status`` None: take it back), score the report again with
        it, and record that scoring as a run of its own, so the body's history follows the reviewer.
        Raises StoreError when there is no store to keep it in."""
        result = batch.results[item.shown]
        if self.scoring.store is None or result.sha256 is None:
            raise StoreError("store", message("serve.no_store_override"))
        db = open_store(self.scoring.store)
        try:
            name = PurePosixPath(item.shown).name
            if status is None:
                clear_override(db, result.sha256, element)
            else:
                set_override(db, result.sha256, name, Override(element, status, note, self.scoring.reviewer, now()))
            kept = overrides_by_document(list_overrides(db, result.sha256))
            run_id = str(uuid.uuid4())
            rescored = self._rescore(batch, item, kept, run_id)
            _record(db, self.scoring.rubric, rescored, run_id)
        finally:
            db.close()
        rescored = dataclasses.replace(rescored, fingerprint=None)
        with batch.lock:
            batch.results[item.shown] = rescored
        return rescored

    def _rescore(
        self, batch: Batch, item: Input, overrides: dict[str, tuple[Override, ...]], run_id: str
    ) -> ReportResult:
        """The report scored again as its batch scored it (the same peers to compare with), with
        the overrides now on record."""
        base = batch.memory or BatchMemory(self.scoring.rubric, store=self.scoring.store, record=True)
        memory = dataclasses.replace(base, overrides=overrides, run_id=run_id, _db=None)
        try:
            return score_input(item, self.scoring.rubric, self.scoring.gate, memory)
        finally:
            memory.close()


def _record(db: Database, rubric: Rubric, result: ReportResult, run_id: str) -> None:
    """One report's scoring as a run of its own (the fingerprint is recorded, then dropped)."""
    recorder = StoreRecorder(db, run_id)
    recorder.start(rubric)
    recorder.report(result)
    tally = Tally()
    tally.add(result)
    recorder.stop(tally.summary())
