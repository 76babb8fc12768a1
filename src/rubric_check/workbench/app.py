"""The workbench's web application: routes from a URL to a page, a JSON answer or a download.

Flask, because Werkzeug's request parsing enforces the upload limits (MAX_CONTENT_LENGTH,
MAX_FORM_PARTS, MAX_FORM_MEMORY_SIZE) and spools file parts to disk, and its test client drives
every route in tests. Every request first passes ``guard`` (workbench/access.py says why).

URLs mirror the HTML folder ``score --html`` writes, so the same pages link the same way:
``/b/<batch>/`` is its index.html, ``/b/<batch>/<page>.html`` a gap page, ``history/<body>.html``
a body's history; ``<page>.docx``/``.pdf`` and ``results.xlsx``/``.json``/``letters.zip`` are
the downloads.
"""

from __future__ import annotations

import io
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from flask import Flask, Response, abort, current_app, jsonify, redirect, request, send_file
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from rubric_check.errors import RubricCheckError, os_reason
from rubric_check.formatters.html_names import history_name
from rubric_check.formatters.letter_template import LetterTemplate
from rubric_check.messages import message
from rubric_check.rubric.model import Status
from rubric_check.store.connection import store_errors
from rubric_check.store.history import agencies, body_history
from rubric_check.store.migrations import open_store
from rubric_check.workbench import downloads, pages
from rubric_check.workbench.access import TOKEN_HEADER, TOKEN_PARAMETER, UNSAFE_METHODS, Access, cross_site, same_origin
from rubric_check.workbench.batches import Batch, Batches, Scoring
from rubric_check.workbench.uploads import BadUploadName, Received, save_uploads

_log = logging.getLogger(__name__)
STATUSES: tuple[Status, ...] = ("met", "partial", "missing")
MAX_NOTE_CHARS = 500
LOGIN_DELAY_SECONDS = 1.0  # after a wrong password: guessing gets slow
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1024 * 1024 * 1024
    max_files: int = 2000


@dataclass
class Workbench:
    """Everything a request may need: how reports are scored, the batches, the private folder."""

    scoring: Scoring
    access: Access
    folder: Path  # private temporary folder: uploads, spooled downloads
    limits: Limits
    letters: LetterTemplate
    batches: Batches
    pdf: downloads.PdfMaker

    def close(self) -> None:
        self.pdf.close()


