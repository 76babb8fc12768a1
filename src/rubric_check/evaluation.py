"""Agreement between verdicts and a reviewer's labels (the format of shared/spec/seeds-gold.yaml).

Same status scores 1, a neighbouring status 0.5, met↔missing 0. Pure: takes parsed labels and
results, returns figures; the eval command and the tests print or assert them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from rubric_check.results import ReportResult

ORDER = {"missing": 0, "partial": 1, "met": 2}


def credit(label: str, got: str) -> float:
    return 1.0 - abs(ORDER[label] - ORDER[got]) / 2


@dataclass(frozen=True)
class Disagreement:
    report: str
    element: str
    label: str
    got: str
    required: bool


@dataclass
class Evaluation:
    """Figures for a set of labelled reports; ``confusion[element][(label, got)]`` counts pairs."""

    points: float = 0.0
    compared: int = 0
    per_element: dict[str, list[float]] = field(default_factory=dict)
    confusion: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)
    meta_wrong: list[str] = field(default_factory=list)
    meta_fields: dict[str, list[int]] = field(default_factory=dict)  # field → [right, checked]
    gates_checked: int = 0
    gates_right: int = 0
    unlabelled: list[str] = field(default_factory=list)

    @property
    def meta_right(self) -> int:
        return sum(right for right, _ in self.meta_fields.values())

    @property
    def meta_checked(self) -> int:
        return sum(checked for _, checked in self.meta_fields.values())

    @property
    def agreement(self) -> float:
        return self.points / self.compared if self.compared else 0.0

    def element_agreement(self, element: str) -> float:
        scores = self.per_element.get(element, [])
        return sum(scores) / len(scores) if scores else 0.0

    @property
    def severe(self) -> list[Disagreement]:
        """met↔missing on a required element: the errors a reviewer cannot accept."""
        return [d for d in self.disagreements if d.required and credit(d.label, d.got) == 0]


def evaluate(labels: Mapping[str, Any], results: Sequence[ReportResult]) -> Evaluation:
    """Compare ``results`` with ``labels['reports']`` (keyed by file name)."""
    labelled = labels.get("reports", {})
    figures = Evaluation()
    for result in results:
        name = PurePath(result.path).name
        label = labelled.get(name)
        if label is None or result.error is not None:
            figures.unlabelled.append(result.path)
            continue
        _compare_elements(figures, name, label.get("elements", {}), result)
        _compare_meta(figures, name, label.get("meta", {}), result)
        if "gate" in label:
            figures.gates_checked += 1
            figures.gates_right += (label["gate"] == "pass") == result.passed
    return figures


def _compare_elements(figures: Evaluation, name: str, labels: Mapping[str, str], result: ReportResult) -> None:
    for element in result.elements:
        label = labels.get(element.id)
        if label is None:
            continue
        score = credit(label, element.status)
        figures.points += score
        figures.compared += 1
        figures.per_element.setdefault(element.id, []).append(score)
        figures.confusion.setdefault(element.id, Counter())[(label, element.status)] += 1
        if label != element.status:
            figures.disagreements.append(Disagreement(name, element.id, label, element.status, element.required))


def _compare_meta(figures: Evaluation, name: str, meta: Mapping[str, Any], result: ReportResult) -> None:
    got = result.meta
    checks = []
    if "agency" in meta:
        agency = got.agency if got else None
        checks.append(("agency", bool(agency) and (meta["agency"] in agency or agency in meta["agency"])))
    if "year" in meta:
        checks.append(("year", got is not None and got.year == meta["year"]))
    if "date" in meta:
        checks.append(("date", got is not None and got.date == (str(meta["date"]) if meta["date"] else None)))
    if "has_title" in meta:
        checks.append(("title", got is not None and (got.title is not None) == meta["has_title"]))
    for key, right in checks:
        tally = figures.meta_fields.setdefault(key, [0, 0])
        tally[0] += right
        tally[1] += 1
        if not right:
            figures.meta_wrong.append(f"{name}:{key}")
