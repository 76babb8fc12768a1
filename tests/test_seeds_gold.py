"""The seeds against a reviewer's labels (a copy of shared/spec/seeds-gold.yaml kept in tests/data)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import DATA, SEEDS

from rubric_check.discovery import discover
from rubric_check.evaluation import credit, evaluate
from rubric_check.pipeline import score_input
from rubric_check.rubric.model import Rubric


@pytest.fixture(scope="module")
def figures(rubric: Rubric):
    labels = yaml.safe_load((DATA / "seeds-gold.yaml").read_text(encoding="utf-8"))
    results = [score_input(item, rubric) for item in discover([str(SEEDS)], [".txt"])]
    assert len(results) == 5
    return evaluate(labels, results)


def test_agreement_is_at_least_090(figures) -> None:
    labels = yaml.safe_load((DATA / "seeds-gold.yaml").read_text(encoding="utf-8"))["reports"]
    assert figures.compared == sum(len(report["elements"]) for report in labels.values())
    assert figures.agreement >= 0.90, figures.disagreements


def test_no_met_missing_swap_on_a_required_element(figures) -> None:
    assert figures.severe == []


def test_metadata_agency_year_date_title_right_for_all(figures) -> None:
    assert figures.meta_wrong == []
    assert figures.meta_checked == 20


def test_every_gate_verdict_as_labelled(figures) -> None:
    assert (figures.gates_checked, figures.gates_right) == (5, 5)


def test_credit_scale() -> None:
    assert (credit("met", "met"), credit("met", "partial"), credit("met", "missing")) == (1, 0.5, 0)


def test_labels_copy_matches_shared_spec_when_present() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "spec" / "seeds-gold.yaml"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert shared.read_text(encoding="utf-8") == (DATA / "seeds-gold.yaml").read_text(encoding="utf-8")
