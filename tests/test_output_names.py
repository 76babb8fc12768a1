"""Names of what goes back to an office: who and which year, safe on every OS, unique in a batch."""

from __future__ import annotations

from rubric_check.formatters.html_names import report_name
from rubric_check.formatters.output_names import UniqueNames, readable_stem, safe_part

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


def test_the_stem_names_the_reporting_body_and_the_year() -> None:
    assert readable_stem("东皋区司法局", 2023, "in/a.docx") == "东皋区司法局-2023年度"
    assert readable_stem("东皋区司法局", None, "in/a.docx") == "东皋区司法局"
    assert readable_stem(None, 2022, "收件/泽川县 报告.docx") == "泽川县_报告-2022年度"


def test_hostile_agency_text_cannot_leave_the_folder_or_name_a_device() -> None:
    for agency in ("../../etc/passwd", 'a\\b:c*?"<>|', "\u202e局\u200b", "CON", "nul", "  ", "...", "x" * 300):
        stem = readable_stem(agency, 2023, "in/r.txt")
        assert stem and not set(stem) & WINDOWS_FORBIDDEN and ".." not in stem
        assert stem.split("-")[0].lower() not in {"con", "nul"}
        assert len(stem) <= 60 and not stem.endswith((".", " "))
    assert safe_part("\u202e局\u200b") == "局"


def test_names_are_unique_in_a_batch_and_do_not_depend_on_the_run() -> None:
    def batch() -> list[str]:
        names = UniqueNames()
        return [
            names.claim(readable_stem("某某局", 2023, path), path)
            for path in ("a/1.docx", "b/1.docx", "a/1.docx", "c/2.docx")
        ]

    first = batch()
    assert first[0] == "某某局-2023年度"
    assert len({name.casefold() for name in first}) == 4
    assert first == batch()
    names = UniqueNames()
    assert names.claim("Abc-2023年度", "x") != names.claim("abc-2023年度", "y")  # Windows ignores case


def test_gap_page_names_keep_their_path_hash() -> None:
    assert report_name("a/报告.docx") != report_name("b/报告.docx")
    assert report_name("a/报告.docx").startswith("报告-") and report_name("a/CON.txt").startswith("report_CON-")
