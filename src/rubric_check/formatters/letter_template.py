"""The Word template of the feedback letter: load it, check it before a batch, fill it per report.

Offices edit the template in Word, so it is filled by docxtpl (Jinja tags in a .docx, even when Word
splits a tag across runs) rather than by code: an office rewords or restyles its letter without
a developer. A template comes from outside the program, so it is checked on load as a report would
be (zip limits), filled in Jinja's sandbox with every value escaped for XML, and tried on two sample
reports before scoring starts: a mistake stops the run at once with a Chinese message naming the
template and the tag, instead of failing on report 1,500 of a batch.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rubric_check.documents.files import read_file
from rubric_check.documents.ziplimits import check_zip
from rubric_check.errors import InputError, RubricCheckError, library_reason
from rubric_check.formatters.letter_content import Gap, letter_context, sample_results
from rubric_check.formatters.office_zip import fixed_zip_times
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.rubric.model import Rubric

_log = logging.getLogger(__name__)

DEFAULT = "templates/letter.docx"
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024  # a letter template with a letterhead picture is well under 1 MB
VARIABLES = (
    "agency",
    "year",
    "year_text",
    "report_title",
    "file_name",
    "rubric_name",
    "rubric_version",
    "score",
    "grade",
    "passed",
    "verdict",
    "fail_reasons",
    "pass_rule",
    "verdict_text",
    "required_gaps",
    "other_gaps",
)
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{.*|\{%.*")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PARTS = re.compile(r"^/word/(document|header\d*|footer\d*|footnotes)\.xml$")
# XML 1.0 forbids these characters (PDFs carry form feeds); Word refuses a file holding one.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class TemplateError(RubricCheckError):
    """The letter template cannot be used: nothing is scored (exit 2)."""

    def __init__(self, text: str) -> None:
        super().__init__("letter_template", text)


@cache
def _environment() -> Any:
    """Jinja's sandbox (a template may not reach Python objects), strict about unknown names, and
    escaping every value for XML (report text may hold < and &)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def _docxtpl() -> Any:
    from docxtpl import DocxTemplate

    return DocxTemplate


class LetterTemplate:
    """A checked template: its bytes (picklable, so workers fill letters) and the name users know it by."""

    def __init__(self, data: bytes, shown: str) -> None:
        self.data = data
        self.shown = shown

    @classmethod
    def load(cls, path: str | None, rubric: Rubric, gate: Gate) -> LetterTemplate:
        """The office's template at ``path`` (the shipped one if None), checked; TemplateError if unusable."""
        if path is None:
            data = resources.files("rubric_check").joinpath(DEFAULT).read_bytes()
            template = cls(data, message("letters.label"))
        else:
            template = cls(_read(Path(path)), path)
        template.check(rubric, gate)
        return template

    def tags(self) -> list[str]:
        """Every tag as the text of the document shows it (a tag Word split across runs, joined)."""
        found: list[str] = []
        for paragraph in _paragraph_texts(self.data):
            found.extend(match.group(0) for match in _TAG.finditer(paragraph))
        return found

    def check(self, rubric: Rubric, gate: Gate) -> None:
        """Unknown variables first (docxtpl lists the template's free names), then a trial fill of
        two sample reports, which finds misspelt attributes (``gap.nmae``) and broken tags."""
        try:
            names = _docxtpl()(io.BytesIO(self.data)).get_undeclared_template_variables(_environment())
        except Exception as exc:
            raise self._error(exc) from exc
        unknown = sorted(set(names) - set(VARIABLES))
        if unknown:
            raise TemplateError(
                "\n".join(
                    message(
                        "letters.template_unknown_variable",
                        path=self.shown,
                        tag=self._tag_naming(name),
                        name=name,
                        known="、".join(VARIABLES),
                    )
                    for name in unknown
                )
            )
        for sample in sample_results(rubric):
            self.fill(letter_context(sample, rubric, gate))

    def fill(self, context: Mapping[str, Any]) -> bytes:
        """The letter as .docx bytes, the same bytes for the same context (fixed zip times)."""
        document = _docxtpl()(io.BytesIO(self.data))
        try:
            document.render(_clean(context), jinja_env=_environment(), autoescape=True)
        except Exception as exc:
            raise self._error(exc) from exc
        out = io.BytesIO()
        document.save(out)
        return fixed_zip_times(out.getvalue())

    def _error(self, exc: Exception) -> TemplateError:
        """Jinja's English error as a Chinese message naming the template and the tag."""
        from jinja2 import TemplateSyntaxError, UndefinedError
        from jinja2.exceptions import SecurityError

        text = str(exc)
        if isinstance(exc, SecurityError):
            tag = next((tag for tag in self.tags() if "_" in tag), "")
            return TemplateError(message("letters.template_unsafe", path=self.shown, tag=tag))
        if isinstance(exc, UndefinedError):
            name = _undefined_name(text)
            tag = self._tag_naming(name)
            fields = "、".join(Gap._fields)
            return TemplateError(
                message("letters.template_unknown_field", path=self.shown, tag=tag, name=name, fields=fields)
            )
        if isinstance(exc, TemplateSyntaxError):
            lines = [line for line in getattr(exc, "docx_context", ()) if line.strip()]
            return TemplateError(
                message(
                    "letters.template_syntax",
                    path=self.shown,
                    tag=self._tag_near(lines, text),
                    detail=_syntax_detail(text),
                )
            )
        _log.info("letter template failed on sample data", exc_info=exc)  # Jinja's English, for the log only
        detail = message("letters.template_other")
        return TemplateError(message("letters.template_unreadable", path=self.shown, detail=detail))

    def _tag_naming(self, name: str) -> str:
        pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)|\.{re.escape(name)}(?!\w)")
        return next((tag for tag in self.tags() if pattern.search(tag)), name)

    def _tag_near(self, lines: Iterable[str], text: str) -> str:
        """The tag Jinja stumbled on: the one its message names (an unknown ``{% endfo %}``), else a
        tag in the paragraphs around the error, else the last tag (an unclosed block ends there)."""
        named = re.search(r"unknown tag '(\w+)'", text)
        tags = self.tags()
        if named:
            return next((tag for tag in tags if named.group(1) in tag), named.group(1))
        if "end of template" in text.lower() and _unclosed(tags):
            return _unclosed(tags)[-1]
        near = [match.group(0) for line in lines for match in _TAG.finditer(line)]
        broken = [tag for tag in near if not tag.endswith(("}}", "%}", "#}"))]
        return (broken or near or tags[-1:] or [""])[0]


