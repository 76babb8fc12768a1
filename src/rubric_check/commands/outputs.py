"""The CI-gate outputs of ``score`` (SARIF, JUnit, Markdown, xlsx, CSV), built from the options."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, TextIO

from rubric_check.discovery import Input, resolved_path
from rubric_check.formatters.base import Formatter
from rubric_check.formatters.registry import FILE_OUTPUTS
from rubric_check.gate import Gate


def output_formatters(options: Any, gate: Gate, stderr: TextIO | None = None) -> list[Formatter]:
    """One formatter per requested file, in the registry's order. The xlsx one checks for openpyxl
    now (before scoring)."""
    values = {field.name: getattr(options, field.name) for field in dataclasses.fields(options)}
    return [
        output.build(getattr(options, output.key), gate, values, stderr)
        for output in FILE_OUTPUTS
        if getattr(options, output.key)
    ]


def output_folders(options: Any) -> list[Path]:
    """Folders this run writes a file per report into: never read as inputs (last run's letters)."""
    return [Path(getattr(options, o.key)) for o in FILE_OUTPUTS if o.directory and getattr(options, o.key)]


def written(options: Any) -> list[tuple[str, str]]:
    """(kind, path) of every output file this run writes, for verbose mode."""
    found = [(output.label, getattr(options, output.key)) for output in FILE_OUTPUTS if getattr(options, output.key)]
    if options.json and options.json != "-":
        found.insert(0, ("JSON", options.json))
    return found


def not_outputs(inputs: list[Input], options: Any) -> list[Input]:
    """Drop inputs that are this run's own output files (a Markdown summary is also a .md report)."""
    targets = {resolved_path(Path(path)) for _, path in written(options)}
    return [item for item in inputs if resolved_path(item.path) not in targets]
