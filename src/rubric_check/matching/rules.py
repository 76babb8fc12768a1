"""Evaluating the rule vocabulary (text, heading, all, any, not) on a Document."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import singledispatch

from rubric_check.documents.conventions import conventions
from rubric_check.documents.markers import ENUMERATION_LEVEL
from rubric_check.documents.model import Document, Heading
from rubric_check.matching.evidence import excerpt, heading_evidence
from rubric_check.matching.spans import Span, spans
from rubric_check.results import Evidence, Outcome
from rubric_check.rubric.model import AllRule, AnyRule, HeadingRule, NotRule, PassageRule, Patterns, Rule, TextRule

MAX_EVIDENCE = 3
_CLAUSE_END = conventions().mark_class("stops", "semicolons", "commas", "colons")
MIN_PIECE_CHARS = 4  # Chinese characters: shorter pieces (2024年, (一), 同时) say nothing on their own
_HAN = re.compile(r"[\u4e00-\u9fff]")
EVIDENCE_CHARS = 30
_SENTENCE_END = conventions().mark_class("stops", "semicolons")


@singledispatch
def evaluate(rule: Rule, doc: Document) -> Outcome:
    raise TypeError(f"unknown rule {type(rule).__name__}")


@evaluate.register
def _text(rule: TextRule, doc: Document) -> Outcome:
    found: list[Span] = []
    for span in spans(rule.patterns, doc):
        index, start, end = span
        kinds = doc.kinds_of[index]
        if rule.in_kinds and not (kinds & rule.in_kinds):
            continue
        if index in doc.title_paragraphs and not rule.in_kinds:
            continue  # the title names the subject; it is no evidence of work done
        if kinds & rule.not_in_kinds:
            continue
        if rule.skip_section_titles and start < section_title_end(doc, index):
            continue
        clause_test = rule.unless_clause
        if clause_test is not None and clause_test.search(_clause(doc, index, start, end)):
            continue
        if rule.unless is not None or rule.sentence_has is not None:
            sentence = _sentence(doc, index, start, end)
            if rule.unless is not None and rule.unless.search(sentence):
                continue
            if rule.sentence_has is not None and not rule.sentence_has.search(sentence):
                continue
        found.append(span)
    if rule.distinct:
        count = len({doc.paragraphs[i].text[s:e] for i, s, e in found})
    elif rule.per_sentence or rule.per_clause:
        ends = _CLAUSE_END if rule.per_clause else _SENTENCE_END
        count = len({(i, _piece(doc, i, s, s, ends)[0]) for i, s, _ in found})
    else:
        count = len(found)
    if count < rule.min:
        return Outcome(False)
    return Outcome(True, _evidence(doc, found), rule.reason)


def _piece(doc: Document, index: int, start: int, end: int, ends: re.Pattern[str]) -> tuple[int, int]:
    """``(begin, stop)`` of the sentence or clause (between ``ends``) of paragraph ``index`` that holds
    ``[start, end)``; the separators of each paragraph are found once per document."""
    key = f"\0pieces\0{ends.pattern}\0{index}"
    cuts = doc.search_cache.get(key)
    if cuts is None:
        cuts = doc.search_cache[key] = [m.start() for m in ends.finditer(doc.paragraphs[index].text)]
    before, after = bisect_left(cuts, start), bisect_left(cuts, end)
    begin = cuts[before - 1] + 1 if before else 0
    stop = cuts[after] if after < len(cuts) else len(doc.paragraphs[index].text)
    return begin, stop


def _clause(doc: Document, index: int, start: int, end: int) -> str:
    """The clause (between ，；。：！？) that holds the match ``[start, end)``."""
    begin, stop = _piece(doc, index, start, end, _CLAUSE_END)
    return doc.paragraphs[index].text[begin:stop]


def _sentence(doc: Document, index: int, start: int, end: int) -> str:
    """The sentence (between 。；！？) that holds the match ``[start, end)``."""
    begin, stop = _piece(doc, index, start, end, _SENTENCE_END)
    return doc.paragraphs[index].text[begin:stop]


def _evidence(doc: Document, found: list[Span]) -> tuple[Evidence, ...]:
    """Up to MAX_EVIDENCE excerpts, from different paragraphs where possible."""
    chosen: list[Span] = []
    seen: set[int] = set()
    for span in found:
        if span[0] not in seen:
            chosen.append(span)
            seen.add(span[0])
        if len(chosen) == MAX_EVIDENCE:
            break
    return tuple(excerpt(doc, doc.paragraphs[i], s, e) for i, s, e in chosen)


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


def section_title_end(doc: Document, paragraph: int) -> int:
    """Where the title ends in a paragraph that is a heading naming a section kind (二、存在的不足和原因
    is a title, not an analysis of causes); 0 for any other paragraph."""
    return doc.section_titles.get(paragraph, 0)


@evaluate.register
def _passage(rule: PassageRule, doc: Document) -> Outcome:
    """The paragraphs of the kind (outside the title, less the titles of headings that name a kind)
    are one passage, measured as a whole."""
    paragraphs = [p for p in doc.paragraphs if rule.kind in doc.kinds_of[p.index]]
    if not paragraphs or len(paragraphs) < rule.min_paragraphs:
        return Outcome(False)
    texts = [p.text[section_title_end(doc, p.index) :] for p in paragraphs]
    if sum(len(text) for text in texts) < rule.min_chars:
        return Outcome(False)
    if rule.min_sentences and _pieces(texts, _SENTENCE_END, rule.without) < rule.min_sentences:
        return Outcome(False)
    if rule.min_clauses and _pieces(texts, _CLAUSE_END, rule.without) < rule.min_clauses:
        return Outcome(False)
    first = paragraphs[0]
    return Outcome(True, (excerpt(doc, first, 0, min(len(first.text), EVIDENCE_CHARS)),), rule.reason)


def _pieces(texts: list[str], separator: re.Pattern[str], without: Patterns | None) -> int:
    """Sentences (or clauses) of the texts long enough to say something, less those with ``without``."""
    return sum(
        1
        for text in texts
        for piece in separator.split(text)
        if len(_HAN.findall(piece)) >= MIN_PIECE_CHARS and (without is None or without.search(piece) is None)
    )


@evaluate.register
def _all(rule: AllRule, doc: Document) -> Outcome:
    evidence: list[Evidence] = []
    reason = rule.reason
    for child in rule.rules:
        outcome = evaluate(child, doc)
        if not outcome.matched:
            return Outcome(False)
        evidence.extend(e for e in outcome.evidence if (e.line, e.text) not in {(x.line, x.text) for x in evidence})
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
