"""Which files a run scores: files as named, folders walked recursively in sorted order, zip
archives opened (their members listed as if the folder had been given)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rubric_check.documents.archive import ARCHIVE_SUFFIXES, Member, list_members
from rubric_check.documents.files import suffix_of
from rubric_check.errors import InputError


@dataclass(frozen=True)
class Input:
    """A file to score: its path on disk and the path shown to users (as given on the command line);
    for a report inside a zip archive, ``path`` is the archive and ``member`` the report in it."""

    path: Path
    shown: str
    member: Member | None = None

    @property
    def format(self) -> str | None:
        """The format its name says (``docx`` for ``archive.zip/报告.docx``)."""
        return suffix_of(self.shown if self.member else self.path.name).lstrip(".") or None


def discover(arguments: Sequence[str], suffixes: Iterable[str], exclude: Sequence[Path] = ()) -> list[Input]:
    """Every input, sorted by shown path, without duplicates.

    A file named explicitly is always an input (an unsupported or missing one becomes an error entry
    later); inside folders only files with a supported suffix are taken, and ``exclude`` folders (the
    output folder) are skipped so a run never scores its own outputs.
    """
    wanted = {s.lower() for s in suffixes}
    excluded = {_resolved(p) for p in exclude}
    found: dict[str, Input] = {}
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for file in _walk(path, wanted, excluded):
                shown = _join(argument, file.relative_to(path))
                found.setdefault(shown, Input(file, shown))
        else:
            found.setdefault(argument, Input(path, argument))
    members = _archive_members([found[key] for key in sorted(found)], wanted)
    return sorted(members, key=lambda item: item.shown)


def _archive_members(inputs: list[Input], wanted: set[str]) -> list[Input]:
    """Each readable zip archive replaced by its members; one that cannot be listed, or holds no
    report, stays as itself and is reported when read."""
    out: list[Input] = []
    seen: set[str] = set()
    for item in inputs:
        members: list[Member] = []
        if item.path.suffix.lower() in ARCHIVE_SUFFIXES and item.path.is_file():
            try:
                members = list_members(item.path, item.shown, frozenset(wanted))
            except InputError:
                members = []
        for member in members:
            if member.shown not in seen:
                seen.add(member.shown)
                out.append(Input(item.path, member.shown, member))
        if not members and item.shown not in seen:
            seen.add(item.shown)
            out.append(item)
    return out


def _walk(root: Path, wanted: set[str], excluded: set[Path]) -> list[Path]:
    files: list[Path] = []
    seen_dirs: set[Path] = set()
    for directory, subdirs, names in os.walk(root, followlinks=True):
        current = _resolved(Path(directory))
        if current in excluded or current in seen_dirs:
            subdirs[:] = []
            continue
        seen_dirs.add(current)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(directory) / name
            if not name.startswith((".", "~$")) and path.suffix.lower() in wanted and path.is_file():
                files.append(path)
    return files


def _join(argument: str, relative: Path) -> str:
    base = argument.rstrip("/\\") or argument
    return f"{base}/{relative.as_posix()}"


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
