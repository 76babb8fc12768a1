"""Serving the workbench: waitress on a port, the browser opened on the token's address, and the
private folder of uploads removed however the server ends.

waitress: pure Python (runs the same on a Windows PC as here), multi-threaded, no debug mode to
leave on, and its own request-body cap (``max_request_body_size``) in front of Flask's.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing.util
import os
import shutil
import signal
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rubric_check.errors import RubricCheckError, os_reason
from rubric_check.messages import message
from rubric_check.workbench.access import Access

THREADS = 6  # pages, downloads and overrides at once; scoring runs on threads of its own


@dataclass(frozen=True)
class Listen:
    host: str
    port: int  # 0: any free port
    max_body: int


@contextlib.contextmanager
def private_folder() -> Iterator[Path]:
    """A folder only this user can read (mkdtemp makes it 0700), removed when the server stops, or at
    exit if it never gets there. Every temporary file this process makes meanwhile goes in it too —
    waitress's buffer of a large request, Werkzeug's spool of an uploaded file, openpyxl's sheets —
    so an upload's bytes never sit in the shared temporary folder."""
    # multiprocessing keeps its forkserver's socket in a folder it makes once and removes at exit
    # itself: made now, in the shared folder (no report's bytes go there), it is not in ours when
    # ours is removed first, and its path stays short enough for a Unix socket.
    multiprocessing.util.get_temp_dir()
    folder = Path(tempfile.mkdtemp(prefix="rubric-check-serve-"))
    atexit.register(shutil.rmtree, folder, True)
    previous = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(folder, ignore_errors=True)


class Deferred:
    """The WSGI application, handed in once the server is bound: the application's guard needs the
    port, which is known only then when a free one was asked for."""

    def __init__(self) -> None:
        self.app: Callable[..., Any] | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        assert self.app is not None, "bind() first, then hand the application in"
        return self.app(environ, start_response)


def bind(app: Deferred, listen: Listen) -> Any:
    """The waitress server, bound (the port is known and taken before anything is printed)."""
    from waitress.server import create_server

    try:
        return create_server(
            app,
            host=listen.host,
            port=listen.port,
            threads=THREADS,
            # waitress reads a whole body before the application sees it, so its own cap sits above the
            # application's: a body somewhat over the limit gets Flask's Chinese answer, and one far
            # over it (or a Content-Length claiming so) is cut off by waitress at once.
            max_request_body_size=2 * listen.max_body + 1024 * 1024,
            ident="rubric-check",
            clear_untrusted_proxy_headers=True,
            expose_tracebacks=False,
        )
    except OSError as exc:
        raise RubricCheckError(
            "port", message("serve.port_busy", host=listen.host, port=listen.port or "?", reason=os_reason(exc))
        ) from exc


def bound_port(server: Any) -> int:
    """The port waitress bound (one socket, or the first of several for a name with two addresses)."""
    port = getattr(server, "effective_port", None)
    return int(port if port is not None else server.effective_listen[0][1])


def run(server: Any, access: Access, open_browser: bool, announce: Callable[[str], None], seconds: float) -> None:
    """Serve until Ctrl-C (or SIGTERM); the caller's ``finally`` removes the uploads."""
    if access.local:
        announce(message("serve.started", seconds=f"{seconds:.1f}", url=access.url()))
    else:
        announce(message("serve.started_shared", host=access.host, port=access.port, seconds=f"{seconds:.1f}"))
    if open_browser and _has_desktop():
        threading.Thread(target=webbrowser.open, args=(access.url(),), daemon=True).start()
    # Stopped as by Ctrl-C, so the caller's cleanup runs: SIGTERM (a service manager, kill) and, on
    # Windows, SIGBREAK, which is how closing the console window arrives (5 s before the end).
    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGBREAK") if hasattr(signal, name)]
    previous = {stop: signal.signal(stop, _interrupt) for stop in stops}
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        for stop, handler in previous.items():
            signal.signal(stop, handler)


def _has_desktop() -> bool:
    """A browser window can be opened: always on Windows and macOS; on Linux only in a desktop
    session (without one, webbrowser would start a text browser in this very terminal)."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
