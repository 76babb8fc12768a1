"""Helpers for the results-store tests: score into a store, read rows back, make report variants."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from rubric_check.commands.score import ScoreOptions, run
from rubric_check.store.connection import connect

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_85fd514af7da5818.txt"  # 湖滨区卫生健康委员会, 2023; its problems have no causes


def score(paths: list[Path], store: str | None, json_out: Path | None = None, **options: Any) -> tuple[int, str, str]:
    """Run ``score`` as the command line does (no HTML unless asked); exit code, stdout, stderr."""
    stdout, stderr = io.StringIO(), io.StringIO()
    fields: dict[str, Any] = {"html_dir": None, "use_config": False, "quiet": True, "no_store": store is None}
    fields.update(options)
    code = run(
        ScoreOptions(
            paths=tuple(str(p) for p in paths), store=store, json=str(json_out) if json_out else None, **fields
        ),
        stdout,
        stderr,
    )
    return code, stdout.getvalue(), stderr.getvalue()


def reports_json(path: Path) -> dict[str, dict[str, Any]]:
    """The JSON output's reports by file name."""
    return {Path(r["path"]).name: r for r in json.loads(path.read_text(encoding="utf-8"))["reports"]}


def element(report: dict[str, Any], element_id: str) -> dict[str, Any]:
    return next(e for e in report["elements"] if e["id"] == element_id)


def rows(store: str, sql: str) -> list[tuple[Any, ...]]:
    db = connect(store)
    try:
        return db.query(sql)
    finally:
        db.close()


def shifted_years(text: str, by: int) -> str:
    """The same report with every year moved by ``by`` (a copy passed off as another year's)."""
    return re.sub(r"20\d\d", lambda m: str(int(m.group()) + by), text)


def with_causes(text: str) -> str:
    """The seed with a causal analysis added after its list of shortcomings."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if "薄弱环节" in line)
    lines.insert(index + 1, "究其原因，主要是对执法人员的系统培训不够，法治工作力量投入不足、创新不够。")
    return "\n".join(lines)
