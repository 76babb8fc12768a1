"""``report_kind``: is the document a 法治政府建设年度报告 at all, or a look-alike (工作要点, 述法报告 …)?

The title decides first (a look-alike's title words, then the report's), then cues in the text
(a news item's 记者/通讯员, a person's 本人…述法). Every word list is a parameter in the rubric.

>>> from rubric_check.testing import document
>>> params = prepare({"lookalikes": [{"name": "工作要点", "title": ["工作要点"]}]})
>>> check(document("泽川县司法局\\n2024年法治政府建设工作要点\\n一、总体要求"), params).status
'missing'
>>> check(document("泽川县司法局\\n关于2023年法治政府建设情况的报告\\n2023年，我局……"), params).status
'met'
"""

from __future__ import annotations

from dataclasses import dataclass

from rubric_check.documents.conventions import conventions
from rubric_check.documents.metadata import is_addressee
from rubric_check.documents.model import Document
from rubric_check.matching.checks.defaults import defaults
from rubric_check.matching.evidence import excerpt, whole_line
from rubric_check.matching.spans import spans
from rubric_check.messages import message
from rubric_check.results import CheckResult, Evidence
from rubric_check.rubric.model import Patterns
from rubric_check.rubric.patterns import compile_patterns

TYPE = "report_kind"
_REGEXES = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
DEFAULTS = defaults(TYPE)  # data/checks.yaml
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "report_title": {**_REGEXES, "description": "A title that names the annual report (any one matches)."},
        "report_body": {
            **_REGEXES,
            "description": "Without a telling title: the text reads as the report when every one of these occurs.",
        },
        "lookalikes": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "anyOf": [{"required": ["title"]}, {"required": ["body"]}],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "title": {**_REGEXES, "description": "The title says it is this kind (any one matches)."},
                    "body": {**_REGEXES, "description": "Cues in the text (counted, see body_min)."},
                    "body_min": {"type": "integer", "minimum": 1},
                },
            },
        },
    },
}
MAX_EVIDENCE = 3
HEAD_LINES = 3
HEAD_CHARS = 60


@dataclass(frozen=True)
class Lookalike:
    name: str
    title: Patterns | None
    body: Patterns | None
    body_min: int


@dataclass(frozen=True)
class Params:
    report_title: Patterns
    report_body: tuple[Patterns, ...]
    lookalikes: tuple[Lookalike, ...]


def prepare(params: dict) -> Params:
    merged = {**DEFAULTS, **params}
    return Params(
        report_title=compile_patterns(regexes=merged["report_title"]),
        report_body=tuple(compile_patterns(regexes=[r]) for r in merged["report_body"]),
        lookalikes=tuple(
            Lookalike(
                name=item["name"],
                title=compile_patterns(regexes=item["title"]) if "title" in item else None,
                body=compile_patterns(regexes=item["body"]) if "body" in item else None,
                body_min=item.get("body_min", 1),
            )
            for item in merged["lookalikes"]
        ),
    )


def check(doc: Document, params: Params) -> CheckResult:
    head = _head(doc)
    head_text = "".join(doc.paragraphs[i].text for i in head)
    head_evidence = tuple(whole_line(doc, doc.paragraphs[i]) for i in head)
    for kind in params.lookalikes:
        if kind.title is not None and head_text and kind.title.search(head_text) is not None:
            return CheckResult("missing", head_evidence, message("checks.report_kind.missing", kind=kind.name))
    for kind in params.lookalikes:
        evidence = _body_cues(doc, kind)
        if evidence:
            return CheckResult("missing", evidence, message("checks.report_kind.missing", kind=kind.name))
    if head_text and params.report_title.search(head_text) is not None:
        title = doc.meta.title or head_text
        return CheckResult("met", head_evidence, message("checks.report_kind.met", title=title))
    text = doc.joined[0]
    if all(pattern.search(text) is not None for pattern in params.report_body):
        found = spans(params.report_body[-1], doc)[:1]
        evidence = tuple(excerpt(doc, doc.paragraphs[i], s, e) for i, s, e in found)
        return CheckResult("met", evidence, message("checks.report_kind.met_body"))
    return CheckResult("partial", head_evidence, message("checks.report_kind.unclear"))


def _head(doc: Document) -> list[int]:
    """The title block's paragraphs and the short lines the document opens with (a title the
    metadata did not take for a report's, such as ……统计年报, still names the document), less
    web-page furniture (主题分类：规划计划 is no 工作计划)."""
    head = set(doc.title_paragraphs)
    furniture = conventions().is_furniture
    for paragraph in doc.paragraphs[:HEAD_LINES]:
        if len(paragraph.text) > HEAD_CHARS or "。" in paragraph.text:
            break
        if not furniture(paragraph.text) and not is_addressee(paragraph.text):
            head.add(paragraph.index)
    return sorted(head)


def _body_cues(doc: Document, kind: Lookalike) -> tuple[Evidence, ...]:
    """Evidence of the kind's cues in the text, when there are at least ``body_min`` of them."""
    if kind.body is None:
        return ()
    found = spans(kind.body, doc)
    if len(found) < kind.body_min:
        return ()
    return tuple(excerpt(doc, doc.paragraphs[i], s, e) for i, s, e in found[:MAX_EVIDENCE])
