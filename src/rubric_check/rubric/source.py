"""Reading one rubric file: safe YAML with node positions, so errors can name line and column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rubric_check.errors import RubricError, os_reason
from rubric_check.messages import message
from rubric_check.rubric import bundled
from rubric_check.user_files import Undecodable, read_user_text, yaml_problem

MAX_EXPANDED_NODES = 200_000


@dataclass(frozen=True)
class RubricFile:
    """One YAML file of a rubric chain, parsed, with its node tree kept for positions."""

    shown: str
    identity: str
    directory: Path | None
    data: Any
    root: yaml.Node | None

    def position(self, path: Sequence[Any]) -> tuple[int, int] | None:
        """1-based (line, column) of the deepest node of ``path`` present in the file."""
        node = self.root
        if node is None:
            return None
        for key in path:
            child = _child(node, key)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    def locate(self, path: Sequence[Any]) -> str | None:
        found = self.position(path)
        if found is None:
            return self.shown
        return message("rubric.position", path=self.shown, line=found[0], column=found[1])


def _child(node: yaml.Node, key: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(key)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def read_rubric_file(name_or_path: str, relative_to: Path | None = None) -> RubricFile:
    """A rubric by path (relative to ``relative_to`` for extends) or by bundled name."""
    path = Path(name_or_path)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    if path.suffix.lower() in (".yaml", ".yml") or path.is_file():
        shown = str(path)
        try:
            text = read_user_text(path)
        except FileNotFoundError as exc:
            raise RubricError(shown, [message("rubric.not_found", path=shown)]) from exc
        except OSError as exc:
            raise RubricError(shown, [message("rubric.read_failed", path=shown, detail=os_reason(exc))]) from exc
        except Undecodable as exc:
            detail = message("yaml.undecodable")
            raise RubricError(shown, [message("rubric.read_failed", path=shown, detail=detail)]) from exc
        return _parse(shown, str(path.resolve()), path.resolve().parent, text)
    resource = bundled.bundled_rubric(name_or_path)
    if resource is None:
        available = "、".join(bundled.bundled_names())
        raise RubricError(name_or_path, [message("rubric.unknown_bundled", name=name_or_path, available=available)])
    shown = message("rubric.bundled_name", name=name_or_path)
    return _parse(shown, f"bundled:{name_or_path}", None, resource.read_text(encoding="utf-8"))


# libyaml (when PyYAML was built with it) parses about five times faster; the node tree, marks and
# data are the same. Its error messages are not, so a file it refuses is parsed again by the
# pure-Python loader for the message users see; so is one holding characters the latter refuses.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _parse(shown: str, identity: str, directory: Path | None, text: str) -> RubricFile:
    if _FAST_LOADER is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return _parse_with(_FAST_LOADER, shown, identity, directory, text)
        except RubricError:
            pass
    return _parse_with(yaml.SafeLoader, shown, identity, directory, text)


def _parse_with(loader_class: Any, shown: str, identity: str, directory: Path | None, text: str) -> RubricFile:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is not None and _expanded_size(root) > MAX_EXPANDED_NODES:
            raise RubricError(shown, [message("rubric.too_many_aliases", path=shown, limit=MAX_EXPANDED_NODES)])
        data = loader.construct_document(root) if root is not None else None
    except yaml.constructor.ConstructorError as exc:
        raise RubricError(shown, [message("rubric.yaml_error", path=shown, detail=yaml_problem(exc))]) from exc
    except yaml.YAMLError as exc:
        raise RubricError(shown, [message("rubric.yaml_error", path=shown, detail=yaml_problem(exc))]) from exc
    finally:
        loader.dispose()
    return RubricFile(shown, identity, directory, data, root)


def _expanded_size(root: yaml.Node) -> int:
    """Nodes the document holds once aliases are expanded, counted up to just past the limit.

    Aliases share nodes, so a few lines of anchors can stand for billions of nodes ("billion
    laughs"); everything after loading walks the expanded document, so it is refused here.
    """
    count = 0
    stack = [root]
    while stack and count <= MAX_EXPANDED_NODES:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return count
