"""The formatter lifecycle and the batch summary every format ends with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.summary import Summary

__all__ = ["Formatter", "Preparer", "Summary"]


# A formatter's heavy per-report work (encoding a record, rendering a page), pure and picklable:
# it runs where the report is scored, in a worker process under --jobs, and what it returns is
# handed to ``report`` here. Everything else a formatter does (writing, summing up) stays here.
Preparer = Callable[[ReportResult], Any]


class Formatter(Protocol):
    # Does ``report`` read a result's elements or outline? When no formatter does, results come
    # back from workers as heads only (ReportResult.head): most of a result is its evidence, and
    # sending it between processes cost more than preparing it. A formatter needing nothing but
    # the head takes what it needs through its preparer.
    full_result: bool

    @property
    def preparer(self) -> Preparer | None: ...

    def start(self, rubric: Rubric) -> None: ...

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        """``prepared``: what ``preparer`` made of ``result``; None where it did not run (the
        entry of a report whose worker died), and then ``result`` is whole."""

    def stop(self, summary: Summary) -> None: ...

    # Optional: ``abort(summary)`` ends a batch the user interrupted (Ctrl-C). A formatter that has
    # one marks its output incomplete (the HTML index); one without leaves its previous file as it was.
