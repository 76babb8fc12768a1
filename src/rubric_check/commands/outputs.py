"""The CI-gate outputs of ``score`` (SARIF, JUnit, Markdown, xlsx, CSV), built from the options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rubric_check.discovery import Input
from rubric_check.formatters.base import Formatter
from rubric_check.formatters.registry import FILE_OUTPUTS
from rubric_check.gate import Gate


def output_formatters(options: Any, gate: Gate) -> list[Formatter]:
    """One formatter per requested file, in the registry's order. The xlsx one checks for openpyxl
    now (before scoring)."""
    return [output.build(getattr(options, output.key), gate) for output in FILE_OUTPUTS if getattr(options, output.key)]


def written(options: Any) -> list[tuple[str, str]]:
    """(kind, path) of every output file this run writes, for verbose mode."""
    found = [(output.label, getattr(options, output.key)) for output in FILE_OUTPUTS if getattr(options, output.key)]
    if options.json and options.json != "-":
        found.insert(0, ("JSON", options.json))
    return found


def not_outputs(inputs: list[Input], options: Any) -> list[Input]:
    """Drop inputs that are this run's own output files (a Markdown summary is also a .md report)."""
    targets = {_resolved(path) for _, path in written(options)}
    return [item for item in inputs if _resolved(str(item.path)) not in targets]


def _resolved(path: str) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path).absolute()
