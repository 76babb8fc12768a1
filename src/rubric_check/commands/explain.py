"""``rubric-check explain ID``: what an element means, its basis, what counts, what to add.

The words are the rubric's own — the same the gap report shows — so a reviewer and a drafter read
one explanation.
"""

from __future__ import annotations

from typing import TextIO

from rubric_check import exit_codes
from rubric_check.errors import RubricError
from rubric_check.messages import message
from rubric_check.rubric.variables import fill
from rubric_check.rubrics import load_rubric


def run(element_id: str, rubric_name: str | None, out: TextIO, err: TextIO) -> int:
    try:
        rubric = load_rubric(rubric_name)
    except RubricError as exc:
        err.write(exc.text + "\n")
        return exit_codes.USAGE
    element = next((e for e in rubric.elements if e.id == element_id), None)
    if element is None:
        known = "、".join(e.id for e in rubric.elements)
        err.write(message("rubric_cmd.unknown_element", rubric=rubric.path, id=element_id, known=known) + "\n")
        return exit_codes.USAGE
    total = rubric.total_weight
    lines = [
        message("rubric_cmd.explain.title", name=element.name, id=element.id),
        message(
            "rubric_cmd.explain.severity",
            severity=message(f"rubric_cmd.severity.{element.severity}"),
            weight=f"{element.weight:g}",
            share=f"{100 * element.weight / total:.1f}%",
        ),
    ]
    if element.group:
        lines.append(message("rubric_cmd.explain.group", group=element.group))
    lines.append(message("rubric_cmd.explain.description", text=element.description))
    lines.append(message("rubric_cmd.explain.basis", text=element.basis))
    if element.check is not None:
        lines.append(message("rubric_cmd.explain.check", type=element.check.type))
    for status in ("met", "partial", "missing"):
        text = element.reasons.get(status)
        if text:
            lines.append(message(f"rubric_cmd.explain.{status}", text=fill(text, None, name=element.name)))
    lines.append(message("rubric_cmd.explain.guidance", text=fill(element.guidance, None)))
    out.write("\n".join(lines) + "\n")
    return exit_codes.OK
