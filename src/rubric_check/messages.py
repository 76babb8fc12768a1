"""User-facing Chinese text, kept as data in data/messages.yaml and looked up by key."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def _catalogue() -> dict[str, Any]:
    text = resources.files("rubric_check").joinpath("data/messages.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: start-up is faster


@cache  # a gap report looks up a few hundred messages; the catalogue never changes during a run
def _node(key: str) -> Any:
    node: Any = _catalogue()
    for part in key.split("."):
        node = node[part]
    return node


def messages(key: str) -> list[str]:
    """A list of strings at ``key`` (table headers)."""
    return [str(item) for item in _node(key)]


def message_keys(key: str) -> frozenset[str]:
    """The keys of the mapping at ``key`` (which kinds a table of messages covers)."""
    return frozenset(_node(key))


def message(key: str, **values: object) -> str:
    """The message at dotted ``key`` with its placeholders filled, e.g. ``message("errors.empty", path=p)``."""
    return str(_node(key)).format(**values)
