"""The Jinja2 environment for the HTML pages: autoescape always on, templates shipped as package data.

Imported only when HTML is written, so runs with --no-html never load Jinja2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from rubric_check import __version__
from rubric_check.formatters.html_names import history_name
from rubric_check.formatters.locations import line_place
from rubric_check.messages import message

# Pages without script (diff, history; templates/_head.html): inline styles only, nothing fetched.
PLAIN_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def css_string(value: object) -> Markup:
    """A CSS string literal for ``content:`` with every non-alphanumeric character hex-escaped.

    Used inside <style>, where HTML entities are not decoded: escaping each character as ``\\HHHHHH``
    keeps quotes, backslashes and ``</style>`` in report text from ever ending the string or the tag.
    """
    text = str(value).replace("\n", " ")
    escaped = "".join(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x}" for ch in text)
    return Markup(f'"{escaped}"')


def counter_content(template: str) -> Markup:
    """A ``content:`` value from a message with ``{page}``/``{pages}``: text pieces and page counters."""
    parts = []
    for piece in re.split(r"(\{pages?\})", template):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts))


def number(value: float | None, digits: int = 1) -> str:
    """Scores and points as shown: one decimal, no trailing ``.0`` for whole numbers."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text[: -digits - 1] if text.endswith("." + "0" * digits) else text


@cache
def environment() -> Environment:
    """Messages are a filter (``"html.reason"|t``): Jinja2 evaluates a filter of constants when it
    compiles the template, so fixed labels cost nothing per page. Templates ship with the package
    and never change during a run, so they are compiled once and never checked for changes."""
    env = Environment(
        loader=PackageLoader("rubric_check", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["css_string"] = css_string
    env.filters["number"] = number
    env.filters["counter_content"] = counter_content
    env.filters["t"] = message
    env.filters["history_href"] = history_name
    env.globals["version"] = __version__
    env.globals["line_place"] = line_place
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def render_stream(template: str, **context: Any) -> Iterator[str]:
    """The same page in pieces, for a page that grows with the batch (the index of 10,000 reports)."""
    return environment().get_template(template).generate(**context)
