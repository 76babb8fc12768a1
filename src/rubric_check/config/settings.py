"""The effective settings: built-in default < configuration file < command line, with where each
value came from (``rubric-check config``). Paths in the file are relative to the file's folder, so
the gate behaves the same from any sub-folder of the drafts repository.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rubric_check.config.files import ConfigFile, find_config, read_config
from rubric_check.config.schema import OUTPUT_KEYS
from rubric_check.errors import RubricCheckError
from rubric_check.gate import DEFAULT_POLICY, parse_policy
from rubric_check.messages import message

DEFAULT_HTML = "reports_out"


@dataclass(frozen=True)
class Settings:
    """The effective values after merging, and where each came from (for ``rubric-check config``)."""

    values: dict[str, Any]
    sources: dict[str, str]
    config: ConfigFile | None = None
    base: Path = field(default_factory=Path.cwd)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def include(self) -> tuple[str, ...]:
        return tuple(self.values["include"])

    @property
    def exclude(self) -> tuple[str, ...]:
        return tuple(self.values["exclude"])

    @property
    def scope(self) -> tuple[tuple[str, ...], tuple[str, ...], Path]:
        """include, exclude and their folder: :func:`select`'s arguments after the inputs."""
        return self.include, self.exclude, self.base

    @property
    def fail_on(self) -> tuple[str, ...]:
        return tuple(self.values["fail_on"])


DEFAULTS: dict[str, Any] = {
    "rubric": "default",
    "paths": [],
    "include": [],
    "exclude": [],
    "pass_score": None,
    "fail_on": list(DEFAULT_POLICY),
    **{f"outputs.{key}": None for key in OUTPUT_KEYS},
    "outputs.html": DEFAULT_HTML,
    "store.location": None,  # None: $RUBRIC_CHECK_STORE, else the user's data folder (store/location.py)
    "store.keep_text": True,
    "store.reviewer": None,  # None: the login name
    "serve.password": None,  # None: $RUBRIC_CHECK_SERVE_PASSWORD; needed only off loopback
    "serve.port": None,  # None: a free port
    "serve.max_upload_mb": 1024,
}


def load_settings(
    cli: dict[str, Any],
    config_path: str | None = None,
    use_config: bool = True,
    cwd: Path | None = None,
) -> Settings:
    """Merge defaults, the configuration file and command-line values (those not None win)."""
    cwd = cwd or Path.cwd()
    config = None
    if config_path:
        config = read_config(Path(config_path))
    elif use_config:
        found = find_config(cwd.resolve())
        config = read_config(found) if found else None
    values = dict(DEFAULTS)
    sources = dict.fromkeys(DEFAULTS, "default")
    if config is not None:
        for key, value in _flatten(config.values).items():
            values[key] = _from_file(key, value, config, cwd)
            sources[key] = "config"
    for key, value in cli.items():
        if value is not None and key in values:
            values[key] = list(value) if isinstance(value, tuple) else value
            sources[key] = "cli"
    if values["outputs.html"] is False:  # --no-html
        values["outputs.html"] = None
    try:
        values["fail_on"] = list(parse_policy(values["fail_on"]))
    except ValueError as exc:  # only the command line can get here: the file was validated
        raise RubricCheckError("usage", message("config.bad_policy_cli", value=exc.args[0])) from exc
    base = config.base if config is not None else cwd
    return Settings(values, sources, config, base)


def _flatten(values: dict[str, Any]) -> dict[str, Any]:
    flat = {k: v for k, v in values.items() if k not in ("outputs", "store", "serve")}
    flat.update({f"serve.{k}": v for k, v in values.get("serve", {}).items()})
    flat.update({f"outputs.{k}": v for k, v in values.get("outputs", {}).items()})
    store = values.get("store")
    store = {"location": store} if store is None or isinstance(store, str | bool) else store
    flat.update({f"store.{k}": v for k, v in store.items() if v is not None})
    return flat


def _from_file(key: str, value: Any, config: ConfigFile, cwd: Path) -> Any:
    """Normalise one file value: lists stay lists, paths become relative to the working directory."""
    if key in ("paths", "include", "exclude") and isinstance(value, str):
        value = [value]
    if key == "paths":
        return [_relocate(p, config.base, cwd) for p in value]
    if key == "outputs.html" and value is False:
        return None
    if key == "store.location" and isinstance(value, str) and "://" not in value:
        return _relocate(value, config.base, cwd)
    if key.startswith("outputs.") and isinstance(value, str) and value != "-":
        return _relocate(value, config.base, cwd)
    if key == "rubric" and (value.lower().endswith((".yaml", ".yml")) or "/" in value or "\\" in value):
        return _relocate(value, config.base, cwd)
    return value


def _relocate(value: str, base: Path, cwd: Path) -> str:
    """``value`` (relative to the config file) as a path relative to the working directory if possible."""
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = base / path
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive (Windows)
        return str(path)


def replace_options(options: Any, settings: Settings) -> Any:
    """The score options with every value the settings decide filled in."""
    values = settings.values
    return dataclasses.replace(
        options,
        paths=tuple(values["paths"]),
        rubric=values["rubric"],
        min_score=values["pass_score"],
        **{key: values[f"outputs.{key}"] for key in OUTPUT_KEYS if key != "html"},
        html_dir=values["outputs.html"],
    )
