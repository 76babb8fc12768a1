"""Markdown summary (``--markdown F``) for a CI job summary or a merge-request comment.

Counts, one table row per report, the most common gaps, then the gaps of each failed report folded
in ``<details>``. Text from reports is escaped so a draft cannot inject markup into the comment.
"""

from __future__ import annotations

import re
from pathlib import Path

from rubric_check.atomic import write_text_atomic
from rubric_check.formatters.base import Summary
from rubric_check.formatters.collect import Collector, common_gaps, gaps, status_label
from rubric_check.gate import Gate
from rubric_check.messages import message

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: object) -> str:
    """Escape Markdown/HTML specials and fold line breaks, so any text fits in one table cell."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


class MarkdownFormatter(Collector):
    def __init__(self, target: str, gate: Gate | None = None, top: int = 10) -> None:
        super().__init__()
        self.target = target
        self.gate = gate or Gate()
        self.top = top

    def document(self, summary: Summary) -> str:
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
        for r in self.results:
            if r.error is not None:
                out.append(row([md(r.path), "", "", "", m("markdown.unreadable"), md(r.error.message)]))
                continue
            missing = "、".join(e.name for e in r.missing_required) or m("terminal.none")
            gate = m("markdown.passed" if r.passed else "markdown.failed")
            agency = r.meta.agency if r.meta and r.meta.agency else ""
            out.append(row([md(r.path), md(agency), f"{r.score:.1f}", md(r.grade or ""), gate, md(missing)]))
        common = common_gaps(self.elements, self.results, self.top)
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
        failed = [r for r in self.results if r.error is None and not r.passed]
        if failed:
            out += ["", f"### {m('markdown.failed_title')}", ""]
            for r in failed:
                out += ["<details>", f"<summary>{md(r.path)}（{r.score:.1f}）</summary>", ""]
                if self.rubric is not None:
                    out += [f"- **{md(reason)}**" for reason in self.gate.reasons(r, self.rubric)]
                for e in gaps(r):
                    out.append(f"- {status_label(e.status)}：{md(e.name)}——{md(e.message)}")
                out += ["", "</details>", ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def stop(self, summary: Summary) -> None:
        write_text_atomic(Path(self.target), self.document(summary))
