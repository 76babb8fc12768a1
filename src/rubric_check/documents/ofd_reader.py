"""Read an OFD file (GB/T 33190, the national fixed-layout format) into report lines with pages.

ofdkit parses the package (namespaces old and new, templates, PageBlock and CompositeObject nesting,
CTM, DeltaX with its "g" shorthand) into positioned text runs; this module turns a page's runs
into lines the way the PDF reader does (one baseline, left to right, text drawn twice for a fake
bold kept once) and hands them to pdf_layout, so running headers, page numbers and wrapped lines
are treated exactly as in a PDF. The zip container is checked by ziplimits before ofdkit opens
it; ofdkit itself refuses DTDs/entities and parts over 64 MB.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from rubric_check.documents.files import check_size, suffix_of
from rubric_check.documents.model import SourceLine, SourceText
from rubric_check.documents.pdf_layout import PdfLine, join_wrapped, remove_running_lines
from rubric_check.documents.sniff import DESCRIPTIONS, ZIP, sniff
from rubric_check.documents.ziplimits import check_zip
from rubric_check.errors import InputError

MAX_OFD_BYTES = 100 * 1024 * 1024
MAX_PAGES = 500
MIN_TEXT_CHARS = 20  # as for PDF: less than this is a page of outlines or images, not a report
POINTS_PER_MM = 72 / 25.4  # pdf_layout's thresholds are in points; OFD positions are millimetres
JOIN_GAP = 1.2  # runs on a baseline closer than this many type sizes are one piece of text
CORRUPT_DETAIL = "缺少必要部分或结构无法解析"

_log = logging.getLogger(__name__)


def read_ofd(data: bytes, name: str) -> SourceText:
    """Read an OFD's text; InputError for outlines-only pages, corrupt, encrypted or oversized files."""
    check_size(data, name, MAX_OFD_BYTES)
    kind = sniff(data[:2048])
    if kind != ZIP:
        raise InputError.of("mislabelled", path=name, suffix=suffix_of(name) or ".ofd", actual=DESCRIPTIONS[kind])
    check_zip(data, name, corrupt="ofd_corrupt", too_large="ofd_too_large")
    pages = _pages(data, name)
    kept = remove_running_lines(pages)
    if sum(len(line.text.strip()) for line in kept) < MIN_TEXT_CHARS:
        raise InputError.of("ofd_no_text", path=name)
    lines = tuple(SourceLine(number=number, text=line.text, page=line.page) for number, line in join_wrapped(kept))
    return SourceText(path=name, format="ofd", lines=lines, encoding=None)


def _pages(data: bytes, name: str) -> list[list[PdfLine]]:
    import ofdkit

    try:
        with ofdkit.open(data) as document:
            if len(document.pages) > MAX_PAGES:
                raise InputError.of("too_many_pages", path=name, pages=len(document.pages), limit=MAX_PAGES)
            return [page_lines(page.runs, page.box, number) for number, page in enumerate(document.pages, start=1)]
    except InputError:
        raise
    except ofdkit.OFDLimitError as exc:
        raise InputError.of("ofd_unsafe", path=name) from exc
    except (ofdkit.OFDError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        _log.info("unreadable OFD %s: %s", name, exc)  # ofdkit's words are English: the user reads ours
        raise InputError.of("ofd_corrupt", path=name, detail=CORRUPT_DETAIL) from exc


def page_lines(runs: Sequence[Any], box: tuple[float, float, float, float], page: int) -> list[PdfLine]:
    """The page's text lines top to bottom; pieces far apart on one baseline joined by a tab."""
    x0, y0, width, height = box
    height = height or 1.0
    visible = [run for run in _drawn_once(runs) if run.text.strip() and _on_page(run, x0, y0, width, height)]
    visible.sort(key=lambda run: (run.y, run.x))
    rows: list[list[Any]] = []
    for run in visible:
        if rows and abs(rows[-1][0].y - run.y) < 0.5 * max(rows[-1][0].size, run.size):
            rows[-1].append(run)
        else:
            rows.append([run])
    return [_line(sorted(row, key=lambda run: run.x), x0, y0, height, page) for row in rows]


def _on_page(run: Any, x0: float, y0: float, width: float, height: float) -> bool:
    """Text placed off the page (a producer's scratch objects) is not shown, so not read."""
    return x0 - run.size <= run.x <= x0 + width and y0 <= run.y <= y0 + height + run.size


def _drawn_once(runs: Sequence[Any]) -> list[Any]:
    """Text drawn twice at (almost) the same spot, a common fake bold, kept once."""
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for run in runs:
        key = (run.text, round(run.x * 2), round(run.y * 2))
        if key not in seen:
            seen.add(key)
            unique.append(run)
    return unique


def _line(row: list[Any], x0: float, y0: float, height: float, page: int) -> PdfLine:
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
