"""OFD (GB/T 33190): the seeds laid out as OFD give the seeds' verdicts and text; the public test
files read or fail with the right message; hostile packages are refused like a hostile .docx."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import SEEDS
from fixtures_build.ofd_build import ofd_bytes

from rubric_check.discovery import Input
from rubric_check.documents.readers import read_source
from rubric_check.errors import InputError
from rubric_check.pipeline import score_input
from rubric_check.rubric.model import Rubric

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "ofd"
SEED_OFDS = sorted(SAMPLES.glob("synth_*.ofd"))
RUNNING_HEADER = "湖滨区卫生健康委员会法治政府建设年度报告"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir() and os.environ.get("CI") != "true",
    reason="../shared/samples is not beside this checkout (under CI=true: a failure)",
)


def _error(data: bytes, name: str = "报告.ofd") -> InputError:
    with pytest.raises(InputError) as caught:
        read_source((name, data))
    assert name in caught.value.text
    return caught.value


def _page_number(line: str) -> bool:
    return re.fullmatch(r"—\s*\d+\s*—", line.strip()) is not None


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@needs_samples
@pytest.mark.parametrize("path", SEED_OFDS, ids=lambda p: p.name[6:9])
def test_seed_ofd_gives_the_expected_text_without_running_lines(path: Path) -> None:
    source = read_source(path, path.name)
    expected = path.with_name(path.name + ".expected.txt").read_text(encoding="utf-8")
    expected_lines = [line for line in expected.splitlines() if line.strip()]
    body = [line for line in expected_lines if line.strip() != RUNNING_HEADER and not _page_number(line)]
    assert source.format == "ofd"
    assert _squeezed("".join(line.text for line in source.lines)) == _squeezed("".join(body))
    pages = sum(1 for line in expected_lines if _page_number(line))
    # a paragraph carried over to the last page is numbered by the page it starts on
    assert sorted({line.page for line in source.lines}) in (list(range(1, pages + 1)), list(range(1, pages)))


@needs_samples
@pytest.mark.parametrize("path", SEED_OFDS, ids=lambda p: p.name[6:9])
def test_seed_ofd_gets_the_seeds_verdicts(path: Path, rubric: Rubric) -> None:
    seed = SEEDS / (path.name.removeprefix("synth_").removesuffix(".ofd") + ".txt")
    from_ofd, from_txt = (score_input(Input(p, p.name), rubric) for p in (path, seed))
    assert from_ofd.error is None
    got = {e.id: e.status for e in from_ofd.elements}
    want = {e.id: e.status for e in from_txt.elements}
    agreement = sum(got[key] == status for key, status in want.items()) / len(want)
    assert agreement >= 0.95, {key: (got[key], want[key]) for key in want if got[key] != want[key]}
    assert from_ofd.passed == from_txt.passed


@needs_samples
@pytest.mark.parametrize(
    ("name", "first", "pages"),
    [
        ("n.ofd", "测试符路桥区卫生局文件", 2),
        ("namespace_no_std.ofd", "你好呀，OFD Reader&Writer！", 1),
        ("helloworld_with_pageblock.ofd", "你好呀，OFD Reader&Writer！", 1),
        ("999.ofd", "重庆增值税电子普通发票\t发票代码：050001700111", 5),
        ("keyword.ofd", "鲁（2020）泰安市不动产证明第0014777号", 1),
        ("SplitParagraph.ofd", "报告：", 1),
        ("y.ofd", None, 3),
        ("zsbk.ofd", "建设单位\t中华安保有限公司", 2),
    ],
)
def test_public_samples_read(name: str, first: str | None, pages: int) -> None:
    source = read_source(SAMPLES / name, name)
    if first is not None:
        assert source.lines[0].text == first
    assert max(line.page or 0 for line in source.lines) == pages


@needs_samples
def test_fake_bold_text_is_kept_once() -> None:
    text = "".join(line.text for line in read_source(SAMPLES / "zsbk.ofd", "zsbk.ofd").lines)
    assert "中华中华" not in text and "建设单位建设单位" not in text


@needs_samples
def test_pages_without_text_are_the_no_text_error() -> None:
    error = _error((SAMPLES / "h.ofd").read_bytes(), "h.ofd")
    assert error.kind == "ofd_no_text" and "没有可提取的文字" in error.text


def test_built_ofd_reads_with_page_numbers() -> None:
    source = read_source(("上报/报告.ofd", ofd_bytes(["关于2024年法治政府建设情况的报告", "一、主要举措和成效"])))
    assert [line.text for line in source.lines] == ["关于2024年法治政府建设情况的报告", "一、主要举措和成效"]
    assert {line.page for line in source.lines} == {1}


def test_xml_entities_are_refused() -> None:
    doctype = '<!DOCTYPE lol [<!ENTITY a "法治法治法治法治">]>'
    assert _error(ofd_bytes(["&a;&a;&a;&a;&a;"], content_prefix=doctype)).kind == "ofd_unsafe"


def test_zip_bomb_is_refused_before_inflating() -> None:
    assert _error(ofd_bytes(["法治政府建设"], entry_size=80 * 1024 * 1024)).kind == "ofd_too_large"


def test_missing_parts_and_broken_files_are_corrupt() -> None:
    assert _error(ofd_bytes(["法治"], drop="Doc_0/Document.xml")).kind == "ofd_corrupt"
    assert _error(ofd_bytes(["法治"], drop="OFD.xml")).kind == "ofd_corrupt"
    assert _error(ofd_bytes(["法治政府建设年度报告"])[:300]).kind == "ofd_corrupt"
    assert _error("法治政府建设年度报告".encode()).kind == "mislabelled"
