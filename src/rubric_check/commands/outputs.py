"""The CI-gate outputs of ``score`` (SARIF, JUnit, Markdown, xlsx, CSV), built from the options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rubric_check.discovery import Input
from rubric_check.formatters.base import Formatter
from rubric_check.gate import Gate

KINDS = {"sarif": "SARIF", "junit": "JUnit XML", "markdown": "Markdown", "xlsx": "Excel", "csv": "CSV"}


def output_formatters(options: Any, gate: Gate) -> list[Formatter]:
    """One formatter per requested file. The xlsx one checks for openpyxl now (before scoring)."""
    formatters: list[Formatter] = []
    if options.sarif:
        from rubric_check.formatters.sarif import SarifFormatter

        formatters.append(SarifFormatter(options.sarif))
    if options.junit:
        from rubric_check.formatters.junit import JunitFormatter

        formatters.append(JunitFormatter(options.junit, gate))
    if options.markdown:
        from rubric_check.formatters.markdown import MarkdownFormatter

        formatters.append(MarkdownFormatter(options.markdown, gate))
    if options.xlsx:
        from rubric_check.formatters.xlsx_report import XlsxFormatter

        formatters.append(XlsxFormatter(options.xlsx))
    if options.csv:
        from rubric_check.formatters.csv_report import CsvFormatter

        formatters.append(CsvFormatter(options.csv))
    return formatters


def written(options: Any) -> list[tuple[str, str]]:
    """(kind, path) of every output file this run writes, for verbose mode."""
    found = [(KINDS[k], getattr(options, k)) for k in KINDS if getattr(options, k)]
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
