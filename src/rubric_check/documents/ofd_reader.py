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

from rubric_check.documents.files import check_size, suffix_of
from rubric_check.documents.model import SourceText
from rubric_check.documents.pdf_layout import PdfLine, remove_running_lines, source_lines
from rubric_check.documents.placed_text import page_lines
from rubric_check.documents.sniff import DESCRIPTIONS, ZIP, sniff
from rubric_check.documents.ziplimits import check_zip
from rubric_check.errors import InputError

MAX_OFD_BYTES = 100 * 1024 * 1024
MAX_PAGES = 500
MIN_TEXT_CHARS = 20  # as for PDF: less than this is a page of outlines or images, not a report
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
    lines = source_lines(kept)
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
