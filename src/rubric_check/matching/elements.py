"""One element's verdict: met rule, else partial rule, else missing; or a built-in check."""

from __future__ import annotations

from collections.abc import Sequence

from rubric_check.documents.model import Document
from rubric_check.matching.checks import CHECKS
from rubric_check.matching.fingerprint import Comparison
from rubric_check.matching.rules import evaluate
from rubric_check.results import CheckResult, ElementResult
from rubric_check.rubric.model import Element, Rubric
from rubric_check.rubric.variables import fill


def judge(element: Element, doc: Document, rubric: Rubric, comparisons: Sequence[Comparison] = ()) -> ElementResult:
    """The element's status with its evidence and a reason a drafter can act on; ``comparisons``
    are the other reports a copy check compares with (none: it says nothing was compared)."""
    decided = _decide(element, doc, comparisons)
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
        check=element.check is not None,
    )


def _decide(element: Element, doc: Document, comparisons: Sequence[Comparison]) -> CheckResult:
    if element.check is not None:
        module = CHECKS[element.check.type]
        if getattr(module, "USES_COMPARISONS", False):
            return module.check(doc, element.check.params, comparisons)  # type: ignore[no-any-return]
        return module.check(doc, element.check.params)  # type: ignore[no-any-return]
    assert element.met is not None  # the schema guarantees met or check
    met = evaluate(element.met, doc)
    if met.matched:
        return CheckResult("met", met.evidence, met.reason)
    if element.partial is not None:
        partial = evaluate(element.partial, doc)
        if partial.matched:
            return CheckResult("partial", partial.evidence, partial.reason)
    return CheckResult("missing", (), None)
