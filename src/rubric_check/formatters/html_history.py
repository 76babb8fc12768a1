"""A page per reporting body in the batch: its reports by year from the results store, with a
score-by-year chart (inline SVG: no script, no network) and the gaps each year closed or opened.

The index links each report's body to it. The histories are read through a callable the command
hands in, so this module knows the record, not the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from rubric_check.atomic import write_text_atomic
from rubric_check.documents.agency import agency_key
from rubric_check.formatters.base import Summary
from rubric_check.formatters.html_names import history_name
from rubric_check.formatters.html_render import PLAIN_CSP, render
from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric

if TYPE_CHECKING:
    from rubric_check.store.history import BodyHistory, YearEntry

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 560, 220, 40, 20, 16, 28


class Point(NamedTuple):
    x: float
    y: float
    year: int
    score: float


class Chart(NamedTuple):
    width: int
    height: int
    points: tuple[Point, ...]
    polyline: str
    grid: tuple[tuple[float, int], ...]  # y and the score it marks
    pass_y: float
    left: int
    right: float
    bottom: float


def score_chart(entries: Sequence[YearEntry], pass_score: float) -> Chart:
    """Coordinates of the score-by-year chart: years evenly spaced, scores 0–100 bottom to top."""
    scored = [e for e in entries if e.score is not None]
    span = WIDTH - LEFT - RIGHT
    step = span / max(1, len(scored) - 1)

    def y_of(score: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / 100), 1)

    points = tuple(
        Point(
            round(LEFT + (i * step if len(scored) > 1 else span / 2), 1), y_of(e.score or 0.0), e.year, e.score or 0.0
        )
        for i, e in enumerate(scored)
    )
    return Chart(
        WIDTH,
        HEIGHT,
        points,
        " ".join(f"{p.x},{p.y}" for p in points),
        tuple((y_of(v), v) for v in (0, 20, 40, 60, 80, 100)),
        y_of(pass_score),
        LEFT,
        WIDTH - RIGHT,
        HEIGHT - BOTTOM,
    )


class HistoryPages:
    """Writes ``<dir>/history/<body>-<hash>.html`` at the end of a run, after the store recorded it."""

    full_result = False
    preparer = None

    def __init__(self, directory: Path, load: Callable[[str], BodyHistory | None]) -> None:
        self.directory = Path(directory)
        self.load = load
        self.agencies: set[str] = set()
        self.rubric: Rubric | None = None

    def start(self, rubric: Rubric) -> None:
        self.rubric = rubric

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        key = agency_key(result.meta.agency if result.meta else None)
        if key and result.error is None:
            self.agencies.add(key)

    def stop(self, summary: Summary) -> None:
        assert self.rubric is not None
        for agency in sorted(self.agencies):
            history = self.load(agency)
            if history is not None:
                write_text_atomic(self.directory / history_name(agency), history_page(history, self.rubric))


def history_page(
    history: BodyHistory, rubric: Rubric, back: tuple[str, str] = ("../index.html", "history.back")
) -> str:
    """A body's page: its reports by year, the chart, and the gaps each year closed or opened.
    ``back``: where its link back goes and the message key of its words (the batch's index)."""
    names = {e.id: e.name for e in rubric.elements}
    chart = score_chart(history.years, rubric.pass_score)
    href, label = back
    return render(
        "history.html",
        h=history,
        chart=chart,
        names=names,
        rubric=rubric,
        csp=PLAIN_CSP,
        back_href=href,
        back_label=message(label),
    )
