"""``rubric-check explain 名称|ID``: what an element means, its basis, what counts, what to add.

The words are the rubric's own — the same the gap report shows — so a reviewer and a drafter read
one explanation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TextIO

from rubric_check import exit_codes
from rubric_check.errors import RubricError
from rubric_check.messages import message
from rubric_check.rubric.model import Element
from rubric_check.rubric.variables import fill
from rubric_check.rubrics import load_rubric


def find_elements(elements: Sequence[Element], wanted: str) -> list[Element]:
    """The elements ``wanted`` names: by id or by Chinese name (the one pages show), whole or in part.

    >>> from types import SimpleNamespace as E
    >>> found = find_elements([E(id="shu-fa", name="述法"), E(id="problem-causes", name="不足的原因")], "原因")
    >>> [e.id for e in found]
    ['problem-causes']
    """
    key = _folded(wanted)
    if not key:
        return []
    exact = [e for e in elements if key in (_folded(e.id), _folded(e.name))]
    return exact or [e for e in elements if key in _folded(e.name)]


def _folded(text: str) -> str:
    """Compared without width, case, spaces or quotes: ``“述法”`` and ``述 法`` name the same element."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\"'“”‘’「」《》")


def run(element_id: str, rubric_name: str | None, out: TextIO, err: TextIO) -> int:
    try:
        rubric = load_rubric(rubric_name)
    except RubricError as exc:
        err.write(exc.text + "\n")
        return exit_codes.USAGE
    found = find_elements(rubric.elements, element_id)
    if len(found) != 1:
        known = "、".join(f"{e.name}（{e.id}）" for e in (found or rubric.elements))
        key = "rubric_cmd.ambiguous_element" if found else "rubric_cmd.unknown_element"
        err.write(message(key, rubric=rubric.path, id=element_id, known=known) + "\n")
        return exit_codes.USAGE
    element = found[0]
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
