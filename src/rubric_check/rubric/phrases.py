"""Every phrase list of a rubric in one Aho–Corasick automaton, so a report is read once for all.

A rubric has some thirty phrase lists (up to fifty phrases each). Searching the report once per
list cost more than everything else in scoring; the automaton finds every occurrence of every
phrase, overlapping ones included, in one pass. From those occurrences each list's matches are
rebuilt exactly as its regex alternation would find them (see ``leftmost_first``).

>>> index = PhraseIndex()
>>> short, long = index.add(("应急",)), index.add(("应急管理", "应急"))
>>> found = index.scan("加强应急管理")
>>> found[short], found[long]
([(2, 0, 4)], [(2, 1, 4), (2, 0, 6)])
>>> leftmost_first(found[long])
[(2, 6)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# One occurrence of a list's phrase: (start, rank of the phrase in the list, end).
Occurrence = tuple[int, int, int]


class PhraseIndex:
    """Phrase lists registered while a rubric compiles; the automaton is built on first use."""

    def __init__(self) -> None:
        self._lists: list[tuple[str, ...]] = []
        self._slots: dict[tuple[str, ...], int] = {}
        self._automaton: Any = None

    def add(self, phrases: tuple[str, ...]) -> int:
        """Register a list (phrases in the order its alternation tries them); returns its slot,
        shared with an identical list registered before."""
        if phrases not in self._slots:
            self._slots[phrases] = len(self._lists)
            self._lists.append(phrases)
            self._automaton = None
        return self._slots[phrases]

    def scan(self, text: str) -> list[list[Occurrence]]:
        """Per registered list, every occurrence of its phrases in ``text``, by end position."""
        found: list[list[Occurrence]] = [[] for _ in self._lists]
        if not any(self._lists):  # an empty automaton cannot be searched
            return found
        for end, (length, members) in self._built().iter(text):
            start = end + 1 - length
            for slot, rank in members:
                found[slot].append((start, rank, end + 1))
        return found

    def __getstate__(self) -> dict[str, Any]:
        """Workers that are not forked get the lists and build their own automaton."""
        return {**self.__dict__, "_automaton": None}

    def _built(self) -> Any:
        if self._automaton is None:
            import ahocorasick  # C extension; loaded by the first report, not by --version

            members: dict[str, list[tuple[int, int]]] = {}
            for slot, phrases in enumerate(self._lists):
                for rank, phrase in enumerate(phrases):
                    members.setdefault(phrase, []).append((slot, rank))
            automaton = ahocorasick.Automaton()
            for phrase, where in members.items():
                automaton.add_word(phrase, (len(phrase), tuple(where)))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton


def leftmost_first(occurrences: Sequence[Occurrence]) -> list[tuple[int, int]]:
    """The spans ``finditer`` of the list's alternation yields: at each position the first phrase
    in the list's order that occurs there, then on from its end (matches do not overlap).
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for start, _rank, end in sorted(occurrences):
        if start >= position:
            spans.append((start, end))
            position = end
    return spans
