"""Loading a rubric: resolve a bundled name or a path, parse YAML safely, validate, compile.

An unusable rubric raises RubricError with every problem found (the run stops with exit 2).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from rubric_check.errors import RubricError
from rubric_check.messages import message
from rubric_check.rubric import bundled
from rubric_check.rubric.compile import Compiler
from rubric_check.rubric.model import Rubric
from rubric_check.rubric.schema_errors import problems


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(bundled.schema_text()))


def load_rubric(name_or_path: str | None = None) -> Rubric:
    """The bundled rubric ``name_or_path`` (default: ``default``) or the rubric file at that path."""
    shown, text = _read(name_or_path or bundled.DEFAULT)
    document = _parse(shown, text)
    return compile_rubric(document, shown)


def compile_rubric(document: Any, shown: str) -> Rubric:
    """Validate plain data against the schema and compile it; raise RubricError listing all problems."""
    if not isinstance(document, dict):
        raise RubricError(shown, [message("rubric.not_mapping", path=shown)])
    schema_problems = problems(_validator().iter_errors(document), document, shown)
    if schema_problems:
        raise RubricError(shown, schema_problems)
    compiler = Compiler(document)
    rubric = compiler.rubric(shown)
    if rubric is None:
        raise RubricError(shown, compiler.problems)
    return rubric


def _read(name_or_path: str) -> tuple[str, str]:
    path = Path(name_or_path)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        try:
            return str(path), path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise RubricError(str(path), [message("rubric.not_found", path=path)]) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise RubricError(str(path), [message("rubric.yaml_error", path=path, detail=exc)]) from exc
    resource = bundled.bundled_rubric(name_or_path)
    if resource is None:
        available = "、".join(bundled.bundled_names())
        raise RubricError(name_or_path, [message("rubric.unknown_bundled", name=name_or_path, available=available)])
    return f"{name_or_path}（内置）", resource.read_text(encoding="utf-8")


def _parse(shown: str, text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.constructor.ConstructorError as exc:
        raise RubricError(shown, [message("rubric.yaml_tag", path=shown, detail=exc.problem)]) from exc
    except yaml.YAMLError as exc:
        raise RubricError(shown, [message("rubric.yaml_error", path=shown, detail=_yaml_detail(exc))]) from exc


def _yaml_detail(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return problem
    return f"第 {mark.line + 1} 行第 {mark.column + 1} 列：{problem}"
