"""Word feedback letters (--letters DIR): content for a seed, 公文 layout, names, files, template errors."""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from docx import Document
from docx.shared import Pt

from rubric_check.commands.score import ScoreOptions, run
from rubric_check.discovery import discover
from rubric_check.formatters.letter_content import letter_context
from rubric_check.formatters.letter_template import LetterTemplate
from rubric_check.gate import Gate
from rubric_check.pipeline import score_input
from rubric_check.rubric.model import Rubric

sys.path.insert(0, str(ROOT / "tests" / "fixtures_build"))
from letter_template import SHIPPED, build

FAILING_SEED = "000_85fd514af7da5818.txt"  # 湖滨区卫生健康委员会, 2023: 不足的原因 (required) missing
PASSING_SEED = "001_bbfe669b9ff2da75.txt"  # 玉溪市红塔区卫生健康局, 2024: passes
FAILING_LETTER = "湖滨区卫生健康委员会-2023年度-审核意见.docx"
PASSING_LETTER = "玉溪市红塔区卫生健康局-2024年度-审核意见.docx"


def score(*paths: Path | str, **options: object) -> tuple[int, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    opts = ScoreOptions(paths=tuple(str(p) for p in paths), html_dir=None, use_config=False, **options)
    code = run(opts, stdout, stderr)
    return code, stderr.getvalue()


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph."""
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs]


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("letters") / "意见书"
    code, stderr = score(SEEDS / FAILING_SEED, SEEDS / PASSING_SEED, letters=str(out))
    assert code == 1, stderr
    return out


def test_one_letter_per_report_named_by_agency_and_year(letters: Path) -> None:
    assert sorted(p.name for p in letters.iterdir()) == sorted([FAILING_LETTER, PASSING_LETTER])


def test_a_failing_seed_gets_a_letter_addressed_to_it_with_required_gaps_first(letters: Path) -> None:
    found = paragraphs(letters / FAILING_LETTER)
    texts = [text for _, text in found]
    assert found[0] == ("公文标题", "关于湖滨区卫生健康委员会2023年度法治政府建设情况报告的审核意见")
    assert ("主送机关", "湖滨区卫生健康委员会：") in found
    assert any("《关于2023年法治政府建设情况的报告》" in t and FAILING_SEED in t for t in texts)
    verdict = texts[texts.index("一、审核结论") + 1]
    assert "得分78.8分" in verdict and "等级为“良好”" in verdict and "审核结论：未通过" in verdict
    assert "必备要素缺失：不足的原因" in verdict and "不论得分高低，均不能通过审核" in verdict
    required, others = texts.index("二、必备内容方面存在的问题"), texts.index("三、其他需要完善的方面")
    headings = [(i, text) for i, (style, text) in enumerate(found) if style == "二级标题"]
    assert headings[0] == (headings[0][0], "（一）不足的原因（缺失）") and required < headings[0][0] < others
    assert all(i > others for i, _ in headings[1:])  # every other gap is listed after the required one
    assert [t for _, t in headings[1:3]] == ["（一）年份一致（未通过检查）", "（二）落款与日期（未通过检查）"]
    suggestion = texts[texts.index("（一）不足的原因（缺失）") + 2]
    assert suggestion.startswith("修改建议：") and "究其原因" in suggestion
    assert any(t.startswith("依据：《法治政府建设与责任落实督察工作规定》") for t in texts)
    # Guidance is written for this report's year, 2023: plans for 2024, signed in early 2024.
    assert any("2023年度的报告，安排部分写“2024年工作安排”" in t for t in texts)
    assert any("如“2024年2月20日”，不晚于2024年3月1日" in t for t in texts)
    assert any(t.startswith("报告原文：") and "（第 15 行" in t for t in texts)
    body = "\n".join(texts)
    assert "{{" not in body and "{%" not in body and "××××" not in body
    assert "2025年2月" not in body and "2025年工作" not in body and "2024年推进" not in body


def test_a_passing_seed_is_told_so(letters: Path) -> None:
    texts = [text for _, text in paragraphs(letters / PASSING_LETTER)]
    verdict = texts[texts.index("一、审核结论") + 1]
    assert "审核结论：通过" in verdict and "不能通过" not in verdict
    assert "（一）不足的原因（部分符合）" in texts  # a required part only partly written does not fail it


def test_the_letter_has_the_layout_of_an_official_document(letters: Path) -> None:
    document = Document(str(letters / FAILING_LETTER))
    section = document.sections[0]
    sizes = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in (*sizes, *margins)] == [210, 297, 37, 35, 28, 26]
    fonts = {}
    for name in ("Normal", "公文标题", "一级标题", "二级标题"):
        style = document.styles[name]
        east_asia = style.element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        fonts[name] = (east_asia, style.font.size)
    assert fonts == {
        "Normal": ("仿宋_GB2312", Pt(16)),
        "公文标题": ("方正小标宋简体", Pt(22)),
        "一级标题": ("黑体", Pt(16)),
        "二级标题": ("楷体_GB2312", Pt(16)),
    }
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "— " in footer


def test_report_text_is_escaped_in_the_letter(rubric: Rubric) -> None:
    [item] = discover([str(SEEDS / FAILING_SEED)], {".txt"})
    context = letter_context(score_input(item, rubric), rubric, Gate())
    context["agency"] = "湖滨区<w:t>&amp;\f局"
    context["required_gaps"][0] = context["required_gaps"][0]._replace(guidance="写明{{ agency }}</w:p>原因")
    template = LetterTemplate.load(None, rubric, Gate())
    texts = [p.text for p in Document(io.BytesIO(template.fill(context))).paragraphs]
    assert texts[0] == "关于湖滨区<w:t>&amp;局2023年度法治政府建设情况报告的审核意见"
    assert "修改建议：写明{{ agency }}</w:p>原因" in texts  # shown as written: neither markup nor a tag


def test_two_reports_of_one_office_and_year_get_two_letters(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEEDS / FAILING_SEED, tmp_path / folder / "报告.txt")
    out = tmp_path / "out"
    code, stderr = score(tmp_path, letters=str(out))
    assert code == 1, stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and FAILING_LETTER in names
    assert next(n for n in names if n != FAILING_LETTER).startswith("湖滨区卫生健康委员会-2023年度-")


def test_letters_are_the_same_bytes_every_run_and_old_letters_are_not_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEEDS / FAILING_SEED, folder)
    out = folder / "letters"
    score(folder, letters=str(out))
    first = (out / FAILING_LETTER).read_bytes()
    code, stderr = score(folder, letters=str(out))  # the first run's letter sits inside the input folder
    assert code == 1 and "无法读取" not in stderr
    assert [p.name for p in out.iterdir()] == [FAILING_LETTER]
    assert (out / FAILING_LETTER).read_bytes() == first
    with zipfile.ZipFile(out / FAILING_LETTER) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_folder_or_fifo_named_like_a_letter_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / FAILING_LETTER).mkdir(parents=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(out / PASSING_LETTER)
    code, stderr = score(SEEDS / FAILING_SEED, SEEDS / PASSING_SEED, letters=str(out))
    assert code == 1
    assert (out / FAILING_LETTER).is_dir() and f"未写入审核意见书 {out / FAILING_LETTER}" in stderr
    assert not any(p.name.endswith(".tmp") for p in out.iterdir())


def test_the_shipped_template_is_the_builder_output(tmp_path: Path) -> None:
    fresh = build(tmp_path / "letter.docx")
    with zipfile.ZipFile(SHIPPED) as shipped, zipfile.ZipFile(fresh) as built:
        for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"):
            assert shipped.read(part) == built.read(part), part


# --- an office's own template ---------------------------------------------------------------------


def office_template(path: Path, *lines: str, split: bool = False) -> Path:
    """A template as an office might save it from Word; with ``split``, each tag broken across runs."""
    document = Document(str(SHIPPED))
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)
    for line in lines:
        paragraph = document.add_paragraph()
        if split and len(line) > 4:
            half = len(line) // 2
            paragraph.add_run(line[:half])
            paragraph.add_run(line[half:]).bold = True
        else:
            paragraph.add_run(line)
    document.save(str(path))
    return path


def test_an_edited_template_with_tags_split_across_runs_is_filled(tmp_path: Path) -> None:
    template = office_template(
        tmp_path / "本局模板.docx",
        "致{{ agency }}：{{ year }}年度报告得分{{ score }}分。",
        "{%p for gap in required_gaps %}",
        "{{ gap.number }}、{{ gap.name }}：{{ gap.guidance }}",
        "{%p endfor %}",
        "东皋区司法局",
        split=True,
    )
    out = tmp_path / "out"
    code, stderr = score(SEEDS / FAILING_SEED, letters=str(out), letter_template=str(template))
    assert code == 1, stderr
    texts = [text for _, text in paragraphs(out / FAILING_LETTER)]
    assert texts[0] == "致湖滨区卫生健康委员会：2023年度报告得分78.8分。"
    assert texts[1].startswith("一、不足的原因：在“存在的不足”之后写明原因分析") and texts[-1] == "东皋区司法局"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["{{ agncy }}：您好"], ["标记“{{ agncy }}”使用了未知的变量“agncy”", "可用的变量：agency、year"]),
        (
            ["{%p for gap in other_gaps %}", "{{ gap.nmae }}", "{%p endfor %}"],
            ["标记“{{ gap.nmae }}”无法填写：没有名为“nmae”的内容", "number、name、label"],
        ),
        (
            ["{%p for gap in other_gaps %}", "{{ gap.name }}"],
            ["“{%p for gap in other_gaps %}”写法有误：缺少与之配对的结束标记"],
        ),
        (["{%p if passed %}", "通过", "{%p endfo %}"], ["标记“{%p endfo %}”写法有误", "“endfo”不是可用的标记"]),
        (["得分{{ score }分"], ["写法有误"]),
        (["{{ agency.__class__.__mro__ }}"], ["审核意见书模板"]),
    ],
)
def test_template_mistakes_stop_the_run_in_chinese_naming_template_and_tag(
    tmp_path: Path, lines: list[str], expected: list[str]
) -> None:
    template = office_template(tmp_path / "本局模板.docx", *lines)
    out = tmp_path / "out"
    code, stderr = score(SEEDS / FAILING_SEED, letters=str(out), letter_template=str(template))
    assert code == 2 and not out.exists(), stderr
    assert f"审核意见书模板 {template}" in stderr
    for words in expected:
        assert words in stderr
    assert "Traceback" not in stderr and "jinja" not in stderr.lower()


def test_a_template_that_is_no_word_file_or_is_missing_is_explained(tmp_path: Path) -> None:
    text = tmp_path / "模板.docx"
    text.write_text("不是 Word 文件", encoding="utf-8")
    code, stderr = score(SEEDS / FAILING_SEED, letters=str(tmp_path / "out"), letter_template=str(text))
    assert code == 2 and f"审核意见书模板 {text} 不是可用的 Word 文件" in stderr and "另存为" in stderr
    missing = tmp_path / "没有.docx"
    code, stderr = score(SEEDS / FAILING_SEED, letters=str(tmp_path / "out"), letter_template=str(missing))
    assert code == 2 and f"找不到审核意见书模板 {missing}" in stderr


def test_a_config_file_names_the_folder_and_the_template_relative_to_itself(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    office_template(project / "本局模板.docx", "{{ agency }}：{{ verdict }}")
    config = project / "rubric-check.yaml"
    config.write_text("outputs:\n  letters: 意见书\n  letter_template: 本局模板.docx\n", encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    options = ScoreOptions(paths=(str(SEEDS / FAILING_SEED),), html_dir=None, config=str(config))
    assert run(options, stdout, stderr) == 1, stderr.getvalue()
    [letter] = (project / "意见书").iterdir()
    assert [p.text for p in Document(str(letter)).paragraphs] == ["湖滨区卫生健康委员会：未通过"]


def test_a_letters_folder_that_is_a_file_stops_the_run_before_scoring(tmp_path: Path) -> None:
    taken = tmp_path / "意见书"
    taken.write_text("不是文件夹", encoding="utf-8")
    code, stderr = score(SEEDS / FAILING_SEED, letters=str(taken))
    assert code == 2 and f"--letters 需要一个文件夹，但 {taken} 是一个文件" in stderr
    assert taken.read_text(encoding="utf-8") == "不是文件夹"


def test_a_template_with_broken_word_xml_is_explained_without_the_librarys_english(tmp_path: Path) -> None:
    broken = tmp_path / "坏模板.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>未闭合")
    code, stderr = score(SEEDS / FAILING_SEED, letters=str(tmp_path / "out"), letter_template=str(broken))
    assert code == 2 and f"审核意见书模板 {broken} 不是可用的 Word 文件" in stderr
    allowed = (str(broken), "Word", "docx", "RUBRIC_CHECK_LOG")  # what the message names on purpose
    rest = stderr
    for word in allowed:
        rest = rest.replace(word, "")
    assert not re.search(r"[A-Za-z]{3,}", rest), stderr
