"""JUnit XML (``--junit F``): CI systems (GitLab, Jenkins, Gitea/GitHub actions) render it as tests.

A test suite per report and a test case per rubric element. A missing element is a failure carrying
the reason, the guidance and the legal basis; a partial one passes but says so in ``system-out``
(partial does not fail the default gate). A final case, the gate itself, fails exactly when the
report fails the gate, so the test view agrees with the exit code. An unreadable file is a suite
with one erroring case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from rubric_check.formatters.base import Summary
from rubric_check.formatters.collect import Collector, status_label
from rubric_check.formatters.locations import location
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.results import ElementResult, ReportResult
from rubric_check.rubric.model import Element
from rubric_check.rubric.variables import fill

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text: str) -> str:
    """Report text can hold characters XML 1.0 forbids (form feeds from PDFs): drop them."""
    return _NOT_XML.sub("", text)


def _el(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, tag, {k: _x(v) for k, v in (attrs or {}).items()})


def _details(element: ElementResult, spec: Element | None, source_format: str | None, year: int | None) -> str:
    lines = [message("junit.reason", reason=element.message)]
    if spec is not None:
        lines.append(message("junit.requires", description=spec.description.strip()))
        lines.append(message("junit.guidance", guidance=fill(spec.guidance.strip(), year)))
        lines.append(message("junit.basis", basis=spec.basis.strip()))
    for evidence in element.evidence:
        lines.append(message("junit.evidence", where=location(evidence, source_format), text=evidence.text))
    return "\n".join(lines) + "\n"


class JunitFormatter(Collector):
    def __init__(self, target: str, gate: Gate | None = None) -> None:
        super().__init__(target)
        self.gate = gate or Gate()
        self.suites = self.spool()  # one serialised <testsuite> per report
        self.totals = [0, 0, 0]  # tests, failures, errors

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        holder = ET.Element("testsuites")
        for i, n in enumerate(self._suite(holder, result)):
            self.totals[i] += n
        ET.indent(holder)  # the suite indented as a child of the root, its tail a newline
        self.suites.append("  " + ET.tostring(holder[0], encoding="unicode"))

    def _suite(self, parent: ET.Element, report: ReportResult) -> tuple[int, int, int]:
        suite = _el(parent, "testsuite", {"name": report.path})
        tests = failures = errors = 0
        if report.error is not None:
            case = _el(suite, "testcase", {"classname": report.path, "name": message("junit.read_case")})
            error = _el(case, "error", {"type": report.error.kind, "message": report.error.message})
            error.text = _x(report.error.message) + "\n"
            tests, errors = 1, 1
        else:
            props = _el(suite, "properties")
            for name, value in (
                ("score", report.score),
                ("grade", report.grade),
                ("passed", str(report.passed).lower()),
                ("agency", report.meta.agency if report.meta else None),
                ("year", report.meta.year if report.meta else None),
            ):
                _el(props, "property", {"name": name, "value": "" if value is None else str(value)})
            specs = {e.id: e for e in self.elements}
            for element in report.elements:
                name = message("junit.case", name=element.name, id=element.id)
                case = _el(suite, "testcase", {"classname": report.path, "name": name})
                tests += 1
                if element.status == "met":
                    continue
                details = _details(element, specs.get(element.id), report.format, report.year)
                if element.status == "missing":
                    failure = _el(
                        case,
                        "failure",
                        {"type": "missing", "message": f"{status_label('missing')}：{element.message}"},
                    )
                    failure.text = _x(details)
                    failures += 1
                elif element.status == "partial":
                    out = _el(case, "system-out")
                    out.text = _x(f"{status_label('partial')}：" + details)
            case = _el(suite, "testcase", {"classname": report.path, "name": message("junit.gate_case")})
            tests += 1
            if not report.passed and self.rubric is not None:
                reasons = self.gate.reasons(report, self.rubric) or [message("terminal.failed")]
                failure = _el(case, "failure", {"type": "gate", "message": "；".join(reasons)})
                failure.text = _x("\n".join([*reasons, self.gate.describe(self.rubric)]) + "\n")
                failures += 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        return tests, failures, errors

    def chunks(self, summary: Summary) -> Iterator[str]:
        tests, failures, errors = self.totals
        yield "<?xml version='1.0' encoding='utf-8'?>\n"
        yield f'<testsuites name="rubric-check" tests="{tests}" failures="{failures}" errors="{errors}">\n'
        yield from self.suites
        yield "</testsuites>\n"
