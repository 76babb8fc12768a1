"""One small interface over SQLite (the default, a file) and PostgreSQL (an office's shared server).

The SQL the store runs is portable (schema.sql, plain ``?`` placeholders); the only differences live
here: how to connect, the placeholder style, how a write transaction takes its lock, and how to ask
whether a table exists.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rubric_check.errors import RubricCheckError, os_reason
from rubric_check.messages import message

_log = logging.getLogger(__name__)
POSTGRES_PREFIXES = ("postgresql://", "postgres://")
BUSY_TIMEOUT_S = 60  # a second batch writing at the same moment waits for the first, never fails


class StoreError(RubricCheckError):
    """The store cannot be opened or written: the message names it and says what to do."""


def store_errors() -> tuple[type[Exception], ...]:
    """The exceptions a store's driver raises (psycopg's only when it is installed)."""
    try:
        import psycopg
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, psycopg.Error)


def is_url(location: str) -> bool:
    return location.startswith(POSTGRES_PREFIXES)


class Database:
    """A connection in autocommit mode; writes go through ``transaction()``."""

    def __init__(self, raw: Any, dialect: str, location: str) -> None:
        self.raw = raw
        self.dialect = dialect
        self.location = location

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.raw.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(row) for row in rows]
        if not rows:
            return
        if self.dialect == "postgresql":
            with self.raw.cursor() as cursor:
                cursor.executemany(self._sql(sql), rows)
        else:
            self.raw.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.raw.execute(self._sql(sql), tuple(params)).fetchall())

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction that holds the store's write lock from its start, so two batches (or
        two first runs creating the schema) take turns instead of failing or losing a write."""
        if self.dialect == "postgresql":
            with self.raw.transaction():
                self.raw.execute("SELECT pg_advisory_xact_lock(1919191919)")
                yield
            return
        self.raw.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise
        self.raw.execute("COMMIT")

    def has_table(self, name: str) -> bool:
        if self.dialect == "postgresql":
            return self.query("SELECT to_regclass(?)", (name,))[0][0] is not None
        return bool(self.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def close(self) -> None:
        self.raw.close()


def connect(location: str) -> Database:
    """Open the store at a file path or a ``postgresql://`` URL (not yet migrated: see migrations)."""
    if is_url(location):
        return _connect_postgres(location)
    return _connect_sqlite(Path(location).expanduser())


def _connect_sqlite(path: Path) -> Database:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        raw.execute("PRAGMA journal_mode = WAL")  # readers never block the writer, nor it them
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable at checkpoints, fast per commit
    except OSError as exc:
        raise StoreError("store", message("store.open_failed", location=path, detail=os_reason(exc))) from exc
    except sqlite3.Error as exc:  # its own text is English: the log has it, the user reads why in Chinese
        _log.warning("cannot open store %s: %s", path, exc)
        raise StoreError(
            "store", message("store.open_failed", location=path, detail=message("store.not_sqlite"))
        ) from exc
    return Database(raw, "sqlite", str(path))


def _connect_postgres(url: str) -> Database:
    try:
        import psycopg  # optional extra: rubric-check[postgres]
    except ImportError as exc:
        raise StoreError("store", message("store.no_psycopg")) from exc
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        _log.warning("cannot connect to store %s: %s", _hide_password(url), exc)
        detail = message("store.no_server")
        raise StoreError("store", message("store.open_failed", location=_hide_password(url), detail=detail)) from exc
    return Database(raw, "postgresql", _hide_password(url))


def _hide_password(url: str) -> str:
    """The URL as shown in messages: a password in it is replaced by ***.

    >>> _hide_password("postgresql://reviewer:secret@db:5432/reports")
    'postgresql://reviewer:***@db:5432/reports'
    """
    head, sep, rest = url.partition("://")
    user, at, host = rest.rpartition("@")
    if not at or ":" not in user:
        return url
    return f"{head}{sep}{user.split(':', 1)[0]}:***@{host}"
