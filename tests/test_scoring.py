"""Score = 100 × Σ(weight × credit) / Σ weight; grade bands; gate = pass score and no required missing."""

from __future__ import annotations

import pytest

from rubric_check.results import ElementResult
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


def test_gate_needs_pass_score_and_no_required_missing(rubric: Rubric) -> None:
    assert score(results(("met", "recommended", 60), ("missing", "recommended", 40)), rubric).passed
    assert not score(results(("met", "recommended", 59), ("missing", "recommended", 41)), rubric).passed
    assert not score(results(("met", "recommended", 99), ("missing", "required", 1)), rubric).passed
    assert score(results(("met", "recommended", 99), ("partial", "required", 1)), rubric).passed


def test_min_score_overrides_pass_score(rubric: Rubric) -> None:
    items = results(("met", "recommended", 70), ("missing", "recommended", 30))
    assert score(items, rubric).passed
    assert not score(items, rubric, min_score=80).passed
