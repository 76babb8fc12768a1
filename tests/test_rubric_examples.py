"""Every example snippet in the default rubric gets the status it declares.

The examples are the rubric author's proof that patterns are general: they are phrased unlike the
seed reports on purpose.
"""

from __future__ import annotations

import pytest

from rubric_check.examples import compared_with
from rubric_check.matching.elements import judge
from rubric_check.rubrics import load_rubric
from rubric_check.testing import document

RUBRIC = load_rubric()
CASES = [
    pytest.param(element, example, id=f"{element.id}-{index}-{example.status}")
    for element in RUBRIC.elements
    for index, example in enumerate(element.examples)
]


@pytest.mark.parametrize(("element", "example"), CASES)
def test_example(element, example) -> None:
    result = judge(element, document(example.text, RUBRIC), RUBRIC, compared_with(example, RUBRIC))
    assert result.status == example.status, result.message


def test_every_element_has_met_and_missing_examples() -> None:
    for element in RUBRIC.elements:
        statuses = {e.status for e in element.examples}
        assert {"met", "missing"} <= statuses or element.id == "year-consistency", element.id
