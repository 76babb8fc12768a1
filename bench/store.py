"""The results store's cost: ``score`` txt→JSON with a store against ``--no-store``, in one run.

The VM's speed swings by ±20–30 % between runs, so the cases alternate round by round on the same
corpus and the medians are compared, of wall time and of CPU time (user + system of the command and
the workers it waited for: less disturbed by other tenants than wall time). Cases:

- ``no store``: ``--no-store`` (the batch-peer copy check still runs: it needs no store);
- ``fresh store``: a new SQLite file per round: creating the schema and writing every report
  (reports, element statuses, fingerprints) is the cost the issue bounds (≤ 10 %);
- ``second run``: the store already holds the same corpus from a first run, so reports with an
  earlier year of the same body are also compared with it (copy detection's lookups, not only writes);
- ``postgresql``: with ``--postgres URL`` (a throwaway server, e.g. ``.ci/postgres.sh start``), a
  fresh database per round.

    python bench/store.py --n 1000 --rounds 3 [--jobs 1] [--postgres postgresql://…/postgres]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # bench/ is a folder of scripts, not a package
from run import measure, score_case, tool_command


def _postgres_database(server: str) -> str:
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--postgres", help="a PostgreSQL server URL: also measure a store there")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "rubric-check-bench")
    args = parser.parse_args(argv)
    corpus._refuse_repository(args.work)
    args.work.mkdir(parents=True, exist_ok=True)
    folder = args.work / f"corpus-txt-{args.n}"
    corpus.generate(folder, args.n, "txt")
    tool = tool_command()
    seconds: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}

    def run(case: str, store: list[str]) -> None:
        with tempfile.TemporaryDirectory(dir=args.work) as out:
            command = [*score_case(tool, folder, Path(out), False, args.jobs), *store]
            before = _children_cpu()
            took, _peak, code = measure(command, args.work)
            used = _children_cpu() - before
        assert code in (0, 1), (case, code)
        seconds.setdefault(case, []).append(took)
        cpu.setdefault(case, []).append(used)
        print(f"{case:<12} {took:7.2f} s  {args.n / took:7.1f} reports/s  CPU {used:7.2f} s", flush=True)

    with tempfile.TemporaryDirectory(dir=args.work) as stores:
        filled = str(Path(stores) / "filled.sqlite3")
        run("first run", ["--store", filled])  # fills the store the "second run" rounds read
        for round_number in range(args.rounds):
            run("no store", ["--no-store"])
            run("fresh store", ["--store", str(Path(stores) / f"fresh{round_number}.sqlite3")])
            run("second run", ["--store", filled])
            if args.postgres:
                run("postgresql", ["--store", _postgres_database(args.postgres)])
    summary = {"wall": _compare(seconds, args.n), "cpu": _compare(cpu, args.n)}
    for kind, rows in summary.items():
        for case, row in rows.items():
            print(f"median {kind:<4} {case:<12} {row['reports_per_s']:7.1f} reports/s  {row['cost_pct']:+5.1f} %")
    print(json.dumps({"n": args.n, "jobs": args.jobs, "rounds": args.rounds, **summary}, ensure_ascii=False))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _compare(times: dict[str, list[float]], n: int) -> dict[str, dict[str, float]]:
    """Median per case, as reports/s and as the cost over ``no store`` (the first run is only filling)."""
    medians = {case: statistics.median(values) for case, values in times.items() if case != "first run"}
    base = medians["no store"]
    return {
        case: {"seconds": round(m, 2), "reports_per_s": round(n / m, 1), "cost_pct": round(100 * (m / base - 1), 1)}
        for case, m in medians.items()
    }


if __name__ == "__main__":
    main()
