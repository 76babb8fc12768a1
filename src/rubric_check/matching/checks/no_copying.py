"""``no_copying``: the report is not a copy of the same body's earlier report or of a batch peer.

Reviewers' notices name 照搬照抄上年 as a recurring defect. The comparisons (the body's report of an
earlier year from the results store, batch peers sharing sentences) are handed in by the caller; this
check only compares fingerprints (matching/fingerprint.py): the share of sentences repeated with
figures and years masked, whether the problems or plans part is repeated whole, and how many
repeated sentences keep even the same figures. With nothing to compare it is ``met`` and says so:
it cannot see a report that was never scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rubric_check.documents.model import Document
from rubric_check.matching.checks.defaults import defaults
from rubric_check.matching.evidence import excerpt
from rubric_check.matching.fingerprint import Comparison, Placed, placed_sentences
from rubric_check.messages import message
from rubric_check.results import CheckResult, Counterpart, Evidence

TYPE = "no_copying"
USES_COMPARISONS = True
PARTS = ("problems", "plans")
PASSAGE_CHARS = 60  # of a repeated sentence marked in this report's excerpt (context comes around it)
OTHER_CHARS = 100  # of the other report's sentence shown beside it
DEFAULTS = defaults(TYPE)  # data/checks.yaml
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}
_COUNT = {"type": "integer", "minimum": 1}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_chars": _COUNT,
        "partial_sentences": _COUNT,
        "partial_share": _SHARE,
        "missing_share": _SHARE,
        "part_share": _SHARE,
        "part_min_sentences": _COUNT,
        "shown": _COUNT,
        "peer_min_shared": _COUNT,
        "peer_common_limit": _COUNT,
    },
}


@dataclass(frozen=True)
class Params:
    min_chars: int
    partial_sentences: int
    partial_share: float
    missing_share: float
    part_share: float
    part_min_sentences: int
    shown: int
    peer_min_shared: int  # a batch peer is compared when it shares at least this many sentences
    peer_common_limit: int  # a sentence found in more reports of a batch is a set phrase, not a copy


def prepare(params: dict) -> Params:
    return Params(**{**DEFAULTS, **params})


@dataclass(frozen=True)
class Finding:
    comparison: Comparison
    repeated: tuple[Placed, ...]
    total: int
    parts: tuple[str, ...]  # problems / plans repeated whole
    same_figures: int  # repeated sentences whose figures did not change either

    @property
    def share(self) -> float:
        return len(self.repeated) / self.total if self.total else 0.0


def check(doc: Document, params: Params, comparisons: Sequence[Comparison] = ()) -> CheckResult:
    if not comparisons:
        return CheckResult("met", (), message("checks.no_copying.not_compared"))
    own = list(placed_sentences(doc, params.min_chars))
    findings = [_compare(own, comparison, params) for comparison in comparisons]
    worst = max(findings, key=lambda f: (_status(f, params) == "missing", len(f.repeated), f.share))
    status = _status(worst, params)
    if status == "met":
        names = "、".join(f"《{c.name}》" for c in comparisons)
        return CheckResult("met", (), message("checks.no_copying.met", names=names, count=len(own)))
    return CheckResult(status, _evidence(doc, worst, params), _reason(worst))


def _compare(own: list[Placed], comparison: Comparison, params: Params) -> Finding:
    theirs = comparison.fingerprint.by_key
    repeated = tuple(p for p in own if p.sentence.key in theirs)
    parts = []
    for kind in PARTS:
        in_part = [p for p in own if p.sentence.has_kind(kind)]
        copied = [p for p in in_part if p.sentence.key in theirs]
        if len(in_part) >= params.part_min_sentences and len(copied) >= params.part_share * len(in_part):
            parts.append(kind)
    same = sum(1 for p in repeated if p.sentence.figures and theirs[p.sentence.key].exact == p.sentence.exact)
    return Finding(comparison, repeated, len(own), tuple(parts), same)


def _status(finding: Finding, params: Params) -> str:
    if finding.repeated and (finding.share >= params.missing_share or finding.parts):
        return "missing"
    if len(finding.repeated) >= params.partial_sentences or (
        finding.repeated and finding.share >= params.partial_share
    ):
        return "partial"
    return "met"


def _evidence(doc: Document, finding: Finding, params: Params) -> tuple[Evidence, ...]:
    """This report's repeated sentences, each with the same passage in the other report beside it."""
    theirs = finding.comparison.fingerprint.by_key
    shown = []
    for placed in finding.repeated[: params.shown]:
        other = theirs[placed.sentence.key]
        # The passage's opening identifies it; a whole long sentence twice over would fill the page.
        cut = excerpt(doc, placed.paragraph, placed.start, min(placed.end, placed.start + PASSAGE_CHARS))
        text = other.text if other.text is None or len(other.text) <= OTHER_CHARS else other.text[:OTHER_CHARS] + "…"
        shown.append(replace(cut, counterpart=Counterpart(finding.comparison.name, other.line, text)))
    return tuple(shown)


def _reason(finding: Finding) -> str:
    comparison = finding.comparison
    other = message(
        f"checks.no_copying.{comparison.relation}",
        name=comparison.name,
        year=comparison.year if comparison.year is not None else "?",
    )
    text = message(
        "checks.no_copying.repeated",
        other=other,
        repeated=len(finding.repeated),
        total=finding.total,
        percent=round(100 * finding.share),
    )
    if finding.parts:
        text += message(
            "checks.no_copying.parts", parts="、".join(message(f"checks.no_copying.{p}") for p in finding.parts)
        )
    if finding.same_figures:
        text += message("checks.no_copying.same_figures", count=finding.same_figures)
    return text + message("checks.no_copying.advice")
