"""Lines from text placed at positions on a page (OFD text objects, OCR boxes), for pdf_layout.

Runs on one baseline are read left to right; runs closer than ``JOIN_GAP`` type sizes are one piece
of text, farther ones are separate pieces joined by a tab (a table row, as for PDF); text drawn
twice at the same spot (a fake bold) is kept once. Positions are millimetres from the page's top
left, ``y`` the baseline; lines come out in the points pdf_layout's thresholds are tuned for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rubric_check.documents.pdf_layout import PdfLine

POINTS_PER_MM = 72 / 25.4
JOIN_GAP = 1.2


class Run(Protocol):
    """What a positioned piece of text has (ofdkit's TextRun, an OCR box)."""

    @property
    def text(self) -> str: ...
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...
    @property
    def size(self) -> float: ...
    @property
    def width(self) -> float: ...


def page_lines(runs: Sequence[Run], box: tuple[float, float, float, float], page: int) -> list[PdfLine]:
    """The page's text lines top to bottom; pieces far apart on one baseline joined by a tab."""
    x0, y0, width, height = box
    height = height or 1.0
    visible = [run for run in _drawn_once(runs) if run.text.strip() and _on_page(run, x0, y0, width, height)]
    visible.sort(key=lambda run: (run.y, run.x))
    rows: list[list[Run]] = []
    for run in visible:
        if rows and abs(rows[-1][0].y - run.y) < 0.5 * max(rows[-1][0].size, run.size):
            rows[-1].append(run)
        else:
            rows.append([run])
    return [_line(sorted(row, key=lambda run: run.x), x0, y0, height, page) for row in rows]


def _on_page(run: Run, x0: float, y0: float, width: float, height: float) -> bool:
    """Text placed off the page (a producer's scratch objects) is not shown, so not read."""
    return x0 - run.size <= run.x <= x0 + width and y0 <= run.y <= y0 + height + run.size


def _drawn_once(runs: Sequence[Run]) -> list[Run]:
    """Text drawn twice at (almost) the same spot, a common fake bold, kept once."""
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for run in runs:
        key = (run.text, round(run.x * 2), round(run.y * 2))
        if key not in seen:
            seen.add(key)
            unique.append(run)
    return unique


def _line(row: list[Run], x0: float, y0: float, height: float, page: int) -> PdfLine:
    pieces: list[str] = []
    end = None
    for run in row:
        if end is not None and run.x - end <= JOIN_GAP * run.size:
            pieces[-1] += run.text
        elif end is not None and run.x < end:  # overlapping runs: a second stroke of the same text
            continue
        else:
            pieces.append(run.text)
        end = max(end or run.x, run.x + run.width)
    indent = len(pieces[0]) - len(pieces[0].lstrip())
    size = max(run.size for run in row)
    first_left = row[0].x + _blank_width(pieces[0][:indent], row[0].size)
    top, bottom = min(run.y for run in row) - size, max(run.y for run in row)
    return PdfLine(
        page=page,
        top=(top - y0) / height,
        bottom=(y0 + height - bottom) / height,
        left=(first_left - x0) * POINTS_PER_MM,
        right=((end or first_left) - x0) * POINTS_PER_MM,
        size=size * POINTS_PER_MM,
        text="\t".join(piece.strip() for piece in pieces),
        cells=len(pieces),
    )


def _blank_width(blank: str, size: float) -> float:
    """Width of a line's leading blanks: an ideographic space is a full em, others half."""
    return sum(size if char == "\u3000" else size / 2 for char in blank)
