"""Score and grade from element verdicts, per the rubric's weights, credits and bands.

Whether a report passes is the gate's decision (gate.py), made once, in the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rubric_check.results import ElementResult
from rubric_check.rubric.model import Rubric


@dataclass(frozen=True)
class Score:
    value: float
    grade: str


def score(results: Sequence[ElementResult], rubric: Rubric) -> Score:
    """100 × Σ(weight × credit) / Σ weight, rounded to 0.1, and the grade band it falls in.

    Rounding happens before the gate and the grade, so what the user sees decides.
    """
    total = sum(r.weight for r in results)
    earned = sum(r.weight * rubric.credit[r.status] for r in results)
    value = round(100 * earned / total, 1) if total else 0.0
    grade = next((g.name for g in rubric.grades if value >= g.min), rubric.grades[-1].name)
    return Score(value, grade)
