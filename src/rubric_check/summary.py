"""The batch summary and the exit code, counted once as results stream past (never kept)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rubric_check import exit_codes
from rubric_check.discovery import Skipped
from rubric_check.results import ReportResult


@dataclass(frozen=True)
class Summary:
    reports: int
    passed: int
    failed: int
    errors: int
    skipped: tuple[Skipped, ...] = ()  # files of the folders given that are not supported reports


class Tally:
    """Counts for the summary and the exit code; every command and formatter uses this one.

    >>> from rubric_check.results import ReportError
    >>> tally = Tally()
    >>> for result in (ReportResult("a", "txt", passed=True), ReportResult("b", "txt")):
    ...     tally.add(result)
    >>> tally.summary(), tally.exit_code()
    (Summary(reports=2, passed=1, failed=1, errors=0, skipped=()), 1)
    >>> tally.add(ReportResult("c", "txt", error=ReportError("not_text", "…")))
    >>> tally.exit_code()
    3
    """

    def __init__(self, skipped: Sequence[Skipped] = ()) -> None:
        self.reports = self.passed = self.errors = 0
        self.skipped = tuple(skipped)

    def add(self, result: ReportResult) -> None:
        self.reports += 1
        if result.error is not None:
            self.errors += 1
        elif result.passed:
            self.passed += 1

    def summary(self) -> Summary:
        failed = self.reports - self.passed - self.errors
        return Summary(
            reports=self.reports, passed=self.passed, failed=failed, errors=self.errors, skipped=self.skipped
        )

    def exit_code(self) -> int:
        """Per the contract: 3 if any input was unreadable (before 1), 1 if any report failed, else 0."""
        if self.errors:
            return exit_codes.UNREADABLE
        return exit_codes.FAILED if self.reports > self.passed else exit_codes.OK


def summarise(results: list[ReportResult]) -> Summary:
    """The summary of results already in hand (tests, the eval command)."""
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.summary()
