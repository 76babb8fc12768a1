"""What a file really is, from its first bytes, whatever its suffix says.

Reports are often renamed: a .doc that is a .docx, a "Word" export that is HTML, a .docx that is
really an old binary file or a password-protected one. Readers use this to route or to explain.
"""

from __future__ import annotations

import re

from rubric_check.documents.decode import NotText, UnknownEncoding, decode_text

ZIP = "zip"
OLE = "ole"  # binary Word/WPS, or an encrypted Office file
PDF = "pdf"
RTF = "rtf"
HTML = "html"
TEXT = "text"
UNKNOWN = "unknown"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b",
    re.IGNORECASE | re.DOTALL,
)
# Office puts a password-protected .docx inside an OLE file with this stream (names are UTF-16LE).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

# What each kind is called in messages (简体中文).
DESCRIPTIONS = {
    ZIP: "压缩包或新版 Office 文档",
    OLE: "旧版 Word/WPS 二进制文档",
    PDF: "PDF 文档",
    RTF: "RTF 文档",
    HTML: "网页（HTML）",
    TEXT: "纯文本文件",
    UNKNOWN: "其他类型的文件",
}


def sniff(head: bytes) -> str:
    """The kind of file whose first bytes are ``head`` (a couple of KB is plenty)."""
    stripped = head.lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return ZIP
    if head.startswith(_OLE_MAGIC):
        return OLE
    if b"%PDF-" in head[:1024]:
        return PDF
    if stripped.startswith(b"{\\rtf"):
        return RTF
    if _HTML_START.match(_ascii_view(stripped)):
        return HTML
    return TEXT if _looks_like_text(head) else UNKNOWN


def _looks_like_text(head: bytes) -> bool:
    try:
        decode_text(head[: len(head) - 4] if len(head) >= 2048 else head)  # may end mid-character
    except (NotText, UnknownEncoding):
        return False
    return True


def is_encrypted_office(data: bytes) -> bool:
    """An OLE file holding an encrypted OOXML package (a .docx with an opening password)."""
    return data.startswith(_OLE_MAGIC) and _ENCRYPTED_PACKAGE in data


def _ascii_view(head: bytes) -> bytes:
    """UTF-16 HTML (Word's "Unicode" web page) seen as ASCII, so the markup test still works."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2:].replace(b"\x00", b"")
    return head