def create_app(
    scoring: Scoring, access: Access, folder: Path, limits: Limits = Limits(), letters: LetterTemplate | None = None
) -> Flask:
    app = Flask("rubric_check.workbench", static_folder=None)
    app.config.update(
        MAX_CONTENT_LENGTH=limits.max_bytes,
        MAX_FORM_PARTS=limits.max_files + 16,
        # A text field beyond this is refused (an upload has none). Werkzeug's multipart decoder also
        # bounds its read buffer by it, which holds a whole read chunk (64 KB) and what is left of the
        # last: at 64 KB a batch of many small files was refused as too large.
        MAX_FORM_MEMORY_SIZE=1024 * 1024,
        DEBUG=False,
        PROPAGATE_EXCEPTIONS=False,
    )
    bench = Workbench(
        scoring,
        access,
        folder,
        limits,
        letters or LetterTemplate.load(None, scoring.rubric, scoring.gate),
        Batches(scoring),
        downloads.PdfMaker(folder),
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Chinese as written, not \uXXXX
    app.extensions["workbench"] = bench
    app.before_request(lambda: guard(bench))
    app.after_request(_secure_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(RubricCheckError, _said_error)
    app.register_error_handler(Exception, _internal_error)
    _routes(app, bench)
    return app


def workbench_of(app: Flask) -> Workbench:
    bench: Workbench = app.extensions["workbench"]
    return bench


# ---- the guard ----


def guard(bench: Workbench) -> Response | None:
    """None lets the request through; else the refusal (workbench/access.py)."""
    access = bench.access
    host = request.headers.get("Host", "")
    if not access.host_allowed(host):
        return _refused(403, message("serve.forbidden_host", host=host[:100], port=access.port))
    origin = request.headers.get("Origin")
    if cross_site(origin, request.headers.get("Sec-Fetch-Site"), host):
        return _refused(403, message("serve.forbidden_origin"))
    if request.method in UNSAFE_METHODS and not same_origin(origin, host):
        return _refused(403, message("serve.forbidden_origin"))
    if request.path == "/login" and access.password is not None:
        return None
    offered = request.args.get(TOKEN_PARAMETER)
    if offered is not None and request.method == "GET":
        if not access.token_matches(offered):
            return _refused(403, message("serve.forbidden_token"))
        return _with_cookie(redirect(request.path, 303), access)
    if not access.token_matches(request.cookies.get(access.cookie)):
        if access.password is not None and request.method == "GET" and not request.path.startswith("/api/"):
            return redirect("/login", 303)
        return _refused(403, message("serve.forbidden_token"))
    if request.method in UNSAFE_METHODS and not access.token_matches(request.headers.get(TOKEN_HEADER)):
        return _refused(403, message("serve.forbidden_token"))
    return None


def _with_cookie(response: Any, access: Access) -> Response:
    response.set_cookie(access.cookie, access.token, httponly=True, samesite="Strict", path="/")
    return response  # type: ignore[no-any-return]


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _refused(status: int, text: str) -> Response:
    if _wants_json():
        response = jsonify(error=text)
        response.status_code = status
        return response
    titles = {403: "serve.forbidden_title", 404: "serve.not_found_title", 503: "serve.unavailable_title"}
    title = message(titles.get(status, "serve.error_title"))
    home = None if status in (401, 403) else "/"  # a refused visitor has no home page to go to
    return _html(pages.message_page(title, text, home=home), status)


def _html(page: pages.Page, status: int = 200) -> Response:
    """The page, with the CSP its meta tag holds sent as a header too (which alone can forbid framing)."""
    response = Response(page.body, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = page.csp + "; frame-ancestors 'none'"
    return response


def _secure_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
    return response


def _http_error(error: HTTPException) -> Response:
    if isinstance(error, RequestEntityTooLarge):
        bench = workbench_of(current_app)
        text = message("serve.too_large", mb=bench.limits.max_bytes // (1024 * 1024), files=bench.limits.max_files)
        return _refused(413, text)
    status = error.code or 500
    return _refused(status, message("serve.not_found") if status in (404, 405) else message("serve.server_error"))


def _said_error(error: RubricCheckError) -> Response:
    """A download that cannot be made (no browser for the PDF, a letter template that does not fit,
    a full temporary folder): its own Chinese message, which says what to do."""
    _log.info("refused %s: %s", request.path, error.kind)
    return _refused(503, error.text)


def _internal_error(error: Exception) -> Response:
    _log.exception("internal error serving %s", request.path)
    return _refused(500, message("serve.server_error"))


# ---- routes ----


def _routes(app: Flask, bench: Workbench) -> None:
    scoring, access = bench.scoring, bench.access

    def batch_or_404(batch_id: str) -> Batch:
        batch = bench.batches.get(batch_id)
        if batch is None:
            abort(404)
        assert batch is not None
        return batch

    def home_page(pending: Batch | None = None) -> Response:
        limits = bench.limits
        return _html(
            pages.home_page(scoring, access.token, bench.batches.all(), limits.max_bytes, limits.max_files, pending)
        )

    @app.get("/")
    def home() -> Response:
        return home_page()

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Response:
        if access.password is None:
            return _refused(404, message("serve.not_found"))
        failed = False
        if request.method == "POST":
            if access.password_matches(request.form.get("password")):
                return _with_cookie(redirect("/", 303), access)
            time.sleep(LOGIN_DELAY_SECONDS)
            failed = True
        text = message("serve.login_failed") if failed else message("serve.login_text")
        return _html(
            pages.message_page(message("serve.login_title"), text, home=None, login=True), 401 if failed else 200
        )

    @app.post("/api/batches")
    def upload() -> Response:
        files = [f for f in request.files.getlist("files") if f.filename]
        if not files:
            return _refused(400, message("serve.no_files"))
        folder = Path(tempfile.mkdtemp(prefix="batch-", dir=bench.folder))  # 0700, a name of its own
        try:
            saved = save_uploads((Received(f.filename or "", f.stream) for f in files), folder)
        except BadUploadName as exc:
            shutil.rmtree(folder, ignore_errors=True)
            return _refused(400, exc.text)
        except OSError as exc:  # the disk is full, the temporary folder was removed
            shutil.rmtree(folder, ignore_errors=True)
            return _refused(507, message("serve.save_failed", folder=bench.folder, reason=os_reason(exc)))
        finally:
            for f in files:
                f.close()
        if not saved.inputs:
            shutil.rmtree(folder, ignore_errors=True)
            reasons = "；".join(f"{s.path}：{s.reason}" for s in saved.skipped[:5])
            return _refused(400, message("serve.nothing_to_score", skipped=reasons))
        batch = bench.batches.add(folder, saved.inputs, saved.skipped)
        response = jsonify(id=batch.id, url=pages.batch_url(batch), total=batch.total, skipped=len(saved.skipped))
        response.status_code = 201
        return response

    @app.get("/api/batches/<batch_id>")
    def progress(batch_id: str) -> Response:
        batch = batch_or_404(batch_id)
        return jsonify(
            done=batch.done,
            total=batch.total,
            finished=batch.finished,
            status=pages.progress_status(batch),
            url=pages.batch_url(batch),
        )

    @app.get("/b/<batch_id>/")
    @app.get("/b/<batch_id>/index.html")
    def batch_table(batch_id: str) -> Response:
        batch = batch_or_404(batch_id)
        if not batch.finished:
            return home_page(batch)
        return _html(pages.batch_page(scoring, access.token, batch))

    @app.get("/b/<batch_id>/<name>")
    def batch_file(batch_id: str, name: str) -> Response:
        batch = batch_or_404(batch_id)
        if name in ("results.xlsx", "results.json", "letters.zip"):
            return _batch_download(bench, batch, name)
        stem, dot, kind = name.rpartition(".")
        found = batch.by_page(stem) if dot else None
        if found is None or kind not in ("html", "docx", "pdf"):
            return _refused(404, message("serve.not_found"))
        _, result = found
        if result.error is not None:
            return _refused(404, message("serve.not_found"))
        if kind == "html":
            return _html(pages.report_page(scoring, access.token, batch, stem, result))
        if kind == "docx":
            file_name, data = downloads.letter_file(result, scoring.rubric, scoring.gate, bench.letters)
            return _download(data, file_name, DOCX)
        data = bench.pdf.pdf(pages.printable_page(scoring, result), stem)
        return _download(data, downloads.pdf_file_name(result), "application/pdf")

    @app.post("/api/batches/<batch_id>/reports/<page>/override")
    def override(batch_id: str, page: str) -> Response:
        batch = batch_or_404(batch_id)
        found = batch.by_page(page)
        if found is None or found[1].error is not None:
            return _refused(404, message("serve.not_found"))
        item, _ = found
        body = request.get_json(silent=True) or {}
        element = str(body.get("element", ""))
        if element not in {e.id for e in scoring.rubric.elements}:
            return _refused(400, message("serve.override_unknown_element", element=element[:60]))
        clear = bool(body.get("clear"))
        status = str(body.get("status", ""))
        note = str(body.get("note", "")).strip()[:MAX_NOTE_CHARS]
        if not clear and status not in STATUSES:
            return _refused(400, message("serve.override_bad_status"))
        if not clear and not note:
            return _refused(400, message("serve.override_no_note"))
        try:
            result = bench.batches.override(batch, item, element, None if clear else status, note)  # type: ignore[arg-type]
        except RubricCheckError as exc:
            return _refused(409, exc.text)
        except store_errors() as exc:
            return _refused(500, message("store.write_failed", location=scoring.store, detail=exc))
        verdict = message("html.gate_passed" if result.passed else "html.gate_failed")
        key = "serve.override_cleared" if clear else "serve.override_saved"
        score = "—" if result.score is None else f"{result.score:g}"
        return jsonify(
            score=result.score,
            grade=result.grade,
            passed=result.passed,
            message=message(key, score=score, verdict=verdict),
        )

    @app.get("/history/")
    def bodies() -> Response:
        if scoring.store is None:
            return _refused(404, message("serve.history_none"))
        db = open_store(scoring.store)
        try:
            known = agencies(db)
        finally:
            db.close()
        links = [(body, _history_file(body)) for body in known]
        text = "" if links else message("serve.history_bodies_none")
        return _html(pages.message_page(message("serve.history_bodies"), text, links=links))

    @app.get("/history/<name>")
    @app.get("/b/<batch_id>/history/<name>")
    def history(name: str, batch_id: str | None = None) -> Response:
        if batch_id is not None:
            batch_or_404(batch_id)
        if scoring.store is None:
            return _refused(404, message("serve.history_none"))
        db = open_store(scoring.store)
        try:
            wanted = [body for body in agencies(db) if _history_file(body) == name]
            found = body_history(db, wanted[0]) if wanted else None
        finally:
            db.close()
        if found is None:
            return _refused(404, message("serve.not_found"))
        back = ("../index.html", "history.back") if batch_id is not None else ("./", "serve.back_to_bodies")
        return _html(pages.history(found, scoring, back))


def _batch_download(bench: Workbench, batch: Batch, name: str) -> Response:
    if not batch.finished:
        return _refused(409, message("serve.scoring_not_done"))
    scoring = bench.scoring
    results = batch.ordered()
    if name == "results.xlsx":
        data = downloads.xlsx_bytes(results, scoring.rubric, scoring.gate, bench.folder)
        return _download(data, message("serve.xlsx_name", number=batch.number), XLSX)
    if name == "results.json":
        data = downloads.json_bytes(results, scoring.rubric, batch.skipped)
        return _download(data, message("serve.json_name", number=batch.number), "application/json")
    data = downloads.letters_zip(results, scoring.rubric, scoring.gate, bench.letters)
    return _download(data, message("serve.letters_zip_name", number=batch.number), "application/zip")


def _download(data: bytes, file_name: str, mimetype: str) -> Response:
    """An attachment under its Chinese name (RFC 6266 ``filename*``, which Flask writes)."""
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=file_name)


def _history_file(body: str) -> str:
    """A body's history page as the HTML folder names it (html_names.history_name), inside its folder."""
    return PurePosixPath(history_name(body)).name
