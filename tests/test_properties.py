"""Property-based tests: normalisation, outline and matching never raise on any text, and every
evidence excerpt is found in the original at the line it names."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from rubric_check.documents.model import SourceLine, SourceText
from rubric_check.documents.normalise import build_paragraphs, normalise_with_offsets
from rubric_check.engine import score_source
from rubric_check.rubrics import load_rubric

RUBRIC = load_rubric()
# Report-like material mixed with anything: markers, punctuation of every width, quotes, digits.
ALPHABET = st.sampled_from(
    list("一二三四五六七八九十是（）()、.．，,。；;：:“”「」\"'《》【】 \t\u3000\u200b\ufeff0123456789％%")
    + list("法治政府建设主要举措和成效存在问题不足原因下一步工作计划第一责任人三项制度双随机普法复议年月日局委")
) | st.characters(blacklist_categories=("Cs",))
LINES = st.lists(st.text(ALPHABET, max_size=80), max_size=25)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(ALPHABET, max_size=200))
def test_normalise_offsets_stay_inside_the_original(text: str) -> None:
    normalised, offsets = normalise_with_offsets(text)
    assert len(normalised) == len(offsets)
    assert list(offsets) == sorted(offsets)
    assert all(0 <= offset < len(text) for offset in offsets)


@SETTINGS
@given(LINES)
def test_paragraph_characters_point_to_real_lines_and_columns(texts: list[str]) -> None:
    lines = [SourceLine(i, t) for i, t in enumerate(texts, start=1)]
    for paragraph in build_paragraphs(lines):
        assert len(paragraph.char_cols) == len(paragraph.text)
        for position, col in enumerate(paragraph.char_cols):
            assert 0 <= col < len(texts[paragraph.line_of(position) - 1])


@SETTINGS
@given(LINES)
def test_scoring_never_raises_and_evidence_is_verbatim(texts: list[str]) -> None:
    source = SourceText("p.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(texts, start=1)))
    result = score_source(source, RUBRIC)
    assert len(result.elements) == len(RUBRIC.elements)
    assert 0 <= result.score <= 100
    for element in result.elements:
        for evidence in element.evidence:
            assert evidence.text in texts[evidence.line - 1]
            if evidence.highlight is not None:
                start, end = evidence.highlight
                assert 0 <= start <= end <= len(evidence.text)
