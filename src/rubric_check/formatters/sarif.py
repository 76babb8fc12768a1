"""SARIF 2.1.0 log (``--sarif F``): code-scanning views (GitHub, GitLab, IDEs) show each gap in place.

One result per missing or partial element, located at its first evidence line or at the start of
the file; one rule per rubric element, with the help text and legal basis; the level follows the
element's severity. Unreadable files become tool execution notifications, not results.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from rubric_check import __version__
from rubric_check.formatters.base import Summary
from rubric_check.formatters.collect import Collector, first_evidence, gap_label, gaps
from rubric_check.formatters.json_report import dumps_indented
from rubric_check.messages import message
from rubric_check.results import ElementResult, ReportResult
from rubric_check.rubric.model import Element, Rubric
from rubric_check.rubric.variables import fill

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"required": "error", "recommended": "warning", "optional": "note"}
SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, str]:
    """A URI for a path as shown: relative paths stay relative to the checkout (%SRCROOT%)."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    posix = PurePosixPath(path.replace("\\", "/")).as_posix()
    return {"uri": quote(posix, safe="/._-~"), "uriBaseId": SRCROOT}


def rule_json(element: Element) -> dict[str, Any]:
    """A rule is shared by every report: its guidance has no year to fill (years read ××××)."""
    guidance = fill(element.guidance, None)
    help_text = message("sarif.help_text", guidance=guidance, basis=element.basis)
    return {
        "id": element.id,
        "name": element.name,
        "shortDescription": {"text": element.name},
        "fullDescription": {"text": element.description.strip()},
        "help": {
            "text": help_text,
            "markdown": message("sarif.help_markdown", guidance=guidance.strip(), basis=element.basis.strip()),
        },
        "defaultConfiguration": {"level": LEVELS[element.severity]},
        "properties": {
            "severity": element.severity,
            "weight": element.weight,
            "basis": element.basis.strip(),
            "tags": ["rubric-check", element.severity, *([element.group] if element.group else [])],
        },
    }


def fingerprint(path: str, element_id: str) -> str:
    """Stable across runs and line moves, so CI systems track a gap as the same alert."""
    return hashlib.sha256(f"{path}\0{element_id}".encode()).hexdigest()[:32]


def result_json(report: ReportResult, element: ElementResult, index: int, guidance: str) -> dict[str, Any]:
    """``guidance``: the element's, as the rubric writes it; filled here for this report's year."""
    guidance = fill(guidance, report.year)
    evidence = first_evidence(element)
    region: dict[str, Any] = {"startLine": evidence.line if evidence else 1}
    if evidence is not None and evidence.text:
        region["snippet"] = {"text": evidence.text}
    physical: dict[str, Any] = {"artifactLocation": artifact_location(report.path), "region": region}
    text = message("sarif.result", name=element.name, status=gap_label(element), reason=element.message)
    properties: dict[str, Any] = {"status": element.status, "severity": element.severity}
    if evidence is not None and evidence.section:
        properties["section"] = evidence.section
    if evidence is not None and evidence.page is not None:
        properties["page"] = evidence.page
    return {
        "ruleId": element.id,
        "ruleIndex": index,
        "level": LEVELS.get(element.severity, "warning"),
        "kind": "fail",
        "message": {"text": f"{text}{message('sarif.guidance', guidance=guidance)}" if guidance else text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"rubricCheckElement/v1": fingerprint(report.path, element.id)},
        "properties": properties,
    }


class SarifFormatter(Collector):
    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.entries = self.spool()  # the results array's entries, rendered as reports arrive
        self.unreadable: list[ReportResult] = []  # few and small: kept for the notifications

    def start(self, rubric: Rubric) -> None:
        super().start(rubric)
        self.index = {e.id: i for i, e in enumerate(rubric.elements)}
        self.guidance = {e.id: e.guidance.strip() for e in rubric.elements}
        head = self._skeleton_parts()[0]
        self.indent = head[len(head.rstrip(" ")) :]  # of an entry in the results array

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        if result.error is not None:
            self.unreadable.append(result)
        for element in gaps(result):
            if element.id in self.index:
                entry = dumps_indented(
                    result_json(result, element, self.index[element.id], self.guidance[element.id]), self.indent
                )
                self.entries.append(("\n" if not len(self.entries) else ",\n") + self.indent + entry)

    def chunks(self, summary: Summary) -> Iterator[str]:
        """What ``json.dumps(document, indent=2)`` gives, the results copied from the spool."""
        head, tail = self._skeleton_parts()
        yield head.rstrip(" ").removesuffix("\n")  # … "results": [
        yield from self.entries
        yield ("\n" + self.indent[:-2] if len(self.entries) else "") + tail.lstrip("\n ") + "\n"

    def _skeleton_parts(self) -> tuple[str, str]:
        """The document without its results, split where they go."""
        head, tail = dumps_indented(self.skeleton([_MARKER])).split(dumps_indented(_MARKER))
        return head, tail

    def skeleton(self, results: list[Any]) -> dict[str, Any]:
        notifications = [
            {
                "level": "error",
                "message": {"text": report.error.message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(report.path)}}],
                "properties": {"kind": report.error.kind},
            }
            for report in self.unreadable
        ]
        invocation: dict[str, Any] = {"executionSuccessful": not notifications}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        rubric = self.rubric
        driver: dict[str, Any] = {
            "name": "rubric-check",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [rule_json(e) for e in self.elements],
        }
        if rubric is not None:
            driver["properties"] = {"rubric": {"id": rubric.id, "name": rubric.name, "version": rubric.version}}
        return {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "invocations": [invocation],
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }


# Stands for the results in the skeleton; a file name or message never holds a NUL character.
_MARKER = "\x00results\x00"
