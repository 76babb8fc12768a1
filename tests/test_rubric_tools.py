"""Rubric authoring: validate (line-accurate, all errors at once), test, show, explain, extends, eval."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, SEEDS

from rubric_check.commands import evaluate, explain, rubric_tools
from rubric_check.errors import RubricError
from rubric_check.rubrics import load_rubric

BROKEN = """\
id: broken
name: 坏细则
version: "1"
pass_score: 60
grades: [{name: 合格, min: 60}, {name: 不合格, min: 0}]
sections:
  plans: {name: 下一年度安排, phrases: [下一步]}
elements:
  - id: a
    name: 甲
    description: 说明。
    basis: 依据。
    severity: mandatory
    weight: 1
    guidance: 补充。
    met:
      text: {regex: ['\\b普法\\b']}
    examples: [{status: met, text: 普法}, {status: missing, text: 无}]
  - id: b
    name: 乙
    description: 说明。
    basis: 依据。
    severity: required
    weight: 1
    guidance: 补充。
    met:
      text: {phrases: [复议], in: [plan]}
    examples: [{status: met, text: 复议}, {status: missing, text: 无}]
"""


def call(function, *args):  # type: ignore[no-untyped-def]
    out, err = io.StringIO(), io.StringIO()
    code = function(*args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_validate_reports_several_line_accurate_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    code, _, err = call(rubric_tools.validate, str(path))
    assert code == 2
    assert f"{path} 第 13 行第 15 列：elements[0]（id: a） → severity：取值应为以下之一" in err
    # a schema-valid file is compiled too, so semantic problems of other elements are reported as well
    fixed = BROKEN.replace("severity: mandatory", "severity: required")
    path.write_text(fixed, encoding="utf-8")
    code, _, err = call(rubric_tools.validate, str(path))
    assert code == 2
    assert "共 2 处错误" in err
    assert f"{path} 第 17 行第 13 列" in err and "\\b" in err
    assert f"{path} 第 27 行第 33 列" in err and "未定义的章节类型“plan”" in err


def test_validate_ok_for_every_bundled_rubric_and_the_example() -> None:
    for name in ("default", "local-gov", "township", str(ROOT / "rubric/examples/district-judicial.yaml")):
        code, out, _ = call(rubric_tools.validate, name)
        assert code == 0 and "有效" in out, name


def test_rubric_test_lists_failing_examples_with_id_and_snippet(tmp_path: Path) -> None:
    path = tmp_path / "wrong.yaml"
    path.write_text(
        "extends: default\nid: wrong\nname: 错\nversion: '1'\noverride:\n  pufa:\n"
        "    examples: [{status: met, text: 全年办理案件三十件。}, {status: missing, text: 开展普法宣传。}]\n",
        encoding="utf-8",
    )
    code, out, _ = call(rubric_tools.test, str(path))
    assert code == 1
    assert "失败  pufa 示例1：期望“符合”，实际“缺失”" in out and "全年办理案件三十件" in out
    assert "失败  pufa 示例2：期望“缺失”，实际“符合”" in out
    assert "失败 2 个" in out


def test_every_bundled_rubric_passes_its_examples() -> None:
    for name in ("default", "local-gov", "township", str(ROOT / "rubric/examples/district-judicial.yaml")):
        code, out, _ = call(rubric_tools.test, name)
        assert code == 0, out


def test_show_lists_weights_and_shares() -> None:
    code, out, _ = call(rubric_tools.show, "default")
    assert code == 0
    assert out.splitlines()[0].split() == ["编号", "名称", "必要性", "权重", "占总分"]
    rubric = load_rubric()
    measures = next(e for e in rubric.elements if e.id == "measures")
    assert "measures" in out and "必备" in out and f"{100 * measures.weight / rubric.total_weight:.1f}%" in out
    total = f"{rubric.total_weight:g}"
    assert f"合计 {len(rubric.elements)} 个要素，总权重 {total}" in out


def test_explain_uses_the_rubrics_words() -> None:
    rubric = load_rubric()
    element = next(e for e in rubric.elements if e.id == "three-systems")
    code, out, _ = call(explain.run, "three-systems", None)
    assert code == 0
    for text in (element.name, element.description, element.basis, element.guidance):
        assert text in out
    code, _, err = call(explain.run, "no-such-id", None)
    assert code == 2 and "没有名称或编号为“no-such-id”的要素" in err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_extension_chain_with_overrides_disabling_and_additions(tmp_path: Path) -> None:
    write(
        tmp_path / "middle.yaml",
        "extends: default\nid: middle\nname: 中\nversion: '1'\ndisable: [shu-fa]\n"
        "override:\n  pufa: {weight: 9, severity: required}\n",
    )
    write(
        tmp_path / "top.yaml",
        "extends: middle.yaml\nid: top\nname: 上\nversion: '2'\npass_score: 70\n"
        "override:\n  pufa: {guidance: 写普法。}\n  legal-counsel: {partial: null}\n"
        "elements:\n" + _extra_element("local-extra"),
    )
    rubric = load_rubric(str(tmp_path / "top.yaml"))
    ids = [e.id for e in rubric.elements]
    assert "shu-fa" not in ids and ids[-1] == "local-extra" and len(ids) == len(load_rubric().elements)
    pufa = next(e for e in rubric.elements if e.id == "pufa")
    assert (pufa.weight, pufa.severity, pufa.guidance) == (9, "required", "写普法。")
    assert next(e for e in rubric.elements if e.id == "legal-counsel").partial is None
    assert (rubric.id, rubric.pass_score) == ("top", 70)


def _extra_element(element_id: str) -> str:
    return (
        f"  - id: {element_id}\n    name: 额外\n    description: 说明。\n    basis: 依据。\n"
        "    severity: recommended\n    weight: 2\n    guidance: 补充。\n"
        "    met: {text: {phrases: [执法协调监督]}}\n"
        "    examples: [{status: met, text: 执法协调监督。}, {status: missing, text: 无。}]\n"
    )


def test_extension_errors_cycle_unknown_ids_and_duplicates(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "extends: b.yaml\nid: a\nname: 甲\nversion: '1'\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\nid: b\nname: 乙\nversion: '1'\n")
    with pytest.raises(RubricError, match="extends 形成循环"):
        load_rubric(str(tmp_path / "a.yaml"))
    bad = write(
        tmp_path / "bad.yaml",
        "extends: default\nid: bad\nname: 坏\nversion: '1'\ndisable: [nope]\noverride:\n  ghost: {weight: 1}\n"
        "elements:\n" + _extra_element("pufa"),
    )
    with pytest.raises(RubricError) as caught:
        load_rubric(str(bad))
    text = caught.value.text
    assert f"{bad} 第 5 行第 11 列" in text and "没有编号为“nope”的继承要素，无法停用" in text
    assert "没有编号为“ghost”的继承要素，无法修改" in text
    assert "要素“pufa”已从上级细则继承" in text


def test_override_that_breaks_an_element_points_at_the_override(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "o.yaml", "extends: default\nid: o\nname: 改\nversion: '1'\noverride:\n  pufa:\n    weight: -3\n"
    )
    with pytest.raises(RubricError) as caught:
        load_rubric(str(bad))
    assert f"{bad} 第 7 行第 13 列" in caught.value.text


def test_example_local_rubric_scores_the_seeds() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rubric_check",
            "score",
            "--no-html",
            "--json",
            "-",
            "--rubric",
            str(ROOT / "rubric/examples/district-judicial.yaml"),
            str(SEEDS),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    document = json.loads(result.stdout)
    assert document["rubric"]["id"] == "district-example"
    ids = [e["id"] for e in document["reports"][0]["elements"]]
    assert "enforcement-coordination" in ids and "emergency-response" not in ids


def test_eval_table_and_json() -> None:
    code, out, _ = call(evaluate.run, str(DATA / "seeds-gold.yaml"), [str(SEEDS)], None, None)
    assert code == 0 and "总体一致度" in out and "通过结论一致 5/5" in out
    code, out, _ = call(evaluate.run, str(DATA / "seeds-gold.yaml"), [str(SEEDS)], None, "-")
    figures = json.loads(out)
    labels = yaml.safe_load((DATA / "seeds-gold.yaml").read_text(encoding="utf-8"))["reports"]
    assert figures["compared"] == sum(len(r["elements"]) for r in labels.values())
    assert figures["gates"] == {"checked": 5, "right": 5}
    assert set(figures["elements"]["measures"]) == {"agreement", "confusion"}


def test_eval_with_unreadable_labels_exits_2(tmp_path: Path) -> None:
    code, _, err = call(evaluate.run, str(tmp_path / "none.yaml"), [str(SEEDS)], None, None)
    assert code == 2 and "无法读取标注文件" in err


def test_bundled_rubrics_reference_the_published_schema() -> None:
    for name in ("default", "local-gov", "township"):
        first = (ROOT / "rubric" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./rubric.schema.json"
