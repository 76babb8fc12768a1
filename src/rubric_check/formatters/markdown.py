"""Markdown summary (``--markdown F``) for a CI job summary or a merge-request comment.

Counts, one table row per report, the most common gaps, then the gaps of each failed report folded
in ``<details>``. Text from reports is escaped so a draft cannot inject markup into the comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rubric_check.formatters.base import Summary
from rubric_check.formatters.collect import Collector, GapTally, gap_label, gaps
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.results import ReportResult

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: object) -> str:
    """Escape Markdown/HTML specials and fold line breaks, so any text fits in one table cell."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


class MarkdownFormatter(Collector):
    def __init__(self, target: str, gate: Gate | None = None, top: int = 10) -> None:
        super().__init__(target)
        self.gate = gate or Gate()
        self.top = top
        self.table = self.spool()  # one row per report
        self.details = self.spool()  # the gaps of each failed report
        self.gaps = GapTally()

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        self.table.append(_lines([self._table_row(result)]))
        self.gaps.add(result)
        if result.error is None and not result.passed:
            self.details.append(("\n" if len(self.details) else "") + self._details(result))

    def chunks(self, summary: Summary) -> Iterator[str]:
        """Counts, the table, common gaps, then failed reports' gaps: each part read from the spool."""
        m = message
        out = [f"## {m('markdown.title')}", ""]
        if self.rubric is not None:
            out.append(
                m("markdown.rubric", name=md(self.rubric.name), id=md(self.rubric.id), version=md(self.rubric.version))
            )
            out.append("")
            out.append(md(self.gate.describe(self.rubric)))
            out.append("")
        verdict = (
            "markdown.verdict_passed" if summary.failed == 0 and summary.errors == 0 else "markdown.verdict_failed"
        )
        out += [f"**{m(verdict)}**", ""]
        out.append(
            row(
                [
                    m("markdown.count_reports"),
                    m("markdown.count_passed"),
                    m("markdown.count_failed"),
                    m("markdown.count_errors"),
                ]
            )
        )
        out.append(row(["---:"] * 4))
        out.append(row([str(summary.reports), str(summary.passed), str(summary.failed), str(summary.errors)]))
        out += ["", f"### {m('markdown.reports_title')}", ""]
        out.append(row([m(f"markdown.col_{k}") for k in ("file", "agency", "score", "grade", "gate", "missing")]))
        out.append(row(["---", "---", "---:", "---", "---", "---"]))
        yield _lines(out)
        yield from self.table
        out = []
        if summary.skipped:
            out += ["", f"### {m('markdown.skipped_title', count=len(summary.skipped))}", ""]
            out += [row([m("skipped.col_file"), m("skipped.col_reason")]), row(["---", "---"])]
            out += [row([md(item.path), md(item.reason)]) for item in summary.skipped]
        common = self.gaps.most_common(self.elements, self.top)
        out += ["", f"### {m('markdown.common_title')}", ""]
        if common:
            out.append(
                row(
                    [
                        m("markdown.col_element"),
                        m("markdown.col_severity"),
                        m("markdown.col_count_missing"),
                        m("markdown.col_count_partial"),
                    ]
                )
            )
            out.append(row(["---", "---", "---:", "---:"]))
            for g in common:
                out.append(row([md(g.element.name), m(f"html.{g.element.severity}"), str(g.missing), str(g.partial)]))
        else:
            out.append(m("markdown.common_none"))
        if len(self.details):
            out += ["", f"### {m('markdown.failed_title')}", ""]
        yield _lines(out)
        yield from self.details

    def _table_row(self, r: ReportResult) -> str:
        m = message
        if r.error is not None:
            return row([md(r.path), "", "", "", m("markdown.unreadable"), md(r.error.message)])
        missing = "、".join(e.name for e in r.missing_required) or m("terminal.none")
        gate = m("markdown.passed" if r.passed else "markdown.failed")
        agency = r.meta.agency if r.meta and r.meta.agency else ""
        return row([md(r.path), md(agency), f"{r.score:.1f}", md(r.grade or ""), gate, md(missing)])

    def _details(self, r: ReportResult) -> str:
        """A failed report's gaps, folded."""
        out = ["<details>", f"<summary>{md(r.path)}（{r.score:.1f}）</summary>", ""]
        if self.rubric is not None:
            out += [f"- **{md(reason)}**" for reason in self.gate.reasons(r, self.rubric)]
        out += [f"- {gap_label(e)}：{md(e.name)}——{md(e.message)}" for e in gaps(r)]
        return _lines([*out, "", "</details>"])


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)
