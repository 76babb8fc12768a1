"""JUnit XML: read back with junitparser; a suite per report, a case per element plus the gate."""

from __future__ import annotations

from pathlib import Path

from junitparser import Error, Failure, JUnitXml
from out_support import FAILING, PASSING, hostile, run_formatter, seed_results, unreadable

from rubric_check.formatters.junit import JunitFormatter
from rubric_check.rubric.model import Rubric


def parse(tmp_path: Path, rubric: Rubric, results) -> JUnitXml:
    target = tmp_path / "junit.xml"
    run_formatter(JunitFormatter(str(target)), rubric, results)
    return JUnitXml.fromfile(str(target))


def test_suite_per_report_case_per_element(tmp_path: Path, rubric: Rubric) -> None:
    xml = parse(tmp_path, rubric, seed_results())
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == [FAILING, PASSING]
    failing = suites[FAILING]
    assert failing.tests == len(rubric.elements) + 1  # + the gate case
    cases = {case.name: case for case in failing}
    causes = cases["不足的原因（problem-causes）"]
    failure = causes.result[0]
    assert isinstance(failure, Failure) and failure.type == "missing"
    spec = next(e for e in rubric.elements if e.id == "problem-causes")
    assert spec.guidance.strip() in failure.text and "判定理由" in failure.text
    gate = cases["通过判定"].result[0]
    assert isinstance(gate, Failure) and "必备要素缺失：不足的原因" in gate.message
    assert failing.failures == sum(1 for e in seed_results()[0].elements if e.status == "missing") + 1
    assert suites[PASSING].failures == sum(1 for e in seed_results()[1].elements if e.status == "missing")
    assert not cases["通过判定"].is_passed and cases["主要举措和成效（measures）"].is_passed


def test_unreadable_report_is_an_error(tmp_path: Path, rubric: Rubric) -> None:
    xml = parse(tmp_path, rubric, [unreadable()])
    (suite,) = list(xml)
    (case,) = list(suite)
    assert isinstance(case.result[0], Error) and suite.errors == 1 and xml.errors == 1


def test_control_characters_and_markup_survive(tmp_path: Path, rubric: Rubric) -> None:
    xml = parse(tmp_path, rubric, [hostile(rubric)])
    (suite,) = list(xml)
    failure = next(case for case in suite if case.result).result[0]
    assert "<b>粗体</b>" in failure.message and "\x0c" not in failure.message


def test_deterministic(tmp_path: Path, rubric: Rubric) -> None:
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    for target in (a, b):
        run_formatter(JunitFormatter(str(target)), rubric, seed_results())
    assert a.read_bytes() == b.read_bytes()
