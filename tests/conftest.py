"""Shared fixtures: the default rubric (compiled once per session) and paths to the project's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import load_rubric

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _ocr_cache_of_the_session(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """OCR results are cached in the user's cache folder: tests keep theirs in one folder of the session."""
    monkeypatch.setenv("RUBRIC_CHECK_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
