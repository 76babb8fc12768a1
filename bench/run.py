"""The benchmark: wall time, reports per second and peak memory of ``rubric-check score`` at scale.

For each N (default 100, 1,000 and 10,000) it scores a generated corpus (bench/corpus.py) as
txt→JSON, txt→JSON+HTML and docx→JSON, with one process and with ``--jobs 2``; it also times
``rubric-check --version``, one seed scored end to end, and a report ten times longer (cost per KB
must stay flat). Peak memory is the largest sum of RSS over the whole process tree (the command and
its workers), sampled every 20 ms with psutil (descendants listed every 200 ms). Prints a table, then one JSON line.

    pip install -e '.[bench]'
    python bench/run.py                       # everything (about 10 minutes on 2 cores)
    python bench/run.py --sizes 100 --quick   # a smoke run
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # bench/ is a folder of scripts, not a package

SAMPLE_SECONDS = 0.02


@dataclass
class Row:
    case: str
    n: int
    jobs: int
    seconds: float
    per_second: float
    peak_mb: float
    exit: int


def tool_command() -> list[str]:
    """The ``rubric-check`` beside this Python (its console script), else ``python -m rubric_check``."""
    script = Path(sys.executable).with_name("rubric-check")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rubric_check"]


def has_jobs(tool: list[str]) -> bool:
    """Older versions (before issue 8) have no --jobs: they are measured with one process only."""
    help_text = subprocess.run([*tool, "score", "--help"], capture_output=True, text=True, check=False).stdout
    return "--jobs" in help_text


def measure(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, peak MB of the process tree, exit code) of one run."""
    import psutil

    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would stall the run
        start = time.perf_counter()
        process = psutil.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        peak = _watch(process)
        seconds = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if process.returncode not in (0, 1):
        sys.stderr.write(f"{' '.join(command)} exited {process.returncode}:\n{stderr[-2000:]}\n")
    return seconds, peak / 2**20, process.returncode


def _watch(process: Any) -> int:
    """Largest sum of RSS over ``process`` and its descendants until it exits (bytes)."""
    import psutil

    peak = 0
    family = [process]
    samples = 0
    while process.poll() is None:
        if samples % 10 == 0:  # listing descendants walks /proc: not at every sample (it costs CPU)
            with contextlib.suppress(psutil.Error):
                family = [process, *process.children(recursive=True)]
        samples += 1
        total = 0
        for member in family:
            with contextlib.suppress(psutil.Error):
                total += member.memory_info().rss
        peak = max(peak, total)
        time.sleep(SAMPLE_SECONDS)
    return peak


def score_case(tool: list[str], folder: Path, out: Path, html: bool, jobs: int | None) -> list[str]:
    command = [*tool, "score", str(folder), "--json", str(out / "result.json"), "-q", "--no-config"]
    command += ["--html", str(out / "html")] if html else ["--no-html"]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command


def timed(command: list[str], cwd: Path, repeat: int) -> float:
    """Median wall seconds of ``repeat`` runs (start-up figures are noisy)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_cases(args: argparse.Namespace, tool: list[str], work: Path) -> list[Row]:
    rows = []
    jobs_list: list[int | None] = [int(j) for j in args.jobs.split(",")] if has_jobs(tool) else [None]
    cases = [("txt→JSON", "txt", False), ("txt→JSON+HTML", "txt", True), ("docx→JSON", "docx", False)]
    for n in (int(s) for s in args.sizes.split(",")):
        for name, fmt, html in cases:
            if fmt == "docx" and n > args.docx_max:
                continue
            folder = work / f"corpus-{fmt}-{n}"
            corpus.generate(folder, n, fmt)
            for jobs in jobs_list:
                with tempfile.TemporaryDirectory(dir=work) as out:
                    seconds, peak, code = measure(score_case(tool, folder, Path(out), html, jobs), work)
                row = Row(name, n, jobs or 1, round(seconds, 2), round(n / seconds, 1), round(peak, 1), code)
                rows.append(row)
                print(_row_text(row), flush=True)
    return rows


def run_length(tool: list[str], work: Path, jobs_ok: bool) -> dict[str, float]:
    """Seconds per KB for seed-sized reports and for reports 10× longer (same total text)."""
    found = {}
    for label, n, long in (("normal", 500, 1), ("x10", 50, 10)):
        folder = work / f"corpus-txt-{n}-long{long}"
        paths = corpus.generate(folder, n, "txt", long)
        kb = sum(p.stat().st_size for p in paths) / 1024
        with tempfile.TemporaryDirectory(dir=work) as out:
            command = score_case(tool, folder, Path(out), False, 1 if jobs_ok else None)
            seconds, _peak, _code = measure(command, work)
        found[f"{label}_ms_per_report"] = round(seconds / n * 1000, 2)
        found[f"{label}_ms_per_kb"] = round(seconds / kb * 1000, 3)
    return found


def _row_text(row: Row) -> str:
    return f"{row.case:<15} {row.n:>6} {row.jobs:>4} {row.seconds:>9.2f} {row.per_second:>10.1f} {row.peak_mb:>9.1f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to run (when the tool has --jobs)")
    parser.add_argument("--docx-max", type=int, default=10000, help="largest N for the docx corpus")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "rubric-check-bench",
        help="corpora are generated here once and reused",
    )
    parser.add_argument("--quick", action="store_true", help="skip the length comparison; fewer start-up runs")
    args = parser.parse_args(argv)
    # Throughput without the results store (its cost is bench/store.py's): nothing is recorded in the
    # user's data folder either. Versions without a store ignore the variable.
    os.environ.setdefault("RUBRIC_CHECK_STORE", "off")
    corpus._refuse_repository(args.work)
    args.work.mkdir(parents=True, exist_ok=True)
    tool = tool_command()
    seed = sorted(corpus.SEEDS.glob("*.txt"))[0]
    repeat = 3 if args.quick else 10
    version = timed([*tool, "--version"], args.work, repeat)
    with tempfile.TemporaryDirectory(dir=args.work) as out:
        one = timed(
            [*tool, "score", str(seed), "--json", f"{out}/one.json", "--no-html", "-q", "--no-config"],
            args.work,
            repeat,
        )
    print(f"start-up: --version {version:.3f} s; one seed end to end {one:.3f} s")
    print(f"{'case':<15} {'N':>6} {'jobs':>4} {'seconds':>9} {'reports/s':>10} {'peak MB':>9}")
    rows = run_cases(args, tool, args.work)
    length = {} if args.quick else run_length(tool, args.work, has_jobs(tool))
    if length:
        print(
            f"length: seed-sized {length['normal_ms_per_report']} ms/report ({length['normal_ms_per_kb']} ms/KB); "
            f"10× longer {length['x10_ms_per_report']} ms/report ({length['x10_ms_per_kb']} ms/KB)"
        )
    summary = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "version_s": round(version, 3),
        "one_seed_s": round(one, 3),
        "rows": [asdict(r) for r in rows],
        "length": length,
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
