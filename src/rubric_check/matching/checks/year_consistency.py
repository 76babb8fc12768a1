"""``year_consistency``: plans are for the report year + 1; no heading names another report year.

A 2023 report whose plans heading says 2023年工作打算 was copied from last year's template or
mislabels the year: reviewers catch it first, so the tool must.

>>> from rubric_check.testing import document
>>> doc = document("关于2023年法治政府建设情况的报告\\n一、主要举措和成效\\n略。\\n二、2023年工作打算\\n略。")
>>> check(doc, prepare({})).status
'missing'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rubric_check.documents.model import Document, Heading
from rubric_check.matching.checks.defaults import defaults
from rubric_check.matching.evidence import excerpt, heading_evidence
from rubric_check.matching.rules import section_headings
from rubric_check.messages import message
from rubric_check.results import CheckResult, Evidence
from rubric_check.rubric.model import Patterns
from rubric_check.rubric.patterns import compile_patterns

TYPE = "year_consistency"
DEFAULTS = defaults(TYPE)  # data/checks.yaml
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "plan_kinds": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "report_kinds": {"type": "array", "items": {"type": "string"}},
        "plan_year_regex": {"type": "string", "pattern": r"\(\?P<year>", "x-hint": "year_group"},
    },
}
# Only the parts' own headings (一、…) claim the report year; a sub-heading may name an earlier year
# for good reason (（二）2022年遗留问题的处理).
TOP_LEVEL = 1
# A year that is part of a range (2021-2025年, 2021至2025年) or a "since" (2020年以来) is not a claim.
_HEADING_YEAR = re.compile(r"(?<![\d\-~至—])(\d{4})年(?!度?[-~至—]|以来)")


@dataclass(frozen=True)
class Params:
    plan_kinds: frozenset[str]
    report_kinds: frozenset[str]
    plan_year: Patterns


def prepare(params: dict) -> Params:
    merged = {**DEFAULTS, **params}
    return Params(
        frozenset(merged["plan_kinds"]),
        frozenset(merged["report_kinds"]),
        compile_patterns(regexes=[merged["plan_year_regex"]]),
    )


def section_kinds(params: Params) -> frozenset[str]:
    return params.plan_kinds | params.report_kinds


def check(doc: Document, params: Params) -> CheckResult:
    year = doc.meta.year
    if year is None:
        return CheckResult("partial", (), message("checks.year_consistency.partial"))
    for found, expected, evidence, where in _claims(doc, params, year):
        if found != expected:
            return CheckResult(
                "missing",
                (evidence,),
                message("checks.year_consistency.missing", year=year, where=where, found=found, expected=expected),
            )
    return CheckResult("met", (), message("checks.year_consistency.met", year=year, next=year + 1))


def _claims(doc: Document, params: Params, year: int):
    """(year found, year expected, evidence, where) for every year the outline commits to."""
    for heading in section_headings(doc):
        if heading.kinds & params.plan_kinds:
            for match in params.plan_year.finditer(heading.title):
                yield int(match.group("year")), year + 1, heading_evidence(doc, heading), _where(heading)
        elif heading.kinds & params.report_kinds and heading.level <= TOP_LEVEL:
            for match in _HEADING_YEAR.finditer(heading.title):
                yield int(match.group(1)), year, heading_evidence(doc, heading), _where(heading)
    heading_paragraphs = {h.paragraph for h in doc.headings if not h.inline}
    for paragraph in doc.paragraphs:
        if paragraph.index in heading_paragraphs or not (doc.kinds_of[paragraph.index] & params.plan_kinds):
            continue
        for match in params.plan_year.finditer(paragraph.text):
            evidence: Evidence = excerpt(doc, paragraph, match.start(), match.end())
            yield int(match.group("year")), year + 1, evidence, match.group(0)


def _where(heading: Heading) -> str:
    return heading.display
