"""The same body's report of an earlier year, as the copy check compares with it.

The latest earlier year recorded for the agency wins, and within it the most recent recording; a
report recorded by the run under way is never an "earlier" one (what a run compares with must not
depend on the order its workers finish in), nor is the same file scored again.
"""

from __future__ import annotations

from rubric_check.documents.agency import agency_key
from rubric_check.matching.fingerprint import Comparison, decode
from rubric_check.store.connection import Database


def earlier_report(db: Database, agency: str | None, year: int | None, sha256: str, run_id: str) -> Comparison | None:
    body = agency_key(agency)
    if body is None or year is None:
        return None
    # The report first, then its fingerprint: joined before the LIMIT, every earlier report's
    # fingerprint of the body would be read to pick one.
    rows = db.query(
        "SELECT id, file_name, year FROM reports WHERE agency = ? AND year < ? AND sha256 <> ? AND run_id <> ?"
        " AND error_kind IS NULL"
        " ORDER BY year DESC, recorded_at DESC, file_name DESC LIMIT 1",
        (body, year, sha256, run_id),
    )
    if not rows:
        return None
    report_id, name, found_year = rows[0]
    found = db.query("SELECT sentences FROM fingerprints WHERE report_id = ?", (report_id,))
    if not found:
        return None
    sentences = found[0][0]
    return Comparison(name=name, relation="earlier", year=found_year, fingerprint=decode(sentences))
