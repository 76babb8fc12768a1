"""Evaluating the rule vocabulary (text, heading, all, any, not) on a Document."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import singledispatch

from rubric_check.documents.model import Document, Heading, Paragraph, join_paragraphs
from rubric_check.documents.outline import ENUMERATION_LEVEL
from rubric_check.matching.evidence import excerpt, heading_evidence
from rubric_check.results import Evidence, Outcome
from rubric_check.rubric.model import (
    AllRule,
    AnyRule,
    HeadingRule,
    NotRule,
    Patterns,
    PatternTimeout,
    Rule,
    TextRule,
)

MAX_EVIDENCE = 3
# Above this, a whole-document search could run into the pattern timeout a paragraph never meets.
JOINED_MAX_CHARS = 500_000
_SENTENCE_END = re.compile(r"[。!?;]")


@singledispatch
def evaluate(rule: Rule, doc: Document) -> Outcome:
    raise TypeError(f"unknown rule {type(rule).__name__}")


@evaluate.register
def _text(rule: TextRule, doc: Document) -> Outcome:
    found: list[tuple[int, re.Match[str]]] = []
    for paragraph in _candidates(rule, doc):
        kinds = doc.kinds_of[paragraph.index]
        if rule.in_kinds and not (kinds & rule.in_kinds):
            continue
        if kinds & rule.not_in_kinds:
            continue
        for match in rule.patterns.finditer(paragraph.text):
            if rule.unless is not None and rule.unless.search(_sentence(paragraph.text, match)):
                continue
            found.append((paragraph.index, match))
    count = len({m.group(0) for _, m in found}) if rule.distinct else len(found)
    if count < rule.min:
        return Outcome(False)
    return Outcome(True, _evidence(doc, found), rule.reason)


def _candidates(rule: TextRule, doc: Document) -> Sequence[Paragraph]:
    """The paragraphs that can hold a match of ``rule``, in order (``_text`` still applies the scope).

    A rule limited to some sections (``in``) searches just those paragraphs; any other searches the
    whole document once per pattern (rules often share phrase lists: the answer is kept on the
    document).
    """
    if not rule.patterns.context_free or doc.chars > JOINED_MAX_CHARS:
        return doc.paragraphs  # a huge document is not copied once more: the plain scan, paragraph by paragraph
    if rule.in_kinds:
        scope = [p for p in doc.paragraphs if doc.kinds_of[p.index] & rule.in_kinds]
        return _search(rule.patterns, scope, *join_paragraphs(scope))
    key = rule.patterns.regex.pattern
    found = doc.search_cache.get(key)
    if found is None:
        found = doc.search_cache[key] = _search(rule.patterns, doc.paragraphs, *doc.joined)
    return found


def _search(
    patterns: Patterns, paragraphs: Sequence[Paragraph], text: str, starts: Sequence[int]
) -> Sequence[Paragraph]:
    """Those of ``paragraphs`` (joined into ``text`` by newlines) where a match can start.

    For a context-free pattern, a match inside a paragraph is also a match at the same place of the
    joined text, so a search from the start of any paragraph finds a match starting no later than
    that paragraph's first one: searching again from the paragraph after each hit visits every
    paragraph that can match, and skips the rest. Saves a search per paragraph and rule; verdicts
    are those of the full scan (which still runs on the paragraphs kept). A search that times out
    gets the full scan.
    """
    found: list[Paragraph] = []
    position = 0
    search = patterns.search
    try:
        while (match := search(text, position)) is not None:
            index = bisect_right(starts, match.start()) - 1
            found.append(paragraphs[index])
            if index + 1 >= len(starts):
                break
            position = starts[index + 1]
    except PatternTimeout:
        return paragraphs
    return found


def _sentence(text: str, match: re.Match[str]) -> str:
    """The sentence (between 。；！？) that holds the match."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
    end_match = _SENTENCE_END.search(text, match.end())
    return text[start : end_match.start() if end_match else len(text)]


def _evidence(doc: Document, found: list[tuple[int, re.Match[str]]]) -> tuple[Evidence, ...]:
    """Up to MAX_EVIDENCE excerpts, from different paragraphs where possible."""
    chosen: list[tuple[int, re.Match[str]]] = []
    seen: set[int] = set()
    for index, match in found:
        if index not in seen:
            chosen.append((index, match))
            seen.add(index)
        if len(chosen) == MAX_EVIDENCE:
            break
    return tuple(excerpt(doc, doc.paragraphs[i], m.start(), m.end()) for i, m in chosen)


@evaluate.register
def _heading(rule: HeadingRule, doc: Document) -> Outcome:
    for heading in section_headings(doc):
        if heading.level > rule.max_level:
            continue
        if rule.kind is not None and rule.kind not in heading.kinds:
            continue
        if rule.patterns is not None and rule.patterns.search(heading.title) is None:
            continue
        if rule.min_chars and section_chars(doc, heading) < rule.min_chars:
            continue
        return Outcome(True, (heading_evidence(doc, heading),), rule.reason)
    return Outcome(False)


def section_headings(doc: Document) -> list[Heading]:
    """Headings that open sections (not 一是… enumerations)."""
    return [h for h in doc.headings if not h.inline and h.level != ENUMERATION_LEVEL]


def section_chars(doc: Document, heading: Heading) -> int:
    """Characters of text under ``heading`` (its own line after the title, and what follows)."""
    own = doc.paragraphs[heading.paragraph].text
    total = max(0, len(own) - len(heading.marker) - len(heading.title))
    for index in range(heading.paragraph + 1, len(doc.paragraphs)):
        opener = doc.section_of[index]
        if opener is not None and opener != doc.section_of[heading.paragraph]:
            other = doc.headings[opener]
            if other.paragraph == index and other.level <= heading.level:
                break
        total += len(doc.paragraphs[index].text)
    return total


@evaluate.register
def _all(rule: AllRule, doc: Document) -> Outcome:
    evidence: list[Evidence] = []
    reason = rule.reason
    for child in rule.rules:
        outcome = evaluate(child, doc)
        if not outcome.matched:
            return Outcome(False)
        evidence.extend(outcome.evidence)
        reason = reason or outcome.reason
    return Outcome(True, tuple(evidence), reason)


@evaluate.register
def _any(rule: AnyRule, doc: Document) -> Outcome:
    for child in rule.rules:
        outcome = evaluate(child, doc)
        if outcome.matched:
            return Outcome(True, outcome.evidence, rule.reason or outcome.reason)
    return Outcome(False)


@evaluate.register
def _not(rule: NotRule, doc: Document) -> Outcome:
    return Outcome(not evaluate(rule.rule, doc).matched, (), rule.reason)
