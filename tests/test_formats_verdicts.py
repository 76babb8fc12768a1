"""Whatever form a report arrives in, it gets the same verdicts; figures in tables count."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS
from fixtures_build.docx_build import docx_from_lines
from fixtures_build.html_build import html_from_lines
from fixtures_build.pdf_build import pdf_from_lines
from fixtures_build.seeds import seed_lines

from rubric_check.discovery import Input
from rubric_check.pipeline import score_input
from rubric_check.rubric.model import Rubric


@pytest.mark.parametrize("seed", ["000_85fd514af7da5818.txt", "004_bf5f36622d80c3d3.txt"])
def test_same_verdicts_as_txt_docx_pdf_html(tmp_path: Path, rubric: Rubric, seed: str) -> None:
    source = SEEDS / seed
    lines = seed_lines(source)
    paths = [
        source,
        docx_from_lines(tmp_path / "r.docx", lines, heading_styles=True),
        pdf_from_lines(tmp_path / "r.pdf", lines),
        html_from_lines(tmp_path / "r.html", lines[1], lines),
    ]
    results = [score_input(Input(p, p.name), rubric) for p in paths]
    assert [r.error for r in results] == [None] * 4
    expected = [(e.id, e.status) for e in results[0].elements]
    for result in results[1:]:
        assert [(e.id, e.status) for e in result.elements] == expected, result.format
        assert result.score == results[0].score


def test_a_table_of_figures_counts_toward_quantified_results(tmp_path: Path, rubric: Rubric) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("关于2024年法治政府建设情况的报告")
    document.add_paragraph("一、主要举措和成效")
    document.add_paragraph("全年主要工作数据见下表。")
    table = document.add_table(rows=0, cols=2)
    for name, figure in [
        ("行政许可", "1326件"),
        ("执法检查", "412次"),
        ("培训人员", "560人次"),
        ("行政复议", "3件"),
        ("办结率", "99.2%"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, figure
    path = tmp_path / "table.docx"
    document.save(path)
    result = score_input(Input(path, path.name), rubric)
    quantified = next(e for e in result.elements if e.id == "quantified-results")
    assert quantified.status == "met", quantified.message
