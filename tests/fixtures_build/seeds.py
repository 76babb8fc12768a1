"""The real reports in seeds/ as fixture material."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def seed_lines(path: Path) -> list[str]:
    """Non-blank lines of a seed, stripped."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def squeezed(lines: list[str]) -> list[str]:
    """Lines with all white space removed, for comparisons modulo whitespace."""
    return ["".join(line.split()) for line in lines if "".join(line.split())]
