"""Legacy binary Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice.

No pure-Python reader handles these formats faithfully, so conversion is delegated to
``soffice --headless --convert-to docx`` when LibreOffice is installed: in a private temporary
folder (with its own LibreOffice profile, so a running office instance does not interfere) and
with a time limit. Without LibreOffice the user is told how to convert the file themselves.
Files that are really .docx or saved web pages under an old suffix are read directly.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from rubric_check.documents.files import file_size, read_head
from rubric_check.documents.model import SourceText
from rubric_check.documents.sniff import HTML, OLE, RTF, ZIP, is_encrypted_office, sniff
from rubric_check.errors import InputError

MAX_LEGACY_BYTES = 100 * 1024 * 1024
CONVERT_TIMEOUT = 120  # seconds; a normal report converts in a few


def find_office() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_word(path: Path, shown_path: str) -> SourceText:
    """Read a .doc/.wps (or a file of another format wearing that suffix)."""
    file_size(path, shown_path, MAX_LEGACY_BYTES)
    fmt = path.suffix.lower().lstrip(".") or "doc"
    kind = sniff(read_head(path, shown_path))
    if kind == ZIP:
        from rubric_check.documents.docx_reader import read_docx

        return dataclasses.replace(read_docx(path, shown_path), format=fmt)
    if kind == HTML:  # "Word" exports from web systems are often HTML named .doc
        from rubric_check.documents.html_reader import read_html

        return dataclasses.replace(read_html(path, shown_path), format=fmt)
    if kind not in (OLE, RTF):
        from rubric_check.documents.sniff import DESCRIPTIONS

        raise InputError.of("mislabelled", path=shown_path, suffix=path.suffix or ".doc", actual=DESCRIPTIONS[kind])
    if kind == OLE and is_encrypted_office(path.read_bytes()):
        raise InputError.of("encrypted", path=shown_path)
    office = find_office()
    if office is None:
        raise InputError.of("legacy_no_office", path=shown_path, suffix=path.suffix.lower())
    with tempfile.TemporaryDirectory(prefix="rubric-check-") as folder:
        converted = convert_to_docx(office, path, shown_path, Path(folder))
        from rubric_check.documents.docx_reader import read_docx

        return dataclasses.replace(read_docx(converted, shown_path), format=fmt)


def convert_to_docx(office: str, path: Path, shown_path: str, folder: Path) -> Path:
    """Run LibreOffice on a copy of ``path`` inside ``folder``; return the .docx it wrote."""
    source = folder / f"input{path.suffix.lower()}"  # an ASCII name: soffice mangles some others
    shutil.copyfile(path, source)
    profile = (folder / "profile").as_uri()
    command = [
        office,
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        "docx",
        "--outdir",
        str(folder),
        str(source),
    ]
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True
        )
    except OSError as exc:
        raise InputError.of("legacy_failed", path=shown_path, detail=exc.strerror or str(exc)) from exc
    try:
        _out, err = process.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        raise InputError.of("legacy_timeout", path=shown_path, seconds=CONVERT_TIMEOUT) from exc
    result = folder / "input.docx"
    if process.returncode != 0 or not result.exists():
        detail = err.decode("utf-8", "replace").strip()[:200] or f"退出码 {process.returncode}"
        raise InputError.of("legacy_failed", path=shown_path, detail=detail)
    return result


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """soffice starts helper processes; end the whole group it leads, then reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.communicate()
