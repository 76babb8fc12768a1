"""The CI gate: which conditions fail a report (the fail policy), and why a given report failed.

Scoring decides score and grade; the gate decides ``passed`` and so the exit code. The default policy
(``required`` + ``score``) is exactly the rule in the element catalogue: the pass score is reached and
no required element is missing. Offices may make it stricter (``any-missing``) or looser (``score``
only, or nothing at all to just collect reports).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric

POLICIES: tuple[str, ...] = ("required", "score", "any-missing")
DEFAULT_POLICY: tuple[str, ...] = ("required", "score")


def parse_policy(value: str | Iterable[str]) -> tuple[str, ...]:
    """``"required,score"``, ``"required+score"`` or a list → canonical tuple in POLICIES order.

    ``"none"`` (or an empty list) means no condition: every readable report passes.
    Raises ValueError naming the unknown word.
    """
    words = value.replace("+", ",").split(",") if isinstance(value, str) else list(value)
    cleaned = {w.strip() for w in words if w.strip() and w.strip() != "none"}
    unknown = sorted(cleaned - set(POLICIES))
    if unknown:
        raise ValueError(unknown[0])
    return tuple(p for p in POLICIES if p in cleaned)


@dataclass(frozen=True)
class Gate:
    fail_on: tuple[str, ...] = DEFAULT_POLICY
    min_score: float | None = None  # None: the rubric's pass score

    def threshold(self, rubric: Rubric) -> float:
        return rubric.pass_score if self.min_score is None else self.min_score

    def reasons(self, result: ReportResult, rubric: Rubric) -> list[str]:
        """Why ``result`` fails this gate, in Chinese; empty when it passes."""
        if result.error is not None:
            return [result.error.message]
        found = []
        if "score" in self.fail_on and (result.score or 0.0) < self.threshold(rubric):
            found.append(message("gate.low_score", score=result.score, threshold=_num(self.threshold(rubric))))
        if "required" in self.fail_on and result.missing_required:
            found.append(message("gate.required_missing", names="、".join(e.name for e in result.missing_required)))
        if "any-missing" in self.fail_on:
            said = "required" in self.fail_on  # required ones were named just above
            names = [e.name for e in result.elements if e.status == "missing" and not (said and e.required)]
            if names:
                found.append(message("gate.any_missing", names="、".join(names)))
        return found

    def apply(self, result: ReportResult, rubric: Rubric) -> ReportResult:
        """The result with ``passed`` decided by this policy (unreadable reports never pass)."""
        passed = result.error is None and not self.reasons(result, rubric)
        return result if passed == result.passed else dataclasses.replace(result, passed=passed)

    def describe(self, rubric: Rubric) -> str:
        """The pass condition in one Chinese sentence, for summaries."""
        parts = []
        if "score" in self.fail_on:
            parts.append(message("gate.rule_score", threshold=_num(self.threshold(rubric))))
        if "any-missing" in self.fail_on:
            parts.append(message("gate.rule_any_missing"))
        elif "required" in self.fail_on:
            parts.append(message("gate.rule_required"))
        if not parts:
            return message("gate.rule_none")
        return message("gate.rule", conditions="，且".join(parts))


def _num(value: float) -> str:
    return f"{value:g}"
