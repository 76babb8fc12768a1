"""``rubric-check override FILE ELEMENT STATUS --note TEXT`` (or ``--clear``) and ``overrides [FILE]``:
a reviewer's verdict for one document and element, applied by every later run (engine + recall)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rubric_check import exit_codes
from rubric_check.commands.store_access import StoreChoice, open_chosen, reviewer
from rubric_check.errors import RubricCheckError
from rubric_check.messages import message
from rubric_check.pipeline import file_sha256
from rubric_check.recall import Override
from rubric_check.rubrics import load_rubric
from rubric_check.store.overrides import clear_override, list_overrides, set_override
from rubric_check.store.records import now

STATUSES = {"met": "met", "partial": "partial", "missing": "missing"}


@dataclass(frozen=True)
class OverrideRequest:
    file: str
    element: str
    status: str | None
    note: str | None
    clear: bool = False
    rubric: str | None = None


def _status(word: str | None) -> str | None:
    """``met``/``partial``/``missing`` or the Chinese labels users see (符合/部分符合/缺失)."""
    if word is None:
        return None
    labels = {message(f"status.{s}"): s for s in STATUSES}
    return STATUSES.get(word.strip().lower()) or labels.get(word.strip())


def run_override(request: OverrideRequest, choice: StoreChoice, stdout: TextIO, stderr: TextIO) -> int:
    path = Path(request.file)
    if not path.is_file():
        stderr.write(message("override.no_file", path=request.file) + "\n")
        return exit_codes.USAGE
    status = _status(request.status)
    if not request.clear and (status is None or not request.note):
        key = "override.bad_status" if status is None else "override.no_note"
        stderr.write(message(key, status=request.status or "") + "\n")
        return exit_codes.USAGE
    try:
        db, settings = open_chosen(choice)
        rubric = load_rubric(request.rubric or settings["rubric"])
    except RubricCheckError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    try:
        names = {e.id: e.name for e in rubric.elements}
        if request.element not in names:
            known = "、".join(names)
            stderr.write(message("override.unknown_element", element=request.element, known=known) + "\n")
            return exit_codes.USAGE
        sha = file_sha256(path)
        name = names[request.element]
        if request.clear:
            found = clear_override(db, sha, request.element)
            stdout.write(message("override.cleared" if found else "override.none", file=path.name, name=name) + "\n")
            return exit_codes.OK
        assert status is not None and request.note
        override = Override(request.element, status, request.note, reviewer(settings), now())
        set_override(db, sha, path.name, override)
        shown = message(f"status.{status}")
        stdout.write(message("override.recorded", file=path.name, name=name, status=shown) + "\n")
        return exit_codes.OK
    finally:
        db.close()


def run_list(file: str | None, choice: StoreChoice, stdout: TextIO, stderr: TextIO) -> int:
    if file is not None and not Path(file).is_file():
        stderr.write(message("override.no_file", path=file) + "\n")
        return exit_codes.USAGE
    try:
        db, _ = open_chosen(choice)
    except RubricCheckError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    try:
        found = list_overrides(db, file_sha256(Path(file)) if file else None)
    finally:
        db.close()
    if not found:
        stdout.write(message("override.empty") + "\n")
        return exit_codes.OK
    for item in found:
        o = item.override
        line = message(
            "override.row",
            file=item.file_name,
            sha=item.sha256[:12],
            element=o.element,
            status=message(f"status.{o.status}"),
            reviewer=o.reviewer,
            date=o.at[:10],
            note=o.note,
        )
        stdout.write(line + "\n")
    return exit_codes.OK
