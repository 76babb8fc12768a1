"""What a batch recalls while it is scored: reviewers' overrides, the same body's earlier report (the
results store) and the batch peers that share text (a first look over the batch before scoring).

Built once in the main process and handed to every worker with the scoring task; the store is opened
lazily in whichever process first asks (a connection never crosses a fork), and only for reading.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rubric_check.discovery import Input
from rubric_check.documents.agency import agency_key
from rubric_check.documents.model import Meta
from rubric_check.engine import fingerprint_chars, read_document
from rubric_check.errors import InputError
from rubric_check.matching.checks import no_copying
from rubric_check.matching.fingerprint import Comparison, fingerprint, source_keys
from rubric_check.parallel import score_all
from rubric_check.peers import find_peers
from rubric_check.pipeline import read_input
from rubric_check.recall import Override, Recall
from rubric_check.rubric.model import Rubric
from rubric_check.store.connection import Database, connect
from rubric_check.store.priors import earlier_report

_log = logging.getLogger(__name__)


def copy_check(rubric: Rubric) -> no_copying.Params | None:
    """The parameters of the rubric's copy check, None when it has none (then nothing is compared)."""
    for element in rubric.elements:
        if element.check is not None and element.check.type == no_copying.TYPE:
            return element.check.params  # type: ignore[no-any-return]
    return None


@dataclass
class BatchMemory:
    rubric: Rubric
    run_id: str = ""
    store: str | None = None  # where earlier reports are looked up; None: no store
    overrides: dict[str, tuple[Override, ...]] = field(default_factory=dict)
    peers: dict[str, tuple[Input, ...]] = field(default_factory=dict)  # by the path shown
    record: bool = False  # results are recorded, so keep each report's fingerprint
    keep_text: bool = True
    # Bodies the store holds reports of when the batch starts: no lookup for the others (a new
    # store, a body's first year), which is most lookups of most batches.
    bodies: frozenset[str] = frozenset()
    _db: Database | None = field(default=None, repr=False)

    def recall(self, sha256: str, meta: Meta, shown: str) -> Recall:
        comparisons: list[Comparison] = []
        if copy_check(self.rubric) is not None:
            earlier = self._earlier(sha256, meta)
            comparisons.extend([earlier] if earlier else [])
            comparisons.extend(c for c in (self._peer(item, meta) for item in self.peers.get(shown, ())) if c)
        return Recall(self.overrides.get(sha256, ()), tuple(comparisons), self.record, self.keep_text)

    def _earlier(self, sha256: str, meta: Meta) -> Comparison | None:
        if self.store is None or agency_key(meta.agency) not in self.bodies:
            return None
        if self._db is None:
            self._db = connect(self.store)
        return earlier_report(self._db, meta.agency, meta.year, sha256, self.run_id)

    def _peer(self, item: Input, meta: Meta) -> Comparison | None:
        """A batch peer to compare with, unless it is another draft of the same report (same body,
        same year): drafts of one report repeat each other by nature."""
        try:
            doc = read_document(read_input(item), self.rubric)
        except InputError:  # it gets its own error entry when its turn comes
            return None
        body = agency_key(meta.agency)
        if body is not None and body == agency_key(doc.meta.agency) and meta.year == doc.meta.year:
            return None
        return Comparison(item.shown, "peer", doc.meta.year, fingerprint(doc, fingerprint_chars(self.rubric)))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __getstate__(self) -> dict[str, Any]:  # spawned workers open their own connection
        return {**self.__dict__, "_db": None}


@dataclass(frozen=True)
class KeysTask:
    """The first look: each input's masked sentence keys, read straight from its lines."""

    min_chars: int

    def score(self, item: Input) -> array[int]:
        try:
            return source_keys(read_input(item), self.min_chars)
        except Exception:  # unreadable now: its error entry comes when it is scored
            _log.debug("no keys for %s", item.shown, exc_info=True)
            return array("q")

    def crashed(self, item: Input) -> array[int]:
        return array("q")


def batch_peers(inputs: Sequence[Input], rubric: Rubric, jobs: int) -> dict[str, tuple[Input, ...]]:
    """For each input, the other inputs of the batch it shares enough text with (the copy check's
    parameters decide how much)."""
    params = copy_check(rubric)
    if params is None or len(inputs) < 2:
        return {}
    keys = list(score_all(inputs, KeysTask(params.min_chars), jobs))
    found = find_peers(keys, params.peer_min_shared, params.peer_common_limit)
    return {inputs[doc].shown: tuple(inputs[p] for p in peers) for doc, peers in found.items()}
