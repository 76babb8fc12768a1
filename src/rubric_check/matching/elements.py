"""One element's verdict: met rule, else partial rule, else missing; or a built-in check."""

from __future__ import annotations

from rubric_check.documents.model import Document
from rubric_check.matching.checks import CHECKS
from rubric_check.matching.rules import evaluate
from rubric_check.results import CheckResult, ElementResult
from rubric_check.rubric.model import Element, Rubric
from rubric_check.rubric.variables import fill


def judge(element: Element, doc: Document, rubric: Rubric) -> ElementResult:
    """The element's status with its evidence and a reason a drafter can act on."""
    decided = _decide(element, doc)
    if element.check is not None and decided.reason:
        reason = decided.reason  # a check's own sentence, finished: it may quote the report ({ included)
    else:  # a rubric author's template: {name} and the report's year (rubric/variables.py)
        template = element.reasons.get(decided.status) or decided.reason or rubric.default_reasons[decided.status]
        reason = fill(template, doc.meta.year, name=element.name)
    return ElementResult(
        id=element.id,
        name=element.name,
        status=decided.status,
        severity=element.severity,
        weight=element.weight,
        message=reason,
        evidence=decided.evidence,
    )


def _decide(element: Element, doc: Document) -> CheckResult:
    if element.check is not None:
        return CHECKS[element.check.type].check(doc, element.check.params)
    assert element.met is not None  # the schema guarantees met or check
    met = evaluate(element.met, doc)
    if met.matched:
        return CheckResult("met", met.evidence, met.reason)
    if element.partial is not None:
        partial = evaluate(element.partial, doc)
        if partial.matched:
            return CheckResult("partial", partial.evidence, partial.reason)
    return CheckResult("missing", (), None)
