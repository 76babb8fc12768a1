"""Compiling rubric phrases and regexes, refusing at load time what could never match.

Matching is substring-based on normalised text. Phrases are normalised like the report (so a
rubric author may write “三项”制度 or （一）), regexes must already be in normalised form, and
``\\b`` is refused: Python treats every Han character as a word character, so ``\\b政府\\b`` finds
nothing in 本级政府工作.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import regex

from rubric_check.documents.normalise import normalise, normalise_with_offsets
from rubric_check.messages import message
from rubric_check.rubric.model import IndexedPhrases, Patterns
from rubric_check.rubric.phrases import PhraseIndex
from rubric_check.rubric.regex_facts import context_free, required

_WORD_BOUNDARY = re.compile(r"(?<!\\)(?:\\\\)*\\[bB]")
# Texts on which nested quantifiers ((a+)+, (.*x){20}) blow up; a pattern that cannot finish on
# them within the probe time is refused at load (the per-search timeout is the safety net).
_PROBES = ("a" * 3000 + "!", "法" * 3000 + "。", "1" * 3000 + "x", "abc," * 300 + "!", " " * 3000 + "x")
PROBE_TIMEOUT_SECONDS = 0.2


class PatternProblem(ValueError):
    """A pattern that cannot work; the message is the Chinese explanation."""


def compile_patterns(
    phrases: Sequence[str] = (), regexes: Sequence[str] = (), index: PhraseIndex | None = None
) -> Patterns:
    """One alternation for all phrases (longest first) and regexes.

    With ``index`` (a rubric's), the phrases, and the words the regexes cannot match without, are
    also registered there, so that one pass over a text finds them for every list at once.

    >>> compile_patterns(["“三项”制度"]).search("落实行政执法三项制度") is not None
    True
    """
    normalised_phrases = []
    for phrase in phrases:
        text = normalise(phrase)
        if not text:
            raise PatternProblem(message("rubric.empty_phrase", pattern=phrase))
        normalised_phrases.append(text)
    ordered = sorted(set(normalised_phrases), key=lambda p: (-len(p), p))  # the order the alternation tries them
    for pattern in regexes:
        check_regex(pattern)
    regex_parts = [f"(?:{pattern})" for pattern in regexes]
    indexed = None
    if index is not None:
        slot = index.add(tuple(ordered)) if ordered else None
        rest = _checked_regexes(regexes, regex_parts) if regexes else None
        indexed = IndexedPhrases(index, slot, rest, _requirement(rest, index))
    return Patterns(
        sources=tuple(phrases) + tuple(regexes),
        expression="|".join([*(re.escape(p) for p in ordered), *regex_parts]),
        context_free=all(context_free(pattern) for pattern in regexes),
        literal=not regexes,
        indexed=indexed,
    )


def _checked_regexes(regexes: Sequence[str], parts: list[str]) -> Patterns:
    """A list's regexes on their own (already checked: the probes are not run twice)."""
    return Patterns(
        sources=tuple(regexes),
        expression="|".join(parts),
        context_free=all(context_free(pattern) for pattern in regexes),
    )


def _requirement(rest: Patterns | None, index: PhraseIndex) -> tuple[tuple[int, ...], ...]:
    if rest is None:
        return ()
    return tuple(tuple(index.add(tuple(sorted(words))) for words in sets) for sets in required(rest.expression))


# The regex module's errors (English), by the start of their text: the message key saying it in Chinese.
_REGEX_ERRORS = (
    ("missing )", "close"),
    ("unbalanced parenthesis", "unbalanced"),
    ("nothing to repeat", "nothing_to_repeat"),
    ("multiple repeat", "multiple_repeat"),
    ("unterminated character set", "open_set"),
    ("bad escape", "escape"),
    ("min repeat greater than max repeat", "min_max"),
    ("missing group name", "group_name"),
    ("unknown extension", "extension"),
)


def regex_problem(exc: regex.error) -> str:
    """What is wrong with a regex, in Chinese, and where (1-based character position)."""
    text = str(getattr(exc, "msg", "") or "")
    key = next((key for start, key in _REGEX_ERRORS if text.startswith(start)), "other")
    problem = message(f"rubric.regex_errors.{key}")
    position = getattr(exc, "pos", None)
    return problem if position is None else message("rubric.regex_at", position=position + 1, problem=problem)


def check_regex(pattern: str) -> None:
    """Raise PatternProblem for a regex that fails to compile or can never (or always) match."""
    try:
        compiled = regex.compile(pattern)
    except regex.error as exc:
        raise PatternProblem(message("rubric.bad_regex", pattern=pattern, detail=regex_problem(exc))) from exc
    if _WORD_BOUNDARY.search(pattern):
        raise PatternProblem(message("rubric.word_boundary", pattern=pattern))
    if compiled.search("") is not None:
        raise PatternProblem(message("rubric.matches_empty", pattern=pattern))
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=PROBE_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            raise PatternProblem(message("rubric.backtracking", pattern=pattern)) from exc
    changed = sorted({ch for ch in pattern if not ch.isascii() and _changes(ch)})
    if changed:
        suggestion = "".join(_suggest(ch) for ch in pattern)
        raise PatternProblem(
            message("rubric.not_normalised", pattern=pattern, chars=" ".join(changed), suggestion=suggestion)
        )


def _changes(ch: str) -> bool:
    return normalise_with_offsets(ch)[0] != ch


def _suggest(ch: str) -> str:
    if ch.isascii() or not _changes(ch):
        return ch
    mapped = normalise(ch)
    return re.escape(mapped) if mapped else ""
