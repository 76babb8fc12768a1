"""The batch overview: a small summary kept per report, and the index page model built from them.

Only these summaries stay in memory during a run (a few hundred bytes per report), never the
documents or their evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric


@dataclass(frozen=True)
class ReportSummary:
    path: str
    href: str | None  # gap report file name, None when no page was written
    agency: str | None = None
    year: int | None = None
    score: float | None = None
    grade: str | None = None
    passed: bool = False
    missing_required: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # per rubric element, in rubric order
    error: str | None = None

    @property
    def status_codes(self) -> str:
        """The statuses as one letter each (``mxp…``): what the index's filter reads from a row."""
        return "".join(STATUS_CODES.get(status, "x") for status in self.statuses)


def summarise(result: ReportResult, href: str | None, rubric: Rubric) -> ReportSummary:
    if result.error is not None:
        return ReportSummary(path=result.path, href=None, error=result.error.message)
    by_id = {e.id: e.status for e in result.elements}
    meta = result.meta
    return ReportSummary(
        path=result.path,
        href=href,
        agency=meta.agency if meta else None,
        year=meta.year if meta else None,
        score=result.score,
        grade=result.grade,
        passed=result.passed,
        missing_required=tuple(e.name for e in result.missing_required),
        statuses=tuple(by_id.get(e.id, "missing") for e in rubric.elements),
    )


# The element × report matrix is shown while its columns fit a screen; beyond that (a 2,000-report
# batch made it 77,000 px wide) each element gets its counts, which filter the table when clicked.
MATRIX_MAX_REPORTS = 40
STATUS_CODES = {"met": "m", "partial": "p", "missing": "x"}  # one letter per element in a row's data-s
_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders numbers by value: ``2.txt`` before ``10.txt`` before ``100.txt``.

    >>> sorted(["r10.txt", "r2.txt", "r100.txt", "r1.txt"], key=natural_key)
    ['r1.txt', 'r2.txt', 'r10.txt', 'r100.txt']
    """
    return tuple((1, int(piece)) if piece.isdigit() else (0, piece) for piece in _DIGITS.split(text) if piece)


@dataclass(frozen=True)
class MatrixRow:
    id: str
    name: str
    required: bool
    check: bool  # a built-in check: "missing" is a failed check (未通过检查), not missing content
    cells: tuple[str, ...]  # status per readable report, in table order
    met: int
    partial: int
    missing: int


@dataclass(frozen=True)
class IndexView:
    rows: tuple[tuple[int, ReportSummary], ...]  # numbered readable reports
    errors: tuple[ReportSummary, ...]
    reports: int
    passed: int
    failed: int
    unreadable: int
    mean_score: float | None
    matrix: tuple[MatrixRow, ...]
    common: tuple[MatrixRow, ...]  # elements most often not met, worst first

    @property
    def matrix_fits(self) -> bool:
        """Show a cell per report only while the columns fit; else counts per element."""
        return len(self.rows) <= MATRIX_MAX_REPORTS


def index_view(summaries: list[ReportSummary], rubric: Rubric) -> IndexView:
    ordered = sorted(summaries, key=lambda s: natural_key(s.path))
    readable = [s for s in ordered if s.error is None]
    errors = tuple(s for s in ordered if s.error is not None)
    scores = [s.score for s in readable if s.score is not None]
    matrix = []
    for i, element in enumerate(rubric.elements):
        cells = tuple(s.statuses[i] if i < len(s.statuses) else "missing" for s in readable)
        matrix.append(
            MatrixRow(
                id=element.id,
                name=element.name,
                required=element.required,
                check=element.check is not None,
                cells=cells,
                met=cells.count("met"),
                partial=cells.count("partial"),
                missing=cells.count("missing"),
            )
        )
    weak = [row for row in matrix if row.missing or row.partial]
    common = sorted(weak, key=lambda r: (-r.missing, -r.partial, not r.required))
    passed = sum(1 for s in readable if s.passed)
    return IndexView(
        rows=tuple(enumerate(readable, start=1)),
        errors=errors,
        reports=len(ordered),
        passed=passed,
        failed=len(readable) - passed,
        unreadable=len(errors),
        mean_score=round(sum(scores) / len(scores), 1) if scores else None,
        matrix=tuple(matrix),
        common=tuple(common[:10]),
    )
