"""``quantified_facts``: results backed by figures (件、次、人、家、户、项、%、万元…).

Only Arabic figures followed by a unit count: document numbers (〔2020〕255号), dates and ordinals
(第3次) are not results, and Chinese numerals are mostly fixed phrases (一对一, 两个加强).

>>> from rubric_check.testing import document
>>> check(document("一、主要举措和成效\\n全年办理案件12件，罚款8900元，培训300人次。"), prepare({"met_min": 3})).status
'met'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rubric_check.documents.model import Document
from rubric_check.matching.evidence import excerpt
from rubric_check.messages import message
from rubric_check.results import CheckResult

TYPE = "quantified_facts"
DEFAULTS = {
    "units": [
        "件次",
        "人次",
        "户次",
        "家次",
        "万元",
        "亿元",
        "余件",
        "课时",
        "小时",
        "件",
        "次",
        "人",
        "家",
        "户",
        "项",
        "%",
        "元",
        "条",
        "起",
        "宗",
        "个",
        "名",
        "场",
        "期",
        "份",
        "台",
        "所",
        "批",
        "篇",
        "例",
        "辆",
        "天",
        "类",
        "部",
        "册",
        "万",
    ],
    "not_in": ["plans", "problems"],
    "met_min": 5,
    "partial_min": 1,
}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "units": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "not_in": {"type": "array", "items": {"type": "string"}},
        "met_min": {"type": "integer", "minimum": 1},
        "partial_min": {"type": "integer", "minimum": 1},
    },
}
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class Params:
    figure: re.Pattern[str]
    not_in: frozenset[str]
    met_min: int
    partial_min: int


def prepare(params: dict) -> Params:
    merged = {**DEFAULTS, **params}
    units = "|".join(re.escape(u) for u in sorted(merged["units"], key=len, reverse=True))
    figure = re.compile(rf"(?<![\d.〔\[第-])\d+(?:\.\d+)?(?:余|多)?(?:{units})")
    return Params(figure, frozenset(merged["not_in"]), merged["met_min"], merged["partial_min"])


def section_kinds(params: Params) -> frozenset[str]:
    """Section kinds this check refers to (validated against the rubric's sections)."""
    return params.not_in


def check(doc: Document, params: Params) -> CheckResult:
    found = [
        (paragraph, match)
        for paragraph in doc.paragraphs
        if not (doc.kinds_of[paragraph.index] & params.not_in)
        for match in params.figure.finditer(paragraph.text)
    ]
    count = len(found)
    evidence = tuple(excerpt(doc, p, m.start(), m.end()) for p, m in found[:MAX_EVIDENCE])
    if count >= params.met_min:
        return CheckResult("met", evidence, message("checks.quantified_facts.met", count=count))
    if count >= params.partial_min:
        return CheckResult(
            "partial", evidence, message("checks.quantified_facts.partial", count=count, needed=params.met_min)
        )
    return CheckResult("missing", (), message("checks.quantified_facts.missing"))
