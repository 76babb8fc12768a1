-- A results store as the first release wrote it (schema version 1): no overrides table, no
-- original_status per element. test_store_migration builds a store from this file and opens it.
CREATE TABLE schema_version (version INTEGER NOT NULL)
;
INSERT INTO schema_version (version) VALUES (1)
;
CREATE TABLE runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, rubric_id TEXT NOT NULL, rubric_version TEXT NOT NULL, tool_version TEXT NOT NULL)
;
CREATE TABLE reports (id TEXT PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, file_name TEXT NOT NULL, sha256 TEXT NOT NULL, agency TEXT, year INTEGER, score REAL, grade TEXT, passed INTEGER NOT NULL, error_kind TEXT, recorded_at TEXT NOT NULL)
;
CREATE INDEX reports_by_agency ON reports (agency, year)
;
CREATE INDEX reports_by_sha ON reports (sha256)
;
CREATE TABLE element_results (report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE, element_id TEXT NOT NULL, status TEXT NOT NULL, PRIMARY KEY (report_id, element_id))
;
CREATE TABLE fingerprints (report_id TEXT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE, sentences TEXT NOT NULL)
;
INSERT INTO runs VALUES ('9b2f3c1e-0000-4000-8000-000000000001', '2025-03-02T08:00:00+00:00', 'default', '1.0.0', '0.1.0')
;
INSERT INTO reports VALUES ('9b2f3c1e-0000-4000-8000-000000000002', '9b2f3c1e-0000-4000-8000-000000000001', '2023年报告.txt', 'aa11', '湖滨区司法局', 2023, 70.5, '合格', 0, NULL, '2025-03-02T08:00:01+00:00')
;
INSERT INTO element_results VALUES ('9b2f3c1e-0000-4000-8000-000000000002', 'problem-causes', 'missing')
;
INSERT INTO element_results VALUES ('9b2f3c1e-0000-4000-8000-000000000002', 'measures', 'met')
;
