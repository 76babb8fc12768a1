"""Shared fixtures: the default rubric (compiled once per session) and paths to the project's files."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rubric_check.formatters.html_pdf import find_browser
from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import load_rubric

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _ocr_cache_of_the_session(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """OCR results are cached in the user's cache folder: tests keep theirs in one folder of the session."""
    monkeypatch.setenv("RUBRIC_CHECK_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session", autouse=True)
def _no_store_outside_tests() -> Iterator[None]:
    """Module- and session-scoped fixtures are set up before any test's own store exists: they score
    without a store (never into the user's data folder, and never depending on each other's runs)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUBRIC_CHECK_STORE", "off")
        yield


@pytest.fixture(autouse=True)
def _throwaway_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every run a test starts (in this process or a child) records into a throwaway store, never the
    user's data folder (store/location.py reads RUBRIC_CHECK_STORE before the default)."""
    location = tmp_path_factory.mktemp("store") / "results.sqlite3"
    monkeypatch.setenv("RUBRIC_CHECK_STORE", str(location))
    return location


POSTGRES_ENV = "RUBRIC_CHECK_TEST_POSTGRES"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty results store: a SQLite file, or a fresh database on the PostgreSQL server that
    .ci/run starts (``.ci/postgres.sh start`` does the same locally). Under CI=true a missing server
    fails the PostgreSQL half of the suite instead of skipping it."""
    if request.param == "sqlite":
        yield str(tmp_path / "results.sqlite3")
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{POSTGRES_ENV} is not set: .ci/run starts a PostgreSQL server for these tests")
        pytest.skip(f'no PostgreSQL server ({POSTGRES_ENV}); start one with: eval "$(bash .ci/postgres.sh start)"')
    import psycopg

    name = f"rc_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


def unavailable(reason: str) -> None:
    """A browser test without its browser: skipped locally, a failure under CI=true (.ci/run installs it)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required under CI=true; .ci/run installs it)")
    pytest.skip(reason)


@pytest.fixture
def browser_starts(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The command line of every browser formatters/html_pdf.py starts during the test."""
    from rubric_check.formatters import html_pdf

    started: list[list[str]] = []
    popen = subprocess.Popen

    def counting(command: list[str], *args: Any, **kwargs: Any) -> Any:
        started.append(command)
        return popen(command, *args, **kwargs)

    monkeypatch.setattr(html_pdf.subprocess, "Popen", counting)
    return started


# The system Chromium driven by Playwright, for every browser test (the HTML pages, the workbench):
# nothing is downloaded.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def executable() -> str:
    path = find_browser()
    if path is None:
        unavailable("no Chromium/Chrome found (apt-get install chromium fonts-noto-cjk)")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def browser(executable: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield launched
        launched.close()
