"""A problem found in a rubric: where (a path into the merged document) and what, in Chinese."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rubric_check.messages import message

# Where a path of the merged rubric came from: "文件 第 L 行第 C 列", or None if unknown.
Locator = Callable[[Sequence[Any]], str | None]


def describe_path(path: Sequence[Any], document: Any) -> str:
    """``elements[3]（id: measures）→ met → any[0]`` from a JSON path into the YAML document."""
    parts: list[str] = []
    node = document
    for key in path:
        if isinstance(key, int):
            label = f"[{key}]"
            item = node[key] if isinstance(node, list) and key < len(node) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label += f"（id: {item['id']}）"
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
            node = item
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return " → ".join(parts) if parts else message("schema.top")


@dataclass(frozen=True)
class Problem:
    path: tuple[Any, ...]
    text: str


def render(problems: Iterable[Problem], document: Any, locate: Locator | None) -> list[str]:
    """Sentences a rubric author can act on: position in the file, the key path, what is wrong."""
    out: list[str] = []
    for problem in problems:
        where = describe_path(list(problem.path), document)
        place = locate(problem.path) if locate else None
        line = message("rubric.schema", where=where, detail=problem.text)
        text = f"{place}：{line}" if place else line
        if text not in out:
            out.append(text)
    return out
