"""A deterministic benchmark corpus: N reports derived from the bundled seeds.

Report ``i`` is seed ``i % 5`` with every year shifted by the same amount (so the year checks still
agree) and the other figures scaled, chosen by ``random.Random(i)``: the same N always gives the same
bytes, and reports differ enough that no cache can help. ``--long K`` concatenates K variants into
one report (to show cost is linear in length). Written as .txt (UTF-8) or .docx (python-docx), in
folders of 1,000 files, into a folder you name; never into the repository.

    python bench/corpus.py OUT --n 1000 --format txt
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PER_FOLDER = 1000
_YEAR = re.compile(r"(?<!\d)20[12]\d(?!\d)")
_NUMBER = re.compile(r"(?<![\d.])\d{1,6}(?![\d.])")


def seed_texts() -> list[tuple[str, str]]:
    """(stem, text) of every seed, in name order."""
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def variant(text: str, rng: random.Random) -> str:
    """The seed with years shifted together and other figures scaled (deterministic given ``rng``)."""
    shift = rng.choice((-3, -2, -1, 0, 1))
    factor = rng.choice((0.5, 0.8, 1.2, 1.5, 2.0, 3.0))

    def year(match: re.Match[str]) -> str:
        return str(int(match.group(0)) + shift)

    def figure(match: re.Match[str]) -> str:
        value = int(match.group(0))
        if value < 13:  # ordinals, months, days: keep dates and numbering plausible
            return match.group(0)
        return str(max(1, round(value * factor)))

    parts = []
    for piece in _YEAR.split(text):  # years first, so figures never touch them
        parts.append(_NUMBER.sub(figure, piece))
    years = [year(m) for m in _YEAR.finditer(text)]
    out = parts[0]
    for shifted, rest in zip(years, parts[1:], strict=True):
        out += shifted + rest
    return out


def report_text(index: int, seeds: list[tuple[str, str]], long: int = 1) -> tuple[str, str]:
    """(name stem, text) of report ``index``; ``long`` > 1 joins that many variants into one report."""
    rng = random.Random(index)
    stem, text = seeds[index % len(seeds)]
    if long <= 1:
        return f"{index:05d}_{stem}", variant(text, rng)
    bodies = [variant(text, rng)]
    for extra in range(1, long):
        body = variant(seeds[(index + extra) % len(seeds)][1], rng)
        bodies.append("\n".join(body.splitlines()[2:]))  # later parts without their title block
    return f"{index:05d}_{stem}_x{long}", "\n".join(bodies)


def write_docx(path: Path, text: str) -> None:
    from docx import Document  # only the .docx corpus needs python-docx

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))


def generate(out: Path, n: int, fmt: str = "txt", long: int = 1) -> list[Path]:
    """Write the corpus under ``out`` and list it; files already there are kept (they are the same)."""
    seeds = seed_texts()
    paths = []
    for index in range(n):
        stem, text = report_text(index, seeds, long)
        folder = out / f"{index // PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stem}.{fmt}"
        paths.append(path)
        if path.exists():
            continue
        temp = path.with_name(f".{path.name}.tmp")  # an interrupted run leaves no half-written report
        if fmt == "txt":
            temp.write_text(text, encoding="utf-8")
        else:
            write_docx(temp, text)
        temp.replace(path)
    return paths


def _refuse_repository(out: Path) -> None:
    resolved = out.resolve()
    if resolved == ROOT or ROOT in resolved.parents:
        sys.exit(f"refusing to write the corpus inside the repository: {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--format", choices=("txt", "docx"), default="txt")
    parser.add_argument("--long", type=int, default=1, help="variants per report (10 = a report 10x longer)")
    args = parser.parse_args(argv)
    _refuse_repository(args.out)
    paths = generate(args.out, args.n, args.format, args.long)
    print(f"{len(paths)} reports in {args.out}")


if __name__ == "__main__":
    main()