_BLOCK = re.compile(r"\{%[-+]?[pr]?\s*(for|if|endfor|endif)\b")


def _unclosed(tags: list[str]) -> list[str]:
    """The ``for`` and ``if`` tags left open at the end of the template, outermost first."""
    stack: list[str] = []
    for tag in tags:
        block = _BLOCK.match(tag)
        if block is None:
            continue
        if block.group(1) in ("for", "if"):
            stack.append(tag)
        elif stack:
            stack.pop()
    return stack


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise TemplateError(message("letters.template_not_found", path=path))
    try:
        data = read_file(path, str(path), MAX_TEMPLATE_BYTES)
        check_zip(data, str(path))
        _paragraph_texts(data)
    except InputError as exc:
        raise TemplateError(message("letters.template_unreadable", path=path, detail=exc.text)) from exc
    except Exception as exc:  # a zip without word/document.xml, broken XML, …: the library's text is logged
        raise TemplateError(message("letters.template_unreadable", path=path, detail=library_reason(exc))) from exc
    return data


def _paragraph_texts(data: bytes) -> Iterator[str]:
    """The text of each paragraph of the body, headers and footers."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [name for name in archive.namelist() if _TEXT_PARTS.match("/" + name)]
        if "word/document.xml" not in names:
            raise ValueError("word/document.xml")
        parts = [archive.read(name) for name in sorted(names)]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for part in parts:
        root = etree.fromstring(part, parser)
        for paragraph in root.iter(f"{_W}p"):
            yield "".join(node.text or "" for node in paragraph.iter(f"{_W}t"))


def _clean(value: Any) -> Any:
    """Report text without the characters XML forbids, in every string of the context."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, tuple) and hasattr(value, "_replace"):  # a Gap
        return value._replace(**{k: _clean(v) for k, v in value._asdict().items()})
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


def _undefined_name(text: str) -> str:
    found = re.search(r"has no attribute '([^']+)'", text) or re.search(r"'([^']+)' is undefined", text)
    return found.group(1) if found else text


def _syntax_detail(text: str) -> str:
    named = re.search(r"unknown tag '(\w+)'", text)
    if named:
        return message("letters.template_unknown_tag", name=named.group(1))
    if "end of template" in text.lower():
        return message("letters.template_unclosed")
    return message("letters.template_unexpected")
