"""Scoring a batch: in this process, or in worker processes with results streamed back in input order.

Output must not depend on ``--jobs``: results come back in exactly the order of the inputs, and the
formatters run here, in that order; only their preparers (pure: a record encoded, a page rendered)
run where the report is scored, so the heavy work is spread over the workers. Memory must not grow
with the batch: chunks are submitted only as results are consumed, so at most a few chunks are in
flight. A worker that dies (a crash in a parser, the out-of-memory killer) costs only the report it
was on: the unfinished chunks are scored again one report at a time, and a report that kills its
worker again gets an error entry.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from rubric_check.discovery import Input
from rubric_check.formatters.base import Preparer
from rubric_check.gate import Gate
from rubric_check.logs import configure_logging
from rubric_check.messages import message
from rubric_check.pipeline import NO_MEMORY, score_input
from rubric_check.recall import Memory
from rubric_check.results import ReportError, ReportResult
from rubric_check.rubric.model import Rubric

if TYPE_CHECKING:  # multiprocessing is imported only when workers are started
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
CHUNK_MAX = 16  # reports per task: fewer round trips, yet results flow back steadily
IN_FLIGHT_PER_WORKER = 3  # chunks submitted ahead per worker: keeps workers busy, bounds memory


@dataclass(frozen=True)
class Scored:
    """A report's result, and what each preparer of the task made of it (in the task's order)."""

    result: ReportResult
    prepared: tuple[Any, ...] = ()

    @property
    def path(self) -> str:
        return self.result.path


@dataclass(frozen=True)
class Task:
    """What every report is scored with (the same in each worker), and what is prepared from it."""

    rubric: Rubric
    gate: Gate
    preparers: tuple[Preparer | None, ...] = ()
    # Once prepared, only the result's head goes back (see Formatter.full_result).
    head_only: bool = False
    # Reviewers' overrides and reports to compare with (memory.BatchMemory); none by default.
    memory: Memory = NO_MEMORY

    def score(self, item: Input) -> Scored:
        result = score_input(item, self.rubric, self.gate, self.memory)
        prepared = tuple(None if preparer is None else preparer(result) for preparer in self.preparers)
        # The fingerprint is only for the store's preparer: it never travels back.
        return Scored(result.head() if self.head_only else dataclasses.replace(result, fingerprint=None), prepared)

    def crashed(self, item: Input) -> Scored:
        """The entry of a report whose worker died (nothing prepared: formatters do without)."""
        text = message("cli.worker_crashed", path=item.shown)
        fmt = item.format
        error = ReportError("worker_crashed", text)
        return Scored(ReportResult(path=item.shown, format=fmt, error=error), (None,) * len(self.preparers))


class Job(Protocol[T]):
    """Work done on each input (scoring it, or a first look at it) and the entry of one whose worker died."""

    def score(self, item: Input) -> T: ...

    def crashed(self, item: Input) -> T: ...


def default_jobs() -> int:
    """All cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def score_all(inputs: Sequence[Input], task: Job[T], jobs: int) -> Iterator[T]:
    """Each input's result, in input order; ``jobs`` 1 (or a single input) scores in this process."""
    workers = min(jobs, len(inputs))
    if workers <= 1:
        return (task.score(item) for item in inputs)
    return _in_workers(inputs, task, workers)


# The task of this worker process, set once by the initializer (under fork it is simply inherited).
_TASK: Job[Any] | None = None


def _init_worker(task: Job[Any]) -> None:
    """Ctrl-C reaches every process of the terminal's group: only the parent acts on it (it stops
    the batch and says so), so workers ignore it rather than each print a traceback."""
    global _TASK
    _TASK = task
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure_logging()  # a spawned worker (Windows, macOS) starts without the parent's set-up


def _score_chunk(items: list[Input]) -> list[Any]:
    assert _TASK is not None
    return [_TASK.score(item) for item in items]


# Set by a front end whose process runs other threads while it scores (the workbench's server).
_FORK_IS_SAFE = True


def start_workers_from_a_clean_process() -> None:
    """For the rest of this process, workers start from a clean process, never by forking this one:
    a lock another thread held at the fork (logging, sqlite3, the allocator) would stay locked in
    the child for ever. Called once by ``rubric-check serve``, whose server threads run throughout."""
    global _FORK_IS_SAFE
    _FORK_IS_SAFE = False


def _context() -> Any:
    """fork where it is safe and cheap (Linux, a process of one thread: the command line): workers
    inherit the compiled rubric instead of unpickling it; forkserver on Linux when the process runs
    other threads; elsewhere the platform default, and the rubric is pickled once per worker."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork" if _FORK_IS_SAFE else "forkserver")
    return multiprocessing.get_context()


def _chunk_size(count: int, workers: int) -> int:
    return max(1, min(CHUNK_MAX, count // (workers * 8)))


class _Pool:
    """A ProcessPoolExecutor that can be replaced after a worker died."""

    def __init__(self, task: Job[Any], workers: int) -> None:
        self.task = task
        self.workers = workers
        self.executor = self._new(workers)

    def _new(self, workers: int) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker, initargs=(self.task,))

    def submit(self, items: list[Input]) -> Future[list[Any]]:
        return self.executor.submit(_score_chunk, items)

    def renew(self, workers: int) -> None:
        self.close()
        self.executor = self._new(workers)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _in_workers(inputs: Sequence[Input], task: Job[T], workers: int) -> Iterator[T]:
    size = _chunk_size(len(inputs), workers)
    chunks = iter([list(inputs[i : i + size]) for i in range(0, len(inputs), size)])
    pool = _Pool(task, workers)
    pending: deque[tuple[list[Input], Future[list[T]]]] = deque()

    def fill() -> None:
        while len(pending) < workers * IN_FLIGHT_PER_WORKER:
            chunk = next(chunks, None)
            if chunk is None:
                return
            pending.append((chunk, pool.submit(chunk)))

    try:
        fill()
        while pending:
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except Exception:  # a worker died (BrokenProcessPool) or a result could not come back
                unfinished = [chunk, *(c for c, _ in pending)]
                pending.clear()
                yield from _one_by_one([item for c in unfinished for item in c], pool)
                pool.renew(workers)
            else:
                yield from results
            fill()
    finally:
        pool.close()


def _one_by_one(items: list[Input], pool: _Pool) -> Iterator[Any]:
    """After a worker died: each report alone in a single worker, so the culprit is known."""
    pool.renew(1)
    for item in items:
        try:
            yield pool.submit([item]).result()[0]
        except Exception:
            yield pool.task.crashed(item)
            pool.renew(1)
