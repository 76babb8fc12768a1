"""Read a web page saved from a government site (.html/.htm): only the report, no page furniture.

lxml parses the tag soup these pages are (unclosed tags, GBK, Word-exported markup) quickly and
leniently; the main-content choice is in html_text.py. The charset comes from a BOM, then the
page's own <meta> declaration, then detection; GB2312/GBK declarations are read as GB18030, their
superset, since pages declared GB2312 routinely contain GBK characters.
"""

from __future__ import annotations

import html
import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from rubric_check.documents import html_text
from rubric_check.documents.conventions import conventions
from rubric_check.documents.decode import NotText, UnknownEncoding, decode_text
from rubric_check.documents.files import check_size
from rubric_check.documents.model import SourceLine, SourceText
from rubric_check.errors import InputError

MAX_HTML_BYTES = 20 * 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}
# Short lines that are page furniture even inside the content container: conventions' furniture list.
MAX_FURNITURE_LINE = 100


def read_html(data: bytes, shown_path: str) -> SourceText:
    """Read a saved web page; InputError if it cannot be decoded or holds no text."""
    check_size(data, shown_path, MAX_HTML_BYTES)
    text, encoding = decode_html(data, shown_path)
    lines = html_lines(text)
    if not lines:
        raise InputError.of("html_no_content", path=shown_path)
    fmt = "html"
    return SourceText(
        path=shown_path,
        format=fmt,
        lines=tuple(SourceLine(number=i, text=line) for i, line in enumerate(lines, start=1)),
        encoding=encoding,
    )


def decode_html(data: bytes, shown_path: str) -> tuple[str, str]:
    """Bytes → text: BOM, then <meta charset>, then detection."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        match = _META_CHARSET.search(data[:8192])
        if match:
            declared = match.group(1).decode("ascii").lower()
            encoding = _SUPERSETS.get(declared, declared)
            try:
                return data.decode(encoding), encoding
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: fall back to detection
    try:
        return decode_text(data)
    except NotText as exc:
        raise InputError.of("not_text", path=shown_path) from exc
    except UnknownEncoding as exc:
        raise InputError.of("undecodable", path=shown_path) from exc


def html_lines(text: str) -> list[str]:
    """The main content's text lines, headline first, furniture lines removed."""
    text = _XML_DECLARATION.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        return []
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return []
    if _depth(root) >= PARSER_DEPTH_LIMIT:
        return _flat_lines(text)
    title_el = root.find(".//title")
    page_title = " ".join((title_el.text_content() if title_el is not None else "").split())
    html_text.clean_tree(root)
    html_text.drop_furniture(root)
    content = html_text.main_content(root)
    lines = html_text.element_lines(content)
    top = html_text.headline(root, content, page_title)
    if top and _squeezed(top) not in {_squeezed(line) for line in lines[:5]}:
        lines.insert(0, top)
    return [line for line in lines if not _is_furniture_line(line)]


PARSER_DEPTH_LIMIT = 250  # libxml2 stops building the tree at 256 levels and drops what lies deeper
_INVISIBLE_BLOCKS = re.compile(r"<!--.*?-->|<(script|style|iframe|noscript|template|head)\b.*?</\1\s*>", re.S | re.I)
_BREAKING_TAGS = re.compile(r"</?(?:br|p|div|li|tr|h[1-6]|section|article|table|ul|ol|dd|dt)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


def _depth(root: Any) -> int:
    deepest = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def _flat_lines(text: str) -> list[str]:
    """Text of a page nested too deeply for the parser (hostile or broken): tags stripped flat.

    Scripts, styles, frames and comments are dropped first so they never become report text.
    """
    flat = _ANY_TAG.sub("", _BREAKING_TAGS.sub("\n", _INVISIBLE_BLOCKS.sub("", text)))
    lines = (" ".join(line.split()) for line in html.unescape(flat).split("\n"))
    return [line for line in lines if line and not _is_furniture_line(line)]


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _is_furniture_line(line: str) -> bool:
    return len(line) <= MAX_FURNITURE_LINE and conventions().is_furniture(line)
