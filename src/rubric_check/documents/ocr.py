"""OCR for scans, with the optional extra ``rubric-check[ocr]``: PDF pages without a text layer, images.

rapidocr 3 ships its PP-OCR detection and recognition models inside the wheel (nothing is
downloaded) and runs them on onnxruntime; pypdfium2 renders PDF pages. The settings were measured
on a stamped, skewed scan of a seed (issue 16): 200 dpi, the red channel only (a red seal fades
out, black text stays), the orientation classifier off, detection on the page scaled to at most
1280 px. Recognised boxes become lines through placed_text and pdf_layout, like OFD and PDF text,
and the result is marked ``source="ocr"`` so every output can say to check it against the original.
OCR is slow and memory-hungry: one job at a time, a progress line (log record) a page, and results
cached by the file's hash (ocr_cache.py).
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass
from typing import Any

from rubric_check.documents.extras import ocr_installed
from rubric_check.documents.files import check_size, suffix_of
from rubric_check.documents.model import SourceText
from rubric_check.documents.ocr_cache import load, one_job_at_a_time, store
from rubric_check.documents.pdf_layout import remove_running_lines, source_lines
from rubric_check.documents.placed_text import page_lines
from rubric_check.errors import InputError, library_reason
from rubric_check.messages import message

OCR_SOURCE = "ocr"
MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000  # an A3 page at 600 dpi is 70 MP; a scan of a report page at 300 dpi is 9 MP
MAX_OCR_PAGES = 60  # ≈ 8 minutes at 8 s a page; a report is 5–20 pages
MIN_TEXT_CHARS = 20
DPI = 200
ENGINE_PARAMS = {
    "Global.use_cls": False,
    "Global.log_level": "warning",
    "Det.limit_side_len": 1280,
    "Det.limit_type": "max",
}
CACHE_VERSION = "1"  # change when DPI, ENGINE_PARAMS or the stored form change
MM_PER_INCH = 25.4

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Box:
    """A recognised line of text, in millimetres from the page's top left (``y`` its bottom)."""

    text: str
    x: float
    y: float
    size: float
    width: float


# A page as recognised: its width and height in millimetres and its boxes (what the cache keeps).
Page = tuple[float, float, list[Box]]
Image = tuple[Any, float]  # an RGB numpy array and its resolution in dots per inch


def read_scanned_pdf(data: bytes, name: str) -> SourceText:
    """The text of a PDF whose pages carry none; the PDF "no text" error when OCR is not installed."""
    if not ocr_installed():
        raise InputError.of("pdf_no_text", path=name)
    return _read(data, name, "pdf", _pdf_pages)


def read_image(data: bytes, name: str) -> SourceText:
    """The text of a scanned or photographed page (.jpg/.png/.tif; every frame of a TIFF)."""
    check_size(data, name, MAX_IMAGE_BYTES)
    if not ocr_installed():
        raise InputError.of("ocr_not_installed", path=name)
    return _read(data, name, suffix_of(name).lstrip(".") or "image", _image_frames)


def _read(data: bytes, name: str, fmt: str, images: Callable[[bytes, str], Iterator[Image]]) -> SourceText:
    pages = _recognised(data, name, images)
    kept = remove_running_lines(
        [page_lines(boxes, (0.0, 0.0, width, height), number) for number, (width, height, boxes) in enumerate(pages, 1)]
    )
    if sum(len(line.text.strip()) for line in kept) < MIN_TEXT_CHARS:
        raise InputError.of("ocr_no_text", path=name)
    lines = source_lines(kept)
    return SourceText(path=name, format=fmt, lines=lines, encoding=None, source=OCR_SOURCE)


def _recognised(data: bytes, name: str, images: Callable[[bytes, str], Iterator[Image]]) -> list[Page]:
    """The pages' boxes, from the cache or by OCR (one job at a time)."""
    key = f"{hashlib.sha256(data).hexdigest()}-{CACHE_VERSION}"
    cached = _pages_from_json(load(key))
    if cached is not None:
        return cached
    with one_job_at_a_time():
        cached = _pages_from_json(load(key))  # another worker may have just done this file
        if cached is not None:
            return cached
        engine = _engine()
        pages: list[Page] = []
        started = time.perf_counter()
        for number, (image, dpi) in enumerate(images(data, name), start=1):
            pages.append(_page(engine, image, dpi))
            seconds = time.perf_counter() - started
            _log.info(message("ocr.progress", path=name, page=number, seconds=f"{seconds:.0f}"))
    store(key, [[width, height, [astuple(box) for box in boxes]] for width, height, boxes in pages])
    return pages


def _pages_from_json(value: Any) -> list[Page] | None:
    try:
        return [(float(w), float(h), [Box(str(b[0]), *map(float, b[1:5])) for b in boxes]) for w, h, boxes in value]
    except (TypeError, ValueError, IndexError):
        return None


def _engine() -> Any:
    from rapidocr import RapidOCR

    return RapidOCR(params=ENGINE_PARAMS)


def _page(engine: Any, image: Any, dpi: float) -> Page:
    """OCR one page image; the red channel only, given to the engine as three equal channels."""
    import numpy

    red = image[:, :, 0]
    result = engine(numpy.ascontiguousarray(numpy.stack([red, red, red], axis=-1)))
    mm = MM_PER_INCH / dpi
    boxes = []
    for corners, text in zip(result.boxes if result.boxes is not None else (), result.txts or (), strict=False):
        xs, ys = [float(point[0]) for point in corners], [float(point[1]) for point in corners]
        left, top, right, bottom = min(xs) * mm, min(ys) * mm, max(xs) * mm, max(ys) * mm
        boxes.append(Box(str(text), left, bottom, bottom - top, right - left))
    height, width = red.shape
    return float(width * mm), float(height * mm), boxes


def _pdf_pages(data: bytes, name: str) -> Iterator[Image]:
    import numpy
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise InputError.of("pdf_corrupt", path=name, detail=library_reason(exc)) from exc
    try:
        if len(document) > MAX_OCR_PAGES:
            raise InputError.of("ocr_too_many_pages", path=name, pages=len(document), limit=MAX_OCR_PAGES)
        for index in range(len(document)):
            bitmap = document[index].render(scale=DPI / 72)
            yield numpy.asarray(bitmap.to_pil().convert("RGB")), DPI
    finally:
        document.close()


def _image_frames(data: bytes, name: str) -> Iterator[Image]:
    import numpy
    from PIL import Image as PILImage
    from PIL import ImageSequence, UnidentifiedImageError

    try:
        image = PILImage.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputError.of("image_corrupt", path=name) from exc
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        pixels, limit = width * height // 10000, MAX_IMAGE_PIXELS // 10000  # 万像素
        raise InputError.of("image_too_large", path=name, pixels=pixels, limit=limit)
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_OCR_PAGES:
        raise InputError.of("ocr_too_many_pages", path=name, pages=frames, limit=MAX_OCR_PAGES)
    dpi = float((image.info.get("dpi") or (DPI, DPI))[0]) or DPI
    try:
        for frame in ImageSequence.Iterator(image):
            yield numpy.asarray(frame.convert("RGB")), dpi
    except (OSError, ValueError) as exc:
        raise InputError.of("image_corrupt", path=name) from exc
