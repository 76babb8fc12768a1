"""The fast ways of finding matches (one phrase pass, joined-text search) give what a plain
paragraph-by-paragraph ``finditer`` of the list's alternation gives: same spans, same order."""

from __future__ import annotations

from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings
from pattern_support import rubric_patterns

from rubric_check.documents.normalise import normalise
from rubric_check.matching.spans import spans
from rubric_check.rubric.patterns import compile_patterns
from rubric_check.rubric.phrases import PhraseIndex
from rubric_check.rubrics import load_rubric
from rubric_check.testing import document

# Few characters, so phrases overlap, nest and share prefixes and suffixes all the time.
ALPHABET = "应急管理法治一公开信息。;，"
PHRASES = st.lists(st.text("应急管理法治公开", min_size=1, max_size=4), max_size=8)
REGEXES = st.lists(
    st.sampled_from(
        [
            "(?<!一)公开[^。;]{0,3}(?:信息|管理)",
            "管[^。]{0,2}理",
            "法+治",
            "(?:应急|管理)[^。;]{0,4}法",
            "^法",  # not context-free: the paragraph-by-paragraph scan
        ]
    ),
    max_size=3,
    unique=True,
)
PARAGRAPHS = st.lists(st.text(ALPHABET, min_size=1, max_size=40), min_size=1, max_size=6)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def plain_finditer(patterns, doc) -> list[tuple[int, int, int]]:
    return [(p.index, m.start(), m.end()) for p in doc.paragraphs for m in patterns.regex.finditer(p.text)]


@pytest.mark.slow
@SETTINGS
@given(PHRASES, REGEXES, PARAGRAPHS, st.booleans())
def test_spans_equal_a_plain_scan(phrases: list[str], regexes: list[str], texts: list[str], indexed: bool) -> None:
    if not phrases and not regexes:
        phrases = ["法治"]
    index = PhraseIndex() if indexed else None
    compile_patterns(["公开", "应急管理"], index=index)  # another list sharing the index
    patterns = compile_patterns(phrases, regexes, index=index)
    doc = document("\n\n".join(texts))
    assert list(spans(patterns, doc)) == plain_finditer(patterns, doc)


def test_nested_phrases_follow_the_lists_order_not_the_other_lists() -> None:
    index = PhraseIndex()
    short = compile_patterns(["应急"], index=index)
    long = compile_patterns(["应急", "应急管理"], index=index)
    doc = document("加强应急管理和应急处置。")
    text = doc.paragraphs[0].text
    assert [text[s:e] for _, s, e in spans(long, doc)] == ["应急管理", "应急"]
    assert [text[s:e] for _, s, e in spans(short, doc)] == ["应急", "应急"]


def test_a_phrase_wins_over_a_regex_starting_at_the_same_place() -> None:
    patterns = compile_patterns(["公开"], ["公开[^。]{0,4}信息"], index=PhraseIndex())
    doc = document("依法公开政府信息。")
    text = doc.paragraphs[0].text
    assert [text[s:e] for _, s, e in spans(patterns, doc)] == ["公开"]


HEADING_REGEXES = st.lists(
    st.sampled_from(
        [
            r"^(?:\d{4}年)?法治(?:政府)?建设(?:情况|成效)$",
            "(?:存在|面临)[^,。]{0,6}(?:问题|不足)",
            "问题(?:和|与)(?:不足|原因)",
            r"^(?!制定)[^。]*?\d{4}年[^。,]{0,4}(?:计划|安排)",
            "[^。]+情况",
            "[^。]{3}$",  # requires no word: always searched
        ]
    ),
    max_size=3,
    unique=True,
)
TITLES = st.text("存在面临问题不足和与原因法治政府建设情况成效制定计划安排2024年。,", max_size=20)


@SETTINGS
@given(PHRASES, HEADING_REGEXES, TITLES)
def test_occurs_in_agrees_with_search(phrases: list[str], regexes: list[str], title: str) -> None:
    if not phrases and not regexes:
        phrases = ["法治"]
    patterns = compile_patterns(phrases, regexes, index=PhraseIndex())
    assert patterns.occurs_in(title, {}) == (patterns.search(title) is not None)


SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def test_every_list_of_the_bundled_rubric_finds_on_the_seeds_what_a_plain_scan_finds() -> None:
    """The shortcuts (phrase pass, required words, joined-text search) on real reports and real
    rubric lists: breaking any of them changes some list's spans here."""
    rubric = load_rubric()
    lists = {p.expression: p for p in rubric_patterns(rubric)}
    assert len(lists) > 80
    for seed in SEEDS:
        doc = document(seed.read_text(encoding="utf-8"), rubric)
        for patterns in lists.values():
            assert list(spans(patterns, doc)) == plain_finditer(patterns, doc), (seed.name, patterns.sources)


def test_every_heading_list_of_the_bundled_rubric_agrees_with_search_on_the_seeds_lines() -> None:
    rubric = load_rubric()
    lines = {line.strip() for seed in SEEDS for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()}
    texts = [normalise(line) for line in sorted(lines) if len(line) < 60]
    for patterns in {p.expression: p for p in rubric_patterns(rubric)}.values():
        scans: dict = {}
        for text in texts:
            assert patterns.occurs_in(text, scans) == (patterns.search(text) is not None), (text, patterns.sources)
            scans.clear()
