"""Scoring one input into a ReportResult; an unreadable one becomes an error entry.

The one entry point for every front end: a file on disk or in an archive (``discovery.Input``),
or bytes with the name a user knows them by (``Upload``: a web upload, a message attachment),
read without a temporary file.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from rubric_check.discovery import Input
from rubric_check.documents.archive import read_member
from rubric_check.documents.files import suffix_of
from rubric_check.documents.model import SourceText
from rubric_check.documents.readers import read_source
from rubric_check.engine import DEFAULT_GATE, read_document, score_document
from rubric_check.errors import InputError
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.recall import Memory, NoMemory
from rubric_check.results import ReportError, ReportResult
from rubric_check.rubric.model import PatternTimeout, Rubric

_log = logging.getLogger(__name__)
NO_MEMORY = NoMemory()


@dataclass(frozen=True)
class Upload:
    """A report's bytes and the name it is shown by (its suffix chooses the reader)."""

    shown: str
    data: bytes

    @property
    def format(self) -> str | None:
        return suffix_of(self.shown).lstrip(".") or None


def score_input(
    item: Input | Upload, rubric: Rubric, gate: Gate = DEFAULT_GATE, memory: Memory = NO_MEMORY
) -> ReportResult:
    """Read and score one file, gated, with what ``memory`` recalls of it (reviewers' overrides,
    reports to compare with). Errors are per file: one bad report never stops a batch."""
    try:
        if isinstance(item, Input) and item.member is not None:  # unpacked once, for the reader and the hash
            item = Upload(item.shown, read_member(item.path, item.member))
        doc = read_document(read_input(item), rubric)
        sha256 = _sha256(item)
        return score_document(doc, rubric, gate, memory.recall(sha256, doc.meta, item.shown), sha256)
    except InputError as exc:
        return ReportResult(path=item.shown, format=_format_of(item), error=ReportError(exc.kind, exc.text))
    except PatternTimeout as exc:
        text = message("cli.pattern_timeout", pattern=" | ".join(exc.sources)[:200], path=item.shown)
        return ReportResult(path=item.shown, format=_format_of(item), error=ReportError("pattern_timeout", text))
    except Exception:  # a bug must not cost the reviewer the rest of the batch
        # The core never prints: the traceback goes to the log, which the front end shows or keeps.
        _log.exception("internal error scoring %s", item.shown)
        text = message("cli.internal", path=item.shown)
        return ReportResult(path=item.shown, format=_format_of(item), error=ReportError("internal", text))


def read_input(item: Input | Upload) -> SourceText:
    """The report ``item`` names: bytes given, a file on disk, or a member read from its archive."""
    if isinstance(item, Upload):
        return read_source((item.shown, item.data))
    if item.member is None:
        return read_source(item.path, item.shown)
    return read_source((item.shown, read_member(item.path, item.member)))


def _format_of(item: Input | Upload) -> str | None:
    return item.format


def _sha256(item: Input | Upload) -> str:
    """SHA-256 of the report's bytes, what reviewers' overrides and the store know it by: bytes in
    hand (an upload, an archive member score_input unpacked), or a file read once more after the
    reader (a few µs for a report)."""
    if isinstance(item, Upload):
        return hashlib.sha256(item.data).hexdigest()
    return file_sha256(item.path)


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
