"""Hostile and broken input: each case gives a clear Chinese error for that file or a sane verdict,
the rest of the batch is scored, exit codes follow the contract, and no input is modified."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS
from rubric_builder import element, rubric_doc

from rubric_check.discovery import Input, discover
from rubric_check.errors import RubricError
from rubric_check.pipeline import score_input
from rubric_check.rubric import model as rubric_model
from rubric_check.rubric.model import Patterns, PatternTimeout
from rubric_check.rubrics import compile_rubric, load_rubric

SEED = SEEDS / "000_85fd514af7da5818.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rubric_check", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def scored(path: Path, rubric: Any = None) -> Any:
    return score_input(Input(path, str(path)), rubric or load_rubric())


def verdicts(result: Any) -> list[tuple[str, str]]:
    return [(e.id, e.status) for e in result.elements]


CLEAN = verdicts(scored(SEED))


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n\xe3\x80\x80  \n", "empty"),
        (random.Random(7).randbytes(4000), "not_text"),
        ("法治政府\x00建设".encode() * 50, "not_text"),
    ],
    ids=["empty", "whitespace", "random-bytes", "nul-bytes"],
)
def test_unreadable_text_gives_a_chinese_error(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(content)
    result = scored(path)
    assert result.error is not None and result.error.kind == kind
    assert str(path) in result.error.message and result.score is None


def test_single_line_report_gets_a_verdict(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("2024年我局开展普法宣传。", encoding="utf-8")
    result = scored(path)
    assert result.error is None and result.score is not None
    assert dict(verdicts(result))["pufa"] == "met" and dict(verdicts(result))["measures"] == "missing"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda b: b[:3001] + b"\xff\xfe" + b[3001:],  # invalid UTF-8 in the middle
        lambda b: b.replace(b"\n", b"\r", 7).replace(b"\n", b"\r\n", 5),  # mixed CR / CRLF / LF
        lambda b: b.replace("。".encode(), "。\ufeff".encode(), 9),  # BOMs in the wrong place
        lambda b: b"\xef\xbb\xbf" + b,  # BOM where it belongs
    ],
    ids=["invalid-utf8-middle", "mixed-line-endings", "stray-boms", "utf8-bom"],
)
def test_damaged_but_readable_text_keeps_its_verdicts(tmp_path: Path, mangle: Any) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(mangle(SEED.read_bytes()))
    result = scored(path)
    assert result.error is None
    assert verdicts(result) == CLEAN
    lines = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for item in result.elements:
        for evidence in item.evidence:
            assert evidence.text in lines[evidence.line - 1]


@pytest.mark.slow
def test_twenty_megabyte_text_is_scored_not_crashed(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    data = SEED_TEXT.encode()
    path.write_bytes(data * (20 * 1024 * 1024 // len(data) + 1))
    result = scored(path)
    assert result.error is None and result.score is not None


def test_fifo_and_folder_named_like_reports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "dir.txt").mkdir()
    shutil.copy(SEED, folder / "real.txt")
    assert [i.shown for i in discover([str(folder)], [".txt"])] == [f"{folder}/real.txt"]
    result = scored(folder / "dir.txt")
    assert result.error is not None and result.error.kind == "not_regular"
    assert scored(folder / "pipe.txt").error.kind == "not_regular"


def test_awkward_file_names(tmp_path: Path) -> None:
    names = ["报告 2024 年.txt", 'it\'s "quoted".txt', "-leading-dash.txt", "空格 与（括号）.md"]
    for name in names:
        shutil.copy(SEED, tmp_path / name)
    result = run("score", "--no-html", "--json", "-", "--", *names, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    reports = json.loads(result.stdout)["reports"]
    assert sorted(r["path"] for r in reports) == sorted(names)
    assert all(r["error"] is None for r in reports)


def test_symlink_loop_in_a_folder_terminates(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    shutil.copy(SEED, tmp_path / "a" / "r.txt")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "self").symlink_to(tmp_path)
    assert [i.shown for i in discover([str(tmp_path)], [".txt"])] == [f"{tmp_path}/a/r.txt"]


def test_same_file_name_in_two_folders(tmp_path: Path) -> None:
    for folder in ("east", "west"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED, tmp_path / folder / "报告.txt")
    out = tmp_path / "out"
    result = run("score", "--html", str(out), "--json", "-", str(tmp_path / "east"), str(tmp_path / "west"))
    assert [r["path"] for r in json.loads(result.stdout)["reports"]] == [
        f"{tmp_path}/east/报告.txt",
        f"{tmp_path}/west/报告.txt",
    ]
    assert len(list(out.glob("报告-*.html"))) == 2


def test_output_folder_inside_the_input_folder_is_not_scored_next_time(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "r.txt")
    for _ in range(2):
        result = run("score", "--html", str(tmp_path / "out"), "--json", "-", str(tmp_path))
        assert [r["path"] for r in json.loads(result.stdout)["reports"]] == [f"{tmp_path}/r.txt"]
    assert (tmp_path / "out" / "index.html").exists()


def test_two_runs_writing_the_same_output_folder_at_once(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "r.txt")
    out = tmp_path / "out"
    results: list[subprocess.CompletedProcess[str]] = []

    def go() -> None:
        results.append(run("score", "--html", str(out), "--json", str(out / "result.json"), str(tmp_path / "r.txt")))

    threads = [threading.Thread(target=go) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [1, 1]
    assert json.loads((out / "result.json").read_text(encoding="utf-8"))["summary"]["reports"] == 1
    for page in out.glob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(out.glob(".*.tmp"))


def test_inputs_untouched_by_a_hostile_batch(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    shutil.copy(SEED, tmp_path / "good.txt")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    result = run("score", "--no-html", "--json", "-", str(tmp_path))
    assert result.returncode == 3
    document = json.loads(result.stdout)
    assert [r["error"] is None for r in document["reports"]] == [False, True]
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before


# ── rubrics ──────────────────────────────────────────────────────────────────────────────────


def test_billion_laughs_rubric_is_refused(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RubricError, match="别名展开后超过"):
        load_rubric(str(path))


def test_python_object_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tag.yaml"
    path.write_text("!!python/object/new:os.system [echo pwned]\n", encoding="utf-8")
    with pytest.raises(RubricError, match="不允许的 YAML 标签"):
        load_rubric(str(path))


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)+$", r"(?:(?:a|a)+)+b", r"(?:.*?,){30}X"])
def test_catastrophic_backtracking_is_refused_at_load(pattern: str) -> None:
    with pytest.raises(RubricError, match="灾难性回溯"):
        compile_rubric(rubric_doc(elements=[element(met={"text": {"regex": [pattern]}})]), "bt.yaml")


def test_a_pattern_that_times_out_on_a_report_gives_an_error_entry(tmp_path: Path, monkeypatch: Any) -> None:
    rubric = compile_rubric(rubric_doc(), "ok.yaml")
    slow = Patterns(("(a+)+$",), r"(a+)+$")
    rule = rubric.elements[0].met
    hostile = rubric_model.TextRule(patterns=slow, not_in_kinds=rule.not_in_kinds)
    rubric = rubric_model.Rubric(
        **{**rubric.__dict__, "elements": (rubric_model.Element(**{**rubric.elements[0].__dict__, "met": hostile}),)}
    )
    monkeypatch.setattr(rubric_model, "PATTERN_TIMEOUT_SECONDS", 0.05)
    with pytest.raises(PatternTimeout):
        list(slow.finditer("a" * 5000 + "!"))
    path = tmp_path / "r.txt"
    path.write_text("a" * 5000 + "!\n普法。", encoding="utf-8")
    result = scored(path, rubric)
    assert result.error is not None and result.error.kind == "pattern_timeout"
    assert "(a+)+$" in result.error.message


@pytest.mark.slow
def test_rubric_of_ten_thousand_elements() -> None:
    elements = [
        element(id=f"e{i}", met={"text": {"phrases": [f"词{i}", "普法"], "not_in": ["plans"]}}) for i in range(10_000)
    ]
    rubric = compile_rubric(rubric_doc(elements=elements), "big.yaml")
    result = scored(SEED, rubric)
    assert len(result.elements) == 10_000 and result.score == 100.0


def test_html_nested_ten_thousand_levels_with_scripts_frames_and_comments(tmp_path: Path) -> None:
    body = "<div>" * 10_000 + "一、主要举措和成效<p>全年开展普法宣传12场。</p>" + "</div>" * 10_000
    extras = (
        "<script>var a = '行政复议案件3件';</script><iframe src='x'>双随机抽查</iframe>"
        "<a href='javascript:alert(1)'>法律顾问</a><!-- 述职述法 -->"
    )
    path = tmp_path / "deep.html"
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}{extras}</body></html>", encoding="utf-8")
    result = scored(path)
    assert result.error is None
    statuses = dict(verdicts(result))
    assert statuses["pufa"] == "met" and statuses["measures"] == "met"
    assert statuses["review-litigation"] == statuses["double-random"] == statuses["shu-fa"] == "missing"


def test_docx_with_thousands_of_tiny_paragraphs(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("关于2024年法治政府建设情况的报告")
    for index in range(5000):
        document.add_paragraph(f"第{index}段。")
    document.add_paragraph("一、主要举措和成效")
    document.add_paragraph("开展普法宣传12场。")
    path = tmp_path / "many.docx"
    document.save(path)
    result = scored(path)
    assert result.error is None
    [evidence] = next(e for e in result.elements if e.id == "pufa").evidence
    assert evidence.line == 5003
