"""Which reports of a batch share enough text to be compared by the copy check.

Each report comes with its masked sentence keys (matching.fingerprint.source_keys). A sentence found
in more than ``common_limit`` reports is a set phrase of the genre, not a copy, and is ignored; two
reports sharing at least ``min_shared`` of the other sentences are peers. Keys are packed with the
report's number into one integer and sorted, rather than indexed in a dict, so a large batch costs a
few bytes per sentence (a dict of every distinct sentence would cost a hundred).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations, groupby

_DOC_BITS = 20  # up to a million reports a batch
_KEY_BITS = 43  # of the sentence hash: chance collisions stay rare, and pairs are checked again later


def find_peers(
    keys: Sequence[Sequence[int]], min_shared: int, common_limit: int, most: int = 2
) -> dict[int, tuple[int, ...]]:
    """For each report (by position) the positions of its peers, most shared first (at most ``most``).

    >>> find_peers([[1, 2, 3, 9], [1, 2, 3], [7, 8], [9, 8]], min_shared=2, common_limit=5)
    {0: (1,), 1: (0,)}
    """
    key_mask = (1 << _KEY_BITS) - 1
    packed = sorted({((key & key_mask) << _DOC_BITS) | doc for doc, own in enumerate(keys) for key in own})
    shared: Counter[tuple[int, int]] = Counter()
    for _, group in groupby(packed, key=lambda value: value >> _DOC_BITS):
        docs = [value & ((1 << _DOC_BITS) - 1) for value in group]
        if 2 <= len(docs) <= common_limit:
            shared.update(combinations(docs, 2))
    found: dict[int, list[tuple[int, int]]] = {}
    for (a, b), count in shared.items():
        if count >= min_shared:
            found.setdefault(a, []).append((count, b))
            found.setdefault(b, []).append((count, a))
    return {
        doc: tuple(peer for _, peer in sorted(pairs, key=lambda p: (-p[0], p[1]))[:most])
        for doc, pairs in sorted(found.items())
    }
