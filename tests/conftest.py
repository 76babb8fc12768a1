"""Shared fixtures: the default rubric (compiled once per session) and paths to the project's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import load_rubric

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
