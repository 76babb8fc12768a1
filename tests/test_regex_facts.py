"""The facts read from a rubric regex's parse tree hold for the bundled rubric on real text, and a
Python whose private parser stops reading the rubric is noticed here, not as a silent slowdown."""

from __future__ import annotations

from pathlib import Path

import regex
from pattern_support import rubric_patterns

from rubric_check.documents.normalise import normalise
from rubric_check.rubric import regex_facts
from rubric_check.rubrics import load_rubric

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def bundled_regexes() -> list[str]:
    lists = rubric_patterns(load_rubric())
    return sorted({p.expression for p in lists if p.indexed is None and not p.literal})


def test_the_stdlib_parser_reads_every_bundled_regex() -> None:
    regexes = bundled_regexes()
    assert len(regexes) > 40
    unread = [pattern for pattern in regexes if regex_facts._parse(pattern) is None]
    assert unread == []


def test_every_match_on_the_seeds_holds_the_words_its_regex_requires() -> None:
    paragraphs = [normalise(line) for seed in SEEDS for line in seed.read_text(encoding="utf-8").splitlines()]
    checked = 0
    for pattern in bundled_regexes():
        requirement = regex_facts.required(pattern)
        if not requirement:
            continue
        compiled = regex.compile(pattern)
        for text in paragraphs:
            for match in compiled.finditer(text):
                found = match.group()
                assert any(all(any(w in found for w in words) for words in sets) for sets in requirement), (
                    pattern,
                    found,
                )
                checked += 1
    assert checked > 100
