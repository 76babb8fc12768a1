"""Word paragraph styles: which are headings (and how deep), which are a table of contents.

Built-in heading styles are stored as "heading 1" whatever the interface language; WPS writes
"标题 1"; custom styles inherit an outline level through ``basedOn``. A style's numbering
(``numPr``) is inherited the same way, which is how Chinese templates number "一、" headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^(?:toc|目录)\s*\d*$|^toc heading$", re.IGNORECASE)
MAX_LEVEL = 4  # deeper Word levels all map to the outline's deepest numbered level


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class StyleInfo:
    level: int | None = None  # 1 = top
    toc: bool = False
    num_id: str | None = None
    ilvl: int | None = None


class Styles:
    """Resolved paragraph styles of one document."""

    def __init__(self, styles_root: etree._Element | None) -> None:
        self._raw: dict[str, etree._Element] = {}
        self.default_id: str | None = None
        if styles_root is not None:
            for style in styles_root.iter(w("style")):
                if style.get(w("type")) not in (None, "paragraph"):
                    continue
                style_id = style.get(w("styleId"))
                if style_id is None:
                    continue
                self._raw[style_id] = style
                if style.get(w("default")) in ("1", "true", "on"):
                    self.default_id = style_id
        self._cache: dict[str | None, StyleInfo] = {}

    def info(self, style_id: str | None) -> StyleInfo:
        key = style_id if style_id in self._raw else self.default_id
        if key not in self._cache:
            self._cache[key] = self._resolve(key)
        return self._cache[key]

    def _resolve(self, style_id: str | None) -> StyleInfo:
        level: int | None = None
        toc = False
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        while style_id is not None and style_id in self._raw and style_id not in seen:
            seen.add(style_id)
            style = self._raw[style_id]
            name_el = style.find(w("name"))
            name = (name_el.get(w("val")) if name_el is not None else None) or style_id
            if level is None:
                match = _HEADING_NAME.match(name.strip())
                if match and int(match.group(1)) > 0:
                    level = min(int(match.group(1)), MAX_LEVEL)
                elif (outline := outline_level(style.find(w("pPr")))) is not None:
                    level = outline
            toc = toc or bool(_TOC_NAME.match(name.strip()))
            if num_id is None:
                num_id, found_ilvl = numbering_of(style.find(w("pPr")))
                ilvl = found_ilvl if ilvl is None else ilvl
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return StyleInfo(level=level, toc=toc, num_id=num_id, ilvl=ilvl)


def outline_level(ppr: etree._Element | None) -> int | None:
    """``w:outlineLvl`` 0–8 → heading level 1–4; 9 means body text."""
    if ppr is None:
        return None
    element = ppr.find(w("outlineLvl"))
    if element is None:
        return None
    try:
        value = int(element.get(w("val"), "9"))
    except ValueError:
        return None
    return None if value >= 9 or value < 0 else min(value + 1, MAX_LEVEL)


def numbering_of(ppr: etree._Element | None) -> tuple[str | None, int | None]:
    """``(numId, ilvl)`` from a ``w:numPr``, each None when absent."""
    if ppr is None:
        return None, None
    num_pr = ppr.find(w("numPr"))
    if num_pr is None:
        return None, None
    num_el = num_pr.find(w("numId"))
    ilvl_el = num_pr.find(w("ilvl"))
    num_id = num_el.get(w("val")) if num_el is not None else None
    try:
        ilvl = int(ilvl_el.get(w("val"), "0")) if ilvl_el is not None else None
    except ValueError:
        ilvl = None
    return num_id, ilvl
