"""The command line as CI and reviewers use it: exit codes 0/1/2/3, JSON per the contract, determinism."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from rubric_check.rubrics import load_rubric

PASSING_SEED = SEEDS / "001_bbfe669b9ff2da75.txt"
FAILING_SEED = SEEDS / "000_85fd514af7da5818.txt"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rubric_check", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == "rubric-check 0.1.0"


def test_exit_0_when_every_report_passes() -> None:
    result = run("score", "--no-html", str(PASSING_SEED))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "通过" in result.stdout


def test_exit_1_when_a_report_fails_the_gate() -> None:
    result = run("score", "--no-html", str(PASSING_SEED), str(FAILING_SEED))
    assert result.returncode == 1
    assert "不足的原因" in result.stdout  # the missing required element is named in the table


def test_min_score_overrides_pass_score() -> None:
    assert run("score", "--no-html", "--min-score", "99", str(PASSING_SEED)).returncode == 1


def test_exit_2_for_usage_errors_and_invalid_rubric(tmp_path: Path) -> None:
    assert run("score").returncode == 2
    assert run("score", "--min-score", "150", str(PASSING_SEED)).returncode == 2
    unknown = run("score", "--frobnicate", str(PASSING_SEED))
    assert unknown.returncode == 2 and "没有选项 --frobnicate" in unknown.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    result = run("score", "--no-html", "--rubric", str(bad), str(PASSING_SEED), "--json", str(tmp_path / "o.json"))
    assert result.returncode == 2
    assert "bad.yaml" in result.stderr and "缺少必填项" in result.stderr
    assert not (tmp_path / "o.json").exists()  # nothing scored


def test_exit_2_when_no_supported_file_is_found(tmp_path: Path) -> None:
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    result = run("score", "--no-html", str(tmp_path))
    assert result.returncode == 2 and "没有找到可检查的报告文件" in result.stderr


def test_exit_3_unreadable_input_takes_precedence_and_batch_goes_on(tmp_path: Path) -> None:
    unsupported = tmp_path / "报告.xyz"
    unsupported.write_text("x", encoding="utf-8")
    out = tmp_path / "out.json"
    result = run(
        "score", "--no-html", "--json", str(out), str(unsupported), str(FAILING_SEED), str(tmp_path / "gone.txt")
    )
    assert result.returncode == 3
    document = json.loads(out.read_text(encoding="utf-8"))
    by_path = {r["path"]: r for r in document["reports"]}
    assert by_path[str(unsupported)]["error"]["kind"] == "unsupported_format"
    assert (
        "格式" in by_path[str(unsupported)]["error"]["message"]
        and "暂不支持" in by_path[str(unsupported)]["error"]["message"]
    )
    assert by_path[str(tmp_path / "gone.txt")]["error"]["kind"] == "not_found"
    assert by_path[str(FAILING_SEED)]["score"] is not None
    assert document["summary"] == {"reports": 3, "passed": 0, "failed": 1, "errors": 2}


def test_json_to_stdout_is_the_contract_document_and_table_goes_to_stderr() -> None:
    result = run("score", "--no-html", "--json", "-", str(SEEDS))
    document = json.loads(result.stdout)  # nothing else on stdout
    assert "得分" in result.stderr
    assert set(document) == {"tool", "rubric", "reports", "skipped", "summary"}
    assert document["tool"] == {"name": "rubric-check", "version": "0.1.0"}
    assert document["rubric"]["id"] == "default"
    paths = [r["path"] for r in document["reports"]]
    assert paths == sorted(paths) and len(paths) == 5
    report = document["reports"][0]
    assert set(report) >= {"path", "format", "meta", "score", "grade", "passed", "elements", "error"}
    assert set(report["meta"]) == {"agency", "year", "title", "date"}
    assert report["format"] == "txt" and report["error"] is None
    assert [e["id"] for e in report["elements"]] == [e.id for e in load_rubric().elements]
    for element in report["elements"]:
        assert element["status"] in ("met", "partial", "missing")
        assert set(element) >= {"id", "name", "status", "required", "weight", "message", "evidence"}
        assert element["message"]
        for evidence in element["evidence"]:
            assert isinstance(evidence["line"], int) and evidence["text"]
            assert "section" in evidence


def test_evidence_lines_point_into_the_original_file() -> None:
    document = json.loads(run("score", "--no-html", "--json", "-", str(SEEDS)).stdout)
    for report in document["reports"]:
        lines = Path(report["path"]).read_text(encoding="utf-8").splitlines()
        for element in report["elements"]:
            for evidence in element["evidence"]:
                assert evidence["text"] in lines[evidence["line"] - 1]


def test_output_is_byte_identical_across_runs_and_argument_order(tmp_path: Path) -> None:
    first = run("score", "--no-html", "--json", "-", str(FAILING_SEED), str(PASSING_SEED)).stdout
    second = run("score", "--no-html", "--json", "-", str(PASSING_SEED), str(FAILING_SEED)).stdout
    assert first == second and first


def test_folders_are_walked_recursively_and_other_files_skipped(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    shutil.copy(PASSING_SEED, nested / "report.txt")
    shutil.copy(PASSING_SEED, tmp_path / "report.md")
    (tmp_path / "a" / "table.xls").write_bytes(b"\xd0\xcf\x11\xe0")  # images are scans now (issue 16)
    document = json.loads(run("score", "--no-html", "--json", "-", str(tmp_path)).stdout)
    assert [r["path"] for r in document["reports"]] == [f"{tmp_path}/a/b/report.txt", f"{tmp_path}/report.md"]


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    copy = tmp_path / "r.txt"
    shutil.copy(FAILING_SEED, copy)
    before = copy.read_bytes(), copy.stat().st_mtime_ns
    run("score", "--no-html", "--json", str(tmp_path / "o.json"), str(copy))
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before


def test_gb18030_and_utf16_text_files_score_like_utf8(tmp_path: Path) -> None:
    text = FAILING_SEED.read_text(encoding="utf-8")
    (tmp_path / "gb.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    document = json.loads(run("score", "--no-html", "--json", "-", str(tmp_path)).stdout)
    verdicts = {tuple((e["id"], e["status"]) for e in r["elements"]) for r in document["reports"]}
    scores = {r["score"] for r in document["reports"]}
    assert len(verdicts) == 1 and len(scores) == 1


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_help_is_chinese(option: str) -> None:
    result = run("score", option)
    assert result.returncode == 0 and "用法" in result.stdout and "选项" in result.stdout


def test_quiet_prints_nothing_for_a_clean_run(tmp_path: Path) -> None:
    result = run("score", "-q", "--html", str(tmp_path / "out"), str(PASSING_SEED))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    assert (tmp_path / "out" / "index.html").exists()


def test_json_to_stdout_goes_to_the_stream_the_command_is_given() -> None:
    """Called as a library, `--json -` writes to the stream passed in, not the process's stdout."""
    import io

    from rubric_check.commands.score import ScoreOptions, run

    out, err = io.StringIO(), io.StringIO()
    code = run(ScoreOptions(paths=(str(SEEDS),), json="-", html_dir=None, quiet=True), out, err)
    document = json.loads(out.getvalue())
    assert code == 1 and len(document["reports"]) == 5 and document["summary"]["failed"] == 3


def test_a_bug_in_one_report_is_an_error_entry_and_a_log_record_not_a_print(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from rubric_check import pipeline
    from rubric_check.discovery import Input

    def broken(*_args: object) -> None:
        raise RuntimeError("a parser bug")

    monkeypatch.setattr(pipeline, "read_source", broken)
    path = SEEDS / "000_85fd514af7da5818.txt"
    with caplog.at_level("ERROR", logger="rubric_check.pipeline"):
        result = pipeline.score_input(Input(path, "000.txt"), load_rubric())
    assert result.error is not None and result.error.kind == "internal" and "000.txt" in result.error.message
    assert "a parser bug" in caplog.text
    assert capsys.readouterr().err == ""  # the core printed nothing; the front end decides
