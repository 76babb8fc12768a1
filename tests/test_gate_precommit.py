"""The real pre-commit tool runs the hook from .pre-commit-hooks.yaml in a drafts repository.

``pre-commit try-repo`` clones this checkout (with uncommitted changes) into a shadow repository, so
no hook repository is fetched; pre-commit then builds the hook's virtualenv from it (pip may take the
dependencies from the package index, which CI reaches).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from gate_support import BAD, GOOD, drafts_repo, env, git

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "rubric-check" and hook["language"] == "python"
    assert hook["entry"].startswith("rubric-check score") and "--no-html" in hook["entry"]


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="try-repo needs this project as a git checkout")
def test_pre_commit_runs_the_hook_on_changed_drafts(tmp_path: Path) -> None:
    repo = drafts_repo(tmp_path / "drafts-repo", "fail_on: [required, score]\n", GOOD)
    (repo / "drafts" / "二稿.txt").write_text(BAD, encoding="utf-8")
    (repo / "README.md").write_text("# 起草说明\n", encoding="utf-8")  # not a report: the hook skips it
    git(repo, "add", "drafts", "README.md")
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "rubric-check", "--all-files"]
    command.append("--color=never")
    result = subprocess.run(
        command, cwd=repo, env=env(PRE_COMMIT_HOME=str(tmp_path / "cache")), capture_output=True, text=True, timeout=540
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output and "- exit code: 1" in output
    assert "drafts/二稿.txt" in output and "不足的原因" in output  # the failing draft and why
    assert "drafts/2023年法治政府建设情况报告.txt" in output and "README.md" not in output.split("Using config")[-1]
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
