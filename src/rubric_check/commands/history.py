"""``rubric-check history [AGENCY] [--json]``: a body's reports by year from the results store, with
score, verdict and the gaps each year closed or opened; without AGENCY, the bodies on record."""

from __future__ import annotations

from dataclasses import asdict
from typing import TextIO

import orjson

from rubric_check import exit_codes
from rubric_check.commands.store_access import StoreChoice, open_chosen
from rubric_check.documents.agency import agency_key
from rubric_check.errors import RubricCheckError
from rubric_check.messages import message
from rubric_check.rubrics import load_rubric
from rubric_check.store.history import BodyHistory, agencies, body_history


def run(agency: str | None, as_json: bool, choice: StoreChoice, stdout: TextIO, stderr: TextIO) -> int:
    try:
        db, settings = open_chosen(choice)
        names = {e.id: e.name for e in load_rubric(settings["rubric"]).elements}
    except RubricCheckError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    try:
        bodies = agencies(db)
        if agency is None:
            _write_bodies(bodies, as_json, stdout)
            return exit_codes.OK
        matches = _matching(agency, bodies)
        if len(matches) != 1:
            key = "history.ambiguous" if matches else "history.unknown"
            stderr.write(message(key, agency=agency, found="、".join(matches)) + "\n")
            return exit_codes.USAGE
        history = body_history(db, matches[0])
    finally:
        db.close()
    assert history is not None
    if as_json:
        stdout.write(orjson.dumps(asdict(history), option=orjson.OPT_INDENT_2).decode("utf-8") + "\n")
    else:
        _write_history(history, names, stdout)
    return exit_codes.OK


def _matching(query: str, bodies: list[str]) -> list[str]:
    """The body named exactly, else every body whose name holds the words given."""
    wanted = agency_key(query) or ""
    return [wanted] if wanted in bodies else [b for b in bodies if wanted in b]


def _write_bodies(bodies: list[str], as_json: bool, stdout: TextIO) -> None:
    if as_json:
        stdout.write(orjson.dumps({"agencies": bodies}, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n")
    elif not bodies:
        stdout.write(message("history.empty") + "\n")
    else:
        stdout.write(message("history.bodies", count=len(bodies)) + "\n")
        stdout.writelines(f"  {body}\n" for body in bodies)


def _write_history(history: BodyHistory, names: dict[str, str], stdout: TextIO) -> None:
    def named(ids: tuple[str, ...]) -> str:
        return "、".join(names.get(i, i) for i in ids) or message("history.nothing")

    stdout.write(message("history.title", agency=history.agency) + "\n")
    for entry in history.years:
        verdict = message("terminal.passed" if entry.passed else "terminal.failed")
        score = "—" if entry.score is None else f"{entry.score:g}"
        line = message(
            "history.row", year=entry.year, score=score, grade=entry.grade or "—", verdict=verdict, file=entry.file_name
        )
        stdout.write(line + "\n")
        if entry is not history.years[0]:
            stdout.write(message("history.changes", closed=named(entry.closed), opened=named(entry.opened)) + "\n")
