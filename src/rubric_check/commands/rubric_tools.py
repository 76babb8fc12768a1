"""``rubric-check rubric validate | test | show``: the tools that make editing a rubric safe."""

from __future__ import annotations

from typing import TextIO

from rubric_check import exit_codes
from rubric_check.errors import RubricError
from rubric_check.formatters.terminal import display_width, pad
from rubric_check.messages import message, messages
from rubric_check.rubric.model import Rubric
from rubric_check.rubrics import load_rubric


def _load(name_or_path: str | None, err: TextIO) -> Rubric | None:
    try:
        return load_rubric(name_or_path)
    except RubricError as exc:
        err.write(exc.text + "\n")
        return None


def _weight(value: float) -> str:
    return f"{value:g}"


def validate(name_or_path: str | None, out: TextIO, err: TextIO) -> int:
    """Exit 0 when the rubric (and everything it extends) is valid, 2 with every problem otherwise."""
    rubric = _load(name_or_path, err)
    if rubric is None:
        return exit_codes.USAGE
    total = rubric.total_weight
    out.write(
        message(
            "rubric_cmd.valid",
            path=rubric.path,
            count=len(rubric.elements),
            weight=_weight(total),
            pass_score=_weight(rubric.pass_score),
        )
        + "\n"
    )
    return exit_codes.OK


def test(name_or_path: str | None, out: TextIO, err: TextIO) -> int:
    """Run every example snippet; print each failure with the element id and the snippet."""
    from rubric_check.examples import run_examples

    rubric = _load(name_or_path, err)
    if rubric is None:
        return exit_codes.USAGE
    outcomes = list(run_examples(rubric))
    failures = [o for o in outcomes if not o.passed]
    out.write("".join("." if o.passed else "F" for o in outcomes) + "\n")
    for outcome in failures:
        snippet = outcome.example.text.strip().replace("\n", " / ")
        out.write(
            message(
                "rubric_cmd.test_failed",
                id=outcome.element.id,
                index=outcome.index + 1,
                expected=message(f"status.{outcome.example.status}"),
                got=message(f"status.{outcome.got}"),
                reason=outcome.message,
                snippet=snippet[:120],
            )
            + "\n"
        )
    out.write(
        message(
            "rubric_cmd.test_summary", total=len(outcomes), passed=len(outcomes) - len(failures), failed=len(failures)
        )
        + "\n"
    )
    return exit_codes.FAILED if failures else exit_codes.OK


def show(name_or_path: str | None, out: TextIO, err: TextIO) -> int:
    """The elements as a table: id, 名称, severity, weight and share of the total score."""
    rubric = _load(name_or_path, err)
    if rubric is None:
        return exit_codes.USAGE
    total = rubric.total_weight
    rows = [tuple(messages("rubric_cmd.show_header"))]
    for element in rubric.elements:
        rows.append(
            (
                element.id,
                element.name,
                message(f"rubric_cmd.severity.{element.severity}"),
                _weight(element.weight),
                f"{100 * element.weight / total:.1f}%",
            )
        )
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() + "\n")
    out.write(
        message(
            "rubric_cmd.show_total",
            count=len(rubric.elements),
            weight=_weight(total),
            pass_score=_weight(rubric.pass_score),
        )
        + "\n"
    )
    return exit_codes.OK
