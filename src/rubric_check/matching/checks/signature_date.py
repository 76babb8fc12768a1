"""``signature_date``: the report closes with the reporting body and a date within the deadline.

Departments report on the previous year by 3月1日 (厅字〔2019〕28号); a later date means late.

>>> from rubric_check.testing import document
>>> check(document("关于2023年法治政府建设情况的报告\\n正文。\\n湖滨区司法局\\n2024年2月20日"), prepare({})).status
'met'
"""

from __future__ import annotations

from dataclasses import dataclass

from rubric_check.documents.model import Document
from rubric_check.matching.checks.defaults import defaults
from rubric_check.matching.evidence import paragraph_in_section
from rubric_check.messages import message
from rubric_check.results import CheckResult, Evidence

TYPE = "signature_date"
DEFAULTS = defaults(TYPE)  # data/checks.yaml
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "deadline_month": {"type": "integer", "minimum": 1, "maximum": 12},
        "deadline_day": {"type": "integer", "minimum": 1, "maximum": 31},
    },
}


@dataclass(frozen=True)
class Params:
    deadline_month: int
    deadline_day: int


def prepare(params: dict) -> Params:
    merged = {**DEFAULTS, **params}
    return Params(merged["deadline_month"], merged["deadline_day"])


def check(doc: Document, params: Params) -> CheckResult:
    meta = doc.meta
    evidence = tuple(_line(doc, number) for number in (meta.signature_line, meta.date_line) if number is not None)
    if meta.signature_agency and meta.date:
        if meta.year is not None:
            deadline = f"{meta.year + 1:04d}-{params.deadline_month:02d}-{params.deadline_day:02d}"
            if meta.date > deadline:
                shown = f"{meta.year + 1}年{params.deadline_month}月{params.deadline_day}日"
                return CheckResult(
                    "partial", evidence, message("checks.signature_date.late", date=meta.date, deadline=shown)
                )
        return CheckResult(
            "met", evidence, message("checks.signature_date.met", agency=meta.signature_agency, date=meta.date)
        )
    if meta.signature_agency:
        return CheckResult(
            "partial", evidence, message("checks.signature_date.agency_only", agency=meta.signature_agency)
        )
    if meta.date:
        return CheckResult("partial", evidence, message("checks.signature_date.date_only", date=meta.date))
    return CheckResult("missing", (), message("checks.signature_date.missing"))


def _line(doc: Document, number: int) -> Evidence:
    for paragraph in doc.paragraphs:
        for line in paragraph.lines:
            if line.number == number:
                return Evidence(
                    line=number,
                    text=line.text.strip(),
                    page=line.page,
                    page_line=line.page_line,
                    paragraph=paragraph_in_section(doc, paragraph.index, number),
                )
    return Evidence(line=number, text="")
