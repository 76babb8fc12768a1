"""Setting a ``score`` run up with the results store: overrides to apply, the earlier reports and
batch peers to compare with, and the recorder that writes the run."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from rubric_check.discovery import Input
from rubric_check.memory import BatchMemory, batch_peers
from rubric_check.rubric.model import Rubric
from rubric_check.store.connection import Database
from rubric_check.store.history import agencies
from rubric_check.store.migrations import open_store
from rubric_check.store.overrides import list_overrides, overrides_by_document
from rubric_check.store.recorder import StoreRecorder


@dataclass
class BatchStore:
    memory: BatchMemory
    db: Database | None = None
    recorder: StoreRecorder | None = None

    def close(self) -> None:
        self.memory.close()
        if self.db is not None:
            self.db.close()


def open_batch_store(
    location: str | None, rubric: Rubric, inputs: Sequence[Input], jobs: int, keep_text: bool
) -> BatchStore:
    """Raises StoreError (with a message naming the store) when it cannot be opened or migrated."""
    peers = batch_peers(inputs, rubric, jobs)
    if location is None:
        return BatchStore(BatchMemory(rubric, peers=peers))
    db = open_store(location)
    run_id = str(uuid.uuid4())
    overrides = overrides_by_document(list_overrides(db))
    bodies = frozenset(agencies(db))
    memory = BatchMemory(rubric, run_id, location, overrides, peers, record=True, keep_text=keep_text, bodies=bodies)
    return BatchStore(memory, db, StoreRecorder(db, run_id))
