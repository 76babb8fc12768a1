"""``extends``: a rubric built on another — override, disable, add — merged with provenance.

Every key of the merged document remembers the file (and place) it came from, so an error found
in the merged rubric still points the author at the line they wrote.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rubric_check.errors import RubricError
from rubric_check.messages import message
from rubric_check.rubric.problems import describe_path
from rubric_check.rubric.source import RubricFile

EXTENSION_KEYS = ("extends", "override", "disable")
MERGED_BY_NAME = ("sections", "phrase_sets", "default_reasons", "credit")

Reader = Callable[[str, Path | None], RubricFile]
Validate = Callable[[RubricFile], list[str]]


@dataclass
class Origins:
    """Which file each part of the merged rubric came from."""

    root: RubricFile
    top: dict[str, RubricFile] = field(default_factory=dict)
    named: dict[tuple[str, str], RubricFile] = field(default_factory=dict)
    elements: dict[str, tuple[RubricFile, int]] = field(default_factory=dict)
    overrides: dict[tuple[str, str], RubricFile] = field(default_factory=dict)

    def locate(self, merged: dict[str, Any], path: Sequence[Any]) -> str | None:
        if not path:
            return self.root.locate(path)
        head = path[0]
        if head == "elements" and len(path) >= 2 and isinstance(path[1], int):
            elements = merged.get("elements", [])
            element_id = elements[path[1]].get("id") if path[1] < len(elements) else None
            if len(path) >= 3 and (element_id, path[2]) in self.overrides:
                return self.overrides[(element_id, path[2])].locate(["override", element_id, *path[2:]])
            if element_id in self.elements:
                source, index = self.elements[element_id]
                return source.locate(["elements", index, *path[2:]])
        if head in MERGED_BY_NAME and len(path) >= 2 and (head, path[1]) in self.named:
            return self.named[(head, path[1])].locate(path)
        return self.top.get(head, self.root).locate(path)


@dataclass
class Merged:
    document: dict[str, Any]
    origins: Origins
    extended: bool = False

    def locate(self, path: Sequence[Any]) -> str | None:
        return self.origins.locate(self.document, path)


def resolve(file: RubricFile, read: Reader, validate: Validate, chain: tuple[str, ...] = ()) -> Merged:
    """The file merged over everything it extends; raise RubricError with all problems found."""
    if file.identity in chain:
        names = " → ".join([*chain, file.identity]).replace("bundled:", "")
        raise RubricError(file.shown, [message("rubric.cycle", chain=names)])
    problems = validate(file)
    if problems:
        raise RubricError(file.shown, problems)
    data: dict[str, Any] = file.data
    if "extends" not in data:
        return _own(file)
    base = resolve(read(data["extends"], file.directory), read, validate, (*chain, file.identity))
    return _apply(base, file)


def _own(file: RubricFile) -> Merged:
    origins = Origins(root=file)
    data = copy.deepcopy(file.data)
    for key in data:
        origins.top[key] = file
        if key in MERGED_BY_NAME and isinstance(data[key], dict):
            origins.named.update({(key, name): file for name in data[key]})
    for index, element in enumerate(data.get("elements", [])):
        origins.elements.setdefault(element["id"], (file, index))
    return Merged(data, origins)


def _apply(base: Merged, file: RubricFile) -> Merged:
    data: dict[str, Any] = file.data
    merged = copy.deepcopy(base.document)
    origins = base.origins
    origins.root = file
    problems: list[str] = []
    by_id = {element["id"]: element for element in merged.get("elements", [])}

    def problem(path: list[Any], text: str) -> None:
        where = describe_path(path, data)
        problems.append(f"{file.locate(path)}：{message('rubric.schema', where=where, detail=text)}")

    def unknown(path: list[Any], element_id: str, action_key: str) -> None:
        known = "、".join(by_id)
        problem(path, message("rubric.unknown_element", id=element_id, action=message(action_key), known=known))

    for key, value in data.items():
        if key in EXTENSION_KEYS or key == "elements":
            continue
        if key in MERGED_BY_NAME and isinstance(value, dict):
            merged.setdefault(key, {}).update(copy.deepcopy(value))
            origins.named.update({(key, name): file for name in value})
        else:
            merged[key] = copy.deepcopy(value)
        origins.top[key] = file
    for element_id, patch in data.get("override", {}).items():
        if element_id not in by_id:
            unknown(["override", element_id], element_id, "rubric.override_action")
            continue
        for key, value in patch.items():
            if value is None:
                by_id[element_id].pop(key, None)
            else:
                by_id[element_id][key] = copy.deepcopy(value)
            origins.overrides[(element_id, key)] = file
    disabled = set()
    for index, element_id in enumerate(data.get("disable", [])):
        if element_id not in by_id:
            unknown(["disable", index], element_id, "rubric.disable_action")
        disabled.add(element_id)
    merged["elements"] = [e for e in merged.get("elements", []) if e["id"] not in disabled]
    for index, element in enumerate(data.get("elements", [])):
        if element["id"] in by_id:
            problem(["elements", index, "id"], message("rubric.inherited_duplicate", id=element["id"]))
            continue
        merged["elements"].append(copy.deepcopy(element))
        origins.elements[element["id"]] = (file, index)
    if problems:
        raise RubricError(file.shown, problems)
    for key in EXTENSION_KEYS:
        merged.pop(key, None)
    return Merged(merged, origins, extended=True)
