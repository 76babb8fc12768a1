"""SourceText → Document: normalise, find the title block, outline, metadata. Pure (no I/O)."""

from __future__ import annotations

from rubric_check.documents.metadata import find_title_block, read_meta
from rubric_check.documents.model import Document, SourceText
from rubric_check.documents.normalise import build_paragraphs
from rubric_check.documents.outline import Classifier, Resolver, build_outline

TITLE_KIND = "title"


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
    kinds_of = tuple(
        frozenset({TITLE_KIND}) if index in title_paragraphs else kinds | whole
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
    )
