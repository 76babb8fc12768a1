"""Built-in check types: the few verdicts that are not phrase matching.

Each module declares ``TYPE``, a JSON ``SCHEMA`` for its parameters, ``DEFAULTS`` (from data/checks.yaml),
``prepare(params)`` (validate and compile once per run) and ``check(doc, prepared)``; a check that
compares with other reports (``USES_COMPARISONS``) also takes the comparisons its caller found.
"""

from __future__ import annotations

from types import ModuleType

from rubric_check.matching.checks import (
    no_copying,
    placeholders,
    quantified_facts,
    report_kind,
    signature_date,
    title,
    year_consistency,
)

CHECKS: dict[str, ModuleType] = {
    module.TYPE: module
    for module in (title, year_consistency, placeholders, quantified_facts, signature_date, report_kind, no_copying)
}
