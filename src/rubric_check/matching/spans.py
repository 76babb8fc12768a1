"""Where a pattern list matches in a document: the spans ``finditer`` gives paragraph by paragraph.

One way, for every list: its phrases come from the rubric's one Aho–Corasick pass over the whole
report (rubric.phrases, shared by every list); its regexes run only in the paragraphs where they
can match (rubric.regex_facts: where the words they need occur, else, for a context-free regex,
where one search over the joined paragraphs finds a start, else everywhere); the two are merged
per paragraph exactly as the list's alternation would choose (phrases first). A list compiled
without an index (a check's own list, a test's) is all regex.

tests/test_spans.py holds every shortcut to a plain ``finditer`` (hypothesis, and every list of
the bundled rubric on the seeds); results are kept on the document, as met and partial rules often
share a list.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from rubric_check.documents.model import Document, Paragraph
from rubric_check.rubric.model import IndexedPhrases, Patterns, PatternTimeout
from rubric_check.rubric.phrases import Occurrence, PhraseIndex, leftmost_first

# (paragraph index, start, end) in the paragraph's normalised text.
Span = tuple[int, int, int]

# Above this, a whole-document search could run into the pattern timeout a paragraph never meets.
JOINED_MAX_CHARS = 500_000


def spans(patterns: Patterns, doc: Document) -> tuple[Span, ...]:
    """Every match of ``patterns`` in ``doc``, in document order."""
    key = patterns.expression
    found = doc.search_cache.get(key)
    if found is None:
        found = doc.search_cache[key] = tuple(_find(patterns, doc))
    return found  # type: ignore[no-any-return]


def _find(patterns: Patterns, doc: Document) -> list[Span]:
    indexed = patterns.indexed
    regexes = indexed.rest if indexed is not None else patterns
    if regexes is None and indexed is not None and indexed.slot is not None:  # phrases alone: nothing to merge
        starts = doc.joined[1]
        return [in_paragraph(s, e, starts) for s, e in leftmost_first(_occurrences(indexed.index, doc)[indexed.slot])]
    phrases = _phrases_by_paragraph(indexed, doc) if indexed is not None else {}
    searched = _where_regexes_can_match(regexes, indexed, doc) if regexes is not None else set()
    return [
        (i, start, end)
        for i in sorted(phrases.keys() | searched)
        for start, end in _merge(phrases.get(i, ()), regexes if i in searched else None, doc.paragraphs[i].text)
    ]


def _phrases_by_paragraph(indexed: IndexedPhrases, doc: Document) -> dict[int, list[Occurrence]]:
    """The list's phrase occurrences from the shared pass over the joined text, per paragraph (a
    phrase never holds the newline between paragraphs), sorted by position."""
    if indexed.slot is None:
        return {}
    starts = doc.joined[1]
    by_paragraph: dict[int, list[Occurrence]] = {}
    for start, rank, end in sorted(_occurrences(indexed.index, doc)[indexed.slot]):
        index, local_start, local_end = in_paragraph(start, end, starts)
        by_paragraph.setdefault(index, []).append((local_start, rank, local_end))
    return by_paragraph


def _where_regexes_can_match(regexes: Patterns, indexed: IndexedPhrases | None, doc: Document) -> set[int]:
    """Indexes of the paragraphs a search for ``regexes`` must visit."""
    if indexed is not None and indexed.requirement:
        return _holding(indexed.requirement, _occurrences(indexed.index, doc), doc.joined[1])
    if regexes.context_free and doc.chars <= JOINED_MAX_CHARS:  # a huge text could time out in one search
        return {p.index for p in candidates(regexes, doc.paragraphs, *doc.joined)}
    return {p.index for p in doc.paragraphs}


def candidates(
    patterns: Patterns, paragraphs: Sequence[Paragraph], text: str, starts: Sequence[int]
) -> Sequence[Paragraph]:
    """Those of ``paragraphs`` (joined into ``text`` by newlines) where a match can start.

    For a context-free pattern, a match inside a paragraph is also a match at the same place of the
    joined text, so a search from the start of any paragraph finds a match starting no later than
    that paragraph's first one: searching again from the paragraph after each hit visits every
    paragraph that can match, and skips the rest. A search that times out gets every paragraph.
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


def _holding(
    requirement: tuple[tuple[int, ...], ...], found: list[list[Occurrence]], starts: Sequence[int]
) -> set[int]:
    """Paragraphs holding, for some alternative of the requirement, a word of each of its sets."""
    where: set[int] = set()
    for slots in requirement:
        common: set[int] | None = None
        for slot in slots:
            paragraphs = {bisect_right(starts, start) - 1 for start, _rank, _end in found[slot]}
            common = paragraphs if common is None else common & paragraphs
            if not common:
                break
        where |= common or set()
    return where


def in_paragraph(start: int, end: int, starts: Sequence[int]) -> Span:
    """The span ``[start, end)`` of the joined text (paragraphs starting at ``starts``) in its paragraph."""
    index = bisect_right(starts, start) - 1
    return index, start - starts[index], end - starts[index]


def _occurrences(index: PhraseIndex, doc: Document) -> list[list[Occurrence]]:
    found = doc.search_cache.get(index)
    if found is None:
        found = doc.search_cache[index] = index.scan(doc.joined[0])
    return found  # type: ignore[no-any-return]


def _merge(phrases: Sequence[Occurrence], rest: Patterns | None, text: str) -> list[tuple[int, int]]:
    """``finditer`` of phrases-then-regexes in one paragraph, from the phrase occurrences (sorted)
    and searches for the regexes alone (``rest``; None where they cannot match): at a position
    where a phrase occurs the phrase wins, as phrases come first in the alternation.
    """
    if rest is None:
        return leftmost_first(phrases)
    found: list[tuple[int, int]] = []
    position = 0
    next_phrase = 0
    match = rest.search(text)
    while True:
        while next_phrase < len(phrases) and phrases[next_phrase][0] < position:
            next_phrase += 1
        if match is not None and match.start() < position:
            match = rest.search(text, position)
        if next_phrase < len(phrases) and (match is None or phrases[next_phrase][0] <= match.start()):
            start, _rank, position = phrases[next_phrase]
            found.append((start, position))
        elif match is not None:
            found.append(match.span())
            position = match.end()
        else:
            return found
