"""Schema versions: a new store gets schema.sql; an older one is brought up to date step by step.

Version 1 (the first release of the store) recorded runs, reports, element statuses and fingerprints.
Version 2 added reviewers' overrides and, per element, the status before an override.
Every step is portable SQL and runs in one write transaction with the version update, so a store is
never left half-migrated and two first runs at once do not both create it.
"""

from __future__ import annotations

from importlib import resources

from rubric_check.messages import message
from rubric_check.store.connection import Database, StoreError, connect

CURRENT = 2

# version → the statements that bring a store of the version before it to this one
STEPS: dict[int, tuple[str, ...]] = {
    2: (
        """CREATE TABLE overrides (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            element_id TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            created_at TEXT NOT NULL,
            file_name TEXT NOT NULL,
            UNIQUE (sha256, element_id)
        )""",
        "ALTER TABLE element_results ADD COLUMN original_status TEXT",
    ),
}


def schema_statements() -> list[str]:
    """The statements of schema.sql (separated by lines holding only ";"), comments left out."""
    text = resources.files("rubric_check.store").joinpath("schema.sql").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split("\n;") if part.strip().strip(";")]


def open_store(location: str) -> Database:
    """Connect and make sure the schema is current (created on first use, migrated when older)."""
    db = connect(location)
    try:
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def version_of(db: Database) -> int | None:
    if not db.has_table("schema_version"):
        return None
    rows = db.query("SELECT version FROM schema_version")
    return int(rows[0][0]) if rows else None


def migrate(db: Database) -> None:
    if version_of(db) == CURRENT:
        return  # the usual case: no write lock taken
    with db.transaction():
        version = version_of(db)  # again, under the lock: another process may have just done it
        if version is None:
            for statement in schema_statements():
                db.execute(statement)
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (CURRENT,))
            return
        if version > CURRENT:
            raise StoreError("store", message("store.newer", location=db.location, version=version, known=CURRENT))
        for step in range(version + 1, CURRENT + 1):
            for statement in STEPS[step]:
                db.execute(statement)
        db.execute("UPDATE schema_version SET version = ?", (CURRENT,))
