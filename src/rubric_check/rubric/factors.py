"""Words a regex cannot match without: where none of them occurs, the regex need not run.

Rubric regexes are mostly phrases with gaps (``(?:存在|面临)[^,。]{0,6}(?:问题|不足)``). Running
them costs a timed search each time; knowing the words every match contains lets the phrase index
(which reads the report once anyway) say where a search can succeed, and skip the rest.

A requirement is an alternation of conjunctions of word sets: the text must, for some
alternative, contain a word of every set. An empty requirement means nothing is known (search
everywhere): any construct not understood gives up rather than guess. Patterns run on the
``regex`` module but are read here by the stdlib's parser; where the two could read a pattern
differently (fuzzy ``{e<=1}``, POSIX classes and set operations, which ``re`` warns about), or
where case is ignored, nothing is required.

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
# A brace that is not a {m,n} repeat: fuzzy matching in the regex module, a literal for re.
_NOT_A_REPEAT = re.compile(r"\{(?!\d*(?:,\d*)?\})")


def required(pattern: str) -> Requirement:
    """Alternatives of word sets every match of ``pattern`` satisfies; () when not known."""
    if _NOT_A_REPEAT.search(pattern):
        return ()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = _parser.parse(pattern)
    except Exception:  # regex-module syntax that re does not read (or warns about): no filter
        return ()
    if parsed.state.flags & _CASELESS:
        return ()
    alternatives = _alternatives(parsed.data)
    sets = [_sequence(alternative) for alternative in alternatives]
    return tuple(sets) if all(sets) else ()


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
