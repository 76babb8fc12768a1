"""Issue 14: the tool under real use. One test (or a few) per finding, each reproducing what a user did.

1 unwritable outputs · 2 English reaching users · 3 unsupported files skipped silently · 4 an output
folder that drifts · 5 explain, --help, README · 6 Windows · and outputs renamed over device nodes.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, SEEDS

from rubric_check import atomic
from rubric_check.cli import main
from rubric_check.commands.score import ScoreOptions, run
from rubric_check.discovery import survey
from rubric_check.documents import office, readers
from rubric_check.errors import OutputError, os_reason
from rubric_check.formatters.html_folder import MANIFEST_NAME
from rubric_check.formatters.html_names import INDEX_NAME, report_name
from rubric_check.formatters.terminal import TerminalFormatter
from rubric_check.user_files import decode_user_text

PASSING = SEEDS / "001_bbfe669b9ff2da75.txt"
FAILING = SEEDS / "000_85fd514af7da5818.txt"
# Words of English messages that reached users before (click, PyYAML, the OS, LibreOffice, zipfile).
ENGLISH = re.compile(
    r"No such|not a valid|requires an argument|unexpected extra|does not take|mapping values|"
    r"could not|Permission denied|Read-only|Is a directory|Not a directory|No such file|Error:|Traceback|"
    r"codec can't|File is not a zip"
)


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rubric_check", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def score(*paths: str | Path, **options: object) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(ScoreOptions(paths=tuple(str(p) for p in paths), **options), stdout, stderr)  # type: ignore[arg-type]
    return code, stdout.getvalue(), stderr.getvalue()


def copy_seeds(folder: Path, names: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        if not names or seed.name in names:
            shutil.copy(seed, folder / seed.name)
    return folder


# ── 1. Unwritable output: Chinese, the target named (never a temporary file), exit 2 ───────────────


def test_read_only_folder_is_exit_2_in_chinese_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cd` into a read-only folder and score: the default reports_out cannot be made."""
    monkeypatch.chdir(tmp_path)

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    code, _, stderr = score(PASSING, html_dir="reports_out")
    assert code == 2
    assert "无法写入 reports_out" in stderr and "只读" in stderr and not ENGLISH.search(stderr)


def test_write_failure_names_the_target_never_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    target = tmp_path / "r.json"
    code, _, stderr = score(PASSING, json=str(target), html_dir=None)
    assert code == 2
    assert f"无法写入 {target}" in stderr and "磁盘空间不足" in stderr
    assert ".tmp" not in stderr and not list(tmp_path.iterdir())  # no temporary file left behind


def test_json_given_a_folder_and_html_given_a_file(tmp_path: Path) -> None:
    result = cli("score", "--no-html", "--json", str(tmp_path), str(PASSING))
    assert result.returncode == 2
    assert f"无法写入 {tmp_path}：这是一个文件夹" in result.stderr and ".tmp" not in result.stderr
    readme = tmp_path / "README.md"
    readme.write_text("说明\n", encoding="utf-8")
    result = cli("score", "--html", str(readme), str(PASSING))
    assert result.returncode == 2 and not ENGLISH.search(result.stderr)
    assert f"--html 需要一个文件夹，但 {readme} 是一个文件" in result.stderr
    assert readme.read_text(encoding="utf-8") == "说明\n"


def test_json_under_a_file_is_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = cli("score", "--no-html", "--json", str(blocker / "r.json"), str(PASSING))
    assert result.returncode == 2 and f"无法写入 {blocker / 'r.json'}" in result.stderr
    assert "不是文件夹" in result.stderr and not ENGLISH.search(result.stderr)


def test_eval_json_write_failure_is_exit_2(tmp_path: Path) -> None:
    labels = tmp_path / "labels.yaml"
    labels.write_text("{}\n", encoding="utf-8")
    result = cli("eval", str(labels), str(PASSING), "--json", str(tmp_path))
    assert result.returncode == 2 and "这是一个文件夹" in result.stderr and not ENGLISH.search(result.stderr)


