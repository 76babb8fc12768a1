"""Read the text layer of a PDF with pdfminer.six, line by line in reading order.

pdfminer.six is pure Python and ships the Adobe CMaps that Chinese PDFs exported from Word and
WPS rely on (Identity-H fonts, STSong/UniGB encodings), so CJK text comes out as Unicode. Lines
are taken from its layout analysis and ordered top to bottom; pieces on one baseline (table
cells) are joined with a tab. Running headers and footers are recognised as lines near the top or
bottom edge that repeat on most pages (digits ignored), page numbers by their shape. A PDF whose
pages carry no text is a scan and needs OCR, which is said rather than scored as empty.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rubric_check.documents.files import file_size, read_head
from rubric_check.documents.model import SourceLine, SourceText
from rubric_check.documents.sniff import DESCRIPTIONS, PDF, sniff
from rubric_check.errors import InputError

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 500
EDGE_SHARE = 0.12  # headers and footers live in the top and bottom 12% of a page
EDGE_LINES = 2  # ... and are among the first or last two lines of it
MIN_TEXT_CHARS = 20  # less than this after cleaning: a scan with at most a stamp or page numbers
_PAGE_NUMBER = re.compile(
    r"^[-—–~·\s]*(?:\d{1,4}|[ivxlcIVXLC]{1,6})[-—–~·\s]*$|^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$|^(?:page|Page)\s*\d{1,4}(?:\s*of\s*\d{1,4})?$"
)
_DIGITS = re.compile(r"\d+")
_CID = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class _Line:
    page: int
    top: float  # distance from the top edge
    bottom: float  # distance from the bottom edge
    text: str


def read_pdf(path: Path, shown_path: str) -> SourceText:
    """Read a PDF's text layer; InputError for scans, encrypted, corrupt or oversized files."""
    file_size(path, shown_path, MAX_PDF_BYTES)
    kind = sniff(read_head(path, shown_path))
    if kind != PDF:
        raise InputError.of(
            "mislabelled", path=shown_path, suffix=path.suffix or ".pdf", actual=DESCRIPTIONS[kind]
        )
    pages = _extract(path, shown_path)
    raw_text = "".join(line.text for page in pages for line in page)
    if _CID.search(raw_text) and len("".join(_CID.findall(raw_text))) > len(raw_text) / 3:
        raise InputError.of("pdf_garbled", path=shown_path)
    kept = remove_running_lines(pages)
    if sum(len(line.text.strip()) for line in kept) < MIN_TEXT_CHARS:
        raise InputError.of("pdf_no_text", path=shown_path)
    lines = tuple(
        SourceLine(number=index, text=line.text, page=line.page) for index, line in enumerate(kept, start=1)
    )
    return SourceText(path=shown_path, format="pdf", lines=lines, encoding=None)


def _extract(path: Path, shown_path: str) -> list[list[_Line]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFException

    pages: list[list[_Line]] = []
    try:
        with path.open("rb") as handle:
            document = PDFDocument(PDFParser(handle), password="")
            declared = _declared_pages(document)
            if declared > MAX_PAGES:
                raise InputError.of("too_many_pages", path=shown_path, pages=declared, limit=MAX_PAGES)
            manager = PDFResourceManager()
            device = PDFPageAggregator(manager, laparams=LAParams())
            interpreter = PDFPageInterpreter(manager, device)
            for number, page in enumerate(PDFPage.create_pages(document), start=1):
                if number > MAX_PAGES:
                    raise InputError.of(
                        "too_many_pages", path=shown_path, pages=f">{MAX_PAGES}", limit=MAX_PAGES
                    )
                interpreter.process_page(page)
                pages.append(_page_lines(device.get_result(), number))
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError.of("encrypted", path=shown_path) from exc
    except (PDFException, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, RecursionError, OSError) as exc:
        detail = str(exc)[:200] or type(exc).__name__
        raise InputError.of("pdf_corrupt", path=shown_path, detail=detail) from exc
    return pages


def _declared_pages(document: object) -> int:
    """The page count the PDF declares (0 if unreadable; the page loop enforces the limit too)."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(document.catalog["Pages"]).get("Count"))  # type: ignore[attr-defined]
    except Exception:  # a damaged page tree is reported by the page loop
        return 0
    return count if isinstance(count, int) else 0


def _page_lines(layout: object, page: int) -> list[_Line]:
    """Horizontal text lines of one page, top to bottom; pieces on one baseline joined by a tab."""
    from pdfminer.layout import LTTextBox, LTTextLine

    height = float(layout.height) or 1.0  # type: ignore[attr-defined]
    pieces: list[tuple[float, float, float, str]] = []  # top y, bottom y, x, text

    def visit(item: object) -> None:
        if isinstance(item, LTTextLine):
            text = item.get_text().strip()
            if text:
                pieces.append((item.y1, item.y0, item.x0, text))
        elif isinstance(item, LTTextBox) or hasattr(item, "__iter__"):
            for child in item:  # type: ignore[attr-defined]
                visit(child)

    for item in layout:  # type: ignore[attr-defined]
        visit(item)
    pieces.sort(key=lambda piece: (-piece[0], piece[2]))
    rows: list[list[tuple[float, float, float, str]]] = []
    for piece in pieces:
        if rows and _same_row(rows[-1][0], piece):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda piece: piece[2])
        top, bottom = max(p[0] for p in row), min(p[1] for p in row)
        lines.append(_Line(page=page, top=(height - top) / height, bottom=bottom / height,
                           text="\t".join(p[3] for p in row)))
    return lines


def _same_row(first: tuple[float, float, float, str], piece: tuple[float, float, float, str]) -> bool:
    line_height = max(first[0] - first[1], 1.0)
    return abs(first[0] - piece[0]) < line_height * 0.5


def remove_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """All lines except page numbers and headers/footers repeated across pages."""
    candidates: list[list[_Line]] = [_edge_lines(page) for page in pages]
    counts: Counter[str] = Counter()
    for edge in candidates:
        counts.update({_shape(line.text) for line in edge})
    threshold = max(2, (len(pages) + 1) // 2)
    kept: list[_Line] = []
    for page, edge in zip(pages, candidates, strict=True):
        edge_ids = {id(line) for line in edge}
        for line in page:
            if id(line) in edge_ids and (
                _PAGE_NUMBER.match(line.text.strip()) or counts[_shape(line.text)] >= threshold
            ):
                continue
            kept.append(line)
    return kept


def _edge_lines(page: list[_Line]) -> list[_Line]:
    top = [line for line in page[:EDGE_LINES] if line.top <= EDGE_SHARE]
    bottom = [line for line in page[-EDGE_LINES:] if line.bottom <= EDGE_SHARE and line not in top]
    return top + bottom


def _shape(text: str) -> str:
    """A running header's identity: its text with page numbers and spaces ignored."""
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))
