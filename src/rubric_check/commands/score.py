"""``rubric-check score``: load the rubric, find the inputs, score each, hand results to formatters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rubric_check import exit_codes
from rubric_check.commands.outputs import not_outputs, output_folders, output_formatters, written
from rubric_check.config import Settings, load_settings, replace_options, select
from rubric_check.console import is_tty, ocr_progress, use_color
from rubric_check.discovery import discover
from rubric_check.documents.readers import supported_text, walked_suffixes
from rubric_check.errors import RubricCheckError
from rubric_check.formatters.base import Formatter
from rubric_check.formatters.json_report import JsonFormatter
from rubric_check.formatters.progress import ProgressFormatter
from rubric_check.formatters.registry import FILE_OUTPUT_KEYS, OUTPUT_SETTINGS
from rubric_check.formatters.terminal import TerminalFormatter
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.parallel import Task, score_all
from rubric_check.summary import Tally


@dataclass(frozen=True)
class ScoreOptions:
    paths: tuple[str, ...]
    rubric: str | None = None
    min_score: float | None = None
    json: str | None = None
    html_dir: str | None = "reports_out"
    pdf: bool = False
    # CI gate (issue 5). html_explicit=False: --html/--no-html were not given, so a config file may decide.
    html_explicit: bool = True
    config: str | None = None
    use_config: bool = True
    fail_on: str | None = None
    # One field per file output of formatters/registry.py (a test checks they match).
    sarif: str | None = None
    junit: str | None = None
    markdown: str | None = None
    xlsx: str | None = None
    csv: str | None = None
    letters: str | None = None
    letter_template: str | None = None  # the letters' Word template (None: the shipped one)
    quiet: bool = False
    verbose: bool = False
    # Worker processes (issue 8). The command line's default is every core; called as a library,
    # scoring stays in this process unless asked.
    jobs: int = 1


def run(options: ScoreOptions, stdout: TextIO, stderr: TextIO) -> int:
    from rubric_check.rubrics import load_rubric

    try:
        options, settings = _configured(options)
        gate = Gate(settings.fail_on, options.min_score)
        extra = output_formatters(options, gate, stderr)
        rubric = load_rubric(options.rubric)
    except RubricCheckError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    if not options.paths:
        stderr.write(message("cli.missing_argument", param="PATH") + "\n")
        return exit_codes.USAGE
    if options.verbose and settings.config is not None:
        stderr.write(message("ci.using_config", path=settings.config.path) + "\n")
    excluded = [Path(options.html_dir)] if options.html_dir else []
    excluded += output_folders(options)
    found = discover(options.paths, walked_suffixes(), exclude=excluded)
    inputs = not_outputs(select(found, settings.include, settings.exclude, settings.base), options)
    if found and not inputs:
        if not options.quiet:
            stderr.write(message("config.all_excluded") + "\n")
        return exit_codes.OK
    if not inputs:
        stderr.write(message("usage.no_inputs", supported=supported_text()) + "\n")
        return exit_codes.USAGE
    if options.pdf and not options.html_dir:
        stderr.write(message("html.pdf_needs_html") + "\n")
        return exit_codes.USAGE
    table = stderr if options.json == "-" else stdout
    formatters: list[Formatter] = []
    if is_tty(stderr) and len(inputs) > 1 and not options.quiet:
        formatters.append(ProgressFormatter(stderr, len(inputs)))
    if not options.quiet:
        # Not a terminal (a CI log, a pipe): a row per report as it finishes, not all at the end.
        streaming = not is_tty(table)
        formatters.append(
            TerminalFormatter(table, color=use_color(table), verbose=options.verbose, streaming=streaming)
        )
    formatters.extend(extra)
    if options.json:
        formatters.append(JsonFormatter(options.json, stdout))
    if options.html_dir:
        from rubric_check.formatters.html_report import HtmlFormatter  # loads Jinja2 only when needed

        formatters.append(
            HtmlFormatter(Path(options.html_dir), pdf=options.pdf, gate=gate, stderr=stderr, quiet=options.quiet)
        )
    try:
        for formatter in formatters:
            formatter.start(rubric)  # the letters' template is checked here, against the rubric
    except RubricCheckError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    preparers = tuple(formatter.preparer for formatter in formatters)
    head_only = not any(formatter.full_result for formatter in formatters)
    task = Task(rubric, gate, preparers, head_only)
    tally = Tally()
    with ocr_progress(None if options.quiet else stderr):
        for scored in score_all(inputs, task, options.jobs):
            tally.add(scored.result)
            for formatter, prepared in zip(formatters, scored.prepared, strict=True):
                formatter.report(scored.result, prepared)
    summary = tally.summary()
    try:
        for formatter in formatters:
            formatter.stop(summary)
    except OSError as exc:
        stderr.write(message("cli.write_failed", path=exc.filename or "", detail=exc.strerror or exc) + "\n")
        return exit_codes.USAGE
    if options.verbose:
        for kind, path in written(options):
            stderr.write(message("ci.written", kind=kind, path=path) + "\n")
    return tally.exit_code()


def _configured(options: ScoreOptions) -> tuple[ScoreOptions, Settings]:
    """Options with the configuration file merged under them (command line wins)."""
    cli = {
        "paths": options.paths or None,
        "rubric": options.rubric,
        "pass_score": options.min_score,
        "fail_on": options.fail_on,
        "outputs.json": options.json,
        "outputs.html": (options.html_dir or False) if options.html_explicit else None,
        **{f"outputs.{k}": getattr(options, k) for k in FILE_OUTPUT_KEYS},
        **{f"outputs.{s.key}": getattr(options, s.key) for s in OUTPUT_SETTINGS},
    }
    settings = load_settings(cli, options.config, options.use_config)
    return replace_options(options, settings), settings
