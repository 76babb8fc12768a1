"""What a gap report page shows, worked out from a ReportResult and the rubric; no HTML here.

The template only lays out these records, so ordering, highlighting and coverage rules are
plain Python that tests can check without parsing HTML. The records are NamedTuples: immutable like
frozen dataclasses, but four times cheaper to build, and a page builds about a hundred of them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rubric_check.documents.conventions import conventions
from rubric_check.documents.model import Heading, Meta
from rubric_check.messages import message
from rubric_check.results import ElementResult, Evidence, ReportResult
from rubric_check.rubric.model import Element, Rubric

ENUMERATION_LEVEL = 5  # 一是、二是… lists inside a section: shown, but de-emphasised
WHERE_SEPARATOR = " · "
ELLIPSIS = "…"
_SENTENCE_END = conventions().mark_class("stops")


def heading_text(display: str | None) -> str | None:
    """A heading as the reader sees it: a run-in heading (title then body text) ends at its first
    full stop, so the outline and "所在部分" show ``（一）深化改革，优化营商环境。`` and not the paragraph."""
    if not display:
        return display
    end = _SENTENCE_END.search(display)
    return display[: end.end()] if end and end.end() < len(display) else display


class EvidenceView(NamedTuple):
    """An excerpt split around the highlight so each piece is escaped on its own; ``before`` and
    ``after`` carry a "…" where the excerpt was cut out of a longer line."""

    where: str  # 第 3 行 · 第 1 页 · 所在部分：…
    before: str
    marked: str
    after: str


class ElementView(NamedTuple):
    id: str
    name: str
    status: str
    severity: str
    required: bool
    gain: float  # score points gained by reaching "met"
    message: str
    description: str
    basis: str
    guidance: str
    evidence: tuple[EvidenceView, ...]

    @property
    def blocking(self) -> bool:
        """A required element that is missing fails the gate whatever the score."""
        return self.required and self.status == "missing"


class OutlineItem(NamedTuple):
    level: int
    line: int
    text: str
    kinds: tuple[str, ...]
    minor: bool


class PartView(NamedTuple):
    """One of the rubric's section kinds (the five contents of the regulation) and its headings."""

    id: str
    name: str
    headings: tuple[OutlineItem, ...]

    @property
    def found(self) -> bool:
        return bool(self.headings)


class ReportView(NamedTuple):
    path: str
    format: str | None
    encoding: str | None
    source: str | None
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


def where(evidence: Evidence) -> str:
    """The excerpt's line, page (when the format has pages) and section, as one line of text."""
    return WHERE_SEPARATOR.join((message("html.line", line=evidence.line), _place(evidence.page, evidence.section)))


@lru_cache(maxsize=1024)
def _place(page: int | None, section: str | None) -> str:
    """Page and section of an excerpt; cached, as most excerpts of a batch sit under a few headings."""
    parts = [message("html.page", page=page)] if page else []
    parts.append(message("html.section", section=heading_text(section) or message("html.no_section")))
    return WHERE_SEPARATOR.join(parts)


def split_highlight(evidence: Evidence) -> EvidenceView:
    """Split ``text`` at ``highlight``; an out-of-range span is clamped, an empty one ignored."""
    text = evidence.text
    start, end = evidence.highlight or (0, 0)
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end <= start:
        start = end = len(text)
    return EvidenceView(
        where=where(evidence),
        before=ELLIPSIS + text[:start] if evidence.cut_before else text[:start],
        marked=text[start:end],
        after=text[end:] + ELLIPSIS if evidence.cut_after else text[end:],
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
        gain=_gain(result, rubric),
        message=result.message,
        description=element.description if element else "",
        basis=element.basis if element else "",
        guidance=element.guidance if element else "",
        evidence=tuple(map(split_highlight, result.evidence)),
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
            kinds=tuple(map(rubric.section_name, sorted(h.kinds))),
            minor=h.inline or h.level >= ENUMERATION_LEVEL,
        )
        for h in headings
    )


def parts(headings: tuple[Heading, ...], outline: tuple[OutlineItem, ...], rubric: Rubric) -> tuple[PartView, ...]:
    """For each section kind, the (non-enumeration) headings that name it, as the outline shows them
    (``outline`` is ``outline_items(headings, rubric)``)."""
    named = [(h.kinds, item) for h, item in zip(headings, outline, strict=True) if not item.minor]
    return tuple(
        PartView(kind.id, kind.name, tuple(item for kinds, item in named if kind.id in kinds))
        for kind in rubric.sections
    )


def report_view(result: ReportResult, rubric: Rubric) -> ReportView:
    """The page model of a readable report (``result.error`` must be None)."""
    elements = {e.id: e for e in rubric.elements}
    views = [element_view(r, elements.get(r.id), rubric) for r in result.elements]
    outline = outline_items(result.headings, rubric)
    return ReportView(
        path=result.path,
        format=result.format,
        encoding=result.encoding,
        source=result.source,
        meta=result.meta or Meta(),
        score=result.score or 0.0,
        grade=result.grade,
        passed=result.passed,
        missing=_gap_order([v for v in views if v.status == "missing"]),
        partial=_gap_order([v for v in views if v.status == "partial"]),
        met=tuple(v for v in views if v.status == "met"),
        outline=outline,
        parts=parts(result.headings, outline, rubric),
    )
