"""Errors that reach users. Each carries a stable ``kind`` (for JSON) and a Chinese message."""

from __future__ import annotations

from rubric_check.messages import message


class RubricCheckError(Exception):
    """Base for errors whose message is meant for the user as it is."""

    def __init__(self, kind: str, text: str) -> None:
        super().__init__(text)
        self.kind = kind
        self.text = text


class InputError(RubricCheckError):
    """A report file could not be read; the batch goes on without it (exit 3)."""

    @classmethod
    def of(cls, kind: str, **values: object) -> InputError:
        return cls(kind, message(f"errors.{kind}", **values))


class RubricError(RubricCheckError):
    """The rubric is unusable; nothing is scored (exit 2). ``problems`` lists every error found."""

    def __init__(self, path: str, problems: list[str]) -> None:
        header = message("rubric.invalid", path=path, count=len(problems))
        super().__init__("rubric", "\n".join([header, *(f"  - {p}" for p in problems)]))
        self.path = path
        self.problems = problems
