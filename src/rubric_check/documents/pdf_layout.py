"""From pdfminer's layout to clean report lines: reading order, running headers and footers
removed, and lines that a justified paragraph wrapped joined back together.

Running headers and footers are lines near the top or bottom edge that repeat on most pages
in the same type size (digits ignored); page numbers are recognised by their shape. A wrapped line is one that reaches
the right edge of the text block without ending a sentence and is followed by a line that is not
indented (公文 paragraphs open with a two-character indent): geometry decides what plain text
can only guess, so such lines are delivered joined, numbered by their first line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from rubric_check.documents.conventions import conventions
from rubric_check.documents.model import SourceLine
from rubric_check.documents.normalise import build_paragraphs
from rubric_check.documents.outline import ENUMERATION_LEVEL, detect_heading

EDGE_SHARE = 0.12  # headers and footers live in the top and bottom 12% of a page
EDGE_LINES = 2  # ... and are among the first or last two lines of it
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = conventions().marks("stops", "semicolons", "colons", "ellipsis")


@dataclass(frozen=True)
class PdfLine:
    page: int
    top: float  # share of the page height from the top edge to the line's top
    bottom: float  # share of the page height from the bottom edge to the line's bottom
    left: float  # x of the first character, in points
    right: float  # x of the end of the last character, in points
    size: float  # line height in points (about the font size)
    text: str
    cells: int = 1  # pieces joined on one baseline (a table row when > 1)


def page_lines(layout: object, page: int) -> list[PdfLine]:
    """Horizontal text lines of one page, top to bottom; pieces on one baseline joined by a tab."""
    from pdfminer.layout import LTTextLine

    height = float(layout.height) or 1.0  # type: ignore[attr-defined]
    pieces: list[tuple[float, float, float, float, str]] = []  # top, bottom, left, right, text

    def visit(item: object) -> None:
        if isinstance(item, LTTextLine):
            text = item.get_text().strip()
            if text:
                pieces.append((item.y1, item.y0, item.x0, item.x1, text))
        elif hasattr(item, "__iter__"):
            for child in item:  # type: ignore[attr-defined]
                visit(child)

    visit(layout)
    pieces.sort(key=lambda piece: (-piece[0], piece[2]))
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for piece in pieces:
        first = rows[-1][0] if rows else None
        if first is not None and abs(first[0] - piece[0]) < max(first[0] - first[1], 1.0) * 0.5:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda piece: piece[2])
        top, bottom = max(p[0] for p in row), min(p[1] for p in row)
        lines.append(
            PdfLine(
                page=page,
                top=(height - top) / height,
                bottom=bottom / height,
                left=row[0][2],
                right=row[-1][3],
                size=max(top - bottom, 1.0),
                text="\t".join(p[4] for p in row),
                cells=len(row),
            )
        )
    return lines


def remove_running_lines(pages: list[list[PdfLine]]) -> list[PdfLine]:
    """All lines except page numbers and headers/footers repeated across pages."""
    edges = [_edge_lines(page) for page in pages]
    counts: Counter[tuple[str, int]] = Counter()
    for edge in edges:
        counts.update({_identity(line) for line in edge})
    threshold = max(2, (len(pages) + 1) // 2)
    kept: list[PdfLine] = []
    for page, edge in zip(pages, edges, strict=True):
        edge_ids = {id(line) for line in edge}
        for line in page:
            running = conventions().page_number.match(line.text.strip()) or counts[_identity(line)] >= threshold
            if id(line) in edge_ids and running:
                continue
            kept.append(line)
    return kept


def _edge_lines(page: list[PdfLine]) -> list[PdfLine]:
    top = [line for line in page[:EDGE_LINES] if line.top <= EDGE_SHARE]
    bottom = [line for line in page[-EDGE_LINES:] if line.bottom <= EDGE_SHARE]
    return top + [line for line in bottom if all(line is not other for other in top)]


def _identity(line: PdfLine) -> tuple[str, int]:
    """A running line repeats in the same words and type size: a title on page 1 in the words of the
    running header, but set larger, is the title."""
    return _shape(line.text), round(line.size)


def _shape(text: str) -> str:
    """A running header's identity: its text with page numbers and spaces ignored."""
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def source_lines(kept: list[PdfLine]) -> tuple[SourceLine, ...]:
    """The lines of a paged document (PDF, OFD, OCR) as the reader gives them: wrapped lines joined,
    each numbered in the whole file and on its page (body text, running headers left out), which is
    how a viewer's reader finds it."""
    first_on_page: dict[int, int] = {}
    for number, line in enumerate(kept, start=1):
        first_on_page.setdefault(line.page, number)
    return tuple(
        SourceLine(number=number, text=line.text, page=line.page, page_line=number - first_on_page[line.page] + 1)
        for number, line in join_wrapped(kept)
    )


def join_wrapped(lines: list[PdfLine]) -> list[tuple[int, PdfLine]]:
    """``(first line number, line)`` with wrapped continuation lines appended to their paragraph."""
    left, right = _text_block(lines)
    indents = _uses_indents(lines, left)
    out: list[tuple[int, PdfLine]] = []
    for number, line in enumerate(lines, start=1):
        if out and _wraps_into(out[-1][1], line, left, right, indents) and not _opens_heading(line.text):
            previous = out[-1][1]
            glue = (
                " "
                if previous.text[-1:].isalpha()
                and previous.text[-1:].isascii()
                and line.text[:1].isalpha()
                and line.text[:1].isascii()
                else ""
            )
            out[-1] = (out[-1][0], replace(previous, text=previous.text + glue + line.text, right=line.right))
        else:
            out.append((number, line))
    return out


def _opens_heading(text: str) -> bool:
    paragraphs = build_paragraphs([SourceLine(number=1, text=text)])
    found = detect_heading(paragraphs[0]) if paragraphs else None
    return found is not None and found[0] != ENUMERATION_LEVEL


def _text_block(lines: list[PdfLine]) -> tuple[float, float]:
    """Left and right edges of the body text: the most common left x and a high percentile right x."""
    body = [line for line in lines if line.cells == 1 and len(line.text) >= 8]
    if not body:
        return 0.0, float("inf")
    lefts = Counter(round(line.left) for line in body)
    rights = sorted(line.right for line in body)
    return float(lefts.most_common(1)[0][0]), rights[int(len(rights) * 0.9)]


def _uses_indents(lines: list[PdfLine], left: float) -> bool:
    """Do paragraphs open with a first-line indent (then an unindented line always continues)?"""
    body = [line for line in lines if line.cells == 1 and len(line.text) >= 8]
    indented = sum(1 for line in body if 1.5 * line.size <= line.left - left <= 2.5 * line.size)
    return bool(body) and indented >= max(2, len(body) // 20)


def _wraps_into(previous: PdfLine, line: PdfLine, left: float, right: float, indents: bool) -> bool:
    if previous.cells > 1 or line.cells > 1 or not previous.text.strip():
        return False
    reaches_right = previous.right >= right - 1.5 * previous.size
    not_indented = line.left <= left + 0.8 * line.size
    if not (reaches_right and not_indented):
        return False
    return indents or previous.text.rstrip()[-1] not in _SENTENCE_END
