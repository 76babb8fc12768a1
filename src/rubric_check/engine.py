"""Scoring one report: SourceText → Document → verdicts → ReportResult. Pure: no I/O."""

from __future__ import annotations

from rubric_check.documents.build import build_document
from rubric_check.documents.model import Document, SourceText
from rubric_check.matching.elements import judge
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.scoring import score


def read_document(source: SourceText, rubric: Rubric) -> Document:
    return build_document(source, rubric.classify, rubric.opening_kinds, rubric.document_kinds, rubric.resolve_kinds)


def score_document(doc: Document, rubric: Rubric, min_score: float | None = None) -> ReportResult:
    elements = tuple(judge(element, doc, rubric) for element in rubric.elements)
    total = score(elements, rubric, min_score)
    return ReportResult(
        path=doc.path,
        format=doc.format,
        meta=doc.meta,
        score=total.value,
        grade=total.grade,
        passed=total.passed,
        elements=elements,
        headings=doc.headings,
        encoding=doc.encoding,
    )


def score_source(source: SourceText, rubric: Rubric, min_score: float | None = None) -> ReportResult:
    return score_document(read_document(source, rubric), rubric, min_score)
