"""JSON Schema of ``rubric-check.yaml`` / ``[tool.rubric-check]``: unknown keys are errors (typos)."""

from __future__ import annotations

from typing import Any

from rubric_check.formatters.registry import FILE_OUTPUT_KEYS, OUTPUT_SETTINGS

_TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
_TEXTS: dict[str, Any] = {"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]}
_OUTPUT: dict[str, Any] = {"anyOf": [_TEXT, {"type": "null"}]}

OUTPUT_KEYS = ("json", "html", *FILE_OUTPUT_KEYS, *(setting.key for setting in OUTPUT_SETTINGS))
POLICY_WORDS = ["required", "score", "any-missing", "none"]
_WORD = "(" + "|".join(POLICY_WORDS) + ")"

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "rubric": _TEXT,
        "paths": {"anyOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": 1}]},
        "include": _TEXTS,
        "exclude": _TEXTS,
        "pass_score": {"type": "number", "minimum": 0, "maximum": 100},
        "fail_on": {
            "anyOf": [
                {"type": "string", "pattern": rf"^\s*{_WORD}(\s*[,+]\s*{_WORD})*\s*$"},
                {"type": "array", "items": {"enum": POLICY_WORDS}},
            ]
        },
        # The results store (issue 17): a file path or postgresql:// URL, false to record nothing, or
        # a table with the location, whether sentence text is kept, and the reviewer's name.
        "store": {
            "anyOf": [
                _TEXT,
                {"const": False},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "location": {"anyOf": [_TEXT, {"const": False}]},
                        "keep_text": {"type": "boolean"},
                        "reviewer": _TEXT,
                    },
                },
            ]
        },
        # The workbench (issue 18): the password an office server asks for, its port, the upload limit.
        "serve": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "password": _TEXT,
                "port": {"type": "integer", "minimum": 1, "maximum": 65535},
                "max_upload_mb": {"type": "integer", "minimum": 1, "maximum": 65536},
            },
        },
        "outputs": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                **{key: _OUTPUT for key in OUTPUT_KEYS},
                "html": {"anyOf": [_TEXT, {"type": "null"}, {"const": False}]},
            },
        },
    },
}
