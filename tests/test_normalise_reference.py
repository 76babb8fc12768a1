"""The fast normalisation gives exactly what the plain per-character definition gives.

``reference`` is normalisation as specified: drop conversion debris, map every character on its
own (``_map_char``), then drop white space except one space between two ASCII letters or digits,
each output character keeping the index of the character it came from.
"""

from __future__ import annotations

import re

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from rubric_check.documents.conventions import conventions
from rubric_check.documents.normalise import _PLAIN, _map_char, normalise_with_offsets

# Report text, every kind of character the fast path treats specially, debris and anything at all.
CHARACTERS = (
    "一二三是法治（）()、。，,；;：:“”「」『』\"'`´¨《》【】—…①⑳ＡａＢ０9％%ﬁ"  # marks, quotes, widths
    " \t\u3000\xa0\u2002\u200b\ufeff\u00ad"  # spaces and invisibles
)
DEBRIS_AND_WORDS = ["[bookmark: _GoBack]", "{ PAGE }", "MERGEFORMAT", "[图片1]", "[image: x.png]", "HPV ", " 2021 "]
PIECES = st.sampled_from([*CHARACTERS, *DEBRIS_AND_WORDS]) | st.characters(blacklist_categories=("Cs",))
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def reference(text: str) -> tuple[str, list[int]]:
    removed = {i for match in conventions().debris.finditer(text) for i in range(*match.span())}
    mapped = [(out, i) for i, ch in enumerate(text) if i not in removed for out in _map_char(ch)]
    chars: list[str] = []
    offsets: list[int] = []
    pending_space: int | None = None
    for ch, offset in mapped:
        if ch.isspace():
            pending_space = offset if pending_space is None else pending_space
            continue
        if pending_space is not None and chars and _ascii_word(chars[-1]) and _ascii_word(ch):
            chars.append(" ")
            offsets.append(pending_space)
        pending_space = None
        chars.append(ch)
        offsets.append(offset)
    return "".join(chars), offsets


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_fast_normalisation_equals_the_definition(text: str) -> None:
    normalised, offsets = normalise_with_offsets(text)
    assert (normalised, list(offsets)) == reference(text)


def test_plain_characters_map_to_themselves_and_are_not_space() -> None:
    """Characters in the plain class are copied as they are, so they must need no mapping."""
    plain = re.findall(f"[{_PLAIN}]", "".join(map(chr, range(0x110000))))
    assert len(plain) > 20000
    assert all(_map_char(ch) == ch and not ch.isspace() for ch in plain)
