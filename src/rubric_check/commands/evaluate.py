"""``rubric-check eval LABELS PATH...``: measure a rubric against labelled reports before it ships."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import yaml

from rubric_check import exit_codes
from rubric_check.atomic import write_text_atomic
from rubric_check.discovery import discover
from rubric_check.documents.readers import walked_suffixes
from rubric_check.errors import OutputError, RubricError
from rubric_check.evaluation import Evaluation, evaluate
from rubric_check.formatters.terminal import display_width, pad
from rubric_check.messages import message, messages
from rubric_check.pipeline import score_input
from rubric_check.rubrics import load_rubric
from rubric_check.user_files import Undecodable, read_user_text, reading_problem


def run(
    labels_path: str, paths: Sequence[str], rubric_name: str | None, json_target: str | None, out: TextIO, err: TextIO
) -> int:
    try:
        labels = yaml.safe_load(read_user_text(Path(labels_path))) or {}
    except (OSError, Undecodable, yaml.YAMLError) as exc:
        err.write(message("eval_cmd.labels_error", path=labels_path, detail=reading_problem(exc)) + "\n")
        return exit_codes.USAGE
    try:
        rubric = load_rubric(rubric_name)
    except RubricError as exc:
        err.write(exc.text + "\n")
        return exit_codes.USAGE
    inputs = discover(paths, walked_suffixes())
    figures = evaluate(labels, [score_input(item, rubric) for item in inputs])
    if json_target:
        text = json.dumps(as_json(figures), ensure_ascii=False, indent=2) + "\n"
        if json_target == "-":
            out.write(text)
            return exit_codes.OK
        try:
            write_text_atomic(Path(json_target), text)
        except OutputError as exc:
            err.write(exc.text + "\n")
            return exit_codes.USAGE
    _table(figures, err if json_target == "-" else out)
    return exit_codes.OK


def as_json(figures: Evaluation) -> dict[str, Any]:
    return {
        "agreement": round(figures.agreement, 4),
        "compared": figures.compared,
        "elements": {
            element: {
                "agreement": round(figures.element_agreement(element), 4),
                "confusion": {f"{label}->{got}": n for (label, got), n in sorted(counts.items())},
            }
            for element, counts in figures.confusion.items()
        },
        "disagreements": [d.__dict__ for d in figures.disagreements],
        "severe": len(figures.severe),
        "meta": {
            "checked": figures.meta_checked,
            "right": figures.meta_right,
            "wrong": figures.meta_wrong,
            "fields": {
                key: {"right": right, "checked": checked} for key, (right, checked) in figures.meta_fields.items()
            },
        },
        "gates": {"checked": figures.gates_checked, "right": figures.gates_right},
        "unlabelled": figures.unlabelled,
    }


def _table(figures: Evaluation, out: TextIO) -> None:
    rows = [tuple(messages("eval_cmd.header"))]
    for element, counts in figures.confusion.items():
        wrong = "，".join(
            f"{message(f'status.{label}')}→{message(f'status.{got}')}×{n}"
            for (label, got), n in sorted(counts.items())
            if label != got
        )
        rows.append((element, f"{figures.element_agreement(element):.2f}", wrong))
    widths = [max(display_width(row[i]) for row in rows) for i in range(2)]
    for row in rows:
        out.write("  ".join([pad(row[0], widths[0]), pad(row[1], widths[1]), row[2]]).rstrip() + "\n")
    out.write(
        message("eval_cmd.overall", agreement=figures.agreement, compared=figures.compared, severe=len(figures.severe))
        + "\n"
    )
    wrong = f"（{'、'.join(figures.meta_wrong)}）" if figures.meta_wrong else ""
    out.write(message("eval_cmd.meta", right=figures.meta_right, checked=figures.meta_checked, wrong=wrong) + "\n")
    if figures.meta_fields:
        fields = "，".join(
            f"{message(f'eval_cmd.meta_field.{key}')} {right}/{checked}"
            for key, (right, checked) in figures.meta_fields.items()
        )
        out.write(message("eval_cmd.meta_fields", fields=fields) + "\n")
    out.write(message("eval_cmd.gates", right=figures.gates_right, checked=figures.gates_checked) + "\n")
    if figures.unlabelled:
        out.write(message("eval_cmd.unlabelled", paths="、".join(figures.unlabelled)) + "\n")
