"""Reviewers' overrides: for one document (by the SHA-256 of its bytes) and element, the status the
reviewer decided, with who, when and why. One per document and element: a new one replaces it."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from rubric_check.recall import Override
from rubric_check.store.connection import Database
from rubric_check.store.records import now


@dataclass(frozen=True)
class StoredOverride:
    sha256: str
    file_name: str
    override: Override


def set_override(db: Database, sha256: str, file_name: str, override: Override) -> None:
    with db.transaction():
        db.execute("DELETE FROM overrides WHERE sha256 = ? AND element_id = ?", (sha256, override.element))
        db.execute(
            "INSERT INTO overrides (id, sha256, element_id, status, note, reviewer, created_at, file_name)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(uuid.uuid4()),
                sha256,
                override.element,
                override.status,
                override.note,
                override.reviewer,
                override.at or now(),
                file_name,
            ),
        )


def clear_override(db: Database, sha256: str, element: str) -> bool:
    """Remove the override; False when there was none."""
    with db.transaction():
        found = db.query("SELECT 1 FROM overrides WHERE sha256 = ? AND element_id = ?", (sha256, element))
        db.execute("DELETE FROM overrides WHERE sha256 = ? AND element_id = ?", (sha256, element))
    return bool(found)


def list_overrides(db: Database, sha256: str | None = None) -> list[StoredOverride]:
    sql = "SELECT sha256, file_name, element_id, status, note, reviewer, created_at FROM overrides"
    rows = db.query(sql + " WHERE sha256 = ?", (sha256,)) if sha256 else db.query(sql)
    found = [StoredOverride(r[0], r[1], Override(r[2], r[3], r[4], r[5], r[6])) for r in rows]
    return sorted(found, key=lambda s: (s.file_name, s.sha256, s.override.element))


def overrides_by_document(stored: Iterable[StoredOverride]) -> dict[str, tuple[Override, ...]]:
    found: dict[str, list[Override]] = {}
    for item in stored:
        found.setdefault(item.sha256, []).append(item.override)
    return {sha: tuple(items) for sha, items in found.items()}
