"""What the CI-gate outputs share: keep the batch, label statuses, rank the most common gaps.

SARIF, JUnit, Markdown and the spreadsheets all need the whole batch at ``stop`` (counts, one row per
report), so they collect results first; per-report records are small.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rubric_check.formatters.base import Summary
from rubric_check.messages import message
from rubric_check.results import ElementResult, Evidence, ReportResult
from rubric_check.rubric.model import Element, Rubric


class Collector:
    """Formatter base that keeps the rubric and every result until ``stop``."""

    def __init__(self) -> None:
        self.rubric: Rubric | None = None
        self.results: list[ReportResult] = []

    def start(self, rubric: Rubric) -> None:
        self.rubric = rubric

    full_result = True  # the batch summaries (SARIF, JUnit, …) list every element of every report
    preparer = None

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        # The outline is for the HTML page only; kept here it would be most of what a batch holds.
        self.results.append(dataclasses.replace(result, headings=()) if result.headings else result)

    def stop(self, summary: Summary) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def elements(self) -> tuple[Element, ...]:
        return self.rubric.elements if self.rubric else ()


def status_label(status: str) -> str:
    return message(f"status.{status}")


def severity_label(severity: str) -> str:
    return message(f"html.{severity}")


def gaps(result: ReportResult) -> list[ElementResult]:
    """Missing then partial elements, required first within each, rubric order otherwise."""
    order = {"missing": 0, "partial": 1}
    found = [e for e in result.elements if e.status in order]
    return sorted(found, key=lambda e: (order[e.status], not e.required))


def first_evidence(element: ElementResult) -> Evidence | None:
    return element.evidence[0] if element.evidence else None


@dataclass(frozen=True)
class GapCount:
    element: Element
    missing: int
    partial: int


def common_gaps(elements: Sequence[Element], results: Sequence[ReportResult], limit: int = 10) -> list[GapCount]:
    """Elements most often missing (then partial) across the batch; ties keep rubric order."""
    counts = []
    for position, element in enumerate(elements):
        statuses = [e.status for r in results for e in r.elements if e.id == element.id]
        missing, partial = statuses.count("missing"), statuses.count("partial")
        if missing or partial:
            counts.append((-missing, -partial, position, GapCount(element, missing, partial)))
    return [item[-1] for item in sorted(counts, key=lambda c: c[:3])][:limit]


def build_time() -> datetime:
    """A fixed timestamp for file formats that need one: SOURCE_DATE_EPOCH if set, else 1980-01-01.

    Outputs must be byte-identical for the same inputs, so the wall clock is never used.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.strip().isdigit():
        return datetime.fromtimestamp(max(int(epoch), 315532800), tz=UTC).replace(tzinfo=None)
    return datetime(1980, 1, 1)
