"""Build the labelled development corpus (tests/corpus) from its UTF-8 sources.

Each ``tests/corpus/sources/NAME.EXT.txt`` becomes ``NAME.EXT`` (txt, md, docx, pdf or html), so that
every document can be read and reviewed as plain text in git while the tool reads real files.
Directives on the first lines (``#! key=value``): ``encoding`` (txt: gb18030, utf-16 …), ``docx``
(``headings``: Word heading styles on 一、/（一） lines; ``autonumber``: those markers made by Word's
automatic numbering), ``pdf-header`` (a running header), ``html-title`` (the page's <title>). In a
docx source, consecutive lines starting with ``|`` are a Word table (first row = header).

By hand: ``python tests/fixtures_build/corpus.py OUT`` then
``rubric-check eval tests/corpus/labels.yaml OUT``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SOURCES = CORPUS / "sources"
LABELS = CORPUS / "labels.yaml"
_DIRECTIVE = re.compile(r"^#! ([a-z-]+)=(.*)$")
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]{1,3}）")


def read_source(path: Path) -> tuple[dict[str, str], list[str]]:
    """The directives and the document's lines (one paragraph each)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    options: dict[str, str] = {}
    while lines and (match := _DIRECTIVE.match(lines[0])):
        options[match.group(1)] = match.group(2).strip()
        lines.pop(0)
    return options, lines


def build_one(source: Path, out: Path) -> Path:
    options, lines = read_source(source)
    target = out / source.name.removesuffix(".txt")
    suffix = target.suffix
    if suffix in (".txt", ".md"):
        text = "\n".join(lines) + "\n"
        target.write_bytes(text.encode(options.get("encoding", "utf-8")))
    elif suffix == ".docx":
        _docx(target, lines, options.get("docx", ""))
    elif suffix == ".pdf":
        from fixtures_build.pdf_build import pdf_from_lines

        pdf_from_lines(target, lines, header=options.get("pdf-header"))
    elif suffix == ".html":
        from fixtures_build.html_build import html_from_lines

        html_from_lines(target, options.get("html-title", lines[0] if lines else ""), lines)
    else:
        raise ValueError(f"{source.name}: unknown format {suffix}")
    return target


def _docx(target: Path, lines: list[str], style: str) -> None:
    from docx import Document

    from fixtures_build.docx_build import add_outline_numbering, set_numbering

    document = Document()
    num_id = add_outline_numbering(document) if style == "autonumber" else None
    table_rows: list[list[str]] = []

    def flush_table() -> None:
        if table_rows:
            width = max(len(row) for row in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            for r, row in enumerate(table_rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            table_rows.clear()

    for line in lines:
        if line.startswith("|"):
            table_rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        flush_table()
        level = 0 if _LEVEL1.match(line) else 1 if _LEVEL2.match(line) else None
        if level is not None and num_id is not None:
            marker = (_LEVEL1 if level == 0 else _LEVEL2).match(line)
            assert marker is not None
            paragraph = document.add_paragraph(line[marker.end() :])
            set_numbering(paragraph, num_id, level)
        elif level is not None and style == "headings":
            document.add_paragraph(line, style=f"Heading {level + 1}")
        else:
            document.add_paragraph(line)
    flush_table()
    document.save(str(target))


def build_corpus(out: Path) -> list[Path]:
    """Every source built into ``out``, in sorted order."""
    out.mkdir(parents=True, exist_ok=True)
    return [build_one(source, out) for source in sorted(SOURCES.glob("*.txt"))]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    built = build_corpus(Path(sys.argv[1]))
    print(f"{len(built)} documents in {sys.argv[1]}")
