"""``rubric-check serve``: the reviewer's workbench in the browser (workbench/)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import TextIO

from rubric_check import exit_codes
from rubric_check.commands.store_access import StoreChoice, location_of, reviewer, settings_for
from rubric_check.errors import RubricCheckError
from rubric_check.formatters.letter_template import LetterTemplate
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.parallel import default_jobs, start_workers_from_a_clean_process
from rubric_check.rubrics import load_rubric
from rubric_check.workbench.access import Access, is_loopback
from rubric_check.workbench.app import Limits, create_app, workbench_of
from rubric_check.workbench.batches import Scoring
from rubric_check.workbench.server import Deferred, Listen, bind, bound_port, private_folder, run

PASSWORD_VARIABLE = "RUBRIC_CHECK_SERVE_PASSWORD"
MIN_PASSWORD_CHARS = 8
DEFAULT_HOST = "127.0.0.1"


@dataclass(frozen=True)
class ServeOptions:
    host: str | None = None
    port: int | None = None
    open_browser: bool = True
    rubric: str | None = None
    letter_template: str | None = None
    max_upload_mb: int | None = None
    jobs: int | None = None
    store: StoreChoice = field(default_factory=StoreChoice)


def run_serve(options: ServeOptions, stdout: TextIO, stderr: TextIO) -> int:
    started = time.perf_counter()
    try:
        settings = settings_for(options.store)
        host = options.host or DEFAULT_HOST
        host = DEFAULT_HOST if host.lower() == "localhost" else host
        password = os.environ.get(PASSWORD_VARIABLE) or settings["serve.password"]
        if not is_loopback(host) and not password:
            stderr.write(message("serve.needs_password", host=host) + "\n")
            return exit_codes.USAGE
        if password is not None and len(password) < MIN_PASSWORD_CHARS:
            stderr.write(message("serve.short_password") + "\n")
            return exit_codes.USAGE
        rubric = load_rubric(options.rubric or settings["rubric"])
        gate = Gate(settings.fail_on, settings["pass_score"])
        template = options.letter_template or settings["outputs.letter_template"]
        letters = LetterTemplate.load(template, rubric, gate)
        store = location_of(options.store, settings)
        scoring = Scoring(
            rubric, gate, store, options.jobs or default_jobs(), settings["store.keep_text"], reviewer(settings)
        )
        max_mb = options.max_upload_mb or int(settings["serve.max_upload_mb"])
        limits = Limits(max_bytes=max_mb * 1024 * 1024)
        port = options.port if options.port is not None else (settings["serve.port"] or 0)
    except RubricCheckError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    start_workers_from_a_clean_process()  # the server's threads run while batches are scored
    with private_folder() as folder:
        deferred = Deferred()
        try:
            server = bind(deferred, Listen(host, port, limits.max_bytes))
        except RubricCheckError as exc:
            stderr.write(exc.text + "\n")
            return exit_codes.USAGE
        access = Access(host, bound_port(server), None if is_loopback(host) else password)
        app = create_app(scoring, access, folder, limits, letters)
        deferred.app = app
        try:
            run(server, access, options.open_browser, lambda text: _say(stdout, text), time.perf_counter() - started)
        finally:
            workbench_of(app).close()
        _say(stdout, message("serve.stopped"))
    return exit_codes.OK


def _say(stream: TextIO, text: str) -> None:
    stream.write(text + "\n")
    stream.flush()
