"""Immutable result records shared by the matcher, scoring and every output format."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rubric_check.documents.model import Heading, Meta
from rubric_check.rubric.model import Status


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
class ElementResult:
    id: str
    name: str
    status: Status
    severity: str
    weight: float
    message: str
    evidence: tuple[Evidence, ...] = ()

    @property
    def required(self) -> bool:
        return self.severity == "required"


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

    def head(self) -> ReportResult:
        """The result without its elements and outline: what a batch needs once formatters have
        prepared their output (scores, pass, error)."""
        return replace(self, elements=(), headings=())

    @property
    def year(self) -> int | None:
        """The year reported on, as the metadata found it: guidance is written for it."""
        return self.meta.year if self.meta else None

    @property
    def missing_required(self) -> tuple[ElementResult, ...]:
        return tuple(e for e in self.elements if e.required and e.status == "missing")
