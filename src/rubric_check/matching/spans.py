"""Where a pattern list matches in a document: the spans ``finditer`` gives paragraph by paragraph.

Three ways to the same answer, cheapest first:

- a rubric's phrase lists come from one Aho–Corasick pass over the whole report (shared by every
  list, see rubric.phrases); a list that also has regexes searches only for those, and only in
  the paragraphs where they can match;
- other context-free patterns search the paragraphs joined into one text to find the paragraphs
  where a match can start, then scan just those;
- the rest (and every pattern in a huge document) scans each paragraph.

Results are kept on the document: met and partial rules often share a list.
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
    if not patterns.context_free or doc.chars > JOINED_MAX_CHARS:
        return _scan(patterns, doc.paragraphs)  # a huge document is not copied once more
    if patterns.indexed is not None:
        return _indexed(patterns.indexed, doc)
    return _scan(patterns, candidates(patterns, doc.paragraphs, *doc.joined))


def _scan(patterns: Patterns, paragraphs: Sequence[Paragraph]) -> list[Span]:
    return [(p.index, m.start(), m.end()) for p in paragraphs for m in patterns.finditer(p.text)]


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


def _indexed(indexed: IndexedPhrases, doc: Document) -> list[Span]:
    """A rubric pattern list from the shared pass; its regexes (if any) merged in paragraph by paragraph.

    A phrase never holds the newline between paragraphs, so phrase-only lists are resolved on the
    joined text (a match ends before the next paragraph starts) and then told their paragraph.
    The regexes are searched only in paragraphs holding the words they require.
    """
    text, starts = doc.joined
    found = _occurrences(indexed.index, doc)
    occurrences = found[indexed.slot] if indexed.slot is not None else []
    rest = indexed.rest
    if rest is None:
        return [in_paragraph(start, end, starts) for start, end in leftmost_first(occurrences)]
    by_paragraph: dict[int, list[Occurrence]] = {}
    for start, rank, end in occurrences:
        index, local_start, local_end = in_paragraph(start, end, starts)
        by_paragraph.setdefault(index, []).append((local_start, rank, local_end))
    if indexed.requirement:
        searched = _holding(indexed.requirement, found, starts)
    else:
        searched = {p.index for p in candidates(rest, doc.paragraphs, text, starts)}
    return [
        (i, s, e)
        for i in sorted(by_paragraph.keys() | searched)
        for s, e in _merge(sorted(by_paragraph.get(i, ())), rest if i in searched else None, doc.paragraphs[i].text)
    ]


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
