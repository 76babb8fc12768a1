"""Scoring one report: SourceText → Document → verdicts → gated ReportResult. Pure: no I/O.

The one entry point every caller uses (the command line, the workers, tests, a future front end):
the result it returns carries the final verdict, decided once by the gate (default policy unless
one is given).
"""

from __future__ import annotations

from rubric_check.documents.build import build_document
from rubric_check.documents.model import Document, SourceText
from rubric_check.gate import Gate
from rubric_check.matching.elements import judge
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.scoring import score

DEFAULT_GATE = Gate()


def read_document(source: SourceText, rubric: Rubric) -> Document:
    return build_document(source, rubric.classify, rubric.opening_kinds, rubric.document_kinds, rubric.resolve_kinds)


def score_document(doc: Document, rubric: Rubric, gate: Gate = DEFAULT_GATE) -> ReportResult:
    elements = tuple(judge(element, doc, rubric) for element in rubric.elements)
    total = score(elements, rubric)
    result = ReportResult(
        path=doc.path,
        format=doc.format,
        meta=doc.meta,
        score=total.value,
        grade=total.grade,
        elements=elements,
        headings=doc.headings,
        encoding=doc.encoding,
        source=doc.source,
    )
    return gate.apply(result, rubric)


def score_source(source: SourceText, rubric: Rubric, gate: Gate = DEFAULT_GATE) -> ReportResult:
    return score_document(read_document(source, rubric), rubric, gate)
