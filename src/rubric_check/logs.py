"""Where log records and Python warnings go: never to the user's terminal.

The core logs (a bug's traceback, a converter's own output) instead of printing; libraries log and
warn in English. With nothing configured Python would print warnings and errors on stderr, so the
command line and every worker process call :func:`configure_logging` first.
"""

from __future__ import annotations

import logging
import os

LOG_ENV = "RUBRIC_CHECK_LOG"


def configure_logging() -> None:
    """Libraries' log records and Python warnings are English and for developers: they never reach
    the terminal (Python would print warnings and errors there when nothing is configured).
    ``RUBRIC_CHECK_LOG`` names a file that keeps them, with the traceback of any internal error."""
    root = logging.getLogger()
    if any(getattr(handler, "rubric_check", False) for handler in root.handlers):
        return
    logging.captureWarnings(True)
    handler: logging.Handler = logging.NullHandler()
    target = os.environ.get(LOG_ENV)
    if target:
        try:
            handler = logging.FileHandler(target, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
            root.setLevel(logging.INFO)
        except OSError:
            pass  # an unwritable log file must not stop a review
    handler.rubric_check = True  # type: ignore[attr-defined]
    root.addHandler(handler)
