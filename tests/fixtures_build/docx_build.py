"""Make .docx fixtures with python-docx, plus the raw XML python-docx has no API for
(tracked changes, automatic numbering)."""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = nsdecls("w")


def docx_from_lines(path: Path, lines: list[str], heading_styles: bool = False) -> Path:
    """One paragraph per line; with ``heading_styles``, "一、" lines get Heading 1 and "（一）" Heading 2."""
    document = Document()
    for line in lines:
        style = None
        if heading_styles and line[:1] in "一二三四五六七八九十" and "、" in line[:4]:
            style = "Heading 1"
        elif heading_styles and line.startswith("（") and "）" in line[:5]:
            style = "Heading 2"
        document.add_paragraph(line, style=style)
    document.save(str(path))
    return path


def add_tracked_change(paragraph: object, inserted: str, deleted: str) -> None:
    """Append an insertion and a deletion as Word records them with Track Changes on."""
    p = paragraph._p  # type: ignore[attr-defined]
    p.append(
        parse_xml(
            f'<w:ins {W_NS} w:id="901" w:author="审核人" w:date="2024-01-01T00:00:00Z">'
            f"<w:r><w:t>{inserted}</w:t></w:r></w:ins>"
        )
    )
    p.append(
        parse_xml(
            f'<w:del {W_NS} w:id="902" w:author="审核人" w:date="2024-01-01T00:00:00Z">'
            f"<w:r><w:delText>{deleted}</w:delText></w:r></w:del>"
        )
    )


def add_hidden_and_field(paragraph: object, hidden: str, field_result: str) -> None:
    """A hidden run and a PAGE field (its code must not appear, its result may)."""
    p = paragraph._p  # type: ignore[attr-defined]
    p.append(parse_xml(f"<w:r {W_NS}><w:rPr><w:vanish/></w:rPr><w:t>{hidden}</w:t></w:r>"))
    p.append(parse_xml(f'<w:r {W_NS}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p.append(parse_xml(f'<w:r {W_NS}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
    p.append(parse_xml(f'<w:r {W_NS}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p.append(parse_xml(f"<w:r {W_NS}><w:t>{field_result}</w:t></w:r>"))
    p.append(parse_xml(f'<w:r {W_NS}><w:fldChar w:fldCharType="end"/></w:r>'))


CHINESE_OUTLINE = (
    (0, "chineseCounting", "%1、"),
    (1, "chineseCounting", "（%2）"),
    (2, "decimal", "%3."),
)


def add_outline_numbering(document: object, num_id: int = 77) -> int:
    """Define a multilevel list 一、/（一）/1. (as Chinese templates do) and return its numId."""
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for ilvl, fmt, text in CHINESE_OUTLINE
    )
    abstract = parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{num_id}">{levels}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    return num_id


def set_numbering(paragraph: object, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def clone(element: object) -> object:
    return copy.deepcopy(element)
