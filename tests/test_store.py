"""The results store on SQLite and on a real PostgreSQL server (the same tests, ``store_url``):
schema, recording, migration from version 1, two batches writing at once."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest
from store_support import SEEDS, rows, score

from rubric_check.rubric.model import Rubric
from rubric_check.store import location, records
from rubric_check.store.connection import connect
from rubric_check.store.migrations import CURRENT, open_store, schema_statements, version_of

DATA = Path(__file__).resolve().parent / "data"


def test_a_new_store_gets_the_current_schema(store_url: str) -> None:
    db = open_store(store_url)
    try:
        assert version_of(db) == CURRENT
        for table in ("runs", "reports", "element_results", "fingerprints", "overrides"):
            assert db.has_table(table), table
    finally:
        db.close()


def test_sqlite_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = open_store(str(tmp_path / "s.sqlite3"))
    try:
        assert db.query("PRAGMA journal_mode")[0][0] == "wal"
        assert db.query("PRAGMA foreign_keys")[0][0] == 1
        with pytest.raises(sqlite3.IntegrityError), db.transaction():
            db.execute("INSERT INTO element_results (report_id, element_id, status) VALUES ('nope', 'x', 'met')")
    finally:
        db.close()


def test_schema_is_plain_portable_types() -> None:
    text = " ".join(schema_statements()).upper()
    for word in ("SERIAL", "BLOB", "BOOLEAN", "TIMESTAMP", "AUTOINCREMENT", "UUID "):
        assert word not in text


def test_a_score_run_records_every_report(store_url: str, rubric: Rubric) -> None:
    code, _, err = score([SEEDS], store_url)
    assert code == 1, err  # three seeds fail, as labelled
    found = rows(
        store_url, "SELECT file_name, sha256, agency, year, score, grade, passed FROM reports ORDER BY file_name"
    )
    assert len(found) == 5
    first = found[0]
    assert first[0].endswith("000_85fd514af7da5818.txt")
    assert len(first[1]) == 64 and first[2] == "湖滨区卫生健康委员会" and first[3] == 2023
    assert sum(r[6] for r in found) == 2
    assert rows(store_url, "SELECT rubric_id, rubric_version FROM runs") == [("default", "1.0.0")]
    elements = rows(store_url, "SELECT COUNT(*) FROM element_results")[0][0]
    assert elements == 5 * len(rubric.elements)
    prints = rows(store_url, "SELECT sentences FROM fingerprints")
    assert len(prints) == 5 and all('"s":[[' in p[0] for p in prints)


def test_no_store_records_nothing(tmp_path: Path) -> None:
    target = tmp_path / "unused.sqlite3"
    code, _, _ = score([SEEDS], None)
    assert code == 1
    assert not target.exists()


def test_keep_text_off_records_keys_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(location.ENV)  # the configuration's store, in tmp_path, decides
    config = tmp_path / "rubric-check.yaml"
    config.write_text("store:\n  location: s.sqlite3\n  keep_text: false\n", encoding="utf-8")
    code, _, err = score(
        [SEEDS / "001_bbfe669b9ff2da75.txt"], None, no_store=False, use_config=True, config=str(config)
    )
    assert code == 0, err
    (sentences,) = rows(str(tmp_path / "s.sqlite3"), "SELECT sentences FROM fingerprints")[0]
    assert ",null]" in sentences and "卫生" not in sentences


def _v1_store(store_url: str) -> None:
    text = (DATA / "store_v1.sql").read_text(encoding="utf-8")
    db = connect(store_url)
    try:
        with db.transaction():
            for statement in text.split("\n;"):
                body = "\n".join(line for line in statement.splitlines() if not line.startswith("--")).strip()
                if body:
                    db.execute(body)
    finally:
        db.close()


def test_a_version_1_store_migrates_and_keeps_its_rows(store_url: str) -> None:
    _v1_store(store_url)
    db = open_store(store_url)
    try:
        assert version_of(db) == CURRENT
        assert db.has_table("overrides")
        assert db.query("SELECT agency, year, score FROM reports") == [("湖滨区司法局", 2023, 70.5)]
        assert db.query("SELECT COUNT(*) FROM element_results WHERE original_status IS NULL")[0][0] == 2
    finally:
        db.close()
    code, _, err = score([SEEDS / "001_bbfe669b9ff2da75.txt"], store_url)  # and takes new runs
    assert code == 0, err
    assert rows(store_url, "SELECT COUNT(*) FROM reports")[0][0] == 2


def test_a_store_newer_than_the_tool_is_refused(tmp_path: Path) -> None:
    url = str(tmp_path / "s.sqlite3")
    db = open_store(url)
    with db.transaction():
        db.execute("UPDATE schema_version SET version = ?", (CURRENT + 1,))
    db.close()
    code, _, err = score([SEEDS / "001_bbfe669b9ff2da75.txt"], url)
    assert code == 2 and "升级" in err


def _score_into(folder: str, store_url: str) -> None:
    records.FLUSH_EVERY = 2  # many small transactions, so the two batches interleave
    code, _, _ = score([Path(folder)], store_url, jobs=1)
    raise SystemExit(0 if code in (0, 1) else 10 + code)


def test_two_batches_writing_at_once_lose_nothing(store_url: str, tmp_path: Path, rubric: Rubric) -> None:
    open_store(store_url).close()
    folders = []
    for batch in ("a", "b"):
        folder = tmp_path / batch
        folder.mkdir()
        for i in range(12):
            seed = sorted(SEEDS.glob("*.txt"))[i % 5]
            shutil.copy(seed, folder / f"{batch}{i:02d}.txt")
        folders.append(folder)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_score_into, args=(str(f), store_url)) for f in folders]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    assert rows(store_url, "SELECT COUNT(*) FROM runs")[0][0] == 2
    assert rows(store_url, "SELECT COUNT(*) FROM reports")[0][0] == 24
    assert rows(store_url, "SELECT COUNT(*) FROM element_results")[0][0] == 24 * len(rubric.elements)
    assert rows(store_url, "SELECT COUNT(*) FROM fingerprints")[0][0] == 24


def test_store_location_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(location.ENV, "/env/store.sqlite3")
    assert location.resolve("/cli.sqlite3", False, "/config.sqlite3") == "/cli.sqlite3"
    assert location.resolve(None, False, "/config.sqlite3") == "/env/store.sqlite3"
    assert location.resolve(None, True, "/config.sqlite3") is None
    monkeypatch.delenv(location.ENV)
    assert location.resolve(None, False, "/config.sqlite3") == "/config.sqlite3"
    assert location.resolve(None, False, False) is None
    monkeypatch.setenv("XDG_DATA_HOME", "/xdg")
    assert location.resolve(None, False, None) == "/xdg/rubric-check/results.sqlite3"


def test_tests_never_use_the_users_data_folder() -> None:
    import os

    configured = os.environ[location.ENV]
    assert location.resolve(None, False, None) == configured
    assert not configured.startswith(str(Path.home() / ".local"))


def test_an_unusable_store_stops_the_run_only_when_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    not_a_store = tmp_path / "not-a-store.sqlite3"
    not_a_store.write_bytes(b"this is not a database" * 100)
    seed = SEEDS / "001_bbfe669b9ff2da75.txt"
    code, _, err = score([seed], str(not_a_store))  # --store on the command line
    assert code == 2 and "无法打开结果库" in err and "database" not in err
    monkeypatch.setenv(location.ENV, str(not_a_store))  # the default (here the variable): scored anyway
    code, _, err = score([seed], None, no_store=False)
    assert code == 0 and "本次评分不使用结果库" in err
