"""Helpers for tests and docstring examples: a Document or a verdict from a string."""

from __future__ import annotations

from rubric_check.documents.model import Document
from rubric_check.engine import read_document
from rubric_check.examples import snippet_source
from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import load_rubric


def document(text: str, rubric: Rubric | None = None) -> Document:
    """``text`` as a report, sections classified by ``rubric`` (the default rubric if omitted)."""
    return read_document(snippet_source(text, "snippet.txt"), rubric or load_rubric())
