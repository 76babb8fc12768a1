"""Project configuration: ``rubric-check.yaml`` or ``[tool.rubric-check]`` in ``pyproject.toml``.

Found from the working directory upward (the first directory holding either wins; a pyproject.toml
without the section does not count), validated against a JSON Schema, and merged under the command
line: command-line option > configuration file > built-in default. Paths in the file are relative to
the file's directory, so the gate behaves the same from any sub-folder of the drafts repository.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import pathspec
import yaml

if TYPE_CHECKING:  # jsonschema is imported when a configuration file is validated, not on every run
    from jsonschema import Draft202012Validator, ValidationError

from rubric_check.config_schema import OUTPUT_KEYS, SCHEMA
from rubric_check.discovery import Input
from rubric_check.errors import RubricCheckError, os_reason
from rubric_check.gate import DEFAULT_POLICY, parse_policy
from rubric_check.messages import message
from rubric_check.user_files import Undecodable, read_user_text, toml_problem, yaml_problem

YAML_NAME = "rubric-check.yaml"
PYPROJECT = "pyproject.toml"
SECTION = "tool.rubric-check"
DEFAULT_HTML = "reports_out"


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
        error = _deepest(errors[0])
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


def _deepest(error: ValidationError) -> ValidationError:
    """For anyOf, the alternative that got furthest into the value is the one the user meant."""
    while error.context:
        error = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "type"))
    return error


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


# --- effective settings -------------------------------------------------------------------------


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
    flat = {k: v for k, v in values.items() if k != "outputs"}
    flat.update({f"outputs.{k}": v for k, v in values.get("outputs", {}).items()})
    return flat


def _from_file(key: str, value: Any, config: ConfigFile, cwd: Path) -> Any:
    """Normalise one file value: lists stay lists, paths become relative to the working directory."""
    if key in ("paths", "include", "exclude") and isinstance(value, str):
        value = [value]
    if key == "paths":
        return [_relocate(p, config.base, cwd) for p in value]
    if key == "outputs.html" and value is False:
        return None
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


# --- include / exclude ---------------------------------------------------------------------------


@cache
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(p.strip().replace("\\", "/") for p in patterns)


def matches(relative: str, patterns: Iterable[str]) -> bool:
    """Does the posix path match these gitignore-style patterns? ``*`` and ``?`` stay within a folder,
    ``**`` crosses folders, a pattern without ``/`` matches a name at any depth, ``[ab]`` classes and
    ``!negation`` as in .gitignore (pathspec does it; Windows backslashes are read as ``/``).

    >>> matches("drafts/归档/x.txt", ["归档"]), matches("drafts/a.txt", ["*.txt", "!a.txt"])
    (True, False)
    """
    return _spec(tuple(patterns)).match_file(relative)


def relative_to_base(item: Input, base: Path) -> str:
    """The input's path relative to the configuration's folder (posix), or as shown when outside."""
    try:
        return item.path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return PurePosixPath(item.shown.replace("\\", "/")).as_posix()


def select(inputs: Sequence[Input], include: Sequence[str], exclude: Sequence[str], base: Path) -> list[Input]:
    """Inputs that match an include glob (all, if none given) and no exclude glob."""
    kept = []
    for item in inputs:
        relative = relative_to_base(item, base)
        if include and not matches(relative, include):
            continue
        if exclude and matches(relative, exclude):
            continue
        kept.append(item)
    return kept


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
