"""``rubric-check score``: load the rubric, find the inputs, score each, hand results to formatters."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from rubric_check import exit_codes
from rubric_check.commands.batch_store import open_batch_store
from rubric_check.commands.outputs import not_outputs, output_folders, output_formatters, written
from rubric_check.config import Settings, load_settings, replace_options, select
from rubric_check.console import is_tty, ocr_progress, use_color
from rubric_check.discovery import Input, Survey, resolved_path, survey
from rubric_check.documents.readers import supported_text, walked_suffixes
from rubric_check.errors import RubricCheckError, os_reason
from rubric_check.formatters.base import Formatter
from rubric_check.formatters.html_folder import own_files
from rubric_check.formatters.html_names import HISTORY_FOLDER, INDEX_NAME, page_names
from rubric_check.formatters.json_report import JsonFormatter
from rubric_check.formatters.progress import ProgressFormatter
from rubric_check.formatters.registry import FILE_OUTPUT_KEYS, OUTPUT_SETTINGS
from rubric_check.formatters.terminal import TerminalFormatter, skipped_lines
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.parallel import Task, score_all
from rubric_check.store import location as store_location
from rubric_check.store.connection import StoreError, store_errors
from rubric_check.store.history import body_history
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
    # The results store (issue 17): a path or postgresql:// URL; None: $RUBRIC_CHECK_STORE, the
    # configuration, else the user's data folder. no_store: nothing recorded, nothing recalled.
    store: str | None = None
    no_store: bool = False


def run(options: ScoreOptions, stdout: TextIO, stderr: TextIO) -> int:
    from rubric_check.rubrics import load_rubric

    try:
        options, settings = _configured(options)
        gate = Gate(settings.fail_on, options.min_score)
        extra = output_formatters(options, gate, stderr)  # each checks its target: before anything is read
        json_output = JsonFormatter(options.json, stdout) if options.json else None
        rubric = load_rubric(options.rubric)
    except RubricCheckError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    if not options.paths:
        stderr.write(message("cli.missing_argument", param="PATH") + "\n")
        return exit_codes.USAGE
    if options.verbose and settings.config is not None:
        stderr.write(message("ci.using_config", path=settings.config.path) + "\n")
    html_dir = Path(options.html_dir) if options.html_dir else None
    found = _survey(options.paths, html_dir, output_folders(options))
    inputs = not_outputs(select(found.inputs, *settings.scope), options)
    skipped = [s for s in found.skipped if select([Input(Path(s.path), s.path)], *settings.scope)]
    if found.inputs and not inputs:
        if not options.quiet:
            stderr.write(message("config.all_excluded") + "\n")
        return exit_codes.OK
    if not inputs:
        stderr.write(message("usage.no_inputs", supported=supported_text()) + "\n")
        stderr.writelines(line + "\n" for line in skipped_lines(skipped))
        return exit_codes.USAGE
    if options.pdf and not html_dir:
        stderr.write(message("html.pdf_needs_html") + "\n")
        return exit_codes.USAGE
    location = store_location.resolve(options.store, options.no_store, settings["store.location"])
    try:
        # The batch's first look (copy detection's peers) reads every input: a scan is recognised
        # there, once (the OCR cache serves the scoring), and says so as it goes.
        with ocr_progress(None if options.quiet else stderr):
            batch = open_batch_store(location, rubric, inputs, options.jobs, settings["store.keep_text"])
    except StoreError as exc:
        if options.store:  # asked for on the command line: without it the run is not what was asked
            stderr.write(exc.text + "\n")
            return exit_codes.USAGE
        # The default or configured store: the reports are still scored, without memory, and said so.
        stderr.write(exc.text + message("store.scoring_without") + "\n")
        batch = open_batch_store(None, rubric, inputs, options.jobs, settings["store.keep_text"])
    history = html_dir is not None and batch.db is not None  # a page per body, linked from the index
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
    if json_output is not None:
        formatters.append(json_output)
    if html_dir:
        from rubric_check.formatters.html_report import HtmlFormatter  # loads Jinja2 only when needed

        html = HtmlFormatter(
            html_dir,
            pdf=options.pdf,
            gate=gate,
            stderr=stderr,
            quiet=options.quiet,
            names=page_names(inputs),
            expected=len(inputs),
            history=history,
        )
        formatters.append(html)
    if batch.recorder is not None:
        formatters.append(batch.recorder)
    if history and html_dir is not None and batch.db is not None:  # after the recorder: it reads the run
        from rubric_check.formatters.html_history import HistoryPages

        formatters.append(HistoryPages(html_dir, partial(body_history, batch.db)))
    tally = Tally(skipped)
    try:
        with ocr_progress(None if options.quiet else stderr):
            complete = _scored(formatters, inputs, Task(rubric, gate, memory=batch.memory), options.jobs, tally)
        if not complete:
            stderr.write(_interrupted(tally.summary().reports, len(inputs), html_dir) + "\n")
            return exit_codes.INTERRUPTED
    except RubricCheckError as exc:  # an output that cannot be written, a letter template that does not fit
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    except OSError as exc:  # every named output goes through atomic.py: this is a spool in the temp folder
        stderr.write(message("output.temp_failed", folder=tempfile.gettempdir(), reason=os_reason(exc)) + "\n")
        return exit_codes.USAGE
    except store_errors() as exc:
        stderr.write(message("store.write_failed", location=location, detail=exc) + "\n")
        return exit_codes.USAGE
    finally:
        batch.close()
    if options.verbose:
        for kind, path in written(options):
            stderr.write(message("ci.written", kind=kind, path=path) + "\n")
    return tally.exit_code()


def _survey(paths: Sequence[str], html_dir: Path | None, others: Sequence[Path]) -> Survey:
    """The inputs and skipped files. Output folders (``others``: the letters') are passed over; the
    HTML folder too inside a folder given, but when it is itself a folder given, only the outputs its
    manifest lists are (a user may keep the reports and their gap reports in one folder)."""
    if html_dir is None:
        return survey(paths, walked_suffixes(), exclude=others)
    given = {resolved_path(Path(p)) for p in paths if Path(p).is_dir()}
    others = [*others, html_dir / HISTORY_FOLDER]  # the bodies' history pages (results store)
    folders = [*others] if resolved_path(html_dir) in given else [html_dir, *others]
    return survey(paths, walked_suffixes(), exclude=folders, exclude_files=own_files(html_dir))


def _scored(formatters: list[Formatter], inputs: list[Input], task: Task, jobs: int, tally: Tally) -> bool:
    """Score the batch through the formatters; False when the user interrupted it (Ctrl-C): then
    the formatters that can mark their output incomplete do (the HTML index), the others keep the
    previous run's files untouched."""
    for formatter in formatters:
        formatter.start(task.rubric)
    preparers = tuple(formatter.preparer for formatter in formatters)
    head_only = not any(formatter.full_result for formatter in formatters)
    task = dataclasses.replace(task, preparers=preparers, head_only=head_only)
    try:
        for scored in score_all(inputs, task, jobs):
            tally.add(scored.result)
            for formatter, prepared in zip(formatters, scored.prepared, strict=True):
                formatter.report(scored.result, prepared)
    except KeyboardInterrupt:
        for formatter in formatters:
            abort = getattr(formatter, "abort", None)
            if abort is not None:
                abort(tally.summary())
        return False
    summary = tally.summary()
    for formatter in formatters:
        formatter.stop(summary)
    return True


def _interrupted(done: int, total: int, html_dir: Path | None) -> str:
    text = message("score.interrupted", done=done, total=total)
    if html_dir is not None:
        text += message("score.interrupted_html", path=html_dir / INDEX_NAME)
    return text + message("score.interrupted_rest")


def _configured(options: ScoreOptions) -> tuple[ScoreOptions, Settings]:
    """Options with the configuration file merged under them (command line wins)."""
    cli = {
        "paths": options.paths or None,
        "rubric": options.rubric,
        "pass_score": options.min_score,
        "fail_on": options.fail_on,
        "outputs.json": options.json,
        "outputs.html": (options.html_dir or False) if options.html_explicit else None,
        "store.location": options.store,
        **{f"outputs.{k}": getattr(options, k) for k in FILE_OUTPUT_KEYS},
        **{f"outputs.{s.key}": getattr(options, s.key) for s in OUTPUT_SETTINGS},
    }
    settings = load_settings(cli, options.config, options.use_config)
    return replace_options(options, settings), settings
