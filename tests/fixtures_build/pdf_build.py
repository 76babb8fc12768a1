"""Make PDF fixtures with reportlab and its built-in Chinese CID font STSong-Light (no font file
needed), laid out like an exported report: wrapped lines, a running header and page numbers."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
SIZE = 14
LEADING = 26
MARGIN = 72
CHARS_PER_LINE = 28


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


TEXT_WIDTH = CHARS_PER_LINE * SIZE  # points: 28 Chinese characters, as in a 公文 page


def wrap(line: str, first_indent: float = 2 * SIZE) -> list[tuple[float, str]]:
    """``(indent, piece)`` pieces filling TEXT_WIDTH, the first indented, as a word processor lays out."""
    pieces: list[tuple[float, str]] = []
    current = ""
    indent = first_indent
    for ch in line:
        if pdfmetrics.stringWidth(current + ch, _font(), SIZE) > TEXT_WIDTH - indent:
            pieces.append((indent, current))
            current, indent = "", 0.0
        current += ch
    pieces.append((indent, current))
    return pieces


def pdf_from_lines(
    path: Path,
    lines: list[str],
    header: str | None = "湖滨区法治政府建设年度报告",
    page_numbers: bool = True,
    encrypt: str | None = None,
) -> Path:
    """Each line wrapped at CHARS_PER_LINE characters, pages filled top to bottom."""
    font = _font()
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    page = 1
    y = height - MARGIN - 20

    def furniture() -> None:
        pdf.setFont(font, 9)
        if header:
            pdf.drawCentredString(width / 2, height - 40, header)
        if page_numbers:
            pdf.drawCentredString(width / 2, 30, f"- {page} -")
        pdf.setFont(font, SIZE)

    furniture()
    for line in lines:
        for indent, piece in wrap(line):
            if y < MARGIN:
                pdf.showPage()
                page += 1
                y = height - MARGIN - 20
                furniture()
            pdf.drawString(MARGIN + indent, y, piece)
            y -= LEADING
    pdf.showPage()
    pdf.save()
    return path


def pdf_without_text(path: Path, pages: int = 2) -> Path:
    """A "scan": pages with only drawn shapes, no text layer."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.rect(72, 72, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def pdf_table(path: Path, rows: list[list[str]]) -> Path:
    """A page holding a table of figures: each row's cells drawn on one baseline."""
    font = _font()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(font, 12)
    y = A4[1] - 150
    for row in rows:
        for column, cell in enumerate(row):
            pdf.drawString(MARGIN + column * 150, y, cell)
        y -= 24
    pdf.showPage()
    pdf.save()
    return path
