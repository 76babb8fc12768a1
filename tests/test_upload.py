"""Bytes with a name (a web upload, an attachment) go through the same entry point as a file:
the same gated verdict, and an unreadable upload is an error entry under its own name."""

from __future__ import annotations

from conftest import SEEDS

from rubric_check.discovery import Input
from rubric_check.pipeline import Upload, score_input
from rubric_check.rubrics import load_rubric

SEED = sorted(SEEDS.glob("*.txt"))[0]


def test_an_upload_gets_the_verdict_its_file_gets() -> None:
    rubric = load_rubric()
    from_file = score_input(Input(SEED, SEED.name), rubric)
    uploaded = score_input(Upload("上传/" + SEED.name, SEED.read_bytes()), rubric)
    assert uploaded.error is None and uploaded.path == "上传/" + SEED.name
    assert (uploaded.score, uploaded.passed, uploaded.sha256) == (from_file.score, from_file.passed, from_file.sha256)
    assert [e.status for e in uploaded.elements] == [e.status for e in from_file.elements]


def test_an_unreadable_upload_is_an_error_entry_under_its_name() -> None:
    result = score_input(Upload("某局报告.pdf", b"%PDF-1.4 not really"), load_rubric())
    assert result.error is not None and result.path == "某局报告.pdf" and result.format == "pdf"
    assert "某局报告.pdf" in result.error.message
