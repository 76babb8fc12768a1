"""Which inputs a run takes: the configuration's include/exclude globs, gitignore-style (pathspec),
relative to the configuration's folder."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path, PurePosixPath

import pathspec

from rubric_check.discovery import Input


@cache
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(p.strip().replace("\\", "/") for p in patterns)


def matches(relative: str, patterns: Iterable[str]) -> bool:
    """Does the posix path match these gitignore-style patterns? ``*`` and ``?`` stay within a folder,
    ``**`` crosses folders, a pattern without ``/`` matches a name at any depth, ``[ab]`` classes and
    ``!negation`` as in .gitignore (pathspec does it; Windows backslashes are read as ``/``).

    >>> matches("drafts/归档/x.txt", ["归档"]), matches("drafts/a.txt", ["*.txt", "!a.txt"])
    (True, False)
    """
    return _spec(tuple(patterns)).match_file(relative)


def relative_to_base(item: Input, base: Path) -> str:
    """The input's path relative to the configuration's folder (posix), or as shown when outside."""
    try:
        return item.path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return PurePosixPath(item.shown.replace("\\", "/")).as_posix()


def select(inputs: Sequence[Input], include: Sequence[str], exclude: Sequence[str], base: Path) -> list[Input]:
    """Inputs that match an include glob (all, if none given) and no exclude glob."""
    kept = []
    for item in inputs:
        relative = relative_to_base(item, base)
        if include and not matches(relative, include):
            continue
        if exclude and matches(relative, exclude):
            continue
        kept.append(item)
    return kept
