"""The draft comparison as a self-contained page (``diff --html``): no script, no network."""

from __future__ import annotations

from rubric_check.draft_diff import DraftDiff
from rubric_check.formatters.html_render import PLAIN_CSP, render
from rubric_check.rubric.model import Rubric


def render_diff(diff: DraftDiff, rubric: Rubric) -> str:
    return render("diff.html", d=diff, rubric=rubric, csp=PLAIN_CSP)
