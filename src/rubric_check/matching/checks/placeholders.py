"""``placeholders``: template residue left in a report (XX局, ××, *次, 20XX年, 【】).

>>> from rubric_check.testing import document
>>> check(document("2024年，XX局共办理*件。"), prepare({})).status
'missing'
>>> check(document("2024年，我局共办理35件。"), prepare({})).status
'met'
"""

from __future__ import annotations

from dataclasses import dataclass

from rubric_check.documents.model import Document
from rubric_check.matching.checks.defaults import defaults
from rubric_check.matching.evidence import excerpt
from rubric_check.matching.spans import spans
from rubric_check.messages import message
from rubric_check.results import CheckResult
from rubric_check.rubric.model import Patterns
from rubric_check.rubric.patterns import compile_patterns

TYPE = "placeholders"
DEFAULTS = defaults(TYPE)  # data/checks.yaml
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"regex": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}},
}
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class Params:
    patterns: Patterns


def prepare(params: dict) -> Params:
    return Params(compile_patterns(regexes={**DEFAULTS, **params}["regex"]))


def check(doc: Document, params: Params) -> CheckResult:
    found = spans(params.patterns, doc)
    if not found:
        return CheckResult("met", (), message("checks.placeholders.met"))
    evidence = tuple(excerpt(doc, doc.paragraphs[i], start, end) for i, start, end in found[:MAX_EVIDENCE])
    index, start, end = found[0]
    first = doc.paragraphs[index].text[start:end]
    return CheckResult("missing", evidence, message("checks.placeholders.missing", count=len(found), first=first))
