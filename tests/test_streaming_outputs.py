"""Outputs written whole at the end (SARIF, JUnit, Markdown, CSV, xlsx) keep the batch on disk, not
in memory: what they hold while reports arrive does not grow with the number of reports."""

from __future__ import annotations

import copy
import dataclasses
import pathlib
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from out_support import FAILING, seed_results

from rubric_check.formatters.base import Formatter
from rubric_check.formatters.csv_report import CsvFormatter
from rubric_check.formatters.junit import JunitFormatter
from rubric_check.formatters.markdown import MarkdownFormatter
from rubric_check.formatters.sarif import SarifFormatter
from rubric_check.formatters.xlsx_report import XlsxFormatter
from rubric_check.rubrics import load_rubric
from rubric_check.summary import summarise

FORMATS: dict[str, Callable[[str], Formatter]] = {
    "sarif": SarifFormatter,
    "junit": JunitFormatter,
    "markdown": MarkdownFormatter,
    "csv": CsvFormatter,
    "xlsx": XlsxFormatter,
}


def held_while_reporting(make: Callable[[str], Formatter], target: Path, count: int) -> int:
    """Bytes still allocated after ``count`` failing seed results were reported (before ``stop``)."""
    rubric = load_rubric()
    failing = next(r for r in seed_results() if r.path == FAILING)
    formatter = make(str(target))
    formatter.start(rubric)
    tracemalloc.start()
    try:
        for i in range(count):  # a copy of its own, as each report of a real batch has
            formatter.report(copy.deepcopy(dataclasses.replace(failing, path=f"drafts/{i:05d}.txt")))
        # Not what pathlib's sys.intern allocates: when the interpreter's table of interned strings
        # grows it takes one block of ~2 MB, once, whichever test happens to cross the threshold.
        snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, pathlib.__file__)])
        held = sum(stat.size for stat in snapshot.statistics("filename"))
    finally:
        tracemalloc.stop()
    formatter.stop(summarise([failing]))
    assert target.stat().st_size > 0
    return held


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_memory_held_does_not_grow_with_the_batch(name: str, tmp_path: Path) -> None:
    small = held_while_reporting(FORMATS[name], tmp_path / f"small.{name}", 20)
    large = held_while_reporting(FORMATS[name], tmp_path / f"large.{name}", 220)
    # A failing seed's full result is ~12 KB pickled, more as objects: keeping 200 more would add MBs.
    assert large - small < 400_000, (name, small, large)
