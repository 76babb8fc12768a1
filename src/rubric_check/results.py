"""Immutable result records shared by the matcher, scoring and every output format."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rubric_check.documents.model import Heading, Meta
from rubric_check.rubric.model import Status

if TYPE_CHECKING:  # a record only: results do not depend on how fingerprints are made
    from rubric_check.matching.fingerprint import Fingerprint


@dataclass(frozen=True)
class Counterpart:
    """The same passage in another report (copy detection): which report, where, and its words
    (None when the store keeps no text)."""

    source: str
    line: int
    text: str | None = None


@dataclass(frozen=True)
class Evidence:
    """A verbatim excerpt of the original line ``line`` (1-based), with the matched span in it."""

    line: int
    text: str
    section: str | None = None
    page: int | None = None
    highlight: tuple[int, int] | None = None
    cut_before: bool = False  # the excerpt starts inside the line (shown with "…")
    cut_after: bool = False
    page_line: int | None = None  # PDF: the line's number on its page
    # The line's place among the paragraphs of its section (0: the heading's own paragraph; counted
    # from the start of the document outside any section): how a Word user finds it under a heading.
    paragraph: int | None = None
    counterpart: Counterpart | None = None


@dataclass(frozen=True)
class Outcome:
    """What one rule or check found: whether it holds, the evidence, and why (if it says)."""

    matched: bool
    evidence: tuple[Evidence, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class CheckResult:
    """A built-in check decides the status itself."""

    status: Status
    evidence: tuple[Evidence, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class Adjustment:
    """A reviewer's override as applied to this element: the status the tool had decided, and who
    changed it, when and why."""

    original_status: Status
    original_message: str
    reviewer: str
    at: str
    note: str


@dataclass(frozen=True)
class ElementResult:
    id: str
    name: str
    status: Status
    severity: str
    weight: float
    message: str
    evidence: tuple[Evidence, ...] = ()
    adjustment: Adjustment | None = None
    check: bool = False  # decided by a built-in check: failing one is 未通过检查, not missing content

    @property
    def required(self) -> bool:
        return self.severity == "required"

    @property
    def failed_check(self) -> bool:
        """A built-in check (title, dates, year consistency…) that failed: a contradiction to correct."""
        return self.check and self.status == "missing"


@dataclass(frozen=True)
class ReportError:
    kind: str
    message: str


@dataclass(frozen=True)
class ReportResult:
    """One report's verdicts, or the error that kept it from being read."""

    path: str
    format: str | None
    meta: Meta | None = None
    score: float | None = None
    grade: str | None = None
    passed: bool = False
    elements: tuple[ElementResult, ...] = ()
    headings: tuple[Heading, ...] = ()
    encoding: str | None = None
    error: ReportError | None = None
    source: str | None = None  # "ocr": the text was recognised from a scan; the original decides
    sha256: str | None = None  # of the file's bytes: what reviewers' overrides and the store key on
    fingerprint: Fingerprint | None = None  # kept only to be recorded in the store, then dropped

    def head(self) -> ReportResult:
        """The result without its elements and outline: what a batch needs once formatters have
        prepared their output (scores, pass, error)."""
        return replace(self, elements=(), headings=(), fingerprint=None)

    @property
    def year(self) -> int | None:
        """The year reported on, as the metadata found it: guidance is written for it."""
        return self.meta.year if self.meta else None

    @property
    def missing_required(self) -> tuple[ElementResult, ...]:
        return tuple(e for e in self.elements if e.required and e.status == "missing")
