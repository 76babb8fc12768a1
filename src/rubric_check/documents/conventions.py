"""The document layer's vocabulary, loaded once from data/document.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Conventions:
    debris: re.Pattern[str]
    drop_at_start: re.Pattern[str]
    drop_anywhere: re.Pattern[str]
    nav_min_run: int
    nav_max_chars: int
    sentence_end: frozenset[str]
    join_min_chars: int
    agency_suffixes: tuple[str, ...]
    agency_followers: tuple[str, ...]
    title_subject: tuple[str, ...]
    title_kind: tuple[str, ...]
    title_max_chars: int

    def is_dropped(self, text: str) -> bool:
        """Is this normalised line a page number or web-page furniture rather than report text?"""
        return self.drop_at_start.match(text) is not None or self.drop_anywhere.search(text) is not None


@cache
def conventions() -> Conventions:
    text = resources.files("rubric_check").joinpath("data/document.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when available
    return Conventions(
        debris=_alternatives(raw["debris"]),
        drop_at_start=_alternatives(raw["drop_lines"]["start"]),
        drop_anywhere=_alternatives(raw["drop_lines"]["anywhere"]),
        nav_min_run=raw["trailing_nav"]["min_run"],
        nav_max_chars=raw["trailing_nav"]["max_chars"],
        sentence_end=frozenset(raw["sentence_end"]),
        join_min_chars=raw["join_min_chars"],
        agency_suffixes=tuple(sorted(raw["agency_suffixes"], key=len, reverse=True)),
        agency_followers=tuple(raw["agency_followers"]),
        title_subject=tuple(raw["title"]["subject"]),
        title_kind=tuple(raw["title"]["kind"]),
        title_max_chars=raw["title"]["max_chars"],
    )


def _alternatives(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))
