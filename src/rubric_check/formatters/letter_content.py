"""What a feedback letter (审核意见书) says, worked out from a result, the rubric and the gate; no Word here.

The Word template only lays out these values, so an office can reword or restyle its letter without
touching the logic, and tests check the content without opening a .docx. Every value is text or a
list of ``Gap`` records; the names are the template's variables (docs/letter-template.md).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, NamedTuple

from rubric_check.documents.conventions import conventions
from rubric_check.documents.model import Meta
from rubric_check.formatters.collect import gap_label, gaps
from rubric_check.formatters.locations import location
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.results import ElementResult, Evidence, ReportResult
from rubric_check.rubric.model import Element, Rubric
from rubric_check.rubric.variables import fill


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (for （一）（二）… up to 99), from the one
    numeral table (data/document.yaml: 一 … 十).

    >>> [chinese_numeral(n) for n in (1, 10, 12, 20, 35, 99)]
    ['一', '十', '十二', '二十', '三十五', '九十九']
    """
    numerals = conventions().chinese_numerals  # 一二三四五六七八九十
    tens, ones = divmod(number, 10)
    if tens == 0:
        return numerals[ones - 1]
    head = "" if tens == 1 else numerals[tens - 1]
    return head + numerals[9] + (numerals[ones - 1] if ones else "")


class Gap(NamedTuple):
    """One thing to add or fix, as the letter lists it."""

    number: str  # 一, 二 … within its list
    name: str
    label: str  # 缺失, 部分符合, 不符合要求 …
    status: str  # missing / partial
    required: bool
    problem: str  # what the review found (the element's reason)
    guidance: str  # what to add, written for the report's year
    basis: str
    excerpt: str  # the report's own words, when it said something (partial), else ""
    location: str  # where that is in the report


def _excerpt(evidence: Evidence) -> str:
    text = " ".join(evidence.text.split())
    return ("…" if evidence.cut_before else "") + text + ("…" if evidence.cut_after else "")


def gap(number: int, result: ElementResult, element: Element | None, report: ReportResult) -> Gap:
    """``report``: its year fills the guidance; its format says how a place in it is named."""
    evidence = result.evidence[0] if result.evidence else None
    return Gap(
        number=chinese_numeral(number),
        name=result.name,
        label=gap_label(result),
        status=result.status,
        required=result.required,
        problem=result.message,
        guidance=fill(element.guidance, report.year) if element else "",
        basis=element.basis if element else "",
        excerpt=_excerpt(evidence) if evidence else "",
        location=location(evidence, report.format) if evidence else "",
    )


def verdict_text(result: ReportResult, rubric: Rubric, gate: Gate) -> str:
    """Score, grade and verdict with the reason in one paragraph: a good grade beside a failed verdict
    says why (a missing required part fails a report whatever its score)."""
    score = f"{result.score or 0.0:.1f}"
    reasons = gate.reasons(result, rubric)
    if result.passed:
        text = message("letters.verdict_passed", score=score, grade=result.grade or "")
    else:
        text = message("letters.verdict_failed", score=score, grade=result.grade or "", reasons="；".join(reasons))
        if (result.score or 0.0) >= gate.threshold(rubric):
            text += message("letters.grade_not_verdict")
    return text + gate.describe(rubric)


def letter_context(result: ReportResult, rubric: Rubric, gate: Gate) -> dict[str, Any]:
    """The template's variables for one readable report (``result.error`` is None)."""
    meta = result.meta or Meta()
    specs = {e.id: e for e in rubric.elements}
    found = gaps(result)
    required = [e for e in found if e.required]
    others = [e for e in found if not e.required]
    untitled = message("letters.untitled")
    return {
        "agency": meta.agency or message("letters.unknown_agency"),
        "year": meta.year if meta.year is not None else "",
        "year_text": message("letters.year_text", year=meta.year) if meta.year is not None else "",
        "report_title": message("letters.report_title", title=meta.title) if meta.title else untitled,
        "file_name": PurePath(result.path.replace("\\", "/")).name or result.path,
        "rubric_name": rubric.name,
        "rubric_version": rubric.version,
        "score": f"{result.score or 0.0:.1f}",
        "grade": result.grade or "",
        "passed": result.passed,
        "verdict": message("terminal.passed" if result.passed else "terminal.failed"),
        "fail_reasons": gate.reasons(result, rubric),
        "pass_rule": gate.describe(rubric),
        "verdict_text": verdict_text(result, rubric, gate),
        "required_gaps": [gap(i, e, specs.get(e.id), result) for i, e in enumerate(required, start=1)],
        "other_gaps": [gap(i, e, specs.get(e.id), result) for i, e in enumerate(others, start=1)],
    }


def sample_results(rubric: Rubric) -> tuple[ReportResult, ReportResult]:
    """Two reports for trying a template before a batch is scored, one with every kind of gap and one
    with none: a template that cannot fill both would fail on some real report."""
    statuses = ("missing", "partial")
    elements = tuple(
        ElementResult(
            id=e.id,
            name=e.name,
            status=statuses[i % 2],
            severity=e.severity,
            weight=e.weight,
            message=fill(rubric.default_reasons[statuses[i % 2]], 2023, name=e.name),
            evidence=(Evidence(line=1, text=message("letters.sample_text")),) if i % 2 else (),
        )
        for i, e in enumerate(rubric.elements)
    )
    meta = Meta(agency=message("letters.sample_agency"), year=2023, title=message("letters.sample_title"))
    with_gaps = ReportResult(path="sample.docx", format="docx", meta=meta, score=0.0, grade="", elements=elements)
    clean = ReportResult(path="sample.docx", format="docx", meta=Meta(), score=100.0, grade="", passed=True)
    return with_gaps, clean
