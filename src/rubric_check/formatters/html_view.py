"""What a gap report page shows, worked out from a ReportResult and the rubric; no HTML here.

The template only lays out these records, so ordering, highlighting and coverage rules are
plain Python that tests can check without parsing HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rubric_check.documents.model import Heading, Meta
from rubric_check.results import ElementResult, Evidence, ReportResult
from rubric_check.rubric.model import Element, Rubric

ENUMERATION_LEVEL = 5  # 一是、二是… lists inside a section: shown, but de-emphasised
_SENTENCE_END = re.compile(r"[。！？!?]")


def heading_text(display: str | None) -> str | None:
    """A heading as the reader sees it: a run-in heading (title then body text) ends at its first
    full stop, so the outline and "所在部分" show ``（一）深化改革，优化营商环境。`` and not the paragraph."""
    if not display:
        return display
    end = _SENTENCE_END.search(display)
    return display[: end.end()] if end and end.end() < len(display) else display


@dataclass(frozen=True)
class EvidenceView:
    """An excerpt split around the highlight so each piece is escaped on its own."""

    line: int
    page: int | None
    section: str | None
    before: str
    marked: str
    after: str
    cut_before: bool = False
    cut_after: bool = False


@dataclass(frozen=True)
class ElementView:
    id: str
    name: str
    status: str
    severity: str
    required: bool
    weight: float
    gain: float  # score points gained by reaching "met"
    message: str
    description: str
    basis: str
    guidance: str
    group: str | None
    evidence: tuple[EvidenceView, ...]

    @property
    def blocking(self) -> bool:
        """A required element that is missing fails the gate whatever the score."""
        return self.required and self.status == "missing"


@dataclass(frozen=True)
class OutlineItem:
    level: int
    line: int
    text: str
    kinds: tuple[str, ...]
    minor: bool


@dataclass(frozen=True)
class PartView:
    """One of the rubric's section kinds (the five contents of the regulation) and its headings."""

    id: str
    name: str
    headings: tuple[OutlineItem, ...]

    @property
    def found(self) -> bool:
        return bool(self.headings)


@dataclass(frozen=True)
class ReportView:
    path: str
    format: str | None
    encoding: str | None
    meta: Meta
    score: float
    grade: str | None
    passed: bool
    missing: tuple[ElementView, ...]
    partial: tuple[ElementView, ...]
    met: tuple[ElementView, ...]
    outline: tuple[OutlineItem, ...]
    parts: tuple[PartView, ...]

    @property
    def blocking(self) -> tuple[ElementView, ...]:
        return tuple(e for e in self.missing if e.blocking)


def split_highlight(evidence: Evidence) -> EvidenceView:
    """Split ``text`` at ``highlight``; an out-of-range span is clamped, an empty one ignored."""
    text = evidence.text
    start, end = evidence.highlight or (0, 0)
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end <= start:
        start = end = len(text)
    return EvidenceView(
        line=evidence.line,
        page=evidence.page,
        section=heading_text(evidence.section),
        before=text[:start],
        marked=text[start:end],
        after=text[end:],
        cut_before=evidence.cut_before,
        cut_after=evidence.cut_after,
    )


def _gain(result: ElementResult, rubric: Rubric) -> float:
    total_weight = rubric.total_weight
    if total_weight <= 0:
        return 0.0
    lost = rubric.credit.get("met", 1.0) - rubric.credit.get(result.status, 0.0)
    return round(100 * result.weight * lost / total_weight, 1)


def element_view(result: ElementResult, element: Element | None, rubric: Rubric) -> ElementView:
    return ElementView(
        id=result.id,
        name=result.name,
        status=result.status,
        severity=result.severity,
        required=result.required,
        weight=result.weight,
        gain=_gain(result, rubric),
        message=result.message,
        description=element.description if element else "",
        basis=element.basis if element else "",
        guidance=element.guidance if element else "",
        group=element.group if element else None,
        evidence=tuple(split_highlight(e) for e in result.evidence),
    )


def _gap_order(views: list[ElementView]) -> tuple[ElementView, ...]:
    """Required first, then rubric order (the sort is stable)."""
    return tuple(sorted(views, key=lambda v: not v.required))


def outline_items(headings: tuple[Heading, ...], rubric: Rubric) -> tuple[OutlineItem, ...]:
    return tuple(
        OutlineItem(
            level=h.level,
            line=h.line,
            text=heading_text(h.display) or h.title,
            kinds=tuple(rubric.section_name(k) for k in sorted(h.kinds)),
            minor=h.inline or h.level >= ENUMERATION_LEVEL,
        )
        for h in headings
    )


def parts(headings: tuple[Heading, ...], rubric: Rubric) -> tuple[PartView, ...]:
    """For each section kind, the (non-enumeration) headings that name it."""
    views = []
    for kind in rubric.sections:
        found = [h for h in headings if kind.id in h.kinds and not h.inline and h.level < ENUMERATION_LEVEL]
        views.append(PartView(kind.id, kind.name, outline_items(tuple(found), rubric)))
    return tuple(views)


def report_view(result: ReportResult, rubric: Rubric) -> ReportView:
    """The page model of a readable report (``result.error`` must be None)."""
    elements = {e.id: e for e in rubric.elements}
    views = [element_view(r, elements.get(r.id), rubric) for r in result.elements]
    return ReportView(
        path=result.path,
        format=result.format,
        encoding=result.encoding,
        meta=result.meta or Meta(),
        score=result.score or 0.0,
        grade=result.grade,
        passed=result.passed,
        missing=_gap_order([v for v in views if v.status == "missing"]),
        partial=_gap_order([v for v in views if v.status == "partial"]),
        met=tuple(v for v in views if v.status == "met"),
        outline=outline_items(result.headings, rubric),
        parts=parts(result.headings, rubric),
    )
