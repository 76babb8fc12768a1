"""--jobs: worker processes change nothing in the outputs, keep per-file errors, survive a dead worker,
and stream (results in input order, only a few chunks in flight). No timing assertions."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS
from hypothesis import given
from hypothesis import strategies as st

from rubric_check import parallel
from rubric_check.commands.score import ScoreOptions, run
from rubric_check.discovery import Input
from rubric_check.formatters.html_report import HtmlFormatter
from rubric_check.formatters.json_report import JsonFormatter, dumps_indented
from rubric_check.formatters.terminal import TerminalFormatter
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.pipeline import score_input
from rubric_check.rubric.model import Rubric
from rubric_check.summary import summarise

OUTPUTS = ("result.json", "result.sarif", "junit.xml", "summary.md", "review.csv")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, variants of them, and files that cannot be read: enough for several chunks per worker."""
    folder = tmp_path_factory.mktemp("batch")
    seeds = sorted(SEEDS.glob("*.txt"))
    for index in range(40):
        text = seeds[index % len(seeds)].read_text(encoding="utf-8")
        (folder / f"r{index:02d}.txt").write_text(text.replace("2023", str(2019 + index % 5)), encoding="utf-8")
    (folder / "r05.txt").write_text("", encoding="utf-8")  # empty
    (folder / "r17.txt").write_bytes(b"PK\x03\x04" + bytes(200))  # a zip named .txt
    (folder / "r29.docx").write_bytes(b"not a zip at all")
    return folder


def score(batch: Path, out: Path, jobs: int) -> tuple[int, str, str]:
    out.mkdir()
    options = ScoreOptions(
        paths=(str(batch),),
        json=str(out / "result.json"),
        html_dir=str(out / "html"),
        sarif=str(out / "result.sarif"),
        junit=str(out / "junit.xml"),
        markdown=str(out / "summary.md"),
        csv=str(out / "review.csv"),
        use_config=False,
        jobs=jobs,
    )
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(options, stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_outputs_are_byte_identical_with_one_and_two_jobs(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each run records into a store of its own (the same state before each), so the history pages
    # and copy checks of both runs see the same memory.
    monkeypatch.setenv("RUBRIC_CHECK_STORE", str(tmp_path / "one.sqlite3"))
    one = score(batch, tmp_path / "one", jobs=1)
    monkeypatch.setenv("RUBRIC_CHECK_STORE", str(tmp_path / "two.sqlite3"))
    two = score(batch, tmp_path / "two", jobs=2)
    assert one[0] == two[0] == 3  # unreadable inputs take precedence
    assert one[1] == two[1]  # the terminal table
    first, second = files(tmp_path / "one"), files(tmp_path / "two")
    assert set(first) == set(second)
    assert all(name in first for name in OUTPUTS)
    assert len([n for n in first if n.startswith("html/")]) > 30
    for name in first:
        assert first[name] == second[name], name


def test_per_file_errors_stay_error_entries_in_workers(batch: Path, tmp_path: Path) -> None:
    score(batch, tmp_path / "out", jobs=2)
    reports = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))["reports"]
    assert [r["path"] for r in reports] == sorted(r["path"] for r in reports)
    errors = {Path(r["path"]).name: r["error"]["kind"] for r in reports if r["error"]}
    assert set(errors) == {"r05.txt", "r17.txt", "r29.docx"}
    assert (errors["r05.txt"], errors["r17.txt"]) == ("empty", "mislabelled")
    assert sum(1 for r in reports if r["error"] is None) == 40 - 2


def test_cli_jobs_two_prints_the_same_json_as_jobs_one() -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "rubric_check", "score", str(SEEDS), "--json", "-", "--no-html", *args]
        return subprocess.run(command, capture_output=True, text=True, check=False, env={**os.environ, "NO_COLOR": "1"})

    one, two, default = cli("--jobs", "1"), cli("-j", "2"), cli()
    assert one.returncode == two.returncode == default.returncode == 1
    assert one.stdout == two.stdout == default.stdout
    assert one.stderr == two.stderr


