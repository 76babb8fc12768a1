-- The results store, current version (see migrations.py for how older stores are brought here).
-- Portable on purpose: only TEXT, INTEGER and REAL; timestamps are ISO 8601 text; ids are UUIDs the
-- application makes. The same file runs unchanged on SQLite (3.35+) and PostgreSQL (13+).
-- Statements are separated by a line holding only ";" so no SQL parser is needed to split them.

CREATE TABLE schema_version (
    version INTEGER NOT NULL
)
;
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    rubric_id TEXT NOT NULL,
    rubric_version TEXT NOT NULL,
    tool_version TEXT NOT NULL
)
;
CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    agency TEXT,
    year INTEGER,
    score REAL,
    grade TEXT,
    passed INTEGER NOT NULL,
    error_kind TEXT,
    recorded_at TEXT NOT NULL
)
;
CREATE INDEX reports_by_agency ON reports (agency, year)
;
CREATE INDEX reports_by_sha ON reports (sha256)
;
CREATE TABLE element_results (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    element_id TEXT NOT NULL,
    status TEXT NOT NULL,
    original_status TEXT,
    PRIMARY KEY (report_id, element_id)
)
;
CREATE TABLE fingerprints (
    report_id TEXT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    sentences TEXT NOT NULL
)
;
CREATE TABLE overrides (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    element_id TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    UNIQUE (sha256, element_id)
)
;
