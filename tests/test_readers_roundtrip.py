"""The same report as .txt, .docx, .pdf and .html gives the same document to match against:
the same paragraphs, the same outline and the same metadata (apart from line numbers)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fixtures_build.docx_build import docx_from_lines
from fixtures_build.html_build import html_from_lines
from fixtures_build.pdf_build import pdf_from_lines
from fixtures_build.seeds import seed_lines, seed_paths

from rubric_check.documents.build import build_document
from rubric_check.documents.model import Document
from rubric_check.documents.readers import read_source

BUILDERS = {
    "docx": lambda path, lines: docx_from_lines(path, lines, heading_styles=True),
    "pdf": lambda path, lines: pdf_from_lines(path, lines),
    "html": lambda path, lines: html_from_lines(path, lines[1], lines, charset="gb2312", encoding="gb18030"),
}


def no_kinds(_title: str) -> frozenset[str]:
    return frozenset()


def _summary(document: Document) -> tuple[object, ...]:
    meta = dataclasses.asdict(document.meta)
    located = {key: value for key, value in meta.items() if not key.endswith("_line")}
    return (
        [paragraph.text for paragraph in document.paragraphs],
        [(heading.level, heading.title) for heading in document.headings],
        located,
    )


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("seed", seed_paths(), ids=lambda path: path.stem[:3])
def test_same_document_whatever_the_format(tmp_path: Path, seed: Path, fmt: str) -> None:
    expected = build_document(read_source(seed, seed.name), no_kinds)
    path = BUILDERS[fmt](tmp_path / f"report.{fmt}", seed_lines(seed))
    got = build_document(read_source(path, path.name), no_kinds)
    assert got.format == fmt
    assert _summary(got) == _summary(expected)
