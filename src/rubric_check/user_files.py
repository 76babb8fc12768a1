"""Reading the files users write by hand (rubrics, configuration, labels) as Windows users save them.

Notepad and WPS save UTF-8, UTF-8 with a BOM, UTF-16 with a BOM or the system's "ANSI" code page,
which on Chinese Windows is GBK: all are accepted. PyYAML's and tomllib's error texts are English;
users read a Chinese sentence with the line and column instead (data/messages.yaml, ``yaml``).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from rubric_check.errors import os_reason
from rubric_check.messages import message

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class Undecodable(ValueError):
    """The bytes are in none of the encodings a hand-written file is saved in."""


def decode_user_text(data: bytes) -> str:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM, else GB18030 (a superset of GBK).

    >>> decode_user_text("名称: 区".encode("gbk")), decode_user_text(codecs.BOM_UTF8 + "名称".encode())
    ('名称: 区', '名称')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise Undecodable(encoding) from exc
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Undecodable("unknown")


def read_user_text(path: Path) -> str:
    """The text of ``path``; OSError as from reading, Undecodable when no encoding fits."""
    return decode_user_text(path.read_bytes())


# PyYAML's problems, most specific first: (pattern on its English text, message key).
_YAML_PROBLEMS = (
    (r"found character '\\t'|found a tab character", "tab"),
    (r"found character '(.)' that cannot start any token", "bad_start"),
    (r"mapping values are not allowed here", "colon"),
    (r"could not find expected ':'", "no_colon"),
    (r"expected <block end>, but found '-'", "stray_item"),
    (r"expected <block end>", "indent"),
    (r"expected ',' or '\]'", "open_bracket"),
    (r"expected ',' or '\}'", "open_brace"),
    (r"found unexpected end of stream", "open_quote"),
    (r"found unknown escape character", "escape"),
    (r"found undefined alias", "alias"),
    (r"expected alphabetic or numeric character", "anchor"),
    (r"but found another document", "documents"),
    (r"found unhashable key", "unhashable"),
    (r"could not determine a constructor for the tag", "tag"),
    (r"special characters are not allowed", "control"),
    (r"block sequence entries are not allowed here", "stray_item"),
    (r"expected '<document start>'", "document_start"),
)


def yaml_problem(exc: Any) -> str:
    """A YAML error in one Chinese sentence, with line and column when PyYAML knows them."""
    english = " ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
    problem = message("yaml.other")
    for pattern, key in _YAML_PROBLEMS:
        found = re.search(pattern, english or str(exc))
        if found:
            problem = message(f"yaml.{key}", char=found.group(1) if found.groups() else "")
            break
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return problem
    return message("yaml.at", line=mark.line + 1, column=mark.column + 1, problem=problem)


def toml_problem(exc: Exception) -> str:
    """tomllib's error (English, "… (at line 3, column 5)") as a Chinese sentence with the position."""
    found = re.search(r"at line (\d+), column (\d+)", str(exc))
    if found is None:
        return message("yaml.toml_other")
    return message("yaml.at", line=found.group(1), column=found.group(2), problem=message("yaml.toml_other"))


def reading_problem(exc: Exception) -> str:
    """Why a hand-written YAML file could not be read or parsed, in Chinese."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, Undecodable):
        return message("yaml.undecodable")
    return yaml_problem(exc)
