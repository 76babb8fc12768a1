"""The variables rubric text may use, filled from the report in hand: one function for every output.

Guidance that shows a model heading or date must show the drafter's own year: a 2021 report told to
write "一、2024年推进法治政府建设的主要举措和成效" would copy the very year mismatch the tool flags. So
guidance and reasons write ``{year}`` (the year reported on), ``{next_year}`` and ``{prev_year}``,
and ``{name}`` (the element's name, in reasons). Where no report is in hand (``explain``, the
elements sheet) or its year is unknown, a year reads ``××××``, the placeholder offices use.

Only these names are placeholders: anything else in braces (a title quoted from a report, a regex
count such as ``{0,6}``) is left as it stands, so report text can never break the filling.
"""

from __future__ import annotations

import re

from rubric_check.messages import message

YEAR_VARIABLES = ("year", "next_year", "prev_year")
VARIABLES = ("name", *YEAR_VARIABLES)
_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,40})\}")


def year_values(year: int | None) -> dict[str, str]:
    """The year variables for a report of ``year`` (None: not known)."""
    if year is None:
        unknown = message("rubric.unknown_year")
        return dict.fromkeys(YEAR_VARIABLES, unknown)
    return {"year": str(year), "next_year": str(year + 1), "prev_year": str(year - 1)}


def fill(text: str, year: int | None, name: str | None = None) -> str:
    """``text`` with the variables filled for a report of ``year``; ``{name}`` when ``name`` is given.

    >>> fill("如“一、{year}年推进法治政府建设的主要举措和成效”，安排写“{next_year}年工作安排”", 2021)
    '如“一、2021年推进法治政府建设的主要举措和成效”，安排写“2022年工作安排”'
    >>> fill("成文日期如“{next_year}年2月20日”", None)
    '成文日期如“××××年2月20日”'
    >>> fill("{name}：{other} 与 [^。]{0,6}", 2023, name="要素")
    '要素：{other} 与 [^。]{0,6}'
    """
    values = year_values(year)
    if name is not None:
        values["name"] = name
    return _PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), text)


def unknown_variables(text: str, allowed: tuple[str, ...] = VARIABLES) -> list[str]:
    """Names in braces that are not variables: a rubric author's typo (``{nextyear}``), reported on load.
    Guidance allows only the years (``{name}`` is for reasons, which name the element).

    >>> unknown_variables("{year}年 {nextyear} {name}")
    ['nextyear']
    >>> unknown_variables("{year}年 {name}", YEAR_VARIABLES)
    ['name']
    """
    return [found for found in _PLACEHOLDER.findall(text) if found not in allowed]
