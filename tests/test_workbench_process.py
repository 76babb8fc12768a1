"""``rubric-check serve`` as a reviewer starts it: the address it prints answers, an upload is kept
in a private folder under generated names, and Ctrl-C stops the server and removes that folder."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from workbench_support import seed_files

pytestmark = pytest.mark.slow
Answer = tuple[int, bytes]


def _request(port: int, method: str, path: str, headers: dict[str, str], body: bytes | None = None) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_prints_its_address_scores_an_upload_and_cleans_up_when_stopped(tmp_path: Path, stop: int) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "RUBRIC_CHECK_STORE": str(tmp_path / "store.sqlite3")}
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "rubric_check", "serve", "--no-browser", "--no-config", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(2)]
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", lines[1])
        assert "审核工作台已启动" in lines[0] and found, lines
        port, token = int(found.group(1)), found.group(2)
        host = f"127.0.0.1:{port}"
        status, _ = _request(port, "GET", f"/?token={token}", {"Host": host})
        assert status == 303
        print(f"start-up to first answer: {time.monotonic() - started:.2f} s")
        (private,) = temp.glob("rubric-check-serve-*")
        assert private.stat().st_mode & 0o077 == 0  # only this user may read the uploads
        boundary = "rubric-check-test"
        body = (
            b"".join(  # two reports: scored by two worker processes (forkserver: this process has threads)
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'.encode()
                + content
                + b"\r\n"
                for name, content in seed_files()[:2]
            )
            + f"--{boundary}--\r\n".encode()
        )
        headers = {
            "Host": host,
            "Cookie": f"rubric_check_{port}={token}",
            "Origin": f"http://{host}",
            "X-Rubric-Check-Token": token,
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        }
        status, answer = _request(port, "POST", "/api/batches", headers, body)
        assert status == 201, answer
        batch = json.loads(answer)["id"]
        assert sorted(p.name for p in private.rglob("*") if p.is_file()) == ["00001.txt", "00002.txt"]  # nothing else
        for _ in range(600):
            status, progress = _request(port, "GET", f"/api/batches/{batch}", headers)
            if json.loads(progress)["finished"]:
                break
            time.sleep(0.1)
        assert json.loads(progress)["done"] == 2
        process.send_signal(stop)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "已关闭" in out and err == ""  # nothing but Chinese on the terminal, and no traceback
    assert not private.exists()
    assert list(temp.iterdir()) == []
