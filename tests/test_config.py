"""Configuration: found upward, YAML or pyproject, validated (exit 2 naming file and key), CLI wins."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS

from rubric_check.commands import config as config_command
from rubric_check.commands.score import ScoreOptions, run
from rubric_check.config import ConfigError, find_config, load_settings, matches, read_config
from rubric_check.gate import Gate, parse_policy
from rubric_check.rubric.model import Rubric

PASSING = SEEDS / "003_0e13b6e94c52ef29.txt"
FAILING = SEEDS / "000_85fd514af7da5818.txt"


def score(cwd: Path, monkeypatch: pytest.MonkeyPatch, *paths: str, **options) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    out, err = io.StringIO(), io.StringIO()
    options.setdefault("html_explicit", False)
    code = run(ScoreOptions(paths=tuple(paths), **options), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    drafts = tmp_path / "drafts"
    (drafts / "归档").mkdir(parents=True)
    shutil.copy(PASSING, drafts / "a.txt")
    shutil.copy(FAILING, drafts / "归档" / "old.txt")
    return tmp_path


def test_found_upward_and_paths_relative_to_the_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "rubric-check.yaml").write_text(
        "paths: drafts\nexclude: ['drafts/归档/**']\noutputs:\n  html: false\n  markdown: out/summary.md\n",
        encoding="utf-8",
    )
    sub = project / "drafts" / "归档"
    assert find_config(sub) == project / "rubric-check.yaml"
    code, out, _ = score(sub, monkeypatch)
    assert code == 0, out
    assert "../a.txt" in out and "old.txt" not in out  # paths relative to the working directory
    assert (project / "out" / "summary.md").is_file() and not (project / "reports_out").exists()


def test_pyproject_section(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "drafts"\n\n[tool.rubric-check]\npaths = ["drafts"]\npass_score = 95\n', encoding="utf-8"
    )
    settings = load_settings({}, cwd=project)
    assert settings.config and settings.config.path.name == "pyproject.toml"
    assert settings["pass_score"] == 95 and settings.sources["pass_score"] == "config"
    code, out, _ = score(project, monkeypatch, html_dir=None, html_explicit=True)
    assert code == 1 and "未通过" in out  # 90.6 < 95
    (project / "other").mkdir()
    (project / "other" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(project / "other") == project / "pyproject.toml"  # no section: keep looking


def test_command_line_overrides_config(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "rubric-check.yaml").write_text("paths: [drafts]\npass_score: 95\nfail_on: score\n", encoding="utf-8")
    assert score(project, monkeypatch, html_dir=None, html_explicit=True)[0] == 1
    assert score(project, monkeypatch, html_dir=None, html_explicit=True, min_score=50)[0] == 0
    assert score(project, monkeypatch, "drafts/a.txt", html_dir=None, html_explicit=True, min_score=50)[0] == 0
    settings = load_settings({"pass_score": 50, "fail_on": "required"}, cwd=project)
    assert settings.sources["pass_score"] == "cli" and settings.fail_on == ("required",)
    assert settings.sources["paths"] == "config" and settings.sources["rubric"] == "default"


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("pass_scor: 60\n", "pass_scor", "未知的键"),
        ("pass_score: 150\n", "pass_score", "超出范围"),
        ("fail_on: [required, sometimes]\n", "fail_on[1]", "不是有效的不通过条件"),
        ("fail_on: 'required+often'\n", "fail_on", "不是有效的不通过条件"),
        ("outputs:\n  sarif: 3\n", "outputs.sarif", "类型不对"),
        ("outputs:\n  pdf: x\n", "outputs.pdf", "未知的键"),
        ("paths: []\n", "paths", ""),
    ],
)
def test_invalid_config_exits_2_naming_file_and_key(
    project: Path, monkeypatch: pytest.MonkeyPatch, text: str, key: str, words: str
) -> None:
    (project / "rubric-check.yaml").write_text(text, encoding="utf-8")
    code, out, err = score(project, monkeypatch, "drafts")
    assert code == 2 and out == ""
    assert "rubric-check.yaml" in err and f"“{key}”" in err and words in err


def test_invalid_yaml_and_toml(tmp_path: Path) -> None:
    (tmp_path / "rubric-check.yaml").write_text("paths: [drafts\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是有效的 YAML"):
        read_config(tmp_path / "rubric-check.yaml")
    (tmp_path / "rubric-check.yaml").write_text("!!python/object:os.system ls\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是有效的 YAML"):  # safe_load only
        read_config(tmp_path / "rubric-check.yaml")
    bad = tmp_path / "p" / "pyproject.toml"
    bad.parent.mkdir()
    bad.write_text("[tool.rubric-check]\npass_score = = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是有效的 TOML"):
        read_config(find_config(bad.parent) or bad)
    (bad.parent / "pyproject.toml").write_text("[tool.rubric-check]\nfail-on = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tool\.rubric-check\.fail-on"):
        read_config(bad)


def test_bad_fail_on_option_is_a_usage_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = score(project, monkeypatch, "drafts", fail_on="sometimes", use_config=False)
    assert code == 2 and "--fail-on" in err


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("归档/**", "drafts/归档/x.txt", False),
        ("**/归档/**", "drafts/归档/x.txt", True),
        ("归档", "drafts/归档/x.txt", True),
        ("*草稿*", "drafts/一稿草稿.txt", True),
        ("drafts/*.txt", "drafts/a.txt", True),
        ("drafts/*.txt", "drafts/b/a.txt", False),
        ("drafts/**/*.txt", "drafts/b/c/a.txt", True),
        ("drafts/**/*.txt", "drafts/a.txt", True),
        ("*.docx", "a.txt", False),
        ("drafts/[ab].txt", "drafts/a.txt", True),
        ("drafts/[ab].txt", "drafts/c.txt", False),
        ("drafts\\*.txt", "drafts/a.txt", True),
    ],
)
def test_globs(pattern: str, path: str, hit: bool) -> None:
    assert matches(path, [pattern]) is hit


def test_negation_keeps_a_file_back() -> None:
    assert matches("drafts/草稿.txt", ["drafts/*.txt"])
    assert not matches("drafts/终稿.txt", ["drafts/*.txt", "!drafts/终稿.txt"])


def test_include_globs_and_all_excluded(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "rubric-check.yaml").write_text("include: ['drafts/归档/*']\nexclude: ['*.md']\n", encoding="utf-8")
    code, out, _ = score(project, monkeypatch, "drafts", html_dir=None, html_explicit=True)
    assert code == 1 and "old.txt" in out and "a.txt" not in out
    (project / "notes.md").write_text("# 笔记\n", encoding="utf-8")
    code, _, err = score(project, monkeypatch, "notes.md", html_dir=None, html_explicit=True)
    assert code == 0 and "都被配置中的 include/exclude 排除" in err  # e.g. pre-commit passed only excluded files


def test_fail_policies(rubric: Rubric) -> None:
    from out_support import seed_results

    failing, passing = seed_results()  # failing: required missing, 77.4; passing: 90.6, recommended missing
    assert parse_policy("required+score") == parse_policy(["score", "required"]) == ("required", "score")
    assert parse_policy("none") == ()
    with pytest.raises(ValueError, match="often"):
        parse_policy("required,often")
    default = Gate()
    assert [default.apply(r, rubric).passed for r in (failing, passing)] == [failing.passed, passing.passed]
    assert [Gate(("score",)).apply(r, rubric).passed for r in (failing, passing)] == [True, True]
    assert [Gate(("score",), 95).apply(r, rubric).passed for r in (failing, passing)] == [False, False]
    assert [Gate(("any-missing",)).apply(r, rubric).passed for r in (failing, passing)] == [False, False]
    assert [Gate(()).apply(r, rubric).passed for r in (failing, passing)] == [True, True]
    reasons = Gate(("required", "any-missing")).reasons(failing, rubric)
    assert reasons[0].startswith("必备要素缺失：不足的原因") and "不足的原因" not in reasons[1]


def test_config_command_shows_values_and_sources(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "rubric-check.yaml").write_text("paths: drafts\nfail_on: [any-missing]\n", encoding="utf-8")
    monkeypatch.chdir(project / "drafts")
    out, err = io.StringIO(), io.StringIO()
    assert config_command.run(None, True, False, out, err) == 0
    text = out.getvalue()
    assert str(project / "rubric-check.yaml") in text
    line = next(line for line in text.splitlines() if line.startswith("fail_on"))
    assert "any-missing" in line and "配置文件" in line and "（fail_on）" in line
    assert "默认值" in next(line for line in text.splitlines() if line.startswith("rubric "))
    out = io.StringIO()
    assert config_command.run(None, True, True, out, err) == 0
    document = json.loads(out.getvalue())
    assert document["settings"]["paths"] == {"value": ["."], "source": "config"}
    (project / "rubric-check.yaml").write_text("bogus: 1\n", encoding="utf-8")
    assert config_command.run(None, True, False, io.StringIO(), err) == 2 and "“bogus”" in err.getvalue()
