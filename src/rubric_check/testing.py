"""Helpers for tests and docstring examples: a Document or a verdict from a string."""

from __future__ import annotations

from rubric_check.documents.model import Document, SourceLine, SourceText
from rubric_check.engine import read_document
from rubric_check.rubric.load import load_rubric
from rubric_check.rubric.model import Rubric


def source(text: str, path: str = "snippet.txt") -> SourceText:
    lines = tuple(SourceLine(i, line) for i, line in enumerate(text.split("\n"), start=1))
    return SourceText(path=path, format="txt", lines=lines, encoding="utf-8")


def document(text: str, rubric: Rubric | None = None) -> Document:
    """``text`` as a report, sections classified by ``rubric`` (the default rubric if omitted)."""
    return read_document(source(text), rubric or load_rubric())
