"""Where evidence is, in the words of its source: Word paragraphs under a heading, PDF page and line on
that page, text lines; checked against layouts worked out independently of the readers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixtures_build.docx_build import docx_from_lines
from fixtures_build.pdf_build import LEADING, MARGIN, pdf_from_lines, wrap
from fixtures_build.seeds import seed_lines, seed_paths
from reportlab.lib.pagesizes import A4

from rubric_check.discovery import Input
from rubric_check.formatters.excerpts import merge_excerpts
from rubric_check.formatters.html_view import report_view
from rubric_check.formatters.locations import line_place, location
from rubric_check.messages import message
from rubric_check.pipeline import score_input
from rubric_check.results import Evidence, ReportResult
from rubric_check.rubric.model import Rubric


def test_wording_per_format() -> None:
    pdf = Evidence(line=64, text="x", section="二、存在的问题", page=2, page_line=15)
    assert location(pdf, "pdf") == "第 2 页第 15 行 · 所在部分：二、存在的问题"
    txt = Evidence(line=31, text="x", section=None)
    assert location(txt, "txt") == "第 31 行 · 所在部分：" + message("location.no_section")
    word = Evidence(line=23, text="x", section="（一）深化改革。简化审批", paragraph=3)
    assert location(word, "docx") == "“（一）深化改革。”下第 3 段"
    assert not re.search(r"第 \d+ 行", location(word, "docx"))  # Word has no line numbers
    assert location(Evidence(line=2, text="x", section="二、问题", paragraph=0), "docx") == "小标题“二、问题”"
    assert location(Evidence(line=4, text="x", paragraph=2), "docx") == message(
        "location.paragraph_no_section", paragraph=2
    )
    assert line_place("txt", 7) == "第 7 行" and line_place("docx", 7) == "" and line_place("pdf", 7) == ""


def _scored(path: Path, rubric: Rubric) -> ReportResult:
    result = score_input(Input(path, path.name), rubric)
    assert result.error is None, result.error
    return result


def _excerpts(result: ReportResult) -> list[tuple[Evidence, str]]:
    """Every evidence with its text as found (without the "…" of a cut excerpt)."""
    return [(ev, ev.text) for element in result.elements for ev in element.evidence if len(ev.text) >= 8]


def _only_line(lines: list[str], excerpt: str) -> int | None:
    found = [i for i, line in enumerate(lines) if excerpt in line]
    return found[0] if len(found) == 1 else None


@pytest.mark.parametrize("seed", seed_paths()[:3], ids=lambda p: p.name[:3])
def test_word_evidence_is_the_paragraph_under_its_heading(seed: Path, tmp_path: Path, rubric: Rubric) -> None:
    lines = []
    for line in seed_lines(seed):  # empty paragraphs between, as offices type them: not counted by a reader
        lines += [line, ""]
    result = _scored(docx_from_lines(tmp_path / "report.docx", lines), rubric)
    checked = 0
    for evidence, excerpt in _excerpts(result):
        index = _only_line(lines, excerpt)
        if index is None or evidence.section is None:
            continue
        heading = max(i for i, line in enumerate(lines[: index + 1]) if line and evidence.section.startswith(line[:8]))
        expected = sum(1 for line in lines[heading + 1 : index + 1] if line.strip())
        assert evidence.paragraph == expected, (excerpt, evidence)
        where = location(evidence, "docx")
        assert not re.search(r"第 \d+ 行", where) and (expected == 0 or f"下第 {expected} 段" in where)
        checked += 1
    assert checked >= 10


def _pdf_layout(lines: list[str]) -> list[tuple[int, int]]:
    """(page, line on the page) where each line starts, following pdf_build's layout loop."""
    top = A4[1] - MARGIN - 20
    page, y, row = 1, top, 0
    starts = []
    for line in lines:
        for number, (_indent, _piece) in enumerate(wrap(line)):
            if y < MARGIN:
                page, y, row = page + 1, top, 0
            row += 1
            if number == 0:
                starts.append((page, row))
            y -= LEADING
    return starts


def test_pdf_evidence_is_the_page_and_the_line_on_that_page(tmp_path: Path, rubric: Rubric) -> None:
    lines = seed_lines(seed_paths()[1])
    result = _scored(pdf_from_lines(tmp_path / "report.pdf", lines), rubric)
    starts = _pdf_layout(lines)
    checked = set()
    for evidence, excerpt in _excerpts(result):
        index = _only_line(lines, excerpt)
        if index is None:
            continue
        assert (evidence.page, evidence.page_line) == starts[index], excerpt
        assert location(evidence, "pdf").startswith(f"第 {starts[index][0]} 页第 {starts[index][1]} 行")
        checked.add(starts[index][0])
    assert len(checked) >= 2  # evidence from more than one page, so the count restarts per page


def test_one_sentence_is_listed_once_per_element(rubric: Rubric) -> None:
    """Five quantities in one sentence were five excerpts of it; now one, with all five marked."""
    seed = seed_paths()[0]
    result = _scored(seed, rubric)
    for element in result.elements:
        merged = merge_excerpts(element.evidence)
        texts = [m.text for m in merged]
        for i, a in enumerate(merged):  # no two excerpts of one line that overlap
            for b in merged[i + 1 :]:
                if a.evidence.line == b.evidence.line:
                    assert a.text[-6:] not in b.text and b.text[-6:] not in a.text, (element.id, texts)
        for evidence in element.evidence:  # every window survives whole, its match still marked
            holder = next(m for m in merged if m.evidence.line == evidence.line and evidence.text in m.text)
            if evidence.highlight and evidence.highlight[1] > evidence.highlight[0]:
                offset = holder.text.find(evidence.text)
                start, end = (offset + evidence.highlight[0], offset + evidence.highlight[1])
                assert any(s <= start and end <= e for s, e in holder.marks), (element.id, evidence)
    view = report_view(result, rubric)
    for element in (*view.missing, *view.partial, *view.met):
        wheres = [(ev.where, "".join(t for t, _ in ev.pieces)) for ev in element.evidence]
        assert len(wheres) == len(set(wheres)), element.id
