"""The default rubric, schema and messages ship inside the wheel and work from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from rubric_check.rubrics import load_rubric


@pytest.mark.slow
def test_wheel_contains_bundled_data_and_scores_from_elsewhere(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp_path / "dist").glob("rubric_check-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert {
            "rubric_check/bundled/default.yaml",
            "rubric_check/bundled/rubric.schema.json",
            "rubric_check/data/messages.yaml",
            "rubric_check/data/document.yaml",
            "rubric_check/bundled/local-gov.yaml",
            "rubric_check/bundled/township.yaml",
            "rubric_check/templates/report.html",
            "rubric_check/templates/index.html",
        } <= names
        archive.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "from rubric_check.rubrics import load_rubric;"
        "from rubric_check.pipeline import score_input;"
        "from rubric_check.discovery import Input;"
        "from pathlib import Path;"
        f"r = score_input(Input(Path({str(SEEDS / '003_0e13b6e94c52ef29.txt')!r}), 'x.txt'), load_rubric());"
        "print(r.error, r.score, len(r.elements))"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr
    error, score, count = result.stdout.split()
    assert error == "None" and float(score) > 0 and int(count) == len(load_rubric().elements)
    assert (
        str(tmp_path / "site")
        in subprocess.run(
            [sys.executable, "-c", "import rubric_check; print(rubric_check.__file__)"],
            capture_output=True,
            text=True,
            cwd=elsewhere,
            env=env,
        ).stdout
    )
