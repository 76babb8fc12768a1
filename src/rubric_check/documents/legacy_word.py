"""Legacy binary Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice.

No pure-Python reader handles these formats faithfully, so conversion is delegated to
``soffice --headless --convert-to docx`` when LibreOffice is installed: in a private temporary
folder (with its own LibreOffice profile, so a running office instance does not interfere) and
with a time limit. Without LibreOffice the user is told how to convert the file themselves.
Files that are really .docx or saved web pages under an old suffix are read directly, and an old
binary file renamed .docx is converted like a .doc.
"""

from __future__ import annotations

import dataclasses
import logging
import subprocess
import tempfile
from pathlib import Path

from rubric_check.documents.docx_reader import read_docx
from rubric_check.documents.files import check_size, suffix_of
from rubric_check.documents.html_reader import read_html
from rubric_check.documents.model import SourceText
from rubric_check.documents.office import find_office, no_office_advice, stop_process_tree
from rubric_check.documents.sniff import DESCRIPTIONS, HTML, OLE, RTF, ZIP, is_encrypted_office, sniff
from rubric_check.errors import InputError, os_reason
from rubric_check.messages import message

MAX_LEGACY_BYTES = 100 * 1024 * 1024
CONVERT_TIMEOUT = 120  # seconds; a normal report converts in a few
_log = logging.getLogger(__name__)


def read_word(data: bytes, name: str) -> SourceText:
    """Read a .docx, or an old binary Word file someone renamed .docx."""
    if sniff(data[:2048]) == OLE and not is_encrypted_office(data):
        return read_legacy_word(data, name)
    return read_docx(data, name)


def read_legacy_word(data: bytes, name: str) -> SourceText:
    """Read a .doc/.wps (or a file of another format wearing that suffix)."""
    check_size(data, name, MAX_LEGACY_BYTES)
    suffix = suffix_of(name) or ".doc"
    fmt = suffix.lstrip(".")
    kind = sniff(data[:2048])
    if kind == ZIP:
        return dataclasses.replace(read_docx(data, name), format=fmt)
    if kind == HTML:  # "Word" exports from web systems are often HTML named .doc
        return dataclasses.replace(read_html(data, name), format=fmt)
    if kind not in (OLE, RTF):
        raise InputError.of("mislabelled", path=name, suffix=suffix, actual=DESCRIPTIONS[kind])
    if kind == OLE and is_encrypted_office(data):
        raise InputError.of("encrypted", path=name)
    office = find_office()
    if office is None:
        raise InputError.of("legacy_no_office", path=name, suffix=suffix, advice=no_office_advice())
    with tempfile.TemporaryDirectory(prefix="rubric-check-") as folder:
        converted = convert_to_docx(office, data, suffix, name, Path(folder))
        return dataclasses.replace(read_docx(converted, name), format=fmt)


def convert_to_docx(office: str, data: bytes, suffix: str, name: str, folder: Path) -> bytes:
    """Run LibreOffice on ``data`` written inside ``folder``; return the bytes of the .docx it wrote."""
    source = folder / f"input{suffix}"  # an ASCII name: soffice mangles some others
    source.write_bytes(data)
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
        raise InputError.of("legacy_failed", path=name, detail=os_reason(exc)) from exc
    try:
        _out, err = process.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        stop_process_tree(process)
        raise InputError.of("legacy_timeout", path=name, seconds=CONVERT_TIMEOUT) from exc
    result = folder / "input.docx"
    if process.returncode != 0 or not result.exists():
        _log.info("soffice failed on %s: %s", name, err.decode("utf-8", "replace").strip()[:2000])
        raise InputError.of("legacy_failed", path=name, detail=message("office.exit_code", code=process.returncode))
    return result.read_bytes()
