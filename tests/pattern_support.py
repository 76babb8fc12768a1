"""Walking a compiled rubric for its pattern lists (tests of the search shortcuts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass

from rubric_check.rubric.model import Patterns
from rubric_check.rubric.phrases import PhraseIndex


def rubric_patterns(value: object, seen: set[int] | None = None) -> list[Patterns]:
    """Every compiled pattern list reachable from ``value`` (a rubric and its parts)."""
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, (str, bytes, int, float, bool, type(None), PhraseIndex)):
        return []
    seen.add(id(value))
    if isinstance(value, Patterns):
        indexed = value.indexed
        return [value, *([indexed.rest] if indexed is not None and indexed.rest is not None else [])]
    if isinstance(value, Mapping):
        children = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        children = list(value)
    elif is_dataclass(value):
        children = [getattr(value, f.name) for f in fields(value)]
    else:
        return []
    return [found for child in children for found in rubric_patterns(child, seen)]