def test_a_full_temporary_folder_is_exit_2_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The JSON and the CI outputs spool in the temp folder until the end: a full disk there too."""
    from rubric_check.formatters import spool

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(spool.tempfile, "TemporaryFile", full)
    code, _, stderr = score(PASSING, json="-", html_dir=None)
    assert code == 2 and "临时文件夹" in stderr and "磁盘空间不足" in stderr and not ENGLISH.search(stderr)


def test_a_letter_that_cannot_be_written_is_warned_about_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A letter lost to a full disk costs that letter, not the batch; the warning names it."""
    real_replace = atomic.os.replace

    def full_for_letters(source: str, target: str | Path) -> None:
        if str(target).endswith(".docx"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", full_for_letters)
    code, _, stderr = score(FAILING, html_dir=None, letters=str(tmp_path / "意见书"))
    assert code == 1, stderr
    assert "审核意见.docx：磁盘空间不足" in stderr and not ENGLISH.search(stderr)


# ── The serious one: never rename over a device node or FIFO ──────────────────────────────────────


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="creating a device node needs root")
def test_json_to_a_device_node_writes_through_it_and_keeps_the_node(tmp_path: Path) -> None:
    """As root, `--json /dev/null` once replaced the system's /dev/null with a regular file."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    link = tmp_path / "null-link"
    link.symlink_to(null)
    for target in (null, link):
        result = cli("score", "--no-html", "--json", str(target), str(PASSING))
        assert result.returncode == 0, result.stderr
        assert stat.S_ISCHR(os.stat(null).st_mode) and os.stat(null).st_rdev == os.makedev(1, 3)
    assert link.is_symlink() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_json_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, stderr = score(PASSING, json=str(fifo), html_dir=None)
    reader.join(timeout=30)
    assert code == 0, stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received[0])["summary"]["reports"] == 1


def test_symlink_to_a_regular_file_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic.write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


# ── 2. Every message Chinese ──────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["scor", "x"], "没有命令 scor。您是不是想输入 score？"),
        (["rubric", "valdate"], "没有命令 valdate。您是不是想输入 validate？"),
        (["score", "--jobs", "abc", "x"], "参数 --jobs 的取值无效：“abc”不是整数。"),
        (["score", "--min-score", "高", "x"], "参数 --min-score 的取值无效：“高”不是数字。"),
        (["score", "--html"], "选项 --html 后面需要给出一个值。"),
        (["score", "--jsn", "x"], "没有选项 --jsn。您是不是想输入 --json？"),
        (["score", "--no-html=1", "x"], "选项 --no-html 不带值"),
        (["explain", "a", "b"], "多出了参数：b。"),
    ],
)
def test_click_usage_errors_are_chinese(args: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    err = capsys.readouterr().err
    assert exited.value.code == 2 and expected in err, err
    assert "--help" in err and not ENGLISH.search(err)


def test_yaml_syntax_errors_give_line_and_column_in_chinese(tmp_path: Path) -> None:
    rubric = tmp_path / "细则.yaml"
    rubric.write_text("id: x\nname: 测试\nelements:\n  - id: a\n    name: b: c\n", encoding="utf-8")
    result = cli("rubric", "validate", str(rubric))
    assert result.returncode == 2 and "第 5 行第 12 列" in result.stderr and "冒号" in result.stderr
    config = tmp_path / "rubric-check.yaml"
    config.write_text("exclude:\n\t- 草稿\n", encoding="utf-8")
    result = cli("config", "--config", str(config))
    assert result.returncode == 2 and "第 2 行第 1 列" in result.stderr and "Tab" in result.stderr
    for text in (result.stderr,):
        assert not ENGLISH.search(text) and "scanning" not in text


def test_toml_errors_are_chinese(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.rubric-check]\npass_score = = 3\n", encoding="utf-8")
    result = cli("config", cwd=tmp_path)
    assert result.returncode == 2 and "第 2 行" in result.stderr and "TOML 格式有误" in result.stderr
    assert "Invalid" not in result.stderr and "Expected" not in result.stderr


def test_regex_errors_in_a_rubric_are_chinese(tmp_path: Path) -> None:
    rubric = tmp_path / "r.yaml"
    rubric.write_text(
        "extends: default\nid: r\nname: 测试\nversion: '1'\noverride:\n  shu-fa:\n"
        "    met: {text: {regex: ['述法(']}}\n",
        encoding="utf-8",
    )
    result = cli("rubric", "validate", str(rubric))
    assert result.returncode == 2 and "缺少右括号" in result.stderr and "missing" not in result.stderr


def test_corrupt_word_file_message_has_no_library_text(tmp_path: Path) -> None:
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    result = cli("score", "--no-html", str(broken))
    assert result.returncode == 3 and "坏.docx" in result.stdout and "无法解析" in result.stdout
    assert not ENGLISH.search(result.stdout + result.stderr)


def test_operating_system_errors_are_described_in_chinese() -> None:
    assert (
        os_reason(PermissionError(errno.EACCES, "Permission denied"))
        == "没有权限（文件或文件夹只读、被保护，或正被其他程序使用）"
    )
    sharing = PermissionError(errno.EACCES, "The process cannot access the file")
    sharing.winerror = 32  # type: ignore[attr-defined]  # Windows: the file is open in Excel
    assert "正被其他程序（如 Word、Excel、WPS）打开" in os_reason(sharing)
    assert "错误码" in os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))


def test_gbk_utf8_bom_and_utf16_config_and_rubric_files(tmp_path: Path) -> None:
    """Notepad's "ANSI" on Chinese Windows is GBK; its "UTF-8" has a BOM."""
    assert decode_user_text("名称".encode("utf-16")) == "名称"
    for number, encoding in enumerate(("gbk", "utf-8-sig", "utf-8")):
        project = tmp_path / str(number)
        copy_seeds(project / "草稿", (PASSING.name,))
        (project / "rubric-check.yaml").write_text("# 本局配置\npaths: [草稿]\npass_score: 50\n", encoding=encoding)
        (project / "本局细则.yaml").write_text(
            "extends: default\nid: local\nname: 本局细则（GBK）\nversion: '1'\n", encoding=encoding
        )
        result = cli("score", "--no-html", "--rubric", "本局细则.yaml", "--json", "-", cwd=project)
        assert result.returncode == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["rubric"]["name"] == "本局细则（GBK）" and document["summary"]["reports"] == 1


