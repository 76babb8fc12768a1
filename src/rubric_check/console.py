"""Terminal niceties that must never leak into logs: colour only on a TTY without NO_COLOR (the
progress bar, formatters/progress.py, is drawn only when stderr is a TTY)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def prepare_windows_console() -> None:
    """Let a Windows console show the colour codes (and leave every other platform alone).

    Called before the command takes hold of sys.stdout/sys.stderr: on consoles older than
    Windows 10 colorama replaces them with translating wrappers.
    """
    if sys.platform == "win32":
        import colorama

        colorama.just_fix_windows_console()


def is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_color(stream: TextIO) -> bool:
    """https://no-color.org: any non-empty NO_COLOR disables colour; so do pipes and TERM=dumb."""
    if os.environ.get("NO_COLOR"):
        return False
    return is_tty(stream) and os.environ.get("TERM") != "dumb"


OCR_LOGGER = "rubric_check.documents.ocr"


@contextmanager
def ocr_progress(stream: TextIO | None) -> Iterator[None]:
    """Show the OCR reader's per-page progress records on ``stream`` (None: not at all) while a
    batch runs. Workers started by fork inherit the handler; OCR takes seconds a page, so a
    reviewer must see that it is working."""
    if stream is None:
        yield
        return
    logger = logging.getLogger(OCR_LOGGER)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.setLevel(logging.INFO)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
