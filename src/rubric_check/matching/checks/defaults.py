"""The check types' default parameters, from data/checks.yaml (vocabulary stays out of code)."""

from __future__ import annotations

import copy
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def _all() -> dict[str, dict[str, Any]]:
    text = resources.files("rubric_check").joinpath("data/checks.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def defaults(check_type: str) -> dict[str, Any]:
    """A fresh copy of ``check_type``'s defaults (a caller may merge into it)."""
    return copy.deepcopy(_all()[check_type])
