"""Read a .docx as Word shows it with all tracked changes accepted.

The body is walked in document order: paragraphs, table cells (figures are often in tables) and
content controls. Inserted text is kept and deleted text dropped; field codes, hidden text,
drawings and text boxes, headers, footers, footnotes and comments (separate parts) are left out.
``SourceLine.number`` counts every paragraph, table-cell paragraphs included, so a user can find
evidence by paragraph. A table row of short cells becomes one line (cells separated by a tab), so
"办理行政复议案件 | 56 | 件" stays together for matching. Each table line records where its cells
are and the text of the header cells above each one, so a bare "1268" under "数量（件）" can be
read with its unit; what counts as a unit is the checks' business, not the reader's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

from lxml import etree

from rubric_check.documents.docx_numbering import Numbering
from rubric_check.documents.docx_styles import Styles, numbering_of, outline_level, w
from rubric_check.documents.files import check_size, suffix_of
from rubric_check.documents.model import SourceLine, SourceText, TableCell
from rubric_check.documents.normalise import build_paragraphs
from rubric_check.documents.outline import ENUMERATION_LEVEL, detect_heading
from rubric_check.documents.sniff import DESCRIPTIONS, OLE, ZIP, is_encrypted_office, sniff
from rubric_check.documents.ziplimits import check_zip
from rubric_check.errors import InputError, library_reason

MAX_DOCX_BYTES = 100 * 1024 * 1024
MAX_CELL_CHARS = 60  # longer cells are prose laid out in a table: one line per paragraph
MAX_HEADER_ROWS = 3  # a title row, a header row and the sub-headers under its merged cells
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Elements whose content Word does not show as body text (with changes accepted).
_SKIP = frozenset(
    w(tag)
    for tag in (
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "pPr",
        "rPr",
        "drawing",
        "pict",
        "object",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "sym",
        "fldData",
    )
) | {f"{{{_MC}}}AlternateContent"}


def read_docx(data: bytes, name: str) -> SourceText:
    """Read a Word 2007+ document; InputError if it is not one, is encrypted, corrupt or too big."""
    check_size(data, name, MAX_DOCX_BYTES)
    kind = sniff(data[:2048])
    if kind == OLE and is_encrypted_office(data):
        raise InputError.of("encrypted", path=name)
    if kind != ZIP:
        raise InputError.of("mislabelled", path=name, suffix=suffix_of(name) or ".docx", actual=DESCRIPTIONS[kind])
    check_zip(data, name)
    body, styles, numbering = _open(data, name)
    lines = _Walker(Styles(styles), Numbering(numbering)).read(body)
    return SourceText(path=name, format="docx", lines=tuple(lines), encoding=None)


def _open(data: bytes, name: str) -> tuple[etree._Element, etree._Element | None, etree._Element | None]:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = _related(document.part, RT.STYLES)
        numbering = _related(document.part, RT.NUMBERING)
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, etree.XMLSyntaxError, OSError) as exc:
        raise InputError.of("docx_corrupt", path=name, detail=library_reason(exc)) from exc
    if body is None:
        raise InputError.of("docx_corrupt", path=name, detail="缺少正文部分")
    return body, styles, numbering


def _related(document_part: object, rel_type: str) -> etree._Element | None:
    """The XML of a part the file really has (python-docx would invent default ones)."""
    try:
        return document_part.part_related_by(rel_type).element  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return None


@dataclass
class _Walker:
    styles: Styles
    numbering: Numbering
    count: int = 0
    lines: list[SourceLine] = field(default_factory=list)

    def read(self, body: etree._Element) -> list[SourceLine]:
        self._blocks(body)
        return self.lines

    def _blocks(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == w("p"):
                self._paragraph(child)
            elif tag == w("tbl"):
                self._table(child)
            elif tag in (w("sdt"), w("customXml"), w("sdtContent"), w("ins"), w("moveTo")):
                self._blocks(child)

    def _paragraph(self, p: etree._Element) -> None:
        self.count += 1
        ppr = p.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        info = self.styles.info(style_el.get(w("val")) if style_el is not None else None)
        num_id, ilvl = numbering_of(ppr)
        if num_id is None:
            num_id, ilvl = info.num_id, info.ilvl
        elif ilvl is None:
            ilvl = info.ilvl
        number = self.numbering.next_number(num_id, ilvl)
        if info.toc:
            return  # a table of contents repeats the headings with page numbers
        text = paragraph_text(p)
        if not text.strip():
            return
        style_level = outline_level(ppr) or info.level
        level = heading_level(number, text, style_level)
        self.lines.append(SourceLine(number=self.count, text=text, heading_level=level, heading_number=number))

    def _table(self, tbl: etree._Element) -> None:
        rows = _rows(tbl)
        header_rows = _header_rows(rows)
        headings = _Headings(rows[:header_rows])
        for index, row in enumerate(rows):
            cells = _cells(row)
            headers = [headings.over(columns) if index >= header_rows else "" for columns in _columns(row, cells)]
            if _is_data_row(cells):
                self._data_row(cells, headers)
            else:
                for cell, header in zip(cells, headers, strict=True):
                    before = len(self.lines)
                    self._blocks(cell)
                    if header and len(self.lines) == before + 1:  # the cell is one line: mark it as a cell
                        line = self.lines[-1]
                        self.lines[-1] = replace(line, cells=(TableCell(0, len(line.text), header),))

    def _data_row(self, cells: list[etree._Element], headers: list[str]) -> None:
        first = self.count + 1
        parts: list[str] = []
        spans: list[TableCell] = []
        position = 0
        for cell, header in zip(cells, headers, strict=True):
            self.count += len(cell.findall(w("p")))
            text = _cell_text(cell)
            if not text:
                continue
            if parts:
                position += 1  # the tab between cells
            spans.append(TableCell(position, position + len(text), header))
            parts.append(text)
            position += len(text)
        self.lines.append(SourceLine(number=first, text="\t".join(parts), cells=tuple(spans)))


def _rows(tbl: etree._Element) -> list[etree._Element]:
    rows = []
    for child in tbl:
        if child.tag == w("tr"):
            rows.append(child)
        elif child.tag in (w("sdt"), w("customXml"), w("sdtContent")):
            rows.extend(_rows(child))
    return rows


def _cells(row: etree._Element) -> list[etree._Element]:
    return [cell for cell in row if cell.tag == w("tc")]


def _cell_text(cell: etree._Element) -> str:
    return "".join(paragraph_text(p).strip() for p in cell.findall(w("p")))


def _int_property(parent: etree._Element | None, properties: str, name: str, default: int) -> int:
    """An integer ``w:val`` of ``parent``'s ``properties`` child (gridSpan, gridBefore)."""
    props = parent.find(w(properties)) if parent is not None else None
    found = props.find(w(name)) if props is not None else None
    try:
        return max(0, int(found.get(w("val"), default))) if found is not None else default
    except ValueError:
        return default


