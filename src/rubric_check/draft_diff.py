"""Two drafts of one report compared: score and verdict, elements whose status changed, gaps closed
and opened, and the sentences added or removed in the sections where a verdict changed.

Pure: both drafts are scored by the caller through the one verdict entry point; this only compares.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rubric_check.documents.model import Document
from rubric_check.matching.evidence import section_label
from rubric_check.results import ReportResult

_SENTENCE = re.compile(r"[^。!?;]+[。!?;]?")


@dataclass(frozen=True)
class ElementChange:
    id: str
    name: str
    old: str
    new: str


@dataclass(frozen=True)
class TextChange:
    section: str | None
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True)
class DraftDiff:
    old: ReportResult
    new: ReportResult
    changes: tuple[ElementChange, ...]
    closed: tuple[ElementChange, ...]  # not met before, met now
    opened: tuple[ElementChange, ...]  # met before, not now
    text: tuple[TextChange, ...]

    @property
    def score_change(self) -> float:
        return round((self.new.score or 0.0) - (self.old.score or 0.0), 1)


def compare(old_doc: Document, old: ReportResult, new_doc: Document, new: ReportResult) -> DraftDiff:
    before = {e.id: e for e in old.elements}
    changes = tuple(
        ElementChange(e.id, e.name, before[e.id].status, e.status)
        for e in new.elements
        if e.id in before and before[e.id].status != e.status
    )
    closed = tuple(c for c in changes if c.new == "met")
    opened = tuple(c for c in changes if c.old == "met")
    changed = {c.id for c in changes}
    sections = {
        ev.section
        for result in (old, new)
        for element in result.elements
        if element.id in changed
        for ev in element.evidence
        if ev.section
    }
    return DraftDiff(old, new, changes, closed, opened, _text_changes(old_doc, new_doc, sections) if changes else ())


def _sentences(doc: Document) -> list[tuple[str | None, str]]:
    found = []
    for paragraph in doc.paragraphs:
        label = section_label(doc, paragraph.index)
        found.extend((label, m.group().strip()) for m in _SENTENCE.finditer(paragraph.text) if m.group().strip())
    return found


def _text_changes(old_doc: Document, new_doc: Document, sections: set[str]) -> tuple[TextChange, ...]:
    """Sentences removed or added, grouped by the section they sit in, only in ``sections`` (all
    sections when the changed elements have no evidence to place them)."""
    old, new = _sentences(old_doc), _sentences(new_doc)
    matcher = difflib.SequenceMatcher(None, [t for _, t in old], [t for _, t in new], autojunk=False)
    grouped: dict[str | None, tuple[list[str], list[str]]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for label, text in old[i1:i2]:
            grouped.setdefault(label, ([], []))[0].append(text)
        for label, text in new[j1:j2]:
            grouped.setdefault(label, ([], []))[1].append(text)
    wanted = [label for label in grouped if not sections or label in sections]
    return tuple(TextChange(label, tuple(grouped[label][0]), tuple(grouped[label][1])) for label in wanted)


def describe_changes(changes: Sequence[ElementChange], label: dict[str, str]) -> list[str]:
    """``不足的原因：缺失 → 符合`` per changed element."""
    return [f"{c.name}：{label[c.old]} → {label[c.new]}" for c in changes]
