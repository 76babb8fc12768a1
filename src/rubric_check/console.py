"""Terminal niceties that must never leak into logs: colour only on a TTY without NO_COLOR (the
progress bar, formatters/progress.py, is drawn only when stderr is a TTY)."""

from __future__ import annotations

import os
from typing import TextIO

GREEN, RED, YELLOW, BOLD, RESET = "\033[32m", "\033[31m", "\033[33m", "\033[1m", "\033[0m"


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
