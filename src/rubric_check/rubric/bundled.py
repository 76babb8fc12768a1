"""Rubrics shipped inside the package (the top-level rubric/ folder, installed as rubric_check.bundled)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

DEFAULT = "default"
SCHEMA_FILE = "rubric.schema.json"


def bundled_dir() -> Traversable:
    return resources.files("rubric_check.bundled")


def bundled_names() -> list[str]:
    return sorted(p.name[: -len(".yaml")] for p in bundled_dir().iterdir() if p.name.endswith(".yaml"))


def bundled_rubric(name: str) -> Traversable | None:
    candidate = bundled_dir() / f"{name}.yaml"
    return candidate if candidate.is_file() else None


def schema_text() -> str:
    return (bundled_dir() / SCHEMA_FILE).read_text(encoding="utf-8")
