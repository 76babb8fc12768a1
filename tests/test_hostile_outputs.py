"""Report text crafted against the renderers is shown literally in every output format."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

CRAFTED = "\n".join(
    [
        "=1+2 2024年法治政府建设情况报告",
        "一、主要举措和成效",
        "（一）<script>x</script>普法{{7*7}}{%if 1%}宣传12场。",
        "全年办理案件[点我](javascript:alert(1)) | **粗** 35件，\u202e倒序\u202c 😀 ]]> <![CDATA[ x ]]> 公示信息20条。",
        "@SUM(A1:A2) 落实行政执法三项制度，<!-- 注释：主要举措和成效 --> <iframe src=x></iframe>。",
        "-2+3 " + "长" * 10000 + "。",
        "二、存在的不足",
        "+cmd 人员不足。",
    ]
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crafted")
    (folder / "=1+2.txt").write_text(CRAFTED, encoding="utf-8")
    args = [
        "--html",
        "out",
        "--json",
        "out/r.json",
        "--sarif",
        "out/r.sarif",
        "--junit",
        "out/r.xml",
        "--markdown",
        "out/r.md",
        "--csv",
        "out/r.csv",
        "--xlsx",
        "out/r.xlsx",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "rubric_check", "score", *args, "--", "=1+2.txt"],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    return folder / "out"


def test_html_escapes_markup_and_template_syntax(outputs: Path) -> None:
    [page] = [p for p in outputs.glob("*.html") if p.name != "index.html"]
    html = page.read_text(encoding="utf-8")
    assert "<script>x</script>" not in html and "<iframe" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "{{7*7}}" in html and "{%if 1%}" in html
    assert 'href="javascript' not in html and "倒序" in html
    index = (outputs / "index.html").read_text(encoding="utf-8")
    assert "<script>x" not in index and "=1+2" in index


def test_json_sarif_and_junit_stay_well_formed(outputs: Path) -> None:
    report = json.loads((outputs / "r.json").read_text(encoding="utf-8"))["reports"][0]
    texts = [e["text"] for element in report["elements"] for e in element["evidence"]]
    assert any("<script>x</script>普法{{7*7}}" in t for t in texts)  # JSON carries the original text
    json.loads((outputs / "r.sarif").read_text(encoding="utf-8"))
    ElementTree.parse(outputs / "r.xml")


def test_markdown_cannot_inject_markup(outputs: Path) -> None:
    markdown = (outputs / "r.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and "<iframe" not in markdown


def test_spreadsheet_cells_never_start_a_formula(outputs: Path) -> None:
    with (outputs / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=1+2.txt" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(outputs / "r.xlsx").worksheets[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
