"""A validated rubric document (plain data) → compiled Rubric, collecting every problem at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator

from rubric_check.messages import message
from rubric_check.rubric.model import (
    STATUSES,
    AllRule,
    AnyRule,
    CheckSpec,
    CheckType,
    Element,
    Example,
    Grade,
    HeadingRule,
    NotRule,
    PassageRule,
    Patterns,
    Rubric,
    Rule,
    SectionKind,
    TextRule,
)
from rubric_check.rubric.patterns import PatternProblem, compile_patterns
from rubric_check.rubric.phrases import PhraseIndex
from rubric_check.rubric.problems import Problem
from rubric_check.rubric.schema_errors import explain
from rubric_check.rubric.variables import VARIABLES, YEAR_VARIABLES, unknown_variables

DEFAULT_CREDIT = {"met": 1.0, "partial": 0.5, "missing": 0.0}
DEFAULT_REASONS = {
    "met": "报告写了{name}方面的工作（见证据）。",
    "partial": "报告对{name}只是简单提及，缺少本年度的具体做法和成效。",
    "missing": "报告中没有找到{name}方面的内容。",
}


class Compiler:
    """Builds the model; records problems as ``where：what`` instead of stopping at the first."""

    def __init__(self, document: Mapping[str, Any], check_types: Mapping[str, CheckType]) -> None:
        self.document = document
        self.check_types = check_types  # matching.checks, handed in by rubric_check.rubrics
        self.problems: list[Problem] = []
        self.kinds = set(document.get("sections", {}))
        self.phrase_sets: Mapping[str, list[str]] = document.get("phrase_sets", {})
        self.phrase_index = PhraseIndex()  # every text rule's phrases, found in one pass per report
        self.heading_index = PhraseIndex()  # the section kinds' phrases, found in one pass per heading

    def problem(self, path: list[Any], text: str) -> None:
        self.problems.append(Problem(tuple(path), text))

    def rubric(self, path: str) -> Rubric | None:
        doc = self.document
        sections = tuple(self.section_kind(kind, spec) for kind, spec in doc["sections"].items())
        for kind, spec in doc["sections"].items():
            self.known_kinds(["sections", kind, "unless"], spec.get("unless", ()))
        seen: set[str] = set()
        elements = []
        for index, raw in enumerate(doc["elements"]):
            if raw["id"] in seen:
                self.problem(["elements", index, "id"], message("rubric.duplicate_id", id=raw["id"]))
            seen.add(raw["id"])
            elements.append(self.element(["elements", index], raw))
        for status, text in doc.get("default_reasons", {}).items():
            self.variables(["default_reasons", status], text)
        self.sanity(doc)
        if self.problems:
            return None
        return Rubric(
            id=doc["id"],
            name=doc["name"],
            version=str(doc["version"]),
            path=path,
            pass_score=float(doc["pass_score"]),
            grades=tuple(Grade(g["name"], float(g["min"])) for g in sorted(doc["grades"], key=lambda g: -g["min"])),
            credit={**DEFAULT_CREDIT, **doc.get("credit", {})},
            sections=sections,
            elements=tuple(elements),
            default_reasons={**DEFAULT_REASONS, **doc.get("default_reasons", {})},
            description=doc.get("description"),
        )

    def section_kind(self, kind: str, spec: Mapping[str, Any]) -> SectionKind:
        path = ["sections", kind]
        unless_words = spec.get("unless_words")
        return SectionKind(
            kind,
            spec["name"],
            self.patterns(path, spec, self.heading_index),
            frozenset(spec.get("unless", ())),
            unless_words=self.patterns([*path, "unless_words"], {"phrases": unless_words}, self.heading_index)
            if unless_words
            else None,
            opens=self.patterns([*path, "opens"], spec["opens"], self.heading_index) if "opens" in spec else None,
            whole_document=self.patterns([*path, "whole_document"], spec["whole_document"])
            if "whole_document" in spec
            else None,
        )

    def sanity(self, doc: Mapping[str, Any]) -> None:
        """What the schema cannot say: a grade for every score, examples that prove each rule."""
        grades = doc["grades"]
        if min(g["min"] for g in grades) != 0:
            self.problem(["grades"], message("rubric.grades_bottom"))
        names = [g["name"] for g in grades]
        for index, name in enumerate(names):
            if name in names[:index]:
                self.problem(["grades", index, "name"], message("rubric.grades_duplicate", name=name))
        for index, raw in enumerate(doc["elements"]):
            statuses = {example["status"] for example in raw["examples"]}
            if "met" not in statuses:
                self.problem(["elements", index, "examples"], message("rubric.example_met"))
            elif statuses == {"met"}:
                self.problem(["elements", index, "examples"], message("rubric.example_other"))

    def element(self, path: list[Any], raw: Mapping[str, Any]) -> Element:
        check = self.check([*path, "check"], raw["check"]) if "check" in raw else None
        self.variables([*path, "guidance"], raw["guidance"], YEAR_VARIABLES)
        for status, text in raw.get("reasons", {}).items():
            self.variables([*path, "reasons", status], text)
        return Element(
            id=raw["id"],
            name=raw["name"],
            description=raw["description"].strip(),
            basis=raw["basis"].strip(),
            severity=raw["severity"],
            weight=float(raw["weight"]),
            guidance=raw["guidance"].strip(),
            group=raw.get("group"),
            reasons={k: v.strip() for k, v in raw.get("reasons", {}).items() if k in STATUSES},
            met=self.rule([*path, "met"], raw["met"]) if "met" in raw else None,
            partial=self.rule([*path, "partial"], raw["partial"]) if "partial" in raw else None,
            check=check,
            examples=tuple(Example(e["status"], e["text"], e.get("note"), e.get("earlier")) for e in raw["examples"]),
        )

    def variables(self, path: list[Any], text: str, allowed: tuple[str, ...] = VARIABLES) -> None:
        """Braces in guidance and reasons name variables (rubric/variables.py): a typo is a problem, not
        a "{nextyear}" shown to every drafter."""
        known = "、".join(f"{{{name}}}" for name in allowed)
        for name in unknown_variables(text, allowed):
            self.problem(path, message("rubric.unknown_variable", name=name, known=known))

    def check(self, path: list[Any], raw: Mapping[str, Any]) -> CheckSpec | None:
        kind = raw["type"]
        module = self.check_types.get(kind)
        if module is None:
            known = "、".join(sorted(self.check_types))
            self.problem([*path, "type"], message("rubric.unknown_check", type=kind, known=known))
            return None
        params = {k: v for k, v in raw.items() if k != "type"}
        errors = list(Draft202012Validator(module.SCHEMA).iter_errors(params))
        for error in errors:
            where = " → ".join(str(p) for p in error.absolute_path) or kind
            self.problem(path, message("rubric.check_params", type=kind, where=where, detail=explain(error)))
        if errors:
            return None
        try:
            prepared = module.prepare(params)
        except PatternProblem as exc:
            self.problem(path, str(exc))
            return None
        self.known_kinds(path, getattr(module, "section_kinds", lambda _: frozenset())(prepared))
        return CheckSpec(kind, prepared)

    def rule(self, path: list[Any], raw: Mapping[str, Any]) -> Rule:
        reason = raw.get("reason")
        self.variables([*path, "reason"], reason or "")
        if "all" in raw:
            return AllRule(tuple(self.rule([*path, "all", i], r) for i, r in enumerate(raw["all"])), reason)
        if "any" in raw:
            return AnyRule(tuple(self.rule([*path, "any", i], r) for i, r in enumerate(raw["any"])), reason)
        if "not" in raw:
            return NotRule(self.rule([*path, "not"], raw["not"]), reason)
        if "heading" in raw:
            spec = raw["heading"]
            kind = spec.get("kind")
            if kind is not None:
                self.known_kinds([*path, "heading", "kind"], [kind])
            has_patterns = "phrases" in spec or "regex" in spec
            return HeadingRule(
                kind=kind,
                patterns=self.patterns([*path, "heading"], spec) if has_patterns else None,
                max_level=spec.get("max_level", 4),
                min_chars=spec.get("min_chars", 0),
                reason=reason,
            )
        if "passage" in raw:
            spec = raw["passage"]
            self.known_kinds([*path, "passage", "kind"], [spec["kind"]])
            return PassageRule(
                kind=spec["kind"],
                min_chars=spec.get("min_chars", 0),
                min_sentences=spec.get("min_sentences", 0),
                min_paragraphs=spec.get("min_paragraphs", 0),
                min_clauses=spec.get("min_clauses", 0),
                without=self.phrase_list([*path, "passage", "without"], spec["without"]) if "without" in spec else None,
                reason=reason,
            )
        spec = raw["text"]
        self.known_kinds([*path, "text", "in"], spec.get("in", []))
        self.known_kinds([*path, "text", "not_in"], spec.get("not_in", []))
        unless = spec.get("unless_sentence_has")
        sentence_has = spec.get("sentence_has")
        return TextRule(
            patterns=self.patterns([*path, "text"], spec, self.phrase_index),
            in_kinds=frozenset(spec.get("in", [])),
            not_in_kinds=frozenset(spec.get("not_in", [])),
            min=spec.get("min", 1),
            distinct=spec.get("distinct", False),
            per_sentence=spec.get("per_sentence", False),
            per_clause=spec.get("per_clause", False),
            skip_section_titles=spec.get("skip_section_titles", False),
            unless=self.phrase_list([*path, "text", "unless_sentence_has"], unless) if unless else None,
            sentence_has=self.phrase_list([*path, "text", "sentence_has"], sentence_has) if sentence_has else None,
            unless_clause=self.patterns([*path, "text", "unless_clause"], spec["unless_clause"])
            if "unless_clause" in spec
            else None,
            reason=reason,
        )

    def patterns(self, path: list[Any], spec: Mapping[str, Any], index: PhraseIndex | None = None) -> Patterns:
        phrases = self.expand_sets(path, spec.get("phrases", ()))
        try:
            return compile_patterns(phrases, spec.get("regex", ()), index)
        except PatternProblem as exc:
            self.problem(path, str(exc))
            return compile_patterns(["\u0000"])

    def phrase_list(self, path: list[Any], items: list[str]) -> Patterns:
        return self.patterns(path, {"phrases": self.expand_sets(path, items) or ["\u0000"]})

    def expand_sets(self, path: list[Any], items: Any) -> list[str]:
        """Phrases with each "@name" replaced by the words of the phrase set it names."""
        phrases: list[str] = []
        for item in items:
            if item.startswith("@"):
                if item[1:] not in self.phrase_sets:
                    self.problem(path, message("rubric.unknown_set", name=item[1:]))
                phrases.extend(self.phrase_sets.get(item[1:], []))
            else:
                phrases.append(item)
        return phrases

    def known_kinds(self, path: list[Any], kinds: Any) -> None:
        for kind in kinds:
            if kind not in self.kinds:
                self.problem(path, message("rubric.unknown_kind", kind=kind, known="、".join(sorted(self.kinds))))
