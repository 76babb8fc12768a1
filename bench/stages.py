"""Milliseconds per report for each stage, in one process: read, build, score, gate, JSON, HTML.

    python bench/stages.py --n 300

Plain timers (no profiler, whose overhead distorts small functions), CPU time, the best of three
passes after a warm-up: the steady state of a large batch. Use it to see which stage a change
moved; use hotspots.py to see why.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # bench/ is a folder of scripts, not a package

from rubric_check.discovery import Input
from rubric_check.documents.readers import read_source
from rubric_check.engine import read_document, score_document
from rubric_check.formatters.html_report import render_report
from rubric_check.formatters.json_report import record_text
from rubric_check.gate import Gate
from rubric_check.rubrics import load_rubric

STAGES = ("read", "build", "score", "gate", "json", "html")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--format", choices=("txt", "docx"), default="txt")
    args = parser.parse_args(argv)
    rubric = load_rubric()
    gate = Gate()
    with tempfile.TemporaryDirectory() as work:
        items = [Input(p, p.name) for p in corpus.generate(Path(work), args.n, args.format)]

        def one_pass() -> dict[str, float]:
            spent = dict.fromkeys(STAGES, 0.0)
            for item in items:
                marks = [time.process_time()]
                source = read_source(item.path, item.shown)
                marks.append(time.process_time())
                doc = read_document(source, rubric)
                marks.append(time.process_time())
                result = score_document(doc, rubric)
                marks.append(time.process_time())
                result = gate.apply(result, rubric)
                marks.append(time.process_time())
                record_text(result)
                marks.append(time.process_time())
                render_report(result, rubric, gate)
                marks.append(time.process_time())
                for stage, begin, end in zip(STAGES, marks, marks[1:], strict=False):
                    spent[stage] += end - begin
            return spent

        one_pass()  # warm-up: caches, lazily imported readers
        passes = [one_pass() for _ in range(3)]
    best = {stage: min(p[stage] for p in passes) / len(items) * 1000 for stage in STAGES}
    for stage in STAGES:
        print(f"{stage:<6} {best[stage]:6.3f} ms")
    without_html = sum(best[s] for s in STAGES if s != "html")
    print(f"total  {without_html:6.3f} ms without HTML, {without_html + best['html']:.3f} ms with")


if __name__ == "__main__":
    main()
