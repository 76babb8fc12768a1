"""What a gap report page shows, worked out from a ReportResult and the rubric; no HTML here.

The template only lays out these records, so ordering, highlighting and coverage rules are
plain Python that tests can check without parsing HTML. The records are NamedTuples: immutable like
frozen dataclasses, but four times cheaper to build, and a page builds about a hundred of them.
"""

from __future__ import annotations

from typing import NamedTuple

from rubric_check.documents.model import Heading, Meta
from rubric_check.formatters.excerpts import Excerpt, merge_excerpts
from rubric_check.formatters.locations import heading_text, line_place, location
from rubric_check.messages import message
from rubric_check.results import ElementResult, ReportResult
from rubric_check.rubric.model import AllRule, AnyRule, Element, HeadingRule, PassageRule, Rubric, Rule, TextRule
from rubric_check.rubric.variables import fill

ENUMERATION_LEVEL = 5  # 一是、二是… lists inside a section: shown, but de-emphasised
ELLIPSIS = "…"
_WORST_FIRST = ("missing", "partial", "met")

__all__ = ["heading_text"]


class EvidenceView(NamedTuple):
    """An excerpt in (text, marked) pieces, each escaped on its own; a "…" where it was cut out of
    a longer line."""

    where: str  # 第 2 页第 15 行 · 所在部分：…, or “二、…”下第 3 段 (see formatters/locations.py)
    pieces: tuple[tuple[str, bool], ...]
    # Copy detection: the same passage in the other report, shown beside this one.
    other: str | None = None
    other_where: str | None = None


class ElementView(NamedTuple):
    id: str
    name: str
    status: str
    severity: str
    required: bool
    check: bool  # judged by a built-in check (a year mismatch, a late date), not by finding content
    gain: float  # score points gained by reaching "met"
    message: str
    description: str
    basis: str
    guidance: str
    evidence: tuple[EvidenceView, ...]
    adjusted: bool = False  # a reviewer's override set the status (the message says by whom and why)

    @property
    def blocking(self) -> bool:
        """A required element that is missing fails the gate whatever the score."""
        return self.required and self.status == "missing"

    @property
    def label(self) -> str:
        """Message key of the status as shown: a failed check is not missing content."""
        return "html.check_failed" if self.check and self.status == "missing" else f"status.{self.status}"


class OutlineItem(NamedTuple):
    level: int
    line: int
    where: str  # the heading's line where a line number helps (text files), else ""
    text: str
    kinds: tuple[str, ...]
    minor: bool


class PartView(NamedTuple):
    """One of the rubric's section kinds (the five contents of the regulation), its headings and
    the verdicts of the elements that judge it, so the panel says what the cards say."""

    id: str
    name: str
    headings: tuple[OutlineItem, ...]
    elements: tuple[ElementView, ...]  # elements whose rules look for this part

    @property
    def found(self) -> bool:
        return bool(self.headings)

    @property
    def status(self) -> str:
        """The worst verdict of its elements; without elements, whether a heading names it."""
        if self.elements:
            return next(s for s in _WORST_FIRST if any(e.status == s for e in self.elements))
        return "met" if self.found else "missing"


class ReportView(NamedTuple):
    path: str
    format: str | None
    encoding: str | None
    source: str | None
    meta: Meta
    score: float
    grade: str | None
    passed: bool
    missing: tuple[ElementView, ...]  # content not found
    failed_checks: tuple[ElementView, ...]  # checks that failed (a contradiction, not a gap to fill)
    partial: tuple[ElementView, ...]
    met: tuple[ElementView, ...]
    outline: tuple[OutlineItem, ...]
    parts: tuple[PartView, ...]

    @property
    def blocking(self) -> tuple[ElementView, ...]:
        return tuple(e for e in (*self.missing, *self.failed_checks) if e.blocking)

    @property
    def gaps(self) -> int:
        return len(self.missing) + len(self.failed_checks) + len(self.partial)


def evidence_view(excerpt: Excerpt, source_format: str | None) -> EvidenceView:
    pieces = list(excerpt.pieces())
    if excerpt.cut_before:
        pieces.insert(0, (ELLIPSIS, False))
    if excerpt.cut_after:
        pieces.append((ELLIPSIS, False))
    other = excerpt.evidence.counterpart
    return EvidenceView(
        where=location(excerpt.evidence, source_format),
        pieces=tuple(pieces),
        other=None if other is None else (other.text or message("html.counterpart_no_text")),
        other_where=None if other is None else message("html.counterpart", source=other.source, line=other.line),
    )


