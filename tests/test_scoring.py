"""Score = 100 × Σ(weight × credit) / Σ weight; grade bands; the default gate (decided once, in the
engine) = pass score and no required element missing."""

from __future__ import annotations

import pytest

from rubric_check.engine import DEFAULT_GATE
from rubric_check.gate import Gate
from rubric_check.results import ElementResult, ReportResult
from rubric_check.rubric.model import Rubric
from rubric_check.scoring import score


def results(*items: tuple[str, str, float]) -> list[ElementResult]:
    return [
        ElementResult(id=f"e{i}", name="x", status=status, severity=severity, weight=weight, message="")
        for i, (status, severity, weight) in enumerate(items)
    ]


def test_weighted_credit(rubric: Rubric) -> None:
    total = score(results(("met", "required", 3), ("partial", "recommended", 2), ("missing", "optional", 5)), rubric)
    assert total.value == 40.0  # (3 + 1) / 10


@pytest.mark.parametrize(("met", "grade"), [(90, "优秀"), (89.9, "良好"), (75, "良好"), (60, "合格"), (59.9, "不合格")])
def test_grade_bands(rubric: Rubric, met: float, grade: str) -> None:
    total = score(results(("met", "recommended", met), ("missing", "recommended", 100 - met)), rubric)
    assert total.grade == grade


def passes(items: list[ElementResult], rubric: Rubric, gate: Gate = DEFAULT_GATE) -> bool:
    total = score(items, rubric)
    report = ReportResult("r.txt", "txt", score=total.value, grade=total.grade, elements=tuple(items))
    return gate.apply(report, rubric).passed


def test_gate_needs_pass_score_and_no_required_missing(rubric: Rubric) -> None:
    assert passes(results(("met", "recommended", 60), ("missing", "recommended", 40)), rubric)
    assert not passes(results(("met", "recommended", 59), ("missing", "recommended", 41)), rubric)
    assert not passes(results(("met", "recommended", 99), ("missing", "required", 1)), rubric)
    assert passes(results(("met", "recommended", 99), ("partial", "required", 1)), rubric)


def test_min_score_overrides_pass_score(rubric: Rubric) -> None:
    items = results(("met", "recommended", 70), ("missing", "recommended", 30))
    assert passes(items, rubric)
    assert not passes(items, rubric, Gate(min_score=80))


def test_the_engine_returns_the_gated_verdict_a_library_caller_asks_for(rubric: Rubric) -> None:
    """One decision: the engine's result already follows the fail policy it is given."""
    from conftest import SEEDS

    from rubric_check.documents.readers import read_source
    from rubric_check.engine import score_source

    source = read_source(SEEDS / "000_85fd514af7da5818.txt", "000.txt")  # problem-causes missing
    assert not score_source(source, rubric).passed
    assert score_source(source, rubric, Gate(fail_on=("score",))).passed
    assert not score_source(source, rubric, Gate(fail_on=("score",), min_score=99)).passed
