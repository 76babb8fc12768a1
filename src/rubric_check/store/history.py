"""A body's reports by year: score, verdict, and which gaps each year closed or opened.

Per year the most recent run's recording counts (a draft scored several times leaves several rows). A gap
is an element not met; it is closed when it was a gap the year before and is met now, opened when
the reverse.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from rubric_check.documents.agency import agency_key
from rubric_check.store.connection import Database


@dataclass(frozen=True)
class YearEntry:
    year: int
    file_name: str
    score: float | None
    grade: str | None
    passed: bool
    gaps: tuple[str, ...]  # element ids not met
    closed: tuple[str, ...] = ()
    opened: tuple[str, ...] = ()


@dataclass(frozen=True)
class BodyHistory:
    agency: str
    years: tuple[YearEntry, ...]


def agencies(db: Database) -> list[str]:
    """Every body with a report of a known year."""
    rows = db.query("SELECT DISTINCT agency FROM reports WHERE agency IS NOT NULL AND year IS NOT NULL")
    return sorted(row[0] for row in rows)


def body_history(db: Database, agency: str) -> BodyHistory | None:
    body = agency_key(agency)
    if body is None:
        return None
    # Later runs replace earlier ones; within a run, the last file name wins (not the moment its
    # rows were flushed, which depends on timing): the page is the same for the same runs.
    rows = db.query(
        "SELECT r.id, r.year, r.file_name, r.score, r.grade, r.passed FROM reports r JOIN runs u ON u.id = r.run_id"
        " WHERE r.agency = ? AND r.year IS NOT NULL AND r.error_kind IS NULL"
        " ORDER BY r.year, u.started_at, r.file_name, r.id",
        (body,),
    )
    latest: dict[int, tuple] = {}
    for row in rows:
        latest[row[1]] = row  # later recordings replace earlier ones
    if not latest:
        return None
    entries: list[YearEntry] = []
    for year in sorted(latest):
        report_id, _, file_name, score, grade, passed = latest[year]
        statuses = db.query("SELECT element_id, status FROM element_results WHERE report_id = ?", (report_id,))
        gaps = tuple(sorted(element for element, status in statuses if status != "met"))
        entries.append(YearEntry(year, file_name, score, grade, bool(passed), gaps))
    return BodyHistory(body, _with_changes(entries))


def _with_changes(entries: Sequence[YearEntry]) -> tuple[YearEntry, ...]:
    found = [entries[0]] if entries else []
    for before, entry in itertools.pairwise(entries):
        closed = tuple(g for g in before.gaps if g not in entry.gaps)
        opened = tuple(g for g in entry.gaps if g not in before.gaps)
        found.append(
            YearEntry(entry.year, entry.file_name, entry.score, entry.grade, entry.passed, entry.gaps, closed, opened)
        )
    return tuple(found)
