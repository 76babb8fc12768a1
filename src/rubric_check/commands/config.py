"""``rubric-check config``: the effective configuration and where each value came from."""

from __future__ import annotations

import json
from typing import Any, TextIO

from rubric_check import exit_codes
from rubric_check.config import Settings, load_settings
from rubric_check.errors import RubricCheckError
from rubric_check.formatters.terminal import display_width, pad
from rubric_check.messages import message


def source_label(settings: Settings, key: str) -> str:
    source = settings.sources[key]
    if source == "config" and settings.config is not None:
        return message("config.source_config", path=settings.config.path, item=settings.config.prefix + key)
    return message(f"config.source_{source}")


def shown(value: Any) -> str:
    if value is None:
        return message("config.unset")
    if isinstance(value, list):
        return "、".join(str(v) for v in value) if value else message("config.empty_list")
    return str(value)


SECRET_KEYS = frozenset({"serve.password"})  # shown as set or not, never written out


def _revealable(key: str, value: Any) -> Any:
    return message("config.secret_set") if key in SECRET_KEYS and value else value


def run(config_path: str | None, use_config: bool, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    try:
        settings = load_settings({}, config_path, use_config)
    except RubricCheckError as exc:
        stderr.write(exc.text + "\n")
        return exit_codes.USAGE
    if as_json:
        document = {
            "config": None if settings.config is None else str(settings.config.path),
            "settings": {
                key: {"value": _revealable(key, value), "source": settings.sources[key]}
                for key, value in settings.values.items()
            },
        }
        stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return exit_codes.OK
    if settings.config is None:
        stdout.write(message("config.none_found") + "\n")
    else:
        stdout.write(message("config.found", path=settings.config.path) + "\n")
    rows = [
        (
            key,
            message("config.rubric_pass_score")
            if key == "pass_score" and value is None
            else shown(_revealable(key, value)),
            source_label(settings, key),
        )
        for key, value in settings.values.items()
    ]
    width = [max(display_width(r[i]) for r in rows) for i in range(2)]
    for key, value, source in rows:
        stdout.write(f"{pad(key, width[0])}  {pad(value, width[1])}  {source}\n")
    return exit_codes.OK
