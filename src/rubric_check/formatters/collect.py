"""What the CI-gate outputs share: keep the batch, label statuses, rank the most common gaps.

SARIF, JUnit, Markdown and the spreadsheets are written whole at ``stop`` (counts and totals come
before the entries), so each renders a report's part as soon as it arrives, keeps it on disk
(formatters/spool.py) with running totals, and copies it into the file at the end: memory stays
flat however large the batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rubric_check.atomic import check_writable_file, write_chunks_atomic
from rubric_check.formatters.base import Summary
from rubric_check.formatters.spool import TextSpool
from rubric_check.messages import message
from rubric_check.results import ElementResult, Evidence, ReportResult
from rubric_check.rubric.model import Element, Rubric


class Collector:
    """Formatter base for a file written at ``stop`` from ``chunks`` (``write`` for a binary
    format), atomically; subclasses render each report in ``report`` into spools from ``spool()``."""

    full_result = True  # the batch summaries (SARIF, JUnit, …) list every element of every report
    preparer = None

    def __init__(self, target: str) -> None:
        check_writable_file(Path(target))  # made before scoring: an unwritable target fails at once
        self.target = target
        self.rubric: Rubric | None = None
        self._spools: list[TextSpool] = []

    def spool(self) -> TextSpool:
        """A spool closed with the formatter."""
        self._spools.append(TextSpool())
        return self._spools[-1]

    def start(self, rubric: Rubric) -> None:
        self.rubric = rubric

    def report(self, result: ReportResult, prepared: Any = None) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def stop(self, summary: Summary) -> None:
        try:
            self.write(summary)
        finally:
            for spool in self._spools:
                spool.close()

    def write(self, summary: Summary) -> None:
        write_chunks_atomic(Path(self.target), self.chunks(summary))

    def chunks(self, summary: Summary) -> Iterator[str]:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def elements(self) -> tuple[Element, ...]:
        return self.rubric.elements if self.rubric else ()


def status_label(status: str) -> str:
    return message(f"status.{status}")


def gap_label(element: ElementResult) -> str:
    """A gap as every output names it: 缺失 / 部分符合, or 未通过检查 for a built-in check that failed
    (a contradiction to correct, not content to add)."""
    return message("html.check_failed") if element.failed_check else status_label(element.status)


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


class GapTally:
    """How often each element is missing or partial across the batch, counted as reports arrive."""

    def __init__(self) -> None:
        self.missing: dict[str, int] = {}
        self.partial: dict[str, int] = {}

    def add(self, result: ReportResult) -> None:
        for found in result.elements:
            if found.status in ("missing", "partial"):
                counts = self.missing if found.status == "missing" else self.partial
                counts[found.id] = counts.get(found.id, 0) + 1

    def most_common(self, elements: Sequence[Element], limit: int = 10) -> list[GapCount]:
        """Elements most often missing (then partial); ties keep rubric order."""
        counts = []
        for position, element in enumerate(elements):
            missing, partial = self.missing.get(element.id, 0), self.partial.get(element.id, 0)
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
