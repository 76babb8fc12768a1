"""Loading a rubric: read the file chain (extends), validate each file and the merged whole against
the schema, compile with the check types the matcher knows; an unusable rubric raises RubricError
listing every problem with its line.

This sits above both the rubric package (which knows nothing of check types but their declared
interface) and matching.checks (which supplies them), so neither imports the other.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from rubric_check.errors import RubricError
from rubric_check.matching.checks import CHECKS
from rubric_check.messages import message
from rubric_check.rubric import bundled
from rubric_check.rubric.compile import Compiler
from rubric_check.rubric.extend import Merged, resolve
from rubric_check.rubric.model import Rubric
from rubric_check.rubric.problems import Locator, render
from rubric_check.rubric.schema_errors import problems
from rubric_check.rubric.source import RubricFile, read_rubric_file


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(bundled.schema_text()))


def load_rubric(name_or_path: str | None = None) -> Rubric:
    """The bundled rubric ``name_or_path`` (default: ``default``) or the rubric file at that path."""
    return compile_merged(merge_chain(name_or_path))


def merge_chain(name_or_path: str | None = None) -> Merged:
    """The rubric's document with everything it extends merged in (validated file by file)."""
    return resolve(read_rubric_file(name_or_path or bundled.DEFAULT), read_rubric_file, _validate_file)


def compile_merged(merged: Merged) -> Rubric:
    if merged.extended:  # each file was valid alone; overrides can still break an inherited element
        _check_schema(merged.document, merged.origins.root.shown, merged.locate)
    return _compile(merged.document, merged.origins.root.shown, merged.locate)


def compile_rubric(document: Any, shown: str) -> Rubric:
    """Validate plain data (no file behind it) and compile it; raise RubricError listing all problems."""
    if not isinstance(document, dict):
        raise RubricError(shown, [message("rubric.not_mapping", path=shown)])
    _check_schema(document, shown, None)
    return _compile(document, shown, None)


def _validate_file(file: RubricFile) -> list[str]:
    if not isinstance(file.data, dict):
        return [message("rubric.not_mapping", path=file.shown)]
    return _schema_problems(file.data, file.locate)


def _schema_problems(document: dict[str, Any], locate: Locator | None) -> list[str]:
    return render(problems(_validator().iter_errors(document)), document, locate)


def _check_schema(document: dict[str, Any], shown: str, locate: Locator | None) -> None:
    found = _schema_problems(document, locate)
    if found:
        raise RubricError(shown, found)


def _compile(document: dict[str, Any], shown: str, locate: Locator | None) -> Rubric:
    compiler = Compiler(document, CHECKS)
    rubric = compiler.rubric(shown)
    if rubric is None:
        raise RubricError(shown, render(compiler.problems, document, locate))
    return rubric