def test_undecodable_rubric_says_how_to_save_it(tmp_path: Path) -> None:
    rubric = tmp_path / "r.yaml"
    rubric.write_bytes(b"id: \xff\xfe\xfd\x81\x30")
    result = cli("rubric", "validate", str(rubric))
    assert result.returncode == 2 and "UTF-8" in result.stderr and "codec" not in result.stderr


# ── 3. Nothing skipped silently ───────────────────────────────────────────────────────────────────


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = copy_seeds(tmp_path / "报告")
    (folder / "报告.rtf").write_text("{\\rtf1 x}", encoding="ascii")
    with zipfile.ZipFile(folder / "某局报告.odt", "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with zipfile.ZipFile(folder / "统计表.xlsx", "w") as sheet:
        sheet.writestr("xl/workbook.xml", "<workbook/>")
    (folder / "~$报告.docx").write_bytes(b"lock")  # an Office lock file: never a report, never listed
    return folder


def test_unsupported_files_are_listed_with_a_fix_everywhere(mixed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = score(
        mixed_folder, html_dir=str(out), json=str(tmp_path / "r.json"), markdown=str(tmp_path / "r.md")
    )
    assert code == 1  # the same verdict as for the reports alone: skipped files are not errors
    assert "另有 3 个文件不是支持的报告格式，未检查" in stdout
    assert "报告.rtf：.rtf 文件：这是 RTF 文档，请用 Word 或 WPS 打开，“另存为” .docx 后再检查" in stdout
    assert (
        "某局报告.odt：.odt 文件：这是 OpenDocument 文档" in stdout
        and "统计表.xlsx：.xlsx 文件：这是电子表格" in stdout
    )
    assert "~$" not in stdout
    skipped = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["skipped"]
    assert [Path(s["path"]).name for s in skipped] == ["报告.rtf", "某局报告.odt", "统计表.xlsx"]
    assert all(s["reason"] for s in skipped)
    assert "未检查的文件（3）" in (tmp_path / "r.md").read_text(encoding="utf-8")
    index = (out / INDEX_NAME).read_text(encoding="utf-8")
    assert 'id="skipped"' in index and "某局报告.odt" in index and "OpenDocument" in index


def test_only_skipped_files_still_says_which(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "报告.rtf").write_text("{\\rtf1 x}", encoding="ascii")
    result = cli("score", "--no-html", str(folder))
    assert result.returncode == 2 and "没有找到可检查的报告文件" in result.stderr
    assert "报告.rtf" in result.stderr and "另存为” .docx" in result.stderr


def test_an_unsupported_file_named_directly_is_told_what_to_do(tmp_path: Path) -> None:
    odt = tmp_path / "某局报告.odt"
    odt.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    result = cli("score", "--no-html", str(odt))
    assert result.returncode == 3 and "这是 OpenDocument 文档，请用 WPS 或 LibreOffice 打开" in result.stdout
    assert "另存为其中一种格式" not in result.stdout


def test_skipped_suffixes_follow_the_reader_registry(mixed_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When .rtf gains a reader it stops being reported as skipped, with no second list to edit
    (as .zip and .ofd did when issue 16 added their readers)."""
    before = survey([str(mixed_folder)], readers.walked_suffixes()).skipped
    monkeypatch.setitem(readers.READERS, ".rtf", readers.READERS[".txt"])
    after = survey([str(mixed_folder)], readers.walked_suffixes())
    assert any(s.path.endswith(".rtf") for s in before)
    assert not any(s.path.endswith(".rtf") for s in after.skipped)
    assert any(i.shown.endswith(".rtf") for i in after.inputs)


def test_zip_members_get_stable_page_names(tmp_path: Path) -> None:
    folder = tmp_path / "批次"
    folder.mkdir()
    with zipfile.ZipFile(folder / "合集.zip", "w") as archive:
        archive.write(PASSING, PASSING.name)
    out = tmp_path / "out"
    for typed, cwd in (("批次", tmp_path), (".", folder)):
        assert cli("score", "--html", str(out), typed, cwd=cwd).returncode == 0
    pages = [p.name for p in out.glob("*.html") if p.name != INDEX_NAME]
    assert pages == [report_name(f"批次/合集.zip/{PASSING.name}")]


# ── 4. An output folder a user can trust ──────────────────────────────────────────────────────────


def test_same_pages_however_the_folder_is_typed(tmp_path: Path) -> None:
    work = tmp_path / "work"
    copy_seeds(work / "seeds")
    out = tmp_path / "out"
    for typed, cwd in (("seeds/", work), ("./seeds", work), (str(work / "seeds"), tmp_path), (".", work / "seeds")):
        result = cli("score", "--html", str(out), typed, cwd=cwd)
        assert result.returncode == 1, result.stderr
    pages = sorted(p.name for p in out.glob("*.html") if p.name != INDEX_NAME)
    assert pages == sorted(report_name(f"seeds/{p.name}") for p in SEEDS.glob("*.txt"))  # five, not twenty


def test_pages_no_longer_in_the_batch_are_removed_and_nothing_else(tmp_path: Path) -> None:
    folder = copy_seeds(tmp_path / "in", (PASSING.name, FAILING.name))
    out = tmp_path / "out"
    score(folder, html_dir=str(out))
    gone = out / report_name(f"in/{FAILING.name}")
    assert gone.is_file()
    mine = out / "我的笔记.html"
    mine.write_text("用户自己的文件", encoding="utf-8")
    (folder / FAILING.name).unlink()
    code, _, _ = score(folder, html_dir=str(out))
    assert code == 0 and not gone.exists() and mine.is_file()
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    assert manifest["files"] == sorted([INDEX_NAME, report_name(f"in/{PASSING.name}")])


def test_a_hostile_manifest_cannot_remove_files_outside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    names = ["../victim.txt", str(victim), "sub/x"]
    (out / MANIFEST_NAME).write_text(json.dumps({"tool": "rubric-check", "files": names}), encoding="utf-8")
    score(PASSING, html_dir=str(out))
    assert victim.read_text(encoding="utf-8") == "keep"


def test_interrupted_batch_says_so_and_marks_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_seeds(tmp_path / "in")
    out, result = tmp_path / "out", tmp_path / "r.json"
    assert score(folder, html_dir=str(out), json=str(result))[0] == 1
    previous_json = result.read_bytes()
    old_pages = set(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"])

    from rubric_check.commands import score as score_module

    real = score_module.score_all

    def interrupted_after_two(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for number, scored in enumerate(real(*args, **kwargs)):  # type: ignore[arg-type]
            if number == 2:
                raise KeyboardInterrupt
            yield scored

    monkeypatch.setattr(score_module, "score_all", interrupted_after_two)
    code, _, stderr = score(folder, html_dir=str(out), json=str(result))
    assert code == 130
    assert "检查已中断：共 5 份报告，中断前检查完 2 份" in stderr and "已标明结果不完整" in stderr
    assert result.read_bytes() == previous_json  # the previous complete JSON is left as it was
    index = (out / INDEX_NAME).read_text(encoding="utf-8")
    assert 'id="incomplete"' in index and "另有 3 份没有检查" in index
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["complete"] is False and old_pages <= set(manifest["files"])


@pytest.mark.slow
def test_ctrl_c_on_a_parallel_batch_exits_130_with_a_chinese_notice(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    text = FAILING.read_text(encoding="utf-8")
    for number in range(600):
        (folder / f"r{number:04d}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "rubric_check", "score", "--jobs", "2", "--html", str(out), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while len(list(out.glob("r*.html"))) < 20 and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGINT)  # what the terminal sends to the whole group on Ctrl-C
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "检查已中断" in stderr and "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert 'id="incomplete"' in (out / INDEX_NAME).read_text(encoding="utf-8")


def test_output_folder_may_be_the_input_folder(tmp_path: Path) -> None:
    folder = copy_seeds(tmp_path / "seeds")
    for _ in range(2):  # the second run must not score the first run's pages
        code, stdout, stderr = score(folder, html_dir=str(folder))
        assert code == 1, stderr
        assert "共 5 份报告" in stdout and "没有找到" not in stderr and "未检查" not in stdout


def test_output_folder_inside_the_input_folder_is_neither_scored_nor_listed(tmp_path: Path) -> None:
    folder = copy_seeds(tmp_path / "seeds")
    for _ in range(2):
        code, stdout, _ = score(folder, html_dir=str(folder / "reports_out"))
        assert code == 1 and "共 5 份报告" in stdout and "未检查" not in stdout


# ── 5. explain, --help, README ────────────────────────────────────────────────────────────────────


def test_explain_takes_the_chinese_name_pages_show() -> None:
    by_name, by_id = cli("explain", "不足的原因"), cli("explain", "problem-causes")
    assert by_name.returncode == 0 and by_name.stdout == by_id.stdout
    assert by_name.stdout.startswith("不足的原因（problem-causes）")
    assert cli("explain", "“述法”").stdout.startswith("述法（shu-fa）")
    unknown = cli("explain", "不存在的要素")
    assert unknown.returncode == 2 and "不足的原因（problem-causes）" in unknown.stderr


def test_explain_by_part_of_a_name_lists_the_candidates_when_several_match() -> None:
    several = cli("explain", "行政")
    assert several.returncode == 2 and "有多个要素" in several.stderr and "review-litigation" in several.stderr


def test_help_has_examples_and_exit_codes() -> None:
    for args in (["--help"], ["score", "--help"]):
        result = cli(*args)
        assert result.returncode == 0 and "示例：" in result.stdout and "退出码：" in result.stdout
        assert "130" in result.stdout and "\b" not in result.stdout
    assert ".docx" in cli("score", "--help").stdout  # the formats come from the reader registry


def test_readme_usage_is_complete_and_self_contained() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = readme[readme.index("## Using it") :]
    for option in ("--pdf", "-v", "-q", "--jobs", "--html", "--json", "--min-score"):
        assert option in usage, option
    assert "../shared" not in readme
    assert (ROOT / "docs" / "output-contract.md").is_file()


def test_readme_gives_windows_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert r".venv\Scripts\rubric-check" in readme and "py -m venv .venv" in readme
    assert "RUBRIC_CHECK_SOFFICE" in readme


# ── 6. Windows ────────────────────────────────────────────────────────────────────────────────────


def test_converter_is_stopped_without_killpg_or_sigkill(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows os.killpg and signal.SIGKILL do not exist: the tree is ended with taskkill."""
    without_killpg = SimpleNamespace(**{k: v for k, v in vars(os).items() if k != "killpg"})
    without_sigkill = SimpleNamespace(**{k: v for k, v in vars(signal).items() if k != "SIGKILL"})
    monkeypatch.setattr(office, "os", without_killpg)
    monkeypatch.setattr(office, "signal", without_sigkill)
    calls: list[list[str]] = []

    def fake_run(command: list[str], **kwargs: object) -> None:
        calls.append(command)
        raise FileNotFoundError(errno.ENOENT, "taskkill")  # not on this machine: falls back to kill()

    monkeypatch.setattr(office.subprocess, "run", fake_run)
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], stdout=subprocess.PIPE)
    office.stop_process_tree(process)
    assert process.returncode is not None
    assert calls == [["taskkill", "/F", "/T", "/PID", str(process.pid)]]


def test_libreoffice_and_wps_found_in_windows_install_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(office.shutil, "which", lambda _name: None)
    monkeypatch.delenv(office.ENV_SOFFICE, raising=False)
    program_files, local = tmp_path / "Program Files", tmp_path / "AppData" / "Local"
    monkeypatch.setenv("ProgramFiles", str(program_files))
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    for name in ("ProgramW6432", "ProgramFiles(x86)"):
        monkeypatch.delenv(name, raising=False)
    assert office.find_office() is None and office.find_wps() is None
    assert "安装 LibreOffice" in office.no_office_advice()

    wps = local / "Kingsoft" / "WPS Office" / "12.1.0.17900" / "office6" / "wps.exe"
    wps.parent.mkdir(parents=True)
    wps.write_bytes(b"MZ")
    assert office.find_wps() == str(wps)
    assert str(wps) in office.no_office_advice() and "用 WPS 打开" in office.no_office_advice()

    soffice = program_files / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"MZ")
    assert office.find_office() == str(soffice)

    chosen = tmp_path / "portable" / "soffice.exe"
    chosen.parent.mkdir()
    chosen.write_bytes(b"MZ")
    monkeypatch.setenv(office.ENV_SOFFICE, str(chosen))
    assert office.find_office() == str(chosen)


