"""Read the text layer of a PDF with pdfminer.six, line by line in reading order.

pdfminer.six is pure Python and ships the Adobe CMaps that Chinese PDFs exported from Word and
WPS rely on (Identity-H fonts, STSong/UniGB encodings), so CJK text comes out as Unicode. Lines
are cleaned up in pdf_layout.py. A PDF whose pages carry no text is a scan and needs OCR, which
is read by OCR when the ``ocr`` extra is installed (ocr.py), and said rather than scored as empty
when it is not.
"""

from __future__ import annotations

import io
import re

from rubric_check.documents.files import check_size, suffix_of
from rubric_check.documents.model import SourceText
from rubric_check.documents.ocr import read_scanned_pdf
from rubric_check.documents.pdf_layout import PdfLine, page_lines, remove_running_lines, source_lines
from rubric_check.documents.sniff import DESCRIPTIONS, PDF, sniff
from rubric_check.errors import InputError, library_reason

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 500
MIN_TEXT_CHARS = 20  # less than this after cleaning: a scan with at most a stamp or page numbers
_CID = re.compile(r"\(cid:\d+\)")


def read_pdf(data: bytes, shown_path: str) -> SourceText:
    """Read a PDF's text layer; InputError for scans, encrypted, corrupt or oversized files."""
    check_size(data, shown_path, MAX_PDF_BYTES)
    kind = sniff(data[:2048])
    if kind != PDF:
        suffix = suffix_of(shown_path) or ".pdf"
        raise InputError.of("mislabelled", path=shown_path, suffix=suffix, actual=DESCRIPTIONS[kind])
    pages = _extract(data, shown_path)
    raw_text = "".join(line.text for page in pages for line in page)
    if _CID.search(raw_text) and len("".join(_CID.findall(raw_text))) > len(raw_text) / 3:
        raise InputError.of("pdf_garbled", path=shown_path)
    kept = remove_running_lines(pages)
    if sum(len(line.text.strip()) for line in kept) < MIN_TEXT_CHARS:
        return read_scanned_pdf(data, shown_path)  # the "no text" error when OCR is not installed
    lines = source_lines(kept)
    return SourceText(path=shown_path, format="pdf", lines=lines, encoding=None)


def _extract(data: bytes, shown_path: str) -> list[list[PdfLine]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFException
    from pdfminer.psexceptions import PSException

    pages: list[list[PdfLine]] = []
    try:
        with io.BytesIO(data) as handle:
            document = PDFDocument(PDFParser(handle), password="")
            declared = _declared_pages(document)
            if declared > MAX_PAGES:
                raise InputError.of("too_many_pages", path=shown_path, pages=declared, limit=MAX_PAGES)
            manager = PDFResourceManager()
            device = PDFPageAggregator(manager, laparams=LAParams())
            interpreter = PDFPageInterpreter(manager, device)
            for number, page in enumerate(PDFPage.create_pages(document), start=1):
                if number > MAX_PAGES:
                    raise InputError.of("too_many_pages", path=shown_path, pages=f">{MAX_PAGES}", limit=MAX_PAGES)
                interpreter.process_page(page)
                pages.append(page_lines(device.get_result(), number))
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError.of("encrypted", path=shown_path) from exc
    except (
        PDFException,
        PSException,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        RecursionError,
        OSError,
    ) as exc:
        raise InputError.of("pdf_corrupt", path=shown_path, detail=library_reason(exc)) from exc
    return pages


def _declared_pages(document: object) -> int:
    """The page count the PDF declares (0 if unreadable; the page loop enforces the limit too)."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(document.catalog["Pages"]).get("Count"))  # type: ignore[attr-defined]
    except Exception:  # a damaged page tree is reported by the page loop
        return 0
    return count if isinstance(count, int) else 0
