"""Scoring one report: SourceText → Document → verdicts → gated ReportResult. Pure: no I/O.

The one entry point every caller uses (the command line, the workers, tests, a future front end):
the result it returns carries the final verdict, decided once by the gate (default policy unless
one is given), after any reviewer's override the store remembers (recall.py).
"""

from __future__ import annotations

from rubric_check.documents.build import build_document
from rubric_check.documents.model import Document, SourceText
from rubric_check.gate import Gate
from rubric_check.matching.checks import no_copying
from rubric_check.matching.elements import judge
from rubric_check.matching.fingerprint import fingerprint
from rubric_check.recall import NOTHING, Recall, adjust
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.scoring import score

DEFAULT_GATE = Gate()


def read_document(source: SourceText, rubric: Rubric) -> Document:
    return build_document(source, rubric.classify, rubric.opening_kinds, rubric.document_kinds, rubric.resolve_kinds)


def score_document(
    doc: Document, rubric: Rubric, gate: Gate = DEFAULT_GATE, recall: Recall = NOTHING, sha256: str | None = None
) -> ReportResult:
    """Judge every element, apply reviewers' overrides, then score and gate: ``passed`` follows the
    reviewer, decided here once."""
    elements = tuple(judge(element, doc, rubric, recall.comparisons) for element in rubric.elements)
    elements = adjust(elements, recall.overrides)
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
        sha256=sha256,
        fingerprint=fingerprint(doc, fingerprint_chars(rubric), recall.keep_text) if recall.keep_fingerprint else None,
    )
    return gate.apply(result, rubric)


def score_source(
    source: SourceText, rubric: Rubric, gate: Gate = DEFAULT_GATE, recall: Recall = NOTHING
) -> ReportResult:
    return score_document(read_document(source, rubric), rubric, gate, recall)


def fingerprint_chars(rubric: Rubric) -> int:
    """Shortest sentence a fingerprint keeps: the rubric's copy check decides, so what is recorded
    is what that check compares."""
    for element in rubric.elements:
        if element.check is not None and element.check.type == no_copying.TYPE:
            return int(element.check.params.min_chars)
    return int(no_copying.DEFAULTS["min_chars"])
