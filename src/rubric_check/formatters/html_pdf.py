"""Printing gap reports to PDF with one locally installed headless Chromium, Chrome or Edge per batch.

Starting a browser costs seconds, so a batch starts one and prints every page in it over the
DevTools protocol (a WebSocket on 127.0.0.1 at a port the browser picks; the `websockets` library
speaks it). The pages are our own self-contained HTML; nothing is fetched while printing.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
import weakref
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any

from rubric_check.atomic import write_bytes_atomic
from rubric_check.errors import library_reason, os_reason
from rubric_check.messages import message

_log = logging.getLogger(__name__)

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
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",  # the browser picks a free port and writes it to DevToolsActivePort
)
_PORT_FILE = "DevToolsActivePort"


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


class PdfPrinter:
    """One headless browser and one tab, started on the first page and kept for the whole batch.

    After a failure the browser is closed, so the next page starts a fresh one; a browser that
    could not start at all is not tried again for every page of the batch.
    """

    def __init__(self, browser: str, timeout: float = TIMEOUT_SECONDS, temp_folder: Path | None = None) -> None:
        """``temp_folder``: where the browser's profile goes (None: the system's temporary folder)."""
        self.browser = browser
        self.timeout = timeout
        self.temp_folder = temp_folder
        self.started = 0  # browsers started (a batch needs one)
        self.start_failed: str | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._profile: tempfile.TemporaryDirectory[str] | None = None
        self._socket: Any = None
        self._connection = ExitStack()
        self._session = ""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def print(self, html: Path, pdf: Path) -> None:
        """Print ``html`` to ``pdf`` (A4 from the page's @page rule); replaces ``pdf`` atomically."""
        write_bytes_atomic(pdf, self.pdf_bytes(html))

    def pdf_bytes(self, html: Path) -> bytes:
        """The PDF of ``html`` (A4 from the page's @page rule)."""
        from websockets.exceptions import WebSocketException

        if self.start_failed is not None:
            raise PdfError(self.start_failed)
        try:
            if self._socket is None:
                try:
                    self._start()
                except PdfError as exc:
                    self.start_failed = exc.detail
                    raise
            data = self._print(html.resolve().as_uri())
        except PdfError:
            self.close()
            raise
        except (OSError, TimeoutError, ValueError, KeyError, WebSocketException) as exc:
            self.close()
            raise PdfError(library_reason(exc)) from exc
        if not data.startswith(b"%PDF"):
            raise PdfError(message("html.pdf_not_pdf"))
        return data

    def close(self) -> None:
        if self._socket is not None:
            with suppress(Exception):  # the browser may already be gone; the process is ended below
                self._send("Browser.close", {})
            self._connection.close()
            self._socket = None
        if self._process is not None:
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        if self._profile is not None:
            self._profile.cleanup()
            self._profile = None

    def _start(self) -> None:
        from websockets.exceptions import WebSocketException
        from websockets.sync.client import connect

        self._profile = tempfile.TemporaryDirectory(
            prefix="rubric-check-pdf-", dir=self.temp_folder, ignore_cleanup_errors=True
        )
        profile = Path(self._profile.name)
        flags = list(_FLAGS)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox on
        command = [self.browser, *flags, f"--user-data-dir={profile}", "about:blank"]
        try:
            self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise PdfError(os_reason(exc)) from exc
        self.started += 1
        # Ended with the printer even when a batch stops half way (Ctrl+C, a crash): never left running.
        weakref.finalize(self, _end, self._process)
        port, path = self._wait_for_port(profile / _PORT_FILE)
        try:
            url = f"ws://127.0.0.1:{port}{path}"
            self._socket = self._connection.enter_context(connect(url, max_size=None, open_timeout=self.timeout))
        except (OSError, WebSocketException) as exc:
            raise PdfError(library_reason(exc)) from exc
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self._call("Page.enable", {}, session=True)

    def _wait_for_port(self, port_file: Path) -> tuple[int, str]:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise PdfError(message("html.pdf_browser_exited", code=self._process.returncode))
            try:
                port, path = port_file.read_text(encoding="utf-8").split("\n")[:2]
                return int(port), path
            except (OSError, ValueError):
                time.sleep(0.05)  # not written yet (or half written)
        raise PdfError(message("html.pdf_timeout", seconds=f"{self.timeout:g}"))

    def _print(self, url: str) -> bytes:
        self._events.clear()
        navigated = self._call("Page.navigate", {"url": url}, session=True)
        if navigated.get("errorText"):
            _log.info("browser could not open %s: %s", url, navigated["errorText"])
            raise PdfError(message("html.pdf_browser_refused"))
        self._wait_for("Page.loadEventFired")
        printed = self._call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}, session=True)
        return base64.b64decode(printed["data"])

    def _send(self, method: str, params: dict[str, Any], session: bool = False) -> int:
        self._next_id += 1
        request: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            request["sessionId"] = self._session
        self._socket.send(json.dumps(request))
        return self._next_id

    def _call(self, method: str, params: dict[str, Any], session: bool = False) -> dict[str, Any]:
        """Send a command and wait for its answer; events that arrive meanwhile are kept."""
        sent = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == sent:
                if "error" in reply:
                    _log.info("browser refused %s: %s", method, reply["error"])
                    raise PdfError(message("html.pdf_browser_refused"))
                return dict(reply.get("result", {}))
            if "method" in reply:
                self._events.append(reply)

    def _wait_for(self, event: str) -> None:
        deadline = time.monotonic() + self.timeout
        while not any(e["method"] == event and e.get("sessionId") == self._session for e in self._events):
            reply = self._receive(deadline)
            if "method" in reply:
                self._events.append(reply)

    def _receive(self, deadline: float) -> dict[str, Any]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise PdfError(message("html.pdf_timeout", seconds=f"{self.timeout:g}"))
        try:
            return dict(json.loads(self._socket.recv(timeout=left)))
        except TimeoutError as exc:
            raise PdfError(message("html.pdf_timeout", seconds=f"{self.timeout:g}")) from exc


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
