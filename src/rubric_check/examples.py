"""Running a rubric's example snippets: each is scored as a tiny report and must get its status."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rubric_check.documents.model import SourceLine, SourceText
from rubric_check.engine import read_document
from rubric_check.matching.elements import judge
from rubric_check.matching.fingerprint import Comparison, fingerprint
from rubric_check.rubric.model import Element, Example, Rubric


@dataclass(frozen=True)
class ExampleOutcome:
    element: Element
    index: int
    example: Example
    got: str
    message: str

    @property
    def passed(self) -> bool:
        return self.got == self.example.status


def snippet_source(text: str, name: str = "示例") -> SourceText:
    lines = tuple(SourceLine(i, line) for i, line in enumerate(text.split("\n"), start=1))
    return SourceText(path=name, format="txt", lines=lines, encoding="utf-8")


def run_examples(rubric: Rubric) -> Iterator[ExampleOutcome]:
    for element in rubric.elements:
        for index, example in enumerate(element.examples):
            doc = read_document(snippet_source(example.text), rubric)
            result = judge(element, doc, rubric, compared_with(example, rubric))
            yield ExampleOutcome(element, index, example, result.status, result.message)


def compared_with(example: Example, rubric: Rubric) -> tuple[Comparison, ...]:
    """A copy check's example is compared with the earlier report it gives."""
    if example.earlier is None:
        return ()
    earlier = read_document(snippet_source(example.earlier, "上年示例"), rubric)
    return (Comparison("上年示例", "earlier", earlier.meta.year, fingerprint(earlier)),)
