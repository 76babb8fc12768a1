"""A compiled rubric: immutable, every pattern compiled once, ready to evaluate many reports."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, Protocol

import regex

from rubric_check.rubric.phrases import Occurrence, PhraseIndex

Status = Literal["met", "partial", "missing"]
STATUSES: tuple[Status, ...] = ("met", "partial", "missing")


# A rubric regex may backtrack catastrophically on some text; no single search may take longer.
PATTERN_TIMEOUT_SECONDS = 2.0
# Phrase-only patterns scan this much text in milliseconds (see Patterns.literal).
UNTIMED_MAX_CHARS = 500_000


class PatternTimeout(Exception):
    """A rubric pattern ran out of time on a report (the report gets an error entry)."""

    def __init__(self, sources: tuple[str, ...]) -> None:
        super().__init__(" | ".join(sources))
        self.sources = sources


@dataclass(frozen=True)
class Patterns:
    """Phrase and regex alternatives as one expression (the ``regex`` module, for timeouts)."""

    sources: tuple[str, ...]
    expression: str
    # A match depends only on the characters it consumes (no anchors, lookarounds, possessive or
    # fuzzy parts): then one search over a whole document can tell which paragraphs to look at.
    context_free: bool = False
    # Only phrases (no regex): cannot backtrack, so on text of ordinary length the timeout, which
    # costs a third of the search time in the regex module, is left out.
    literal: bool = False
    # For a rubric's text rules and section kinds: the phrases are found by one of the rubric's
    # one-pass indexes, and only the regexes (``indexed.rest``) are searched on their own, where
    # the words they need occur (see matching.spans and Patterns.occurs_in).
    indexed: IndexedPhrases | None = field(default=None, compare=False)

    @cached_property
    def regex(self) -> Any:
        """Compiled on first use: phrase lists found by their index seldom need it (saves start-up)."""
        return regex.compile(self.expression)

    def occurs_in(self, text: str, scans: dict[PhraseIndex, list[list[Occurrence]]]) -> bool:
        """``search(text) is not None``, with the phrases (and the words the regexes need) looked
        up in one scan of ``text`` per index, kept in ``scans`` for the other lists."""
        indexed = self.indexed
        if indexed is None:
            return self.search(text) is not None
        found = scans.get(indexed.index)
        if found is None:
            found = scans[indexed.index] = indexed.index.scan(text)
        if indexed.slot is not None and found[indexed.slot]:
            return True
        return indexed.rest is not None and indexed.rest_possible(found) and indexed.rest.search(text) is not None

    def untimed(self, text: str) -> bool:
        return self.literal and len(text) <= UNTIMED_MAX_CHARS

    def search(self, text: str, pos: int = 0) -> Any:
        if self.untimed(text):
            return self.regex.search(text, pos)
        try:
            return self.regex.search(text, pos, timeout=PATTERN_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            raise PatternTimeout(self.sources) from exc

    def finditer(self, text: str) -> Iterator[Any]:
        if self.untimed(text):
            return self.regex.finditer(text)  # type: ignore[no-any-return]
        return self._timed_finditer(text)

    def _timed_finditer(self, text: str) -> Iterator[Any]:
        try:
            yield from self.regex.finditer(text, timeout=PATTERN_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            raise PatternTimeout(self.sources) from exc


@dataclass(frozen=True)
class IndexedPhrases:
    """A pattern list's place in its rubric's PhraseIndex: the slot of its phrases (None when it
    has none), its regexes on their own, and the slots of the words they require (see
    rubric.regex_facts: one alternative of slots must all occur where a regex can match; empty when
    nothing is known).
    """

    index: PhraseIndex
    slot: int | None
    rest: Patterns | None
    requirement: tuple[tuple[int, ...], ...] = ()

    def rest_possible(self, found: list[list[Occurrence]]) -> bool:
        """Can the regexes match in the text ``found`` comes from (the index's scan of it)?"""
        if not self.requirement:
            return True
        for slots in self.requirement:  # loops, not any(all(…)): this runs for every heading and list
            for slot in slots:
                if not found[slot]:
                    break
            else:
                return True
        return False


@dataclass(frozen=True)
class TextRule:
    """Mentioned in the text: ``min`` occurrences in the paragraphs the scope allows."""

    patterns: Patterns
    in_kinds: frozenset[str] = frozenset()
    not_in_kinds: frozenset[str] = frozenset()
    min: int = 1
    distinct: bool = False
    per_sentence: bool = False  # count sentences that match, not occurrences
    per_clause: bool = False  # count clauses (between ，；。：) that match
    skip_section_titles: bool = False  # ignore the titles of headings that name a section kind
    unless: Patterns | None = None
    # Only occurrences whose sentence also has one of these words (a causal connective counts only
    # in a sentence that names a shortcoming).
    sentence_has: Patterns | None = None
    # Ignore occurrences whose clause (between ，；。：) matches: 工作中还存在一些薄弱环节 names nothing.
    unless_clause: Patterns | None = None
    reason: str | None = None


@dataclass(frozen=True)
class HeadingRule:
    """A dedicated heading exists (of a section kind, and/or with given words)."""

    kind: str | None = None
    patterns: Patterns | None = None
    max_level: int = 4
    min_chars: int = 0
    reason: str | None = None


@dataclass(frozen=True)
class PassageRule:
    """A passage of a section kind, under a heading or opened by an opening sentence (或 a whole
    工作要点), long enough: ``min_chars`` characters, ``min_sentences`` sentences, ``min_clauses``
    clauses (between ，；。：), ``min_paragraphs`` paragraphs."""

    kind: str
    min_chars: int = 0
    min_sentences: int = 0
    min_paragraphs: int = 0
    min_clauses: int = 0
    without: Patterns | None = None  # count only sentences and clauses without these words
    reason: str | None = None


@dataclass(frozen=True)
class AllRule:
    rules: tuple[Rule, ...]
    reason: str | None = None


@dataclass(frozen=True)
class AnyRule:
    rules: tuple[Rule, ...]
    reason: str | None = None


@dataclass(frozen=True)
class NotRule:
    rule: Rule
    reason: str | None = None


Rule = TextRule | HeadingRule | PassageRule | AllRule | AnyRule | NotRule


class CheckType(Protocol):
    """What compiling a rubric needs of a check type (a module of matching.checks): its name, the
    JSON schema of its parameters and ``prepare`` (validate and compile them once per run). Its
    ``check(doc, prepared)`` is the matcher's business; an optional ``section_kinds(prepared)``
    names the section kinds it refers to."""

    TYPE: str
    SCHEMA: dict[str, Any]

    def prepare(self, params: dict[str, Any]) -> Any: ...


@dataclass(frozen=True)
class CheckSpec:
    """A built-in check type with its prepared (validated, compiled) parameters."""

    type: str
    params: Any


@dataclass(frozen=True)
class Example:
    status: Status
    text: str
    note: str | None = None
    earlier: str | None = None  # a copy check's example: the same body's earlier report to compare with


@dataclass(frozen=True)
class Element:
    id: str
    name: str
    description: str
    basis: str
    severity: Literal["required", "recommended", "optional"]
    weight: float
    guidance: str
    group: str | None = None
    reasons: Mapping[str, str] = field(default_factory=dict)
    met: Rule | None = None
    partial: Rule | None = None
    check: CheckSpec | None = None
    examples: tuple[Example, ...] = ()

    @property
    def required(self) -> bool:
        return self.severity == "required"


@dataclass(frozen=True)
class SectionKind:
    """A kind of section, named by a heading's words; ``opens`` also lets a paragraph's opening
    sentence start one where reports have no heading (但也要清醒看到…), and ``whole_document`` makes
    every paragraph of a document this kind when its title matches (a 工作要点 only plans)."""

    id: str
    name: str
    patterns: Patterns
    unless: frozenset[str] = frozenset()
    unless_words: Patterns | None = None
    opens: Patterns | None = None
    whole_document: Patterns | None = None

    def named(self, patterns: Patterns, text: str, scans: dict[PhraseIndex, list[list[Occurrence]]]) -> bool:
        """``patterns`` occur in ``text`` and none of this kind's ``unless_words`` do."""
        return patterns.occurs_in(text, scans) and (
            self.unless_words is None or not self.unless_words.occurs_in(text, scans)
        )


@dataclass(frozen=True)
class Grade:
    name: str
    min: float


@dataclass(frozen=True)
class Rubric:
    id: str
    name: str
    version: str
    path: str
    pass_score: float
    grades: tuple[Grade, ...]
    credit: Mapping[str, float]
    sections: tuple[SectionKind, ...]
    elements: tuple[Element, ...]
    default_reasons: Mapping[str, str]
    description: str | None = None

    @cached_property
    def total_weight(self) -> float:
        """Σ weight: the denominator of every element's share of the score."""
        return sum(e.weight for e in self.elements)

    def classify(self, heading_title: str) -> frozenset[str]:
        """The section kinds a heading's words name (may be several, or none)."""
        scans: dict[PhraseIndex, list[list[Occurrence]]] = {}
        named = [kind for kind in self.sections if kind.named(kind.patterns, heading_title, scans)]
        ids = {kind.id for kind in named}
        return frozenset(kind.id for kind in named if not kind.unless & ids)

    def resolve_kinds(self, kinds: frozenset[str], within: frozenset[str] = frozenset()) -> frozenset[str]:
        """``kinds`` without those that give way (``unless``) to another of them or to a kind of the
        sections they sit in: 下一步主要举措 is plans, not measures; a （一）主要举措 inside the plans too."""
        present = kinds | within
        return frozenset(kind.id for kind in self.sections if kind.id in kinds and not kind.unless & present)

    def opening_kinds(self, opening: str) -> frozenset[str]:
        """The section kinds a paragraph's opening sentence starts (see SectionKind.opens)."""
        scans: dict[PhraseIndex, list[list[Occurrence]]] = {}  # one pass of the words every kind needs
        return frozenset(
            kind.id for kind in self.sections if kind.opens is not None and kind.named(kind.opens, opening, scans)
        )

    def document_kinds(self, title: str) -> frozenset[str]:
        """The kinds every paragraph has when the document's title is ``title`` (see SectionKind)."""
        return frozenset(
            kind.id for kind in self.sections if kind.whole_document is not None and kind.whole_document.search(title)
        )

    def section_name(self, kind: str) -> str:
        return next((s.name for s in self.sections if s.id == kind), kind)
