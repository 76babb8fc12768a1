"""A report's sentences as compact keys, to find text repeated from another report.

Copying last year's report keeps the sentences and changes the figures and years, so each sentence
is keyed twice: with every figure and year left out (``key``: the same sentence) and as written
(``exact``: the same figures too). Titles and headings are left out (every report repeats them), and
so are short sentences (set phrases). The sentence text is kept only when asked (the store keeps it
unless the reviewer turns that off), so that a repeated passage can be shown beside its original.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import orjson

from rubric_check.documents.model import Document, Paragraph, SourceText

# A sentence from its first visible character to its end mark (or the paragraph's end).
_BODY_SENTENCE = re.compile(r"[^。!?;\s][^。!?;]*[。!?;]?")
# Spaces and punctuation are ignored; figures (Arabic: normalised text is half-width, and years in
# reports are written so) are dropped from the masked key. One pass each, a character class apiece.
_IGNORED = re.compile(r"[\s,.:;!?、。()\[\]\"'“”‘’《》〈〉<>·—\-]+")
_MASKED = re.compile(r"[\d\s,.:;!?、。()\[\]\"'“”‘’《》〈〉<>·—\-]+")
_DIGIT = re.compile(r"\d")
ENCODING_VERSION = 1
_CHEAP_SENTENCE_END = re.compile(r"[。!?;！？；]")
_CHEAP_DROP = re.compile(r"[0-9０-９\s,.:!?，．：！？、()\[\]（）【】\"'“”‘’《》〈〉<>·—\-]+")


class Sentence(NamedTuple):  # a tuple: made ~50 times a report, so its construction must be cheap
    key: int  # figures and years masked
    exact: int  # as written
    line: int  # source line where the sentence starts
    kinds: str  # section kinds of its paragraph, comma-separated ("" outside any)
    figures: bool  # whether it holds a figure or year
    text: str | None = None

    def has_kind(self, kind: str) -> bool:
        return kind in self.kinds.split(",")


@dataclass(frozen=True)
class Fingerprint:
    sentences: tuple[Sentence, ...]

    @cached_property
    def by_key(self) -> dict[int, Sentence]:
        found: dict[int, Sentence] = {}
        for sentence in self.sentences:
            found.setdefault(sentence.key, sentence)
        return found


@dataclass(frozen=True)
class Comparison:
    """Another report to compare with: the same body's earlier one (from the store) or a batch peer."""

    name: str  # the other report's file name, as the user knows it
    relation: str  # "earlier" or "peer"
    year: int | None
    fingerprint: Fingerprint


def _digest(text: str) -> int:
    """A sentence's key: CRC-32 in C, a third of a cryptographic hash's cost. Keys are compared within
    one body's reports or between reports already sharing several sentences, where a chance
    collision (one in four billion per pair of sentences) does not change a verdict."""
    return zlib.crc32(text.encode("utf-8"))


def fingerprint(doc: Document, min_chars: int = 12, keep_text: bool = True) -> Fingerprint:
    """Every sentence of the body text with at least ``min_chars`` characters once masked.

    >>> from rubric_check.testing import document
    >>> a = fingerprint(document("2023年共办理行政复议案件12件，全部依法审结。"))
    >>> b = fingerprint(document("2024年共办理行政复议案件15件，全部依法审结。"))
    >>> a.sentences[0].key == b.sentences[0].key, a.sentences[0].exact == b.sentences[0].exact
    (True, False)
    """
    found = (placed.sentence for placed in placed_sentences(doc, min_chars))
    return Fingerprint(tuple(found if keep_text else (s._replace(text=None) for s in found)))


class Placed(NamedTuple):
    """A sentence of the document being scored, with where it is (to cut its evidence)."""

    paragraph: Paragraph
    start: int
    end: int
    sentence: Sentence


def placed_sentences(doc: Document, min_chars: int) -> tuple[Placed, ...]:
    """The document's sentences, made once per document (the copy check and the store both use them)."""
    key = ("fingerprint", min_chars)
    if key not in doc.search_cache:
        doc.search_cache[key] = tuple(_placed(doc, min_chars))
    return doc.search_cache[key]  # type: ignore[no-any-return]


def _placed(doc: Document, min_chars: int) -> Iterator[Placed]:
    # Made for every report a store records: kept to a few C calls per sentence.
    body_starts = _after_headings(doc)
    drop, ignored, has_figure, digest = _MASKED.sub, _IGNORED.sub, _DIGIT.search, _digest
    for paragraph in doc.paragraphs:
        if paragraph.index in doc.title_paragraphs:
            continue
        kinds = ",".join(sorted(doc.kinds_of[paragraph.index]))
        one_line = paragraph.lines[0] if len(paragraph.lines) == 1 else None
        cols = paragraph.char_cols
        for match in _BODY_SENTENCE.finditer(paragraph.text, body_starts.get(paragraph.index, 0)):
            written = match.group()
            masked = drop("", written)
            if len(masked) < min_chars:
                continue
            figures = has_figure(written) is not None
            start, end = match.span()
            if one_line is not None:
                line, shown = one_line.number, one_line.text[cols[start] : cols[end - 1] + 1]
            else:
                line = paragraph.line_of(start)
                shown = _verbatim(paragraph, start, end, line) or written
            key = digest(masked)  # without figures the sentence as written is the masked one
            exact = digest(ignored("", written)) if figures else key
            yield Placed(paragraph, start, end, Sentence(key, exact, line, kinds, figures, shown))


def _verbatim(paragraph: Paragraph, start: int, end: int, line: int) -> str | None:
    """The sentence as written in the file, when it lies on one source line (else None)."""
    if paragraph.line_of(end - 1) != line:
        return None
    original = paragraph.source_line(line).text
    return original[paragraph.char_cols[start] : paragraph.char_cols[end - 1] + 1]


def _after_headings(doc: Document) -> dict[int, int]:
    """Where the body text starts in each paragraph opening with a heading (its words are left out:
    every year's report has the same headings, and they say nothing of the year's work)."""
    starts = {}
    for heading in doc.headings:
        if heading.inline:
            continue
        text = doc.paragraphs[heading.paragraph].text
        found = text.find(heading.title)
        starts[heading.paragraph] = found + len(heading.title) if found >= 0 else len(heading.marker)
    return starts


def source_keys(source: SourceText, min_chars: int) -> array[int]:
    """Sentence keys straight from the file's text, without building the document: a cheap first
    look over a whole batch to find which reports share text. Figures, spaces and punctuation (either
    width) are dropped rather than normalised (Unicode normalisation alone would cost more than
    reading the file) and lines are joined (a sentence broken across lines still counts); the pairs
    found are then compared properly (``fingerprint``) while scored.
    """
    keys: array[int] = array("q")
    text = _CHEAP_DROP.sub("", "\n".join(line.text for line in source.lines))
    for key in _CHEAP_SENTENCE_END.split(text):
        if len(key) >= min_chars:
            keys.append(_digest(key))
    return keys


def encode(fp: Fingerprint) -> str:
    """Compact JSON for the store: one row per sentence."""
    rows = [[s.key, s.exact, s.line, s.kinds, int(s.figures), s.text] for s in fp.sentences]
    return orjson.dumps({"v": ENCODING_VERSION, "s": rows}).decode("utf-8")


def decode(text: str) -> Fingerprint:
    data: dict[str, Any] = orjson.loads(text)
    return Fingerprint(tuple(Sentence(k, e, line, kinds, bool(f), t) for k, e, line, kinds, f, t in data["s"]))
