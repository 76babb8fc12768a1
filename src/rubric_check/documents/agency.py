"""The reporting body as compared across years and runs: one key however the name was spaced or
which width its characters were typed in."""

from __future__ import annotations

import unicodedata


def agency_key(name: str | None) -> str | None:
    """The name with full width folded and spaces dropped.

    >>> agency_key(" 湖滨区 司法局 ")
    '湖滨区司法局'
    """
    if not name:
        return None
    return "".join(unicodedata.normalize("NFKC", name).split()) or None
