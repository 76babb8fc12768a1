"""The formatter lifecycle and the batch summary every format ends with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric


@dataclass(frozen=True)
class Summary:
    reports: int
    passed: int
    failed: int
    errors: int

    @classmethod
    def of(cls, results: list[ReportResult]) -> Summary:
        errors = sum(1 for r in results if r.error is not None)
        passed = sum(1 for r in results if r.error is None and r.passed)
        return cls(reports=len(results), passed=passed, failed=len(results) - passed - errors, errors=errors)


class Formatter(Protocol):
    def start(self, rubric: Rubric) -> None: ...

    def report(self, result: ReportResult) -> None: ...

    def stop(self, summary: Summary) -> None: ...
