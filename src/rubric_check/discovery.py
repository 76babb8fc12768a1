"""Which files a run scores: files as named, folders walked recursively in sorted order, zip
archives opened (their members listed as if the folder had been given).

Every file in a walked folder is accounted for: a supported one is an input, any other is listed
as skipped with what to do about it (hidden files, Office lock files ``~$…`` and the run's own
outputs are left out without a word: they are never reports).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rubric_check.documents.archive import ARCHIVE_SUFFIXES, Member, list_members
from rubric_check.documents.files import suffix_of
from rubric_check.documents.readers import supported_text
from rubric_check.documents.unsupported import advice
from rubric_check.errors import InputError
from rubric_check.messages import message


@dataclass(frozen=True)
class Input:
    """A file to score: its path on disk and the path shown to users (as given on the command line);
    for a report inside a zip archive, ``path`` is the archive and ``member`` the report in it.

    ``key`` names the file however its folder was typed (``seeds/``, ``./seeds``, an absolute path
    or ``.`` inside it): the folder's own name and the path inside it, or the file's own name when
    the file was named directly. Output page names derive from it, so they do not drift.
    """

    path: Path
    shown: str
    member: Member | None = None
    key: str = field(default="", compare=False)

    @property
    def format(self) -> str | None:
        """The format its name says (``docx`` for ``archive.zip/报告.docx``)."""
        return suffix_of(self.shown if self.member else self.path.name).lstrip(".") or None

    @property
    def name_key(self) -> str:
        return self.key or self.shown


@dataclass(frozen=True)
class Skipped:
    """A file in a walked folder that is not a supported report, and why (with what to do)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Survey:
    inputs: list[Input]
    skipped: list[Skipped]


def discover(arguments: Sequence[str], suffixes: Iterable[str], exclude: Sequence[Path] = ()) -> list[Input]:
    """Every input, sorted by shown path, without duplicates (see :func:`survey`)."""
    return survey(arguments, suffixes, exclude).inputs


def survey(
    arguments: Sequence[str],
    suffixes: Iterable[str],
    exclude: Sequence[Path] = (),
    exclude_files: Collection[Path] = (),
) -> Survey:
    """Every input, sorted by shown path, without duplicates, and the files of folders left out.

    A file named explicitly is always an input (an unsupported or missing one becomes an error entry
    later); inside folders only files with a supported suffix are taken, and ``exclude`` folders (the
    output folder) and ``exclude_files`` (this tool's own outputs) are passed over, so a run never
    scores its own outputs.
    """
    wanted = {s.lower() for s in suffixes}
    excluded = {resolved_path(p) for p in exclude}
    own = {resolved_path(p) for p in exclude_files}
    found: dict[str, Input] = {}
    skipped: dict[str, Skipped] = {}
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            root_name = resolved_path(path).name
            for file in _walk(path, excluded, own):
                relative = file.relative_to(path)
                shown = _join(argument, relative)
                if file.suffix.lower() in wanted:
                    key = f"{root_name}/{relative.as_posix()}" if root_name else relative.as_posix()
                    found.setdefault(shown, Input(file, shown, key=key))
                else:
                    skipped.setdefault(shown, Skipped(shown, skip_reason(file.suffix)))
        else:
            found.setdefault(argument, Input(path, argument, key=path.name or argument))
    members = expand_archives([found[key] for key in sorted(found)], wanted)
    return Survey(sorted(members, key=lambda item: item.shown), [skipped[k] for k in sorted(skipped)])


def skip_reason(suffix: str) -> str:
    shown = suffix.lower() or message("skipped.no_suffix")
    return message("skipped.reason", suffix=shown, advice=advice(suffix, supported_text()))


def expand_archives(inputs: list[Input], wanted: set[str]) -> list[Input]:
    """Each readable zip archive replaced by its members; one that cannot be listed, or holds no
    report, stays as itself and is reported when read. A member's key is the archive's and the
    path inside it, as for a folder."""
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
                key = item.name_key + member.shown[len(item.shown) :]
                out.append(Input(item.path, member.shown, member, key=key))
        if not members and item.shown not in seen:
            seen.add(item.shown)
            out.append(item)
    return out


def _walk(root: Path, excluded: set[Path], own: set[Path]) -> list[Path]:
    files: list[Path] = []
    seen_dirs: set[Path] = set()
    for directory, subdirs, names in os.walk(root, followlinks=True):
        current = resolved_path(Path(directory))
        if current in excluded or current in seen_dirs:
            subdirs[:] = []
            continue
        seen_dirs.add(current)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(directory) / name
            if name.startswith((".", "~$")) or not path.is_file():
                continue
            if own and resolved_path(path) in own:
                continue
            files.append(path)
    return files


def _join(argument: str, relative: Path) -> str:
    base = argument.rstrip("/\\") or argument
    return f"{base}/{relative.as_posix()}"


def resolved_path(path: Path) -> Path:
    """``path`` with symlinks resolved, or made absolute where it cannot be resolved."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
