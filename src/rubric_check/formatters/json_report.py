"""The JSON document of the output contract (shared/spec/output-contract.md): other tools read it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rubric_check import __version__
from rubric_check.atomic import write_text_atomic
from rubric_check.formatters.base import Summary
from rubric_check.results import ElementResult, Evidence, ReportResult
from rubric_check.rubric.model import Rubric


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    return {
        "line": evidence.line,
        "page": evidence.page,
        "section": evidence.section,
        "text": evidence.text,
        "highlight": list(evidence.highlight) if evidence.highlight else None,
        "cut_before": evidence.cut_before,
        "cut_after": evidence.cut_after,
    }


def element_json(element: ElementResult) -> dict[str, Any]:
    return {
        "id": element.id,
        "name": element.name,
        "status": element.status,
        "required": element.required,
        "severity": element.severity,
        "weight": _number(element.weight),
        "message": element.message,
        "evidence": [evidence_json(e) for e in element.evidence],
    }


def report_json(result: ReportResult) -> dict[str, Any]:
    meta = result.meta
    return {
        "path": result.path,
        "format": result.format,
        "encoding": result.encoding,
        "meta": None
        if meta is None
        else {"agency": meta.agency, "year": meta.year, "title": meta.title, "date": meta.date},
        "score": result.score,
        "grade": result.grade,
        "passed": result.passed,
        "missing_required": [e.id for e in result.missing_required],
        "elements": [element_json(e) for e in result.elements],
        "error": None if result.error is None else {"kind": result.error.kind, "message": result.error.message},
    }


class JsonFormatter:
    """Collects per-report records (small) and writes one document at the end."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.rubric: dict[str, Any] = {}
        self.reports: list[dict[str, Any]] = []

    def start(self, rubric: Rubric) -> None:
        self.rubric = {"id": rubric.id, "name": rubric.name, "version": rubric.version}

    def report(self, result: ReportResult) -> None:
        self.reports.append(report_json(result))

    def stop(self, summary: Summary) -> None:
        document = {
            "tool": {"name": "rubric-check", "version": __version__},
            "rubric": self.rubric,
            "reports": self.reports,
            "summary": {
                "reports": summary.reports,
                "passed": summary.passed,
                "failed": summary.failed,
                "errors": summary.errors,
            },
        }
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if self.target == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            write_text_atomic(Path(self.target), text)
