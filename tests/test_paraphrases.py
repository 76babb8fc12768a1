"""Paraphrase banks: the five required elements judged on phrasings written from the genre.

Each bank in ``tests/paraphrases/<element-id>.yaml`` was written from knowledge of how Chinese
offices word their 法治政府建设年度报告, not from the project's seed reports, so that the rubric's
patterns are tested on wording they were not fitted to. Every ``text`` is scored as a whole report
(the way ``rubric_check.examples`` runs a rubric's own examples): ``met`` entries must get
``met``, ``near_misses`` must not (partial or missing).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from rubric_check.engine import read_document
from rubric_check.examples import snippet_source
from rubric_check.matching.elements import judge
from rubric_check.rubric.model import Rubric

BANKS = Path(__file__).resolve().parent / "paraphrases"
ELEMENTS = ("measures", "problems", "problem-causes", "first-responsible-person", "next-year-plans")
MIN_MET = 30
MIN_NEAR_MISSES = 15
MIN_LINES, MAX_LINES = 2, 8


def _bank(element_id: str) -> dict:
    return yaml.safe_load((BANKS / f"{element_id}.yaml").read_text(encoding="utf-8"))


def _slug(note: str) -> str:
    """The ASCII words of a note (pytest escapes other characters in test ids)."""
    return "-".join(re.findall(r"[A-Za-z0-9]+", note))[:60] or "x"


def _cases() -> list:
    cases = []
    for element_id in ELEMENTS:
        bank = _bank(element_id)
        for key, kind in (("met", "met"), ("near_misses", "near")):
            for index, entry in enumerate(bank[key]):
                note = entry.get("note", "")
                case_id = f"{element_id}-{kind}-{index:02d}-{_slug(note)}"
                cases.append(pytest.param(element_id, kind == "met", entry["text"], note, id=case_id))
    return cases


@pytest.mark.parametrize(("element_id", "expect_met", "text", "note"), _cases())
def test_paraphrase(rubric: Rubric, element_id: str, expect_met: bool, text: str, note: str) -> None:
    element = next((e for e in rubric.elements if e.id == element_id), None)
    assert element is not None, f"the default rubric has no element {element_id!r}"
    doc = read_document(snippet_source(text.rstrip("\n")), rubric)
    result = judge(element, doc, rubric)
    shown = f"[{note}] got {result.status}: {result.message}\n{text}"
    if expect_met:
        assert result.status == "met", shown
    else:
        assert result.status != "met", shown


@pytest.mark.parametrize("element_id", ELEMENTS)
def test_bank_shape(element_id: str) -> None:
    bank = _bank(element_id)
    assert bank["element"] == element_id
    met, near = bank["met"], bank["near_misses"]
    assert len(met) >= MIN_MET, f"{element_id}: {len(met)} met entries"
    assert len(near) >= MIN_NEAR_MISSES, f"{element_id}: {len(near)} near misses"
    texts = [entry["text"].strip() for entry in met + near]
    duplicates = sorted({t for t in texts if texts.count(t) > 1})
    assert not duplicates, f"{element_id}: repeated texts {duplicates}"
    for entry in met + near:
        assert entry.get("note"), f"{element_id}: entry without a note: {entry['text']}"
        lines = entry["text"].strip().split("\n")
        assert MIN_LINES <= len(lines) <= MAX_LINES, f"{element_id}: {len(lines)} lines: {entry['text']}"
        assert all(line.strip() for line in lines), f"{element_id}: blank line in {entry['text']}"
