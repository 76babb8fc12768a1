"""SourceText → Document: normalise, find the title block, outline, metadata. Pure (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence

from rubric_check.documents.metadata import find_title_block, read_meta
from rubric_check.documents.model import Document, Meta, Paragraph, SourceText
from rubric_check.documents.normalise import build_paragraphs
from rubric_check.documents.outline import Classifier, Resolver, build_outline

TITLE_KIND = "title"
SIGNATURE_MAX_CHARS = 30  # a signature line (body, date) is short; a longer one is body text


def _signature_paragraphs(paragraphs: Sequence[Paragraph], meta: Meta) -> frozenset[int]:
    """The closing signature's lines belong to no section (they are not the plans' last sentences)."""
    lines = {meta.signature_line, meta.date_line} - {None}
    return frozenset(p.index for p in paragraphs if p.first_line.number in lines and len(p.text) <= SIGNATURE_MAX_CHARS)


def build_document(
    source: SourceText,
    classify: Classifier,
    opening: Classifier | None = None,
    document_kinds: Classifier | None = None,
    resolve: Resolver | None = None,
) -> Document:
    """Everything matching needs; ``classify`` names the section kinds a heading's words denote,
    ``opening`` those a paragraph's opening sentence starts, ``document_kinds`` those every
    paragraph has because of the document's title (a 工作要点 is all plans)."""
    paragraphs = build_paragraphs(source.lines)
    block = find_title_block(paragraphs)
    outline = build_outline(paragraphs, classify, skip=block.paragraphs, opening=opening, resolve=resolve)
    title_paragraphs = block.paragraphs
    meta = read_meta(paragraphs, block)
    whole = document_kinds(meta.title) if document_kinds is not None and meta.title else frozenset()
    signature = _signature_paragraphs(paragraphs, meta)
    kinds_of = tuple(
        frozenset({TITLE_KIND}) if index in title_paragraphs else frozenset() if index in signature else kinds | whole
        for index, kinds in enumerate(outline.kinds_of)
    )
    return Document(
        path=source.path,
        format=source.format,
        encoding=source.encoding,
        paragraphs=paragraphs,
        headings=outline.headings,
        section_of=outline.section_of,
        kinds_of=kinds_of,
        title_paragraphs=title_paragraphs,
        meta=meta,
        source=source.source,
    )