def _columns(row: etree._Element, cells: list[etree._Element]) -> list[range]:
    """The grid columns each of ``cells`` covers (merged cells span several)."""
    column = _int_property(row, "trPr", "gridBefore", 0)
    out = []
    for cell in cells:
        span = max(1, _int_property(cell, "tcPr", "gridSpan", 1))
        out.append(range(column, column + span))
        column += span
    return out


def _header_rows(rows: list[etree._Element]) -> int:
    """How many rows at the top of a table are its header.

    The rows Word repeats on each page when marked so; otherwise the first row unless it holds a
    bare number, and below it the rows under its merged cells (sub-headers), then a title row's
    header: each while a row above has a cell spanning columns and no bare number is in the row.
    """
    marked = 0
    for row in rows:
        trpr = row.find(w("trPr"))
        flag = trpr.find(w("tblHeader")) if trpr is not None else None
        if flag is None or flag.get(w("val"), "true") in ("0", "false", "off"):
            break
        marked += 1
    if marked:
        return marked
    count = 0
    for index, row in enumerate(rows[:MAX_HEADER_ROWS]):
        if any(_is_number(_cell_text(cell)) for cell in _cells(row)):
            break
        if index and not any(_int_property(cell, "tcPr", "gridSpan", 1) > 1 for cell in _cells(rows[index - 1])):
            break
        count += 1
    return count


def _is_number(text: str) -> bool:
    """A cell holding only a figure ("1268", "98.5", "1,268"): data, not a header."""
    return any(ch.isdigit() for ch in text) and all(ch.isdigit() or ch in ".,%-+．，％" for ch in text)


class _Headings:
    """The text of a table's header cells over each grid column, top row first."""

    def __init__(self, rows: list[etree._Element]) -> None:
        self.by_column: dict[int, list[str]] = {}
        for row in rows:
            cells = _cells(row)
            for cell, columns in zip(cells, _columns(row, cells), strict=True):
                text = _cell_text(cell)
                for column in columns:
                    texts = self.by_column.setdefault(column, [])
                    if text and text not in texts:
                        texts.append(text)

    def over(self, columns: range) -> str:
        texts: list[str] = []
        for column in columns:
            texts.extend(t for t in self.by_column.get(column, ()) if t not in texts)
        return " ".join(texts)


def _is_data_row(cells: list[etree._Element]) -> bool:
    """Two or more short cells with no nested tables: a row of a table of figures."""
    filled = 0
    for cell in cells:
        blocks = [child for child in cell if child.tag not in (w("tcPr"),)]
        if any(child.tag != w("p") for child in blocks):
            return False
        text = "".join(paragraph_text(p).strip() for p in blocks)
        if len(text) > MAX_CELL_CHARS:
            return False
        filled += bool(text)
    return filled >= 2


def paragraph_text(p: etree._Element) -> str:
    """The text Word displays for paragraph ``p`` with tracked changes accepted."""
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(element: etree._Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == w("t"):
            parts.append(child.text or "")
        elif tag in (w("tab"), w("ptab")):
            parts.append("\t")
        elif tag in (w("br"), w("cr")):
            if child.get(w("type")) not in ("page", "column"):
                parts.append(" ")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
        elif tag == w("r") and _hidden(child):
            continue
        else:
            _collect(child, parts)


def _hidden(run: etree._Element) -> bool:
    rpr = run.find(w("rPr"))
    vanish = rpr.find(w("vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")


def heading_level(number: str | None, text: str, style_level: int | None) -> int | None:
    """The outline level of a paragraph whose style or automatic number makes it a heading.

    When the text itself opens with a marker ("一、…" typed in), None: the outline reads it from
    the text exactly as for a .txt, so every format gives the same headings. Otherwise the marker
    Word's numbering shows decides the level, and Word's style depth is the fallback (a "Heading 2"
    paragraph "总体情况" with no number at all).
    """
    if style_level is None and number is None:
        return None
    if number is None:
        return None if _marker_level(text) is not None else style_level
    found = _marker_level(number + text)
    return found if found is not None else style_level


def _marker_level(text: str) -> int | None:
    paragraphs = build_paragraphs([SourceLine(number=1, text=text)])
    found = detect_heading(paragraphs[0]) if paragraphs else None
    return None if found is None or found[0] == ENUMERATION_LEVEL else found[0]
