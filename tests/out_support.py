"""Shared material for the output-format tests: seed results scored once, plus crafted edge cases."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from conftest import SEEDS

from rubric_check.discovery import Input
from rubric_check.documents.model import Meta
from rubric_check.formatters.base import Formatter
from rubric_check.pipeline import score_input
from rubric_check.results import ElementResult, Evidence, ReportError, ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import load_rubric
from rubric_check.summary import summarise

PASSING = "seeds/003_0e13b6e94c52ef29.txt"
FAILING = "seeds/000_85fd514af7da5818.txt"


@cache
def seed_results() -> tuple[ReportResult, ...]:
    rubric = load_rubric()
    return tuple(score_input(Input(SEEDS / p.split("/")[-1], p), rubric) for p in (FAILING, PASSING))


def unreadable() -> ReportResult:
    return ReportResult(path="drafts/坏文件.pdf", format="pdf", error=ReportError("pdf_corrupt", "文件已损坏。"))


def hostile(rubric: Rubric) -> ReportResult:
    """A report whose text tries formula and markup injection, with an XML-illegal control char."""
    elements = tuple(
        ElementResult(
            id=e.id,
            name=e.name,
            status="missing" if e.required else "partial",
            severity=e.severity,
            weight=e.weight,
            message='=HYPERLINK("http://x")|<b>粗体</b>\x0c',
            evidence=(Evidence(line=7, text="@SUM(1+1) <script>", section="一、主要举措", page=2),),
        )
        for e in rubric.elements
    )
    meta = Meta(agency="=1+2 某局", year=2023, title="+标题", date=None)
    return ReportResult(
        path="-drafts/报告 #1.txt", format="txt", meta=meta, score=12.5, grade="不合格", passed=False, elements=elements
    )


def run_formatter(formatter: Formatter, rubric: Rubric, results: Sequence[ReportResult]) -> None:
    formatter.start(rubric)
    for result in results:
        formatter.report(result)
    formatter.stop(summarise(list(results)))
