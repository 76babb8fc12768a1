"""The workbench (``rubric-check serve``) through Flask's test client: who may use it, uploads,
the batch table and gap pages, a reviewer's override, and bad input. The browser's view is in
tests/test_workbench_browser.py."""

from __future__ import annotations

import html as html_module
import io
import re
from pathlib import Path

import pytest
from workbench_support import (
    BAD_DOCX,
    ORIGIN,
    PORT,
    finished,
    get,
    make_app,
    post,
    seed_files,
    signed_in,
    token_of,
    upload,
)

from rubric_check.cli import main
from rubric_check.store.migrations import open_store
from rubric_check.store.overrides import list_overrides
from rubric_check.workbench.access import TOKEN_HEADER
from rubric_check.workbench.app import Limits, workbench_of
from rubric_check.workbench.batches import Batch

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def store(tmp_path: Path) -> str:
    return str(tmp_path / "results.sqlite3")


def _scored_batch(client, app, files):  # type: ignore[no-untyped-def]
    response = upload(client, app, files)
    assert response.status_code == 201, response.get_json()
    return finished(app, response.get_json()["id"])


# ---- who may use it ----


def test_every_page_and_answer_needs_the_launch_token(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = app.test_client()
    for path in ("/", "/api/batches/abc", "/history/", "/b/abc/"):
        response = get(client, path)
        assert response.status_code == 403, path
        assert CHINESE.search(response.get_data(as_text=True)), path
    assert get(client, "/?token=wrong").status_code == 403


def test_the_token_in_the_address_becomes_a_strict_cookie_of_this_port(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = app.test_client()
    response = get(client, f"/?token={token_of(app)}")
    assert response.status_code == 303 and response.headers["Location"] == "/"  # the token leaves the address
    cookie = response.headers["Set-Cookie"]
    assert f"rubric_check_{PORT}=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = get(client, "/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "法治政府建设年度报告审核工作台" in html
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["X-Frame-Options"] == "DENY"
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert meta is not None and html_module.unescape(meta.group(1)) + "; frame-ancestors 'none'" == csp


def test_a_foreign_host_is_refused_even_with_the_cookie(tmp_path: Path, store: str) -> None:
    """DNS rebinding: another site's name pointed at 127.0.0.1 reaches the port, but not the pages."""
    app = make_app(tmp_path, store)
    client = signed_in(app)
    assert get(client, "/").status_code == 200
    response = client.get("/", base_url=f"http://evil.example:{PORT}")
    assert response.status_code == 403
    assert "evil.example" in response.get_data(as_text=True)
    assert client.get("/", base_url="http://127.0.0.1:1").status_code == 403  # another port's name


def test_a_foreign_origin_is_refused_reading_or_writing(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    assert get(client, "/", Origin="http://evil.example").status_code == 403
    assert get(client, "/", **{"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert get(client, "/", **{"Sec-Fetch-Site": "same-site"}).status_code == 403  # another port of 127.0.0.1

    def sent(**headers: str) -> int:
        files = {"files": [(io.BytesIO(b"x"), "a.txt")]}
        return client.post("/api/batches", base_url=ORIGIN, headers=headers, data=files).status_code

    assert sent(Origin="http://evil.example", **{TOKEN_HEADER: token_of(app)}) == 403
    assert sent(**{TOKEN_HEADER: token_of(app)}) == 403  # no Origin
    assert sent(Origin=ORIGIN) == 403  # the cookie alone never changes anything
    assert sent(Origin=ORIGIN, **{TOKEN_HEADER: "guessed"}) == 403
    assert not workbench_of(app).batches.all()


def test_an_office_server_asks_for_the_password(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store, password="办公室口令12345")
    client = app.test_client()
    response = client.get("/", base_url="http://192.0.2.10:48123")
    assert response.status_code == 303 and response.headers["Location"] == "/login"
    office = {"base_url": "http://192.0.2.10:48123", "headers": {"Origin": "http://192.0.2.10:48123"}}
    wrong = client.post("/login", data={"password": "猜一个"}, **office)
    assert wrong.status_code == 401 and "口令不正确" in wrong.get_data(as_text=True)
    right = client.post("/login", data={"password": "办公室口令12345"}, **office)
    assert right.status_code == 303
    assert client.get("/", base_url="http://192.0.2.10:48123").status_code == 200
    # a form on another site cannot log a browser in
    foreign = {**office, "headers": {"Origin": "http://evil.example"}}
    cross = app.test_client().post("/login", data={"password": "办公室口令12345"}, **foreign)
    assert cross.status_code == 403


def test_serve_off_loopback_refuses_to_start_without_a_password(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("RUBRIC_CHECK_SERVE_PASSWORD", raising=False)
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--host", "0.0.0.0", "--no-browser", "--no-config"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "RUBRIC_CHECK_SERVE_PASSWORD" in err and "口令" in err
    monkeypatch.setenv("RUBRIC_CHECK_SERVE_PASSWORD", "short")
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--host", "0.0.0.0", "--no-browser", "--no-config"])
    assert stopped.value.code == 2 and "太短" in capsys.readouterr().err


# ---- uploads and pages ----


def test_seeds_and_an_unreadable_file_make_a_batch_table(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    batch = _scored_batch(client, app, [*seed_files(), BAD_DOCX])
    assert batch.total == 6 and batch.done == 6 and batch.notice is None
    progress = get(client, f"/api/batches/{batch.id}").get_json()
    assert progress["finished"] and progress["done"] == 6 and progress["total"] == 6
    page = get(client, f"/b/{batch.id}/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count('<tr data-order="') == 5  # the five seeds; the unreadable file is listed with its reason
    assert "坏文件.docx" in html and CHINESE.search(html)
    bad = next(r for r in batch.ordered() if r.error is not None)
    assert bad.error is not None and bad.error.message in html.replace("&#34;", '"')
    for label in ("results.xlsx", "letters.zip", "results.json"):
        assert f'href="{label}"' in html
    # each row's link is a gap page of this batch
    links = re.findall(r'<td class="path"><a href="([^"]+\.html)">', html)
    assert len(links) == 5
    gap = get(client, f"/b/{batch.id}/{links[0]}")
    assert gap.status_code == 200
    text = gap.get_data(as_text=True)
    assert 'class="override-form"' in text and 'name="rubric-check-token"' in text
    assert gap.headers["Content-Security-Policy"].count("'sha256-") == 2  # report.js and workbench.js, nothing else


def test_uploaded_files_get_generated_names_in_the_private_folder(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    batch = _scored_batch(client, app, [("某某局 2023年度报告.txt", seed_files()[0][1])])
    saved = sorted(p.name for p in batch.folder.iterdir())
    assert saved == ["00001.txt"]
    assert batch.folder.parent == workbench_of(app).folder
    assert batch.ordered()[0].path == "某某局 2023年度报告.txt"  # shown by the name the reviewer knows


def test_a_dropped_folder_keeps_its_paths_and_lists_what_it_skips(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    seed = seed_files()[0][1]
    files = [
        ("2024年/甲局.txt", seed),
        ("2024年/说明.rtf", b"{\\rtf1}"),
        ("2024年/.DS_Store", b"x"),
        ("2024年/~$甲局.docx", b"x"),
    ]
    batch = _scored_batch(client, app, files)
    assert [r.path for r in batch.ordered()] == ["2024年/甲局.txt"]
    assert [s.path for s in batch.skipped] == ["2024年/说明.rtf"]
    html = get(client, f"/b/{batch.id}/").get_data(as_text=True)
    assert "说明.rtf" in html


def test_a_zip_is_scored_member_by_member(tmp_path: Path, store: str) -> None:
    import zipfile

    app = make_app(tmp_path, store)
    client = signed_in(app)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, content in seed_files()[:2]:
            archive.writestr(f"报告/{name}", content)
    batch = _scored_batch(client, app, [("2024年报告.zip", data.getvalue())])
    assert [r.path for r in batch.ordered()] == [f"2024年报告.zip/报告/{name}" for name, _ in seed_files()[:2]]
    assert all(r.error is None for r in batch.ordered())


def test_a_name_that_climbs_out_is_refused_and_nothing_is_kept(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    for name in ("../../etc/cron.d/x.txt", "/etc/passwd.txt", "C:\\Windows\\x.txt", "a/../../b.txt", "a\x00.txt"):
        response = upload(client, app, [("好的.txt", seed_files()[0][1]), (name, b"x")])
        assert response.status_code == 400, name
        assert "拒绝" in response.get_json()["error"]
    assert not workbench_of(app).batches.all()
    assert not any(workbench_of(app).folder.iterdir())  # the good file of each refused upload is gone too


def test_traversal_in_the_address_finds_nothing(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    batch = _scored_batch(client, app, seed_files()[:1])
    for path in (
        f"/b/{batch.id}/../../../etc/passwd",
        f"/b/{batch.id}/..%2f..%2fetc%2fpasswd",
        f"/b/{batch.id}/%2e%2e/%2e%2e/etc/passwd",
        f"/b/{batch.id}/00001.txt",
        "/b/../private/batch-0001/00001.txt",
    ):
        response = get(client, path)
        assert response.status_code == 404, path
        assert "root:" not in response.get_data(as_text=True)


def test_an_oversize_upload_is_refused_in_chinese(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store, limits=Limits(max_bytes=64 * 1024, max_files=3))
    client = signed_in(app)
    big = upload(client, app, [("大.txt", b"x" * 200 * 1024)])
    assert big.status_code == 413
    assert "分批上传" in big.get_json()["error"]
    many = upload(client, app, [(f"{n}.txt", b"x") for n in range(40)])
    assert many.status_code == 413
    assert not workbench_of(app).batches.all()


def test_a_batch_of_many_files_is_one_upload(tmp_path: Path, store: str) -> None:
    """Werkzeug's multipart buffer is bounded by the form-memory limit: many small files must pass."""
    app = make_app(tmp_path, store)
    client = signed_in(app)
    seed = seed_files()[0][1]
    response = upload(client, app, [(f"批次/{n:03d}.txt", seed) for n in range(120)])
    assert response.status_code == 201, response.get_json()
    assert finished(app, response.get_json()["id"]).done == 120


def test_an_upload_without_reports_says_why(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    response = upload(client, app, [("资料/照片说明.rtf", b"{\\rtf1}")])
    assert response.status_code == 400
    assert "rtf" in response.get_json()["error"].lower()
    empty = post(client, app, "/api/batches", data={}, content_type="multipart/form-data")
    assert empty.status_code == 400 and "没有收到文件" in empty.get_json()["error"]


# ---- a reviewer's override ----


def _gap_page_of(batch, shown: str) -> str:  # type: ignore[no-untyped-def]
    return batch.names[shown].removesuffix(".html")


def test_an_override_is_stored_and_changes_score_and_gate(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    batch = _scored_batch(client, app, seed_files())
    # a failed report whose only gate reason is one missing required element
    candidates = [r for r in batch.ordered() if not r.passed and len(r.missing_required) == 1]
    assert candidates, "the seeds include a report failing on one missing required part"
    before = candidates[0]
    element = before.missing_required[0].id
    page = _gap_page_of(batch, before.path)
    url = f"/api/batches/{batch.id}/reports/{page}/override"
    answer = post(client, app, url, json={"element": element, "status": "met", "note": "第三部分已写明原因"})
    assert answer.status_code == 200, answer.get_json()
    data = answer.get_json()
    assert data["score"] > before.score and data["passed"] is True
    assert "已保存" in data["message"]
    after = batch.results[before.path]
    assert after.passed and next(e for e in after.elements if e.id == element).adjustment is not None
    db = open_store(store)
    try:
        stored = list_overrides(db, before.sha256)
    finally:
        db.close()
    assert [(o.override.element, o.override.status, o.override.note) for o in stored] == [
        (element, "met", "第三部分已写明原因")
    ]
    html = get(client, f"/b/{batch.id}/{page}.html").get_data(as_text=True)
    assert "第三部分已写明原因" in html and "测试审核人" in html
    table = get(client, f"/b/{batch.id}/").get_data(as_text=True)
    assert table.count('data-gate="passed"') == sum(1 for r in batch.ordered() if r.passed)
    cleared = post(client, app, url, json={"element": element, "clear": True})
    assert cleared.status_code == 200 and cleared.get_json()["passed"] is False
    assert cleared.get_json()["score"] == before.score


def test_an_override_needs_a_status_a_note_and_a_known_element(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    batch = _scored_batch(client, app, seed_files()[:1])
    result = batch.ordered()[0]
    url = f"/api/batches/{batch.id}/reports/{_gap_page_of(batch, result.path)}/override"
    element = result.elements[0].id
    no_note = post(client, app, url, json={"element": element, "status": "met", "note": " "})
    assert "理由" in no_note.get_json()["error"]
    bad_status = post(client, app, url, json={"element": element, "status": "ok", "note": "x"})
    assert "请选择" in bad_status.get_json()["error"]
    assert post(client, app, url, json={"element": "nope", "status": "met", "note": "x"}).status_code == 400
    missing = f"/api/batches/{batch.id}/reports/nothing-here/override"
    assert post(client, app, missing, json={"element": element, "status": "met", "note": "x"}).status_code == 404


def test_without_a_store_an_override_says_so(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    client = signed_in(app)
    batch = _scored_batch(client, app, seed_files()[:1])
    result = batch.ordered()[0]
    page = _gap_page_of(batch, result.path)
    html = get(client, f"/b/{batch.id}/{page}.html").get_data(as_text=True)
    assert 'class="override-form"' not in html and "不能复核修改结论" in html
    url = f"/api/batches/{batch.id}/reports/{page}/override"
    answer = post(client, app, url, json={"element": result.elements[0].id, "status": "met", "note": "x"})
    assert answer.status_code == 409 and "结果库" in answer.get_json()["error"]


def test_a_body_history_page_comes_from_the_store(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    batch = _scored_batch(client, app, seed_files())
    bodies = get(client, "/history/").get_data(as_text=True)
    links = re.findall(r'<a href="([^"]+\.html)">', bodies)
    assert links
    page = get(client, f"/history/{links[0]}")
    assert page.status_code == 200 and "<svg" in page.get_data(as_text=True)
    assert '<a href="./">返回单位列表</a>' in page.get_data(as_text=True)  # back to the list it came from
    table = get(client, f"/b/{batch.id}/").get_data(as_text=True)
    first = re.search(r'<a href="(history/[^"]+\.html)"', table)
    assert first is not None
    from_table = get(client, f"/b/{batch.id}/{first.group(1)}")
    assert from_table.status_code == 200 and 'href="../index.html"' in from_table.get_data(as_text=True)


def test_the_launch_answers_to_localhost_too(tmp_path: Path, store: str) -> None:
    """A reviewer may type localhost for 127.0.0.1: the same port's names are all its own."""
    app = make_app(tmp_path, store)
    client = app.test_client()
    for name in ("localhost", "[::1]", "127.0.0.1"):
        response = client.get(f"/?token={token_of(app)}", base_url=f"http://{name}:{PORT}")
        assert response.status_code == 303, name
        assert client.get("/", base_url=f"http://{name}:{PORT}").status_code == 200, name


# ---- downloads through the routes (what each holds: tests/test_workbench_downloads.py) ----


def test_batch_and_report_downloads_are_attachments_named_in_chinese(tmp_path: Path, store: str) -> None:
    import json
    import zipfile
    from urllib.parse import unquote

    app = make_app(tmp_path, store)
    client = signed_in(app)
    batch = _scored_batch(client, app, [*seed_files(), BAD_DOCX])
    document = json.loads(get(client, f"/b/{batch.id}/results.json").data)
    assert len(document["reports"]) == 6 and document["summary"]["errors"] == 1
    letters = get(client, f"/b/{batch.id}/letters.zip")
    assert letters.mimetype == "application/zip"
    assert "审核意见书-第1批.zip" in unquote(letters.headers["Content-Disposition"])
    assert len(zipfile.ZipFile(io.BytesIO(letters.data)).namelist()) == 5  # none for the unreadable file
    sheet = get(client, f"/b/{batch.id}/results.xlsx")
    assert sheet.data[:2] == b"PK" and "审核结果-第1批.xlsx" in unquote(sheet.headers["Content-Disposition"])
    readable = next(r for r in batch.ordered() if r.error is None)
    page = _gap_page_of(batch, readable.path)
    letter = get(client, f"/b/{batch.id}/{page}.docx")
    assert letter.status_code == 200 and "审核意见.docx" in unquote(letter.headers["Content-Disposition"])
    assert letter.headers["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_without_a_browser_says_what_to_install(
    tmp_path: Path, store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUBRIC_CHECK_CHROMIUM", str(tmp_path / "no-browser"))
    monkeypatch.setenv("PATH", str(tmp_path))
    app = make_app(tmp_path, store)
    client = signed_in(app)
    batch = _scored_batch(client, app, seed_files()[:1])
    page = _gap_page_of(batch, batch.ordered()[0].path)
    response = get(client, f"/b/{batch.id}/{page}.pdf")
    assert response.status_code == 503
    assert "Chromium" in response.get_data(as_text=True) and CHINESE.search(response.get_data(as_text=True))


def test_downloads_wait_for_the_batch_to_be_scored(tmp_path: Path, store: str) -> None:
    app = make_app(tmp_path, store)
    client = signed_in(app)
    batches = workbench_of(app).batches
    pending = Batch("pending1", 1, tmp_path, [], [], {})  # as a batch looks while it is scored
    batches.items[pending.id] = pending
    response = get(client, f"/b/{pending.id}/results.xlsx")
    assert response.status_code == 409 and "还在检查" in response.get_data(as_text=True)
    page = get(client, f"/b/{pending.id}/").get_data(as_text=True)
    assert 'id="score-progress"' in page and f"/api/batches/{pending.id}" in page


def test_the_address_opened_is_the_one_bound() -> None:
    from rubric_check.workbench.access import Access

    assert Access("127.0.0.1", 8000, token="t").url() == "http://127.0.0.1:8000/?token=t"
    assert Access("::1", 8000, token="t").url() == "http://[::1]:8000/?token=t"
    assert Access("0.0.0.0", 8000, password="口令口令口令口令", token="t").url() == "http://127.0.0.1:8000/"
    assert Access("::1", 8000).host_allowed("[::1]:8000") and not Access("::1", 8000).host_allowed("[::1]:8001")


def test_the_configuration_gives_the_password_and_never_shows_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from rubric_check.commands.store_access import StoreChoice, settings_for

    config = tmp_path / "rubric-check.yaml"
    config.write_text("serve:\n  password: 办公室口令12345\n  port: 8123\n  max_upload_mb: 50\n", encoding="utf-8")
    settings = settings_for(StoreChoice(config=str(config)))
    assert settings["serve.password"] == "办公室口令12345" and settings["serve.port"] == 8123
    with pytest.raises(SystemExit):
        main(["config", "--config", str(config)])
    shown = capsys.readouterr().out
    assert "办公室口令12345" not in shown and "已设置，不显示" in shown
    config.write_text("serve:\n  pasword: x\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["config", "--config", str(config)])
    assert stopped.value.code == 2 and "pasword" in capsys.readouterr().err
