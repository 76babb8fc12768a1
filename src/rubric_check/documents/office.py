"""Finding the office suite that converts legacy .doc/.wps files, and stopping it cleanly anywhere.

LibreOffice's Windows installer does not put ``soffice`` on PATH, so its standard install folders
are looked in too (and ``RUBRIC_CHECK_SOFFICE`` names it outright). WPS Office, on most desks of
the offices this tool serves, has no command-line converter: when it is installed and LibreOffice
is not, the user is told to save the file as .docx from WPS, which is already there.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from rubric_check.messages import message

ENV_SOFFICE = "RUBRIC_CHECK_SOFFICE"
_log = logging.getLogger(__name__)

# Install folders by platform, relative to an environment variable (Windows) or absolute; a "*"
# stands for a version folder (LibreOffice 7.x once installed to "LibreOffice 7", WPS to "12.1.0.x").
_WINDOWS_BASES = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA")
_LIBREOFFICE = {
    "win32": (
        "LibreOffice/program/soffice.exe",
        "LibreOffice*/program/soffice.exe",
        "Programs/LibreOffice/program/soffice.exe",
    ),
    "darwin": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
    "linux": ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice*/program/soffice", "/snap/bin/libreoffice"),
}
_WPS = {
    "win32": ("Kingsoft/WPS Office/*/office6/wps.exe", "WPS Office/*/office6/wps.exe"),
    "darwin": ("/Applications/wpsoffice.app/Contents/MacOS/wpsoffice",),
    "linux": ("/opt/kingsoft/wps-office/office6/wps", "/usr/bin/wps"),
}


def find_office() -> str | None:
    """The LibreOffice program: $RUBRIC_CHECK_SOFFICE, else on PATH, else in its install folder."""
    configured = os.environ.get(ENV_SOFFICE)
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next(_installed(_LIBREOFFICE), None)


def find_wps() -> str | None:
    """The WPS Office program, if installed where its installer puts it."""
    return shutil.which("wps") or next(_installed(_WPS), None)


def no_office_advice() -> str:
    """What to do when no converter is installed: save from WPS when it is there, else install LibreOffice."""
    wps = find_wps()
    return message("office.use_wps", path=wps) if wps else message("office.install", env=ENV_SOFFICE)


def _installed(patterns: dict[str, tuple[str, ...]]) -> Iterator[str]:
    system = "win32" if sys.platform.startswith(("win", "cygwin")) else sys.platform
    system = system if system in patterns else "linux"
    for pattern in patterns[system]:
        for base in _bases(system, pattern):
            yield from sorted((str(p) for p in base.glob(pattern.lstrip("/")) if p.is_file()), reverse=True)


def _bases(system: str, pattern: str) -> list[Path]:
    if system != "win32":
        return [Path("/")] if pattern.startswith("/") else []
    return [Path(os.environ[name]) for name in _WINDOWS_BASES if os.environ.get(name)]


def stop_process_tree(process: subprocess.Popen[bytes]) -> None:
    """End ``process`` and the helpers it started, then reap it.

    On POSIX the converter leads its own session (``start_new_session``), so its group is killed;
    Windows has neither ``os.killpg`` nor ``SIGKILL``, and ``taskkill /T`` ends the tree instead.
    """
    killpg, sigkill = getattr(os, "killpg", None), getattr(signal, "SIGKILL", None)
    if killpg is not None and sigkill is not None:
        try:
            killpg(process.pid, sigkill)
        except (ProcessLookupError, PermissionError):
            process.kill()
    else:
        try:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
        except OSError:
            _log.debug("taskkill unavailable; killing the converter alone")
        process.kill()
    process.communicate()