def test_windows_console_gets_colour_through_colorama(monkeypatch: pytest.MonkeyPatch) -> None:
    """click 8.5 no longer handles Windows consoles: colorama turns their ANSI mode on at start."""
    import colorama

    from rubric_check.summary import Summary

    fixed: list[bool] = []
    monkeypatch.setattr(colorama, "just_fix_windows_console", lambda: fixed.append(True))
    with pytest.raises(SystemExit):
        main(["--version"])
    assert fixed == []  # not on this platform
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(SystemExit):
        main(["--version"])
    assert fixed == [True]
    coloured, plain = io.StringIO(), io.StringIO()
    for stream, colour in ((coloured, True), (plain, False)):
        formatter = TerminalFormatter(stream, color=colour)
        formatter.rows.append(("a.txt", "90.0", "优秀", "通过", "无"))
        formatter.stop(Summary(1, 1, 0, 0))
    assert "\033[32m通过\033[0m" in coloured.getvalue() and "\033[" not in plain.getvalue()


def test_atomic_writes_fail_as_output_errors_not_os_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as raised:
        atomic.write_text_atomic(tmp_path, "x")
    assert str(tmp_path) in raised.value.text and ".tmp" not in raised.value.text


def test_internal_errors_and_library_chatter_never_reach_the_terminal(tmp_path: Path) -> None:
    """Python prints unhandled log records and warnings on stderr: a bug's traceback, pdfminer's
    English warnings. They go to $RUBRIC_CHECK_LOG when set, and nowhere on screen."""
    script = (
        "import logging, sys, warnings\n"
        "from rubric_check import cli, pipeline\n"
        "def broken(*args):\n"
        "    logging.getLogger('pdfminer.pdfpage').warning('CropBox missing from /Page')\n"
        "    warnings.warn('a library is deprecated')\n"
        "    raise RuntimeError('a parser bug')\n"
        "pipeline.read_source = broken\n"
        f"cli.main(['score', '--no-html', '--jobs', '1', {str(PASSING)!r}])\n"
    )
    log = tmp_path / "技术细节.log"
    for environment in ({}, {"RUBRIC_CHECK_LOG": str(log)}):
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, **environment}
        )
        assert result.returncode == 3 and "内部错误" in result.stdout and "RUBRIC_CHECK_LOG" in result.stdout
        assert result.stderr == "" and "RuntimeError" not in result.stdout
    kept = log.read_text(encoding="utf-8")
    assert "Traceback" in kept and "a parser bug" in kept and "CropBox" in kept and "deprecated" in kept


def test_docs_copies_of_the_spec_match_the_shared_spec_when_present() -> None:
    """README links to docs/ (a clone has no ../shared); the copies must not drift from the spec."""
    shared = ROOT.parent / "shared" / "spec"
    if not shared.is_dir():
        pytest.skip("../shared is not beside this checkout")
    for name in ("output-contract.md", "elements.md"):
        assert (ROOT / "docs" / name).read_text(encoding="utf-8") == (shared / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("option", ["json", "sarif", "junit", "markdown", "csv", "xlsx"])
def test_an_unwritable_file_output_stops_the_run_before_anything_is_scored(tmp_path: Path, option: str) -> None:
    """A long batch must not be scored for hours and then lose its results: a target under a file
    or a folder given for a file is refused before the first report is read."""
    blocker = tmp_path / "某文件"
    blocker.write_text("x", encoding="utf-8")
    for target, said in ((blocker / "结果.out", "不是文件夹"), (tmp_path, "这是一个文件夹")):
        code, stdout, stderr = score(PASSING, html_dir=None, **{option: str(target)})
        assert code == 2 and said in stderr and not ENGLISH.search(stderr), (option, stderr)
        assert "份报告" not in stdout + stderr  # no summary: nothing was scored
