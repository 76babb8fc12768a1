"""Finding and reading the configuration file: ``rubric-check.yaml`` or ``[tool.rubric-check]`` in
``pyproject.toml``, from the working directory upward (the first directory holding either wins; a
pyproject.toml without the section does not count), validated against config/schema.py.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # jsonschema is imported when a configuration file is validated, not on every run
    from jsonschema import Draft202012Validator, ValidationError

from rubric_check.config.schema import SCHEMA
from rubric_check.errors import RubricCheckError, os_reason
from rubric_check.messages import message
from rubric_check.rubric.schema_errors import leaf_errors
from rubric_check.user_files import Undecodable, read_user_text, toml_problem, yaml_problem

YAML_NAME = "rubric-check.yaml"
PYPROJECT = "pyproject.toml"
SECTION = "tool.rubric-check"


class ConfigError(RubricCheckError):
    """The configuration file is unusable: nothing is scored (exit 2)."""

    @classmethod
    def at(cls, path: str, key: str, detail: str) -> ConfigError:
        return cls("config", message("config.invalid", path=path, item=key, detail=detail))


@dataclass(frozen=True)
class ConfigFile:
    """A found configuration file: where, what it holds, and the key prefix users see in messages."""

    path: Path
    values: dict[str, Any]
    prefix: str = ""

    @property
    def base(self) -> Path:
        return self.path.parent


def find_config(start: Path) -> Path | None:
    """The nearest rubric-check.yaml, or pyproject.toml with a [tool.rubric-check] table, upward."""
    for directory in (start, *start.parents):
        candidate = directory / YAML_NAME
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_section(pyproject):
            return pyproject
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        text = read_user_text(pyproject)
    except (OSError, Undecodable):
        return False
    return "[tool.rubric-check" in text or "rubric-check" in _loads_toml(text, pyproject).get("tool", {})


def _loads_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if "[tool.rubric-check" in text:
            raise ConfigError("config", message("config.toml_error", path=path, detail=toml_problem(exc))) from exc
        return {}


def read_config(path: Path) -> ConfigFile:
    """Parse and validate one configuration file; raise ConfigError naming the file and the key."""
    try:
        text = read_user_text(path)
    except FileNotFoundError as exc:
        raise ConfigError("config", message("config.not_found", path=path)) from exc
    except OSError as exc:
        raise ConfigError("config", message("config.read_failed", path=path, detail=os_reason(exc))) from exc
    except Undecodable as exc:
        detail = message("yaml.undecodable")
        raise ConfigError("config", message("config.read_failed", path=path, detail=detail)) from exc
    if path.name == PYPROJECT:
        values = _loads_toml(text, path).get("tool", {}).get("rubric-check", {})
        prefix = SECTION + "."
    else:
        try:
            values = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError("config", message("config.yaml_error", path=path, detail=yaml_problem(exc))) from exc
        values = {} if values is None else values
        prefix = ""
    if not isinstance(values, dict):
        raise ConfigError("config", message("config.not_mapping", path=path))
    errors = sorted(_validator().iter_errors(values), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        error = leaf_errors(errors[0])[0]  # of anyOf's alternatives, the one the user meant
        raise ConfigError.at(str(path), _key(prefix, error), _explain(error))
    return ConfigFile(path, values, prefix)


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(SCHEMA)


def _key(prefix: str, error: ValidationError) -> str:
    parts = list(error.absolute_path)
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        parts.append(extra[0] if extra else "")
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return prefix + text if text else prefix.rstrip(".") or message("config.top")


def _explain(error: ValidationError) -> str:
    """One Chinese sentence for a schema error."""
    kind = error.validator
    if kind == "additionalProperties":
        allowed = "、".join(sorted(error.schema.get("properties", {})))
        return message("config.unknown_key", allowed=allowed)
    if kind == "type":
        return message("config.bad_type", value=_show(error.instance))
    if kind in ("enum", "pattern"):
        return message("config.bad_policy", value=_show(error.instance))
    if kind in ("minimum", "maximum"):
        return message("config.bad_score", value=_show(error.instance))
    if kind in ("minLength", "minItems"):
        return message("config.empty")
    return message("config.other", detail=error.message)


def _show(value: Any) -> str:
    return repr(value) if not isinstance(value, str) else f"“{value}”"
