"""The document layer's vocabulary, loaded once from data/document.yaml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Conventions:
    debris: re.Pattern[str]
    debris_at_start: re.Pattern[str]
    page_number: re.Pattern[str]  # a whole line that is a page number (match at its start)
    site: re.Pattern[str]
    location: re.Pattern[str]
    tools: re.Pattern[str]
    crumb_separator: re.Pattern[str]
    field_label: re.Pattern[str]  # a field's label and colon; group "label"
    publisher_labels: frozenset[str]
    published_labels: frozenset[str]
    nav_min_run: int
    nav_max_chars: int
    punctuation: Mapping[str, str]  # kind → its characters in both widths
    chinese_numerals: str
    numeral_digits: Mapping[str, int]
    heading_markers: tuple[str, ...]  # by level, {cn} filled in
    join_min_chars: int
    agency_suffixes: tuple[str, ...]
    name_suffixes: tuple[str, ...]  # agency_suffixes and more_agency_suffixes, longest first
    short_name_suffixes: tuple[str, ...]
    agency_followers: tuple[str, ...]
    name_not_start: tuple[str, ...]
    not_in_name: tuple[str, ...]
    levels: frozenset[str]
    short_forms: Mapping[str, tuple[str, ...]]  # short ending → full endings, longest short first
    title_subject: tuple[str, ...]
    title_kind: tuple[str, ...]
    title_max_chars: int
    title_labels: tuple[str, ...]
    report_year_words: tuple[str, ...]
    plan_year_words: tuple[str, ...]

    def is_dropped(self, text: str) -> bool:
        """Is this normalised line a page number or site furniture rather than report text?

        A breadcrumb whose last step is a report title is kept: the metadata reads the title from it.
        """
        if self.page_number.match(text) is not None or self.site.search(text) is not None:
            return True
        return self.location.match(text) is not None and not self.looks_like_title(self.last_crumb(text))

    def marks(self, *kinds: str) -> str:
        """The punctuation characters of ``kinds`` (stops, semicolons, colons, commas, ellipsis).

        >>> conventions().marks("stops", "semicolons")
        '。！？!?；;'
        """
        return "".join(self.punctuation[kind] for kind in kinds)

    def mark_class(self, *kinds: str) -> re.Pattern[str]:
        """A regex matching one character of ``kinds``."""
        return re.compile(f"[{re.escape(self.marks(*kinds))}]")

    def is_furniture(self, text: str) -> bool:
        """Is this line (original or normalised) web-page furniture: footer, breadcrumb, tools, page fields?"""
        return (
            self.site.search(text) is not None
            or self.location.match(text) is not None
            or self.tools.search(text) is not None
            or self.field_label.match(text) is not None
        )

    def last_crumb(self, text: str) -> str:
        """The last step of a breadcrumb (首页>政务公开>某局2023年度法治政府建设情况报告 → the title)."""
        steps = [step.strip() for step in self.crumb_separator.split(text)]
        return next((step for step in reversed(steps) if step), "")

    def looks_like_title(self, text: str) -> bool:
        """Does ``text`` name both the subject and the kind of a report (法治政府建设…报告)?"""
        return any(word in text for word in self.title_subject) and any(word in text for word in self.title_kind)


@cache
def conventions() -> Conventions:
    text = resources.files("rubric_check").joinpath("data/document.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when available
    furniture = raw["furniture"]
    fields = furniture["fields"]
    labels = sorted({label for group in fields.values() for label in group}, key=len, reverse=True)
    short_forms = {short: tuple(full) for short, full in raw["short_forms"].items()}
    return Conventions(
        debris=_alternatives(raw["debris"]),
        debris_at_start=_alternatives(raw["debris_at_start"]),
        page_number=_alternatives(raw["page_numbers"]),
        site=_alternatives(furniture["site"]),
        location=_alternatives(furniture["location"]),
        tools=_alternatives(furniture["tools"]),
        crumb_separator=re.compile(f"[{re.escape(furniture['crumb_separators'])}]"),
        field_label=re.compile(rf"(?P<label>{'|'.join(map(re.escape, labels))})\s*[:：]"),
        publisher_labels=frozenset(fields["publisher"]),
        published_labels=frozenset(fields["published"]),
        nav_min_run=raw["trailing_nav"]["min_run"],
        nav_max_chars=raw["trailing_nav"]["max_chars"],
        punctuation=dict(raw["punctuation"]),
        chinese_numerals=raw["chinese_numerals"],
        numeral_digits=dict(raw["numeral_digits"]),
        heading_markers=tuple(m.replace("{cn}", raw["chinese_numerals"]) for m in raw["heading_markers"]),
        join_min_chars=raw["join_min_chars"],
        agency_suffixes=_longest_first(raw["agency_suffixes"]),
        name_suffixes=_longest_first(raw["agency_suffixes"] + raw["more_agency_suffixes"]),
        short_name_suffixes=tuple(raw["short_name_suffixes"]),
        agency_followers=tuple(raw["agency_followers"]),
        name_not_start=tuple(raw["name_not_start"]),
        not_in_name=tuple(raw["not_in_name"]),
        levels=frozenset(raw["levels"]),
        short_forms=dict(sorted(short_forms.items(), key=lambda item: len(item[0]), reverse=True)),
        title_subject=tuple(raw["title"]["subject"]),
        title_kind=tuple(raw["title"]["kind"]),
        title_max_chars=raw["title"]["max_chars"],
        title_labels=tuple(raw["title"]["labels"]),
        report_year_words=tuple(raw["year_headings"]["report"]),
        plan_year_words=tuple(raw["year_headings"]["plan"]),
    )


def _alternatives(patterns: list[str], flags: int = 0) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))
