"""What the results store remembers that bears on one report's verdict, and applying it.

Reviewers' overrides replace the tool's status of an element for one document (by the SHA-256 of
its bytes); the engine applies them before scoring and gating, so score, grade and ``passed`` follow
the reviewer, and every output shows the adjustment beside the tool's own verdict. Comparisons are
the other reports a copy check looks at. ``Memory`` is how a front end hands both to the pipeline:
the pipeline asks it once the file is read (the agency and year are known only then).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from rubric_check.documents.model import Meta
from rubric_check.matching.fingerprint import Comparison
from rubric_check.messages import message
from rubric_check.results import Adjustment, ElementResult
from rubric_check.rubric.model import Status


@dataclass(frozen=True)
class Override:
    element: str
    status: Status
    note: str
    reviewer: str
    at: str  # ISO 8601


@dataclass(frozen=True)
class Recall:
    overrides: tuple[Override, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    # Keep the report's fingerprint on its result (to record it), with the sentences' text or not.
    keep_fingerprint: bool = False
    keep_text: bool = True


NOTHING = Recall()


class Memory(Protocol):
    def recall(self, sha256: str, meta: Meta, shown: str) -> Recall:
        """What is remembered for the report read from ``shown`` with these bytes and metadata."""


class NoMemory:
    """Every report scored on its own: no store, no overrides, no comparisons."""

    def recall(self, sha256: str, meta: Meta, shown: str) -> Recall:
        return NOTHING


def adjust(elements: Sequence[ElementResult], overrides: Sequence[Override]) -> tuple[ElementResult, ...]:
    """The elements with reviewers' statuses in place of the tool's, each marked with what it was."""
    by_element = {o.element: o for o in overrides}
    return tuple(_adjusted(e, by_element[e.id]) if e.id in by_element else e for e in elements)


def _adjusted(element: ElementResult, override: Override) -> ElementResult:
    text = message(
        "override.applied",
        status=message(f"status.{override.status}"),
        reviewer=override.reviewer,
        date=override.at[:10],
        note=override.note,
        original=message(f"status.{element.status}"),
        reason=element.message,
    )
    adjustment = Adjustment(element.status, element.message, override.reviewer, override.at, override.note)
    return replace(element, status=override.status, message=text, adjustment=adjustment)