@pytest.mark.parametrize("value", ["0", "-2"])
def test_jobs_below_one_is_a_usage_error(value: str) -> None:
    command = [sys.executable, "-m", "rubric_check", "score", str(SEEDS), "--jobs", value, "--no-html"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert message("usage.bad_jobs") in done.stderr


def _crash_on_r07(item: Input, rubric: Rubric, gate: Gate, *memory: Any) -> object:
    if item.path.name == "r07.txt":
        os._exit(70)  # what a segfault in a parser or the OOM killer looks like from outside
    return score_input(item, rubric, gate, *memory)


def test_a_dead_worker_costs_only_its_report(batch: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = [Input(p, p.name) for p in sorted(batch.glob("r0*.txt"))]
    task = parallel.Task(rubric, Gate())
    expected = list(parallel.score_all(inputs, task, jobs=1))
    monkeypatch.setattr(parallel, "score_input", _crash_on_r07)  # workers are forked: they see it
    got = [scored.result for scored in parallel.score_all(inputs, task, jobs=2)]
    expected = [scored.result for scored in expected]
    assert [r.path for r in got] == [r.path for r in expected]
    for before, after in zip(expected, got, strict=True):
        if after.path == "r07.txt":
            assert after.error is not None and after.error.kind == "worker_crashed"
            assert "r07.txt" in after.error.message
        else:
            assert after == before


def test_results_stream_in_input_order_with_few_chunks_in_flight(
    batch: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = [Input(p, p.name) for p in sorted(batch.glob("*.txt"))] * 6  # 240 inputs, chunks of 15
    submitted: list[int] = []
    original = parallel._Pool.submit

    def counting(self: parallel._Pool, items: list[Input]) -> object:
        submitted.append(len(items))
        return original(self, items)

    monkeypatch.setattr(parallel._Pool, "submit", counting)
    stream = parallel.score_all(inputs, parallel.Task(rubric, Gate()), jobs=2)
    first = next(stream)
    assert first.path == inputs[0].shown
    assert 1 < len(submitted) <= 2 * parallel.IN_FLIGHT_PER_WORKER + 1  # not the whole batch up front
    rest = list(stream)
    assert [r.path for r in [first, *rest]] == [i.shown for i in inputs]
    assert sum(submitted) == len(inputs)


def test_one_input_or_one_job_scores_in_this_process(rubric: Rubric, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_Pool", None)  # any attempt to start workers would fail
    seed = sorted(SEEDS.glob("*.txt"))[0]
    task = parallel.Task(rubric, Gate())
    assert len(list(parallel.score_all([Input(seed, seed.name)], task, jobs=4))) == 1
    assert len(list(parallel.score_all([Input(seed, "a"), Input(seed, "b")], task, jobs=1))) == 2


# What the JSON output holds: text, integers, and floats rounded to 0.1 (scores, weights).
_JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(-1e9, 1e9).map(lambda x: round(x, 1))
    | st.text()
)
_JSON = st.recursive(
    _JSON_LEAVES, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
)


@given(_JSON)
def test_streamed_json_encoder_matches_json_dumps(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_text_orjson_refuses_is_written_as_json_dumps_writes_it() -> None:
    value = {"text": "坏\ud800字", "list": [1, {"x": "\udfff"}]}
    assert dumps_indented(value, "    ") == json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def _fed(formatter: object, rubric: Rubric, results: list[object], prepared: bool) -> None:
    formatter.start(rubric)
    for result in results:
        if prepared:
            formatter.report(result.head(), formatter.preparer(result))
        else:
            formatter.report(result)
    formatter.stop(summarise(results))


def test_what_workers_prepare_is_what_formatters_make_themselves(batch: Path, rubric: Rubric, tmp_path: Path) -> None:
    """A dead worker's entry comes without anything prepared: the formatter then does the work."""
    results = [score_input(Input(p, p.name), rubric) for p in sorted(batch.iterdir())[:12]]
    outputs = {}
    for prepared in (True, False):
        out = tmp_path / str(prepared)
        table = io.StringIO()
        formatters = [
            JsonFormatter(str(out / "result.json")),
            HtmlFormatter(out / "html", quiet=True),
            TerminalFormatter(table, verbose=True),
        ]
        for formatter in formatters:
            _fed(formatter, rubric, results, prepared)
        files = sorted(p for p in out.rglob("*") if p.is_file())
        outputs[prepared] = [(p.relative_to(out), p.read_bytes()) for p in files], table.getvalue()
    assert len(outputs[True][0]) > 10 and "r05.txt" in outputs[True][1]
    assert outputs[True] == outputs[False]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is chosen only on Linux")
def test_a_threaded_front_end_never_forks_its_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line forks (workers inherit the rubric); the workbench's server, whose threads run
    while a batch is scored, starts them from a clean forkserver process instead."""
    monkeypatch.setattr(parallel, "_FORK_IS_SAFE", True)
    assert parallel._context().get_start_method() == "fork"
    parallel.start_workers_from_a_clean_process()
    assert parallel._context().get_start_method() == "forkserver"
