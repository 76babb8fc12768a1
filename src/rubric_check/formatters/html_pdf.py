"""Printing a gap report to PDF with a locally installed headless Chromium or Chrome.

The browser's own command line (--print-to-pdf) is used, so no Python browser driver is needed at
run time. The page is our own self-contained HTML; nothing is fetched while printing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from rubric_check.atomic import write_bytes_atomic
from rubric_check.messages import message

ENV_BROWSER = "RUBRIC_CHECK_CHROMIUM"
TIMEOUT_SECONDS = 90
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge")
_KNOWN_PATHS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
)
_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


class PdfError(Exception):
    """Printing failed; ``detail`` is shown to the user inside a Chinese sentence."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def find_browser() -> str | None:
    """The browser to print with: $RUBRIC_CHECK_CHROMIUM, else the first one found on PATH."""
    configured = os.environ.get(ENV_BROWSER)
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _KNOWN_PATHS if Path(p).is_file()), None)


def print_pdf(browser: str, html: Path, pdf: Path, timeout: float = TIMEOUT_SECONDS) -> None:
    """Print ``html`` to ``pdf`` (A4 comes from the page's @page rule); replaces ``pdf`` atomically."""
    flags = list(_FLAGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox on
    with tempfile.TemporaryDirectory(prefix="rubric-check-pdf-") as work:
        out = Path(work) / "out.pdf"
        command = [
            browser,
            *flags,
            f"--user-data-dir={Path(work) / 'profile'}",
            f"--print-to-pdf={out}",
            html.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(message("html.pdf_timeout", seconds=f"{timeout:g}")) from exc
        except OSError as exc:
            raise PdfError(exc.strerror or str(exc)) from exc
        data = out.read_bytes() if out.is_file() else b""
        if not data.startswith(b"%PDF"):
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            raise PdfError(tail[0][:200])
    write_bytes_atomic(pdf, data)
