"""``title``: the report opens with a title naming the body, the year, the subject and the kind.

>>> from rubric_check.testing import document
>>> check(document("湖滨区司法局\\n关于2024年法治政府建设情况的报告\\n2024年，我局……。"), prepare({})).status
'met'
>>> check(document("法治政府建设工作报告\\n2024年，我局……。"), prepare({})).status
'partial'
"""

from __future__ import annotations

from dataclasses import dataclass

from rubric_check.documents.metadata import YEAR
from rubric_check.documents.model import Document
from rubric_check.matching.checks.defaults import defaults
from rubric_check.matching.evidence import whole_line
from rubric_check.messages import message
from rubric_check.results import CheckResult

TYPE = "title"
DEFAULTS = defaults(TYPE)  # data/checks.yaml
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "subject": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "kind": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    },
}


@dataclass(frozen=True)
class Params:
    subject: tuple[str, ...]
    kind: tuple[str, ...]


def prepare(params: dict) -> Params:
    merged = {**DEFAULTS, **params}
    return Params(subject=tuple(merged["subject"]), kind=tuple(merged["kind"]))


def check(doc: Document, params: Params) -> CheckResult:
    if doc.meta.title is None:
        return CheckResult("missing", (), message("checks.title.missing"))
    block = sorted(doc.title_paragraphs)
    text = "".join(doc.paragraphs[i].text for i in block)
    evidence = tuple(whole_line(doc, doc.paragraphs[i]) for i in block)
    lacks = [
        name
        for name, present in (
            ("agency", doc.meta.title_agency is not None),
            ("year", YEAR.search(text) is not None),
            ("subject", any(word in text for word in params.subject)),
            ("kind", any(word in text for word in params.kind)),
        )
        if not present
    ]
    if lacks:
        missing_parts = "、".join(message(f"checks.title.lacks.{name}") for name in lacks)
        return CheckResult(
            "partial", evidence, message("checks.title.partial", title=doc.meta.title, lacks=missing_parts)
        )
    return CheckResult("met", evidence, message("checks.title.met", title=doc.meta.title))
