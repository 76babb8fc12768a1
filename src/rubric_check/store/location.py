"""Which store a run uses: --store, else $RUBRIC_CHECK_STORE, else ``store:`` in the configuration,
else one SQLite file in the user's data folder (``%LOCALAPPDATA%\\rubric-check`` on Windows).

The environment variable comes before the configuration file so that tests (and a CI job) can point
every run at a throwaway store without touching the drafts repository's configuration.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "RUBRIC_CHECK_STORE"
FILE_NAME = "results.sqlite3"
OFF = ("off", "none", "false")


def default_location() -> str:
    """The store file in the user's data folder (platformdirs knows each OS's convention)."""
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("rubric-check", appauthor=False)) / FILE_NAME)


def resolve(cli_value: str | None, disabled: bool, configured: str | bool | None) -> str | None:
    """The store location, or None when nothing is to be recorded (--no-store, ``store: false``,
    or the variable set to ``off``)."""
    if disabled:
        return None
    for value in (cli_value, os.environ.get(ENV), configured):
        if value is None or value == "":
            continue
        if value is False or (isinstance(value, str) and value.strip().lower() in OFF):
            return None
        if isinstance(value, str):
            return value
    return default_location()
