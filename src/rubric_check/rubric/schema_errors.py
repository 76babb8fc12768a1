"""JSON Schema errors → Chinese sentences that name the place in the rubric a person can find.

jsonschema reports a failed ``oneOf`` at the rule that failed; the useful error is usually deeper,
in the branch that came closest, so that branch's errors are reported instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only annotations: importing this module does not load jsonschema
    from jsonschema.exceptions import ValidationError

from rubric_check.messages import message
from rubric_check.rubric.problems import Problem


def leaf_errors(error: ValidationError) -> list[ValidationError]:
    """The errors worth showing: for oneOf/anyOf, those of the branch that matched best."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)

        # A branch that failed only on its own "required"/"not" was not the author's intent.
        def closeness(errors: list[ValidationError]) -> tuple[int, int]:
            depth = max(len(e.absolute_path) for e in errors)
            shape_only = all(e.validator in ("required", "not") and len(e.relative_path) == 0 for e in errors)
            return (0 if shape_only else 1, depth)

        best = max(branches.values(), key=closeness)
        if closeness(best)[0] == 1:
            return [leaf for sub in best for leaf in leaf_errors(sub)]
    return [error]


def explain(error: ValidationError) -> str:
    """One Chinese sentence for one schema error."""
    v = error.validator
    value = error.validator_value
    if v == "required":
        missing = [name for name in value if name not in (error.instance or {})]
        return message("schema.required", name="、".join(missing))
    if v == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        return message("schema.additionalProperties", names="、".join(f"“{k}”" for k in extra))
    if v == "type":
        kinds = value if isinstance(value, list) else [value]
        return message("schema.type", expected="或".join(message(f"schema.types.{k}") for k in kinds))
    if v == "enum":
        return message("schema.enum", options="、".join(map(str, value)))
    if v in ("minItems", "minimum", "maximum", "exclusiveMinimum"):
        return message(f"schema.{v}", limit=value)
    if v in ("minLength", "minProperties"):
        return message(f"schema.{v}")
    if v == "pattern":
        hint = error.schema.get("x-hint")
        return message(f"schema.hints.{hint}" if hint else "schema.pattern", pattern=value)
    if v == "oneOf" and "text" in error.schema.get("properties", {}):
        return message("schema.rule_shape")
    if v == "oneOf":
        return message("schema.element_shape")
    if v == "anyOf" and "kind" in error.schema.get("properties", {}):
        return message("schema.needs_heading")
    if v == "anyOf":
        return message("schema.needs_pattern")
    return message("schema.other", detail=error.message)


def problems(errors: Iterable[ValidationError]) -> list[Problem]:
    """Every schema error as a Problem, in document order."""
    leaves = [leaf for error in errors for leaf in leaf_errors(error)]
    ordered = sorted(leaves, key=lambda e: [str(p) for p in e.absolute_path])
    return [Problem(tuple(leaf.absolute_path), explain(leaf)) for leaf in ordered]
