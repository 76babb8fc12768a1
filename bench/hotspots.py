"""Where one process spends its time scoring a corpus: cProfile of read → score → JSON (→ HTML).

    python bench/hotspots.py --n 200            # top functions by own time
    python bench/hotspots.py --n 200 --html --sort cumulative

Runs in this process (no start-up, no workers), after one warm-up pass over the corpus, so the
figures are the steady state a large batch sees.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # bench/ is a folder of scripts, not a package

from rubric_check.discovery import Input
from rubric_check.formatters.json_report import record_text
from rubric_check.gate import Gate
from rubric_check.pipeline import score_input
from rubric_check.rubrics import load_rubric


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--format", choices=("txt", "docx"), default="txt")
    parser.add_argument("--html", action="store_true", help="also render each HTML gap report")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    rubric = load_rubric()
    gate = Gate()
    with tempfile.TemporaryDirectory() as work:
        items = [Input(p, p.name) for p in corpus.generate(Path(work), args.n, args.format)]
        render = None
        if args.html:
            from rubric_check.formatters.html_report import render_report

            render = render_report

        def batch() -> None:
            for item in items:
                result = gate.apply(score_input(item, rubric), rubric)
                record_text(result)
                if render is not None and result.error is None:
                    render(result, rubric, gate)

        batch()  # warm-up: caches, lazily imported readers
        profiler = cProfile.Profile()
        profiler.runcall(batch)
    stats = pstats.Stats(profiler)
    stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