def _gain(result: ElementResult, rubric: Rubric) -> float:
    total_weight = rubric.total_weight
    if total_weight <= 0:
        return 0.0
    lost = rubric.credit.get("met", 1.0) - rubric.credit.get(result.status, 0.0)
    return round(100 * result.weight * lost / total_weight, 1)


def element_view(
    result: ElementResult,
    element: Element | None,
    rubric: Rubric,
    source_format: str | None = None,
    year: int | None = None,
) -> ElementView:
    """``year``: the report's, which the guidance's model headings and dates are written for."""
    return ElementView(
        id=result.id,
        name=result.name,
        status=result.status,
        severity=result.severity,
        required=result.required,
        check=result.check,
        gain=_gain(result, rubric),
        message=result.message,
        description=element.description if element else "",
        basis=element.basis if element else "",
        guidance=fill(element.guidance, year) if element else "",
        evidence=tuple(evidence_view(e, source_format) for e in merge_excerpts(result.evidence)),
        adjusted=result.adjustment is not None,
    )


def _gap_order(views: list[ElementView]) -> tuple[ElementView, ...]:
    """Required first, then rubric order (the sort is stable)."""
    return tuple(sorted(views, key=lambda v: not v.required))


def outline_items(
    headings: tuple[Heading, ...], rubric: Rubric, source_format: str | None = None
) -> tuple[OutlineItem, ...]:
    return tuple(
        OutlineItem(
            level=h.level,
            line=h.line,
            where=line_place(source_format, h.line),
            text=heading_text(h.display) or h.title,
            kinds=tuple(map(rubric.section_name, sorted(h.kinds))),
            minor=h.inline or h.level >= ENUMERATION_LEVEL,
        )
        for h in headings
    )


def looked_for_kinds(rule: Rule | None) -> frozenset[str]:
    """The section kinds a rule looks for content in (``in:``, ``heading: {kind}``, ``passage``);
    a ``not:`` looks for absence, so its kinds do not count."""
    if isinstance(rule, TextRule):
        return rule.in_kinds
    if isinstance(rule, HeadingRule | PassageRule):
        return frozenset({rule.kind}) if rule.kind else frozenset()
    if isinstance(rule, AllRule | AnyRule):
        return frozenset().union(*map(looked_for_kinds, rule.rules))
    return frozenset()


def parts(
    headings: tuple[Heading, ...], outline: tuple[OutlineItem, ...], rubric: Rubric, views: list[ElementView]
) -> tuple[PartView, ...]:
    """For each section kind, the (non-enumeration) headings that name it, as the outline shows them
    (``outline`` is ``outline_items(headings, rubric)``), and the required elements that look for it."""
    named = [(h.kinds, item) for h, item in zip(headings, outline, strict=True) if not item.minor]
    by_id = {v.id: v for v in views}
    judged = [(looked_for_kinds(e.met), by_id[e.id]) for e in rubric.elements if e.required and e.id in by_id]
    return tuple(
        PartView(
            kind.id,
            kind.name,
            tuple(item for kinds, item in named if kind.id in kinds),
            tuple(view for kinds, view in judged if kind.id in kinds),
        )
        for kind in rubric.sections
    )


def report_view(result: ReportResult, rubric: Rubric) -> ReportView:
    """The page model of a readable report (``result.error`` must be None)."""
    elements = {e.id: e for e in rubric.elements}
    views = [element_view(r, elements.get(r.id), rubric, result.format, result.year) for r in result.elements]
    outline = outline_items(result.headings, rubric, result.format)
    return ReportView(
        path=result.path,
        format=result.format,
        encoding=result.encoding,
        source=result.source,
        meta=result.meta or Meta(),
        score=result.score or 0.0,
        grade=result.grade,
        passed=result.passed,
        missing=_gap_order([v for v in views if v.status == "missing" and not v.check]),
        failed_checks=_gap_order([v for v in views if v.status == "missing" and v.check]),
        partial=_gap_order([v for v in views if v.status == "partial"]),
        met=tuple(v for v in views if v.status == "met"),
        outline=outline,
        parts=parts(result.headings, outline, rubric, views),
    )
