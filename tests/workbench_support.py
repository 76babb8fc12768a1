"""Helpers for the workbench's tests: an application over a throwaway store, and a client that
addresses it as a browser opened on the launch's address would."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from rubric_check.gate import Gate
from rubric_check.rubrics import load_rubric
from rubric_check.workbench.access import TOKEN_HEADER, Access
from rubric_check.workbench.app import Limits, create_app, workbench_of
from rubric_check.workbench.batches import Batch, Scoring

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PORT = 48123
HOST = f"127.0.0.1:{PORT}"
ORIGIN = f"http://{HOST}"
BAD_DOCX = ("坏文件.docx", b"this is not a zip archive")


def make_app(tmp_path: Path, store: str | None, password: str | None = None, limits: Limits | None = None) -> Flask:
    folder = tmp_path / "private"
    folder.mkdir()
    scoring = Scoring(load_rubric(None), Gate(), store, jobs=1, reviewer="测试审核人")
    access = Access("127.0.0.1" if password is None else "0.0.0.0", PORT, password)
    return create_app(scoring, access, folder, limits or Limits())


def token_of(app: Flask) -> str:
    return workbench_of(app).access.token


def signed_in(app: Flask) -> FlaskClient:
    """A client that opened the launch's address: it holds the token's cookie."""
    client = app.test_client()
    response = client.get(f"/?token={token_of(app)}", base_url=ORIGIN)
    assert response.status_code == 303, response.data
    return client


def get(client: FlaskClient, path: str, **headers: str) -> Any:
    return client.get(path, base_url=ORIGIN, headers=headers)


def post(client: FlaskClient, app: Flask, path: str, **kwargs: Any) -> Any:
    """A POST as the workbench's own page sends it: same Origin, the token in its header."""
    headers = {"Origin": ORIGIN, TOKEN_HEADER: token_of(app), **kwargs.pop("headers", {})}
    return client.post(path, base_url=ORIGIN, headers=headers, **kwargs)


def upload(client: FlaskClient, app: Flask, files: list[tuple[str, bytes]]) -> Any:
    data = {"files": [(io.BytesIO(content), name) for name, content in files]}
    return post(client, app, "/api/batches", data=data, content_type="multipart/form-data")


def seed_files() -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in sorted(SEEDS.glob("*.txt"))]


def finished(app: Flask, batch_id: str, timeout: float = 120.0) -> Batch:
    batches = workbench_of(app).batches
    deadline = time.monotonic() + timeout
    batch = batches.get(batch_id)
    assert batch is not None
    while not batch.finished:
        assert time.monotonic() < deadline, "the batch was not scored in time"
        time.sleep(0.05)
    return batch
