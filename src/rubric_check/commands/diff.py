"""``rubric-check diff OLD NEW [--html FILE]``: what changed between two drafts of a report."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from rubric_check import exit_codes
from rubric_check.atomic import write_text_atomic
from rubric_check.commands.store_access import StoreChoice, location_of, settings_for
from rubric_check.documents.model import Document
from rubric_check.documents.readers import read_source
from rubric_check.draft_diff import DraftDiff, compare, describe_changes
from rubric_check.engine import read_document, score_document
from rubric_check.errors import InputError, RubricCheckError
from rubric_check.gate import Gate
from rubric_check.memory import BatchMemory
from rubric_check.messages import message
from rubric_check.pipeline import file_sha256
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import load_rubric
from rubric_check.store.connection import StoreError
from rubric_check.store.history import agencies
from rubric_check.store.migrations import open_store
from rubric_check.store.overrides import list_overrides, overrides_by_document


def run(
    old: str, new: str, html: str | None, rubric_name: str | None, choice: StoreChoice, stdout: TextIO, stderr: TextIO
) -> int:
    try:
        settings = settings_for(choice)
        rubric = load_rubric(rubric_name or settings["rubric"])
        memory = _memory(rubric, location_of(choice, settings))
    except RubricCheckError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    gate = Gate(settings.fail_on, settings["pass_score"])
    try:
        scored = [_scored(Path(p), rubric, gate, memory) for p in (old, new)]
    except InputError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.UNREADABLE
    finally:
        memory.close()
    diff = compare(scored[0][0], scored[0][1], scored[1][0], scored[1][1])
    stdout.writelines(line + "\n" for line in diff_lines(diff))
    if html:
        from rubric_check.formatters.diff_html import render_diff

        write_text_atomic(Path(html), render_diff(diff, rubric))
    return exit_codes.OK


def _memory(rubric: Rubric, location: str | None) -> BatchMemory:
    """Reviewers' overrides apply to a draft as to any run; the two drafts are not batch peers (one is
    the other's revision), and nothing is recorded."""
    if location is None:
        return BatchMemory(rubric)
    try:
        db = open_store(location)
    except StoreError:
        return BatchMemory(rubric)  # a diff is useful without the store's memory
    try:
        overrides = overrides_by_document(list_overrides(db))
        bodies = frozenset(agencies(db))
    finally:
        db.close()
    return BatchMemory(rubric, run_id="diff", store=location, overrides=overrides, bodies=bodies)


def _scored(path: Path, rubric: Rubric, gate: Gate, memory: BatchMemory) -> tuple[Document, ReportResult]:
    doc = read_document(read_source(path, str(path)), rubric)
    sha = file_sha256(path)
    return doc, score_document(doc, rubric, gate, memory.recall(sha, doc.meta, str(path)), sha)


def diff_lines(diff: DraftDiff) -> list[str]:
    labels = {s: message(f"status.{s}") for s in ("met", "partial", "missing")}

    def verdict(result: ReportResult) -> str:
        return message("terminal.passed" if result.passed else "terminal.failed")

    lines = [
        message("diff.files", old=diff.old.path, new=diff.new.path),
        message(
            "diff.score",
            old=f"{diff.old.score:g}",
            new=f"{diff.new.score:g}",
            change=f"{diff.score_change:+g}",
            old_grade=diff.old.grade,
            new_grade=diff.new.grade,
            old_verdict=verdict(diff.old),
            new_verdict=verdict(diff.new),
        ),
    ]
    if not diff.changes:
        return [*lines, message("diff.no_change")]
    lines.append(message("diff.changes"))
    lines.extend(f"  {line}" for line in describe_changes(diff.changes, labels))
    lines.append(message("diff.closed", names="、".join(c.name for c in diff.closed) or message("history.nothing")))
    lines.append(message("diff.opened", names="、".join(c.name for c in diff.opened) or message("history.nothing")))
    if diff.text:
        lines.append(message("diff.text"))
    for change in diff.text:
        lines.append(f"  【{change.section or message('diff.no_section')}】")
        lines.extend(f"    - {text}" for text in change.removed)
        lines.extend(f"    + {text}" for text in change.added)
    return lines
