"""One excerpt per passage: the windows an element found on one line, joined where they overlap.

A rule that counts facts (five quantities in one sentence) yields one window per fact, and the same
sentence would be listed five times. Windows of one line that overlap are one piece of the original
text, so they are joined into one excerpt with every match marked.
"""

from __future__ import annotations

from typing import NamedTuple

from rubric_check.results import Evidence

MIN_OVERLAP = 6  # characters two windows must share to be taken as one stretch of the line


class Excerpt(NamedTuple):
    evidence: Evidence  # the first window: where the excerpt is
    text: str
    marks: tuple[tuple[int, int], ...]  # matched spans in ``text``, sorted, not overlapping
    cut_before: bool
    cut_after: bool

    def pieces(self) -> tuple[tuple[str, bool], ...]:
        """``text`` cut into (piece, marked) runs, for a page to escape and mark each on its own."""
        runs: list[tuple[str, bool]] = []
        position = 0
        for start, end in self.marks:
            if start > position:
                runs.append((self.text[position:start], False))
            runs.append((self.text[start:end], True))
            position = end
        if position < len(self.text) or not runs:
            runs.append((self.text[position:], False))
        return tuple(runs)


def excerpt_of(evidence: Evidence) -> Excerpt:
    """One window as an excerpt; an out-of-range highlight is clamped, an empty one dropped."""
    text = evidence.text
    start, end = evidence.highlight or (0, 0)
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    marks = ((start, end),) if end > start else ()
    return Excerpt(evidence, text, marks, evidence.cut_before, evidence.cut_after)


def merge_excerpts(evidence: tuple[Evidence, ...]) -> tuple[Excerpt, ...]:
    """The evidence of one element with overlapping windows of a line joined, in first-seen order.

    >>> a = Evidence(line=7, text="共受领任务5个专业共87件", highlight=(5, 7))
    >>> b = Evidence(line=7, text="任务5个专业共87件，完成率100%", highlight=(9, 12))
    >>> [(e.text, e.marks) for e in merge_excerpts((a, b))]
    [('共受领任务5个专业共87件，完成率100%', ((5, 7), (12, 15)))]
    """
    merged: list[Excerpt] = []
    for item in map(excerpt_of, evidence):
        while True:
            for index, kept in enumerate(merged):
                joined = _join(kept, item) if _same_line(kept.evidence, item.evidence) else None
                if joined is not None:
                    del merged[index]  # the joined one may now reach another window: try again
                    item = joined
                    break
            else:
                merged.append(item)
                break
    position = {id(item): index for index, item in enumerate(evidence)}
    return tuple(sorted(merged, key=lambda e: position[id(e.evidence)]))


def _same_line(a: Evidence, b: Evidence) -> bool:
    """Joinable: the same line, and neither is a repeated passage shown beside another report's
    (each keeps its own counterpart)."""
    return a.line == b.line and a.page == b.page and a.counterpart is None and b.counterpart is None


def _join(a: Excerpt, b: Excerpt) -> Excerpt | None:
    """``a`` and ``b`` as one excerpt when one holds the other or they overlap; else None."""
    if b.text in a.text:
        return _combined(a, b, a.text.find(b.text), a.text, a.cut_before, a.cut_after)
    if a.text in b.text:
        return _combined(b, a, b.text.find(a.text), b.text, b.cut_before, b.cut_after, first=a.evidence)
    for left, right in ((a, b), (b, a)):
        overlap = _overlap(left.text, right.text)
        if overlap:
            text = left.text + right.text[overlap:]
            return _combined(
                left, right, len(left.text) - overlap, text, left.cut_before, right.cut_after, first=a.evidence
            )
    return None


def _combined(
    base: Excerpt,
    other: Excerpt,
    offset: int,
    text: str,
    cut_before: bool,
    cut_after: bool,
    first: Evidence | None = None,
) -> Excerpt:
    spans = sorted([*base.marks, *((s + offset, e + offset) for s, e in other.marks)])
    marks: list[tuple[int, int]] = []
    for start, end in spans:
        if marks and start <= marks[-1][1]:
            marks[-1] = (marks[-1][0], max(end, marks[-1][1]))
        else:
            marks.append((start, end))
    return Excerpt(first or base.evidence, text, tuple(marks), cut_before, cut_after)


def _overlap(left: str, right: str) -> int:
    """The longest end of ``left`` that starts ``right`` (at least MIN_OVERLAP characters), or 0."""
    for size in range(min(len(left), len(right)) - 1, MIN_OVERLAP - 1, -1):
        if left.endswith(right[:size]):
            return size
    return 0
