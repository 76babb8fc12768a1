"""Which files a run scores: files as named, folders walked recursively in sorted order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Input:
    """A file to score: its path on disk and the path shown to users (as given on the command line)."""

    path: Path
    shown: str


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
    return [found[key] for key in sorted(found)]


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
