"""``rubric-check score``: load the rubric, find the inputs, score each, hand results to formatters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rubric_check.discovery import discover
from rubric_check.documents.readers import supported_suffixes
from rubric_check.errors import RubricError
from rubric_check.formatters.base import Formatter, Summary
from rubric_check.formatters.json_report import JsonFormatter
from rubric_check.formatters.terminal import TerminalFormatter
from rubric_check.messages import message
from rubric_check.pipeline import score_input
from rubric_check.results import ReportResult

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3


@dataclass(frozen=True)
class ScoreOptions:
    paths: tuple[str, ...]
    rubric: str | None = None
    min_score: float | None = None
    json: str | None = None
    html_dir: str | None = "reports_out"
    pdf: bool = False


def exit_code(results: Sequence[ReportResult]) -> int:
    """Per the contract: 3 if any input was unreadable (before 1), 1 if any report failed, else 0."""
    if any(r.error is not None for r in results):
        return EXIT_UNREADABLE
    if any(not r.passed for r in results):
        return EXIT_FAILED
    return EXIT_PASSED


def run(options: ScoreOptions, stdout: TextIO, stderr: TextIO) -> int:
    from rubric_check.rubric.load import load_rubric

    try:
        rubric = load_rubric(options.rubric)
    except RubricError as exc:
        stderr.write(exc.text + "\n")
        return EXIT_USAGE
    excluded = [Path(options.html_dir)] if options.html_dir else []
    inputs = discover(options.paths, supported_suffixes(), exclude=excluded)
    if not inputs:
        stderr.write(message("usage.no_inputs", supported="、".join(supported_suffixes())) + "\n")
        return EXIT_USAGE
    if options.pdf and not options.html_dir:
        stderr.write(message("html.pdf_needs_html") + "\n")
        return EXIT_USAGE
    formatters: list[Formatter] = [TerminalFormatter(stderr if options.json == "-" else stdout)]
    if options.json:
        formatters.append(JsonFormatter(options.json))
    if options.html_dir:
        from rubric_check.formatters.html_report import HtmlFormatter  # loads Jinja2 only when needed

        formatters.append(HtmlFormatter(Path(options.html_dir), pdf=options.pdf, min_score=options.min_score,
                                        stderr=stderr))
    for formatter in formatters:
        formatter.start(rubric)
    results = []
    for item in inputs:
        result = score_input(item, rubric, options.min_score)
        results.append(result)
        for formatter in formatters:
            formatter.report(result)
    summary = Summary.of(results)
    try:
        for formatter in formatters:
            formatter.stop(summary)
    except OSError as exc:
        stderr.write(message("cli.write_failed", path=exc.filename or "", detail=exc.strerror or exc) + "\n")
        return EXIT_USAGE
    return exit_code(results)
