"""The JSON document of the output contract (shared/spec/output-contract.md): other tools read it."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any, TextIO

import orjson

from rubric_check import __version__
from rubric_check.atomic import check_writable_file, write_chunks_atomic
from rubric_check.formatters.base import Preparer, Summary
from rubric_check.formatters.spool import TextSpool
from rubric_check.results import Adjustment, ElementResult, Evidence, ReportResult
from rubric_check.rubric.model import Rubric


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    found = {
        "line": evidence.line,
        "page": evidence.page,
        "page_line": evidence.page_line,
        "paragraph": evidence.paragraph,
        "section": evidence.section,
        "text": evidence.text,
        "highlight": list(evidence.highlight) if evidence.highlight else None,
        "cut_before": evidence.cut_before,
        "cut_after": evidence.cut_after,
    }
    if evidence.counterpart is not None:  # copy detection: the same passage in the other report
        other = evidence.counterpart
        found["counterpart"] = {"source": other.source, "line": other.line, "text": other.text}
    return found


def element_json(element: ElementResult, source: str | None = None) -> dict[str, Any]:
    return {
        "id": element.id,
        "name": element.name,
        "status": element.status,
        "required": element.required,
        "severity": element.severity,
        "weight": _number(element.weight),
        "message": element.message,
        "evidence": [evidence_json(e) for e in element.evidence],
        "source": source,
        **({} if element.adjustment is None else {"override": adjustment_json(element.adjustment)}),
    }


def adjustment_json(adjustment: Adjustment) -> dict[str, Any]:
    return {
        "original_status": adjustment.original_status,
        "original_message": adjustment.original_message,
        "reviewer": adjustment.reviewer,
        "at": adjustment.at,
        "note": adjustment.note,
    }


def report_json(result: ReportResult) -> dict[str, Any]:
    meta = result.meta
    return {
        "path": result.path,
        "format": result.format,
        "encoding": result.encoding,
        "source": result.source,
        "sha256": result.sha256,
        "meta": None
        if meta is None
        else {"agency": meta.agency, "year": meta.year, "title": meta.title, "date": meta.date},
        "score": result.score,
        "grade": result.grade,
        "passed": result.passed,
        "missing_required": [e.id for e in result.missing_required],
        "elements": [element_json(e, result.source) for e in result.elements],
        "error": None if result.error is None else {"kind": result.error.kind, "message": result.error.message},
    }


class JsonFormatter:
    """Streams each report's record to a spool file as it comes, and writes the document at the end.

    Nothing per report stays in memory (a record is ~20 KB of JSON; ten thousand would not fit
    comfortably). The bytes are exactly ``json.dumps(document, ensure_ascii=False, indent=2)``.
    """

    def __init__(self, target: str, stdout: TextIO | None = None) -> None:
        """``target``: a path, or "-" for ``stdout``, the stream the command was given (never the
        process's own: a caller that captures output gets the document)."""
        if target == "-" and stdout is None:
            raise ValueError("JsonFormatter('-') needs the stream to write to")
        if target != "-":
            check_writable_file(Path(target))  # made before scoring: an unwritable target fails at once
        self.target = target
        self.stdout = stdout
        self.rubric: dict[str, Any] = {}
        self.spool = TextSpool()  # the records, as reports arrive; closed in stop

    def start(self, rubric: Rubric) -> None:
        self.rubric = {"id": rubric.id, "name": rubric.name, "version": rubric.version}

    full_result = False

    @property
    def preparer(self) -> Preparer:
        return record_text

    def report(self, result: ReportResult, prepared: str | None = None) -> None:
        record = record_text(result) if prepared is None else prepared
        self.spool.append((_REPORT_SEPARATOR if len(self.spool) else "") + record)

    def stop(self, summary: Summary) -> None:
        document = {
            "tool": {"name": "rubric-check", "version": __version__},
            "rubric": self.rubric,
            "reports": [_PLACEHOLDER] if len(self.spool) else [],
            "skipped": [{"path": item.path, "reason": item.reason} for item in summary.skipped],
            "summary": {
                "reports": summary.reports,
                "passed": summary.passed,
                "failed": summary.failed,
                "errors": summary.errors,
            },
        }
        # The last occurrence is the one in "reports": only skipped files (paths hold no NUL) and numbers follow it.
        head, _, tail = (dumps_indented(document) + "\n").rpartition(dumps_indented(_PLACEHOLDER))
        try:
            chunks = itertools.chain([head], self.spool, [tail])
            if self.target == "-":
                stream = self.stdout
                assert stream is not None
                for chunk in chunks:
                    stream.write(chunk)
                stream.flush()
            else:
                write_chunks_atomic(Path(self.target), chunks)
        finally:
            self.spool.close()


def record_text(result: ReportResult) -> str:
    """One report's record as it stands in the document (an item of the reports list)."""
    return dumps_indented(report_json(result), _REPORT_INDENT)


_PLACEHOLDER = "\u0000reports\u0000"
_REPORT_INDENT = "    "  # reports are items of a list inside the top-level object
_REPORT_SEPARATOR = ",\n" + _REPORT_INDENT


def dumps_indented(value: Any, indent: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` as if nested at ``indent``, by orjson.

    The stdlib runs its pure-Python encoder whenever ``indent`` is set (~0.3 ms per report); orjson
    writes the same bytes in C for everything this tool writes: string keys, integers, floats
    rounded to 0.1 (orjson spells floats below 1e-4 without an exponent, json.dumps with one) and
    text. A string orjson refuses (a lone surrogate) goes through json.dumps.

    >>> sample = {"a": [1, 2.5, None, True], "b": {}, "c": [], "d": {"e": "引号\\"\\n"}}
    >>> dumps_indented(sample) == json.dumps(sample, ensure_ascii=False, indent=2)
    True
    """
    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + indent) if indent else text
