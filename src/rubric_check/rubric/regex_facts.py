"""What a rubric regex needs and what it looks at, read once from its parse tree.

Two facts let the matcher skip work (matching.spans) without changing a single match:

- **required words**: a requirement is an alternation of conjunctions of word sets: every match
  contains, for some alternative, a word of every set. Where none occurs (the phrase index, which
  reads the report once anyway, says so) the regex need not run. An empty requirement means
  nothing is known (search everywhere): any construct not understood gives up rather than guess.
- **context-free**: a match depends only on the characters it consumes (no anchors, flags,
  possessive or atomic parts, back-references; lookarounds only over plain characters, which can
  never be the newline between paragraphs). Then one search over the paragraphs joined by
  newlines tells which paragraphs can hold a match.

Patterns run on the ``regex`` module but are parsed here by the stdlib's parser (``re._parser``,
the one place this private module is used; tests/test_regex_facts.py fails if a Python upgrade
stops it from reading the bundled rubric). Where the two modules could read a pattern
differently (fuzzy ``{e<=1}``, POSIX classes and set operations, which ``re`` warns about, or
syntax ``re`` does not know), or where case is ignored, nothing is claimed: no words required,
not context-free.

>>> def show(requirement):
...     return [[sorted(words) for words in sets] for sets in requirement]
>>> show(required("(?:存在|面临)[^,。]{0,6}(?:问题|不足)"))
[[['存在', '面临'], ['不足', '问题']]]
>>> show(required("(?<![上前])述法|(?:事件|事故)$"))
[[['述法']], [['事件', '事故']]]
>>> show(required("[^。]*?安排")), show(required("法?治")), required("[^。]+|年")
([[['安排']]], [[['治']]], ())
>>> required("(?i)abc"), required("x(?i:abc)"), required("(?:abc){e<=1}"), required("[[:alpha:]]法")
((), ((frozenset({'x'}),),), (), ())
>>> context_free("规范性文件[^。;]{0,20}(?:制定|审核)"), context_free("(?<!一)公开"), context_free("^法治$")
(True, True, False)
>>> context_free("(?<![^上])述法"), context_free("(?=.)x"), context_free("a++"), context_free("(?:abc){e<=1}")
(False, False, False, False)
"""

from __future__ import annotations

import re
import warnings
from re import _constants as sre  # type: ignore[attr-defined]  # the stdlib's own parser of regexes
from re import _parser  # type: ignore[attr-defined]
from typing import Any

WordSets = tuple[frozenset[str], ...]  # every set must have a word in the text
Requirement = tuple[WordSets, ...]  # one alternative suffices
# A set with this many words or more filters too little to be worth looking up.
MAX_WORDS = 64
_CASELESS = re.IGNORECASE | re.LOCALE
_DEFAULT_FLAGS = re.UNICODE
_LAST_CONTROL = 0x20  # space and the control characters (the newline among them) are not plain
_LOOKS_BEYOND = frozenset(
    {sre.AT, sre.POSSESSIVE_REPEAT, sre.ATOMIC_GROUP, sre.GROUPREF, sre.GROUPREF_EXISTS, sre.GROUPREF_IGNORE}
)
# A brace that is not a {m,n} repeat: fuzzy matching in the regex module, a literal for re.
_NOT_A_REPEAT = re.compile(r"\{(?!\d*(?:,\d*)?\})")


def required(pattern: str) -> Requirement:
    """Alternatives of word sets every match of ``pattern`` satisfies; () when not known."""
    parsed = _parse(pattern)
    if parsed is None or parsed.state.flags & _CASELESS:
        return ()
    alternatives = _alternatives(parsed.data)
    sets = [_sequence(alternative) for alternative in alternatives]
    return tuple(sets) if all(sets) else ()


def context_free(pattern: str) -> bool:
    """Does a match of ``pattern`` depend only on the characters it consumes? (Conservative.)"""
    parsed = _parse(pattern)
    return parsed is not None and not parsed.state.flags & ~_DEFAULT_FLAGS and _free(parsed.data)


def _parse(pattern: str) -> Any:
    """The stdlib's parse tree of ``pattern``; None where the two regex modules could disagree."""
    if _NOT_A_REPEAT.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return _parser.parse(pattern)
    except Exception:  # regex-module syntax that re does not read (or warns about)
        return None


def _free(items: Any) -> bool:
    """No item of the sequence looks beyond what it consumes (see :func:`context_free`)."""
    return all(_item_free(op, av) for op, av in items)


def _item_free(op: Any, av: Any) -> bool:
    if op in _LOOKS_BEYOND:
        return False
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return _plain(list(av[1].data))
    if op is sre.SUBPATTERN:
        return not av[1] and not av[2] and _free(av[3].data)  # no inline flags added or removed
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return _free(av[2].data)
    if op is sre.BRANCH:
        return all(_free(branch.data) for branch in av[1])
    return True


def _plain(items: list[Any]) -> bool:
    """Plain characters, or one class of them (not negated, no escapes): never a newline."""
    if len(items) == 1 and items[0][0] is sre.IN:
        items = items[0][1]
    return bool(items) and all(
        (op is sre.LITERAL and av > _LAST_CONTROL) or (op is sre.RANGE and av[0] > _LAST_CONTROL) for op, av in items
    )


def _alternatives(items: list[Any]) -> list[list[Any]]:
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        return [list(branch.data) for branch in items[0][1][1]]
    return [list(items)]


def _sequence(items: list[Any]) -> WordSets:
    """The word sets of a sequence: runs of literal characters (and small classes of them, which
    is how the parser writes 事件|事故: 事 then [件故]), and what each other part requires.
    """
    sets: list[frozenset[str]] = []
    words = {""}
    for op, av in items:
        if op is sre.LITERAL:
            words = {word + chr(av) for word in words}
            continue
        if op is sre.IN and _literal_class(av) and len(words) * len(av) < MAX_WORDS:
            words = {word + chr(code) for word in words for _, code in av}
            continue
        if "" not in words:
            sets.append(frozenset(words))
        words = {""}
        sets.extend(_part(op, av))
    if "" not in words:
        sets.append(frozenset(words))
    return tuple(s for s in sets if len(s) < MAX_WORDS)


def _literal_class(items: Any) -> bool:
    return bool(items) and all(op is sre.LITERAL for op, _ in items)


def _part(op: Any, av: Any) -> WordSets:
    if op is sre.SUBPATTERN:
        return () if av[1] & _CASELESS else _sequence(list(av[3].data))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2].data))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av.data))
    if op is sre.IN and _literal_class(av):
        return (frozenset(chr(code) for _, code in av),)
    if op is sre.BRANCH:
        return _either([_sequence(list(branch.data)) for branch in av[1]])
    return ()  # a class, a gap, an anchor, a look-around: nothing required


def _either(alternatives: list[WordSets]) -> WordSets:
    """One set for a group of alternatives: from each, the set with the longest shortest word."""
    if not all(alternatives):
        return ()
    chosen = [max(sets, key=lambda s: min(map(len, s))) for sets in alternatives]
    return (frozenset().union(*chosen),)
