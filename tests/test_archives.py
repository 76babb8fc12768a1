"""Zip archives of submissions: members scored as if the folder were given, under
``archive.zip/member`` names; GBK names, one level of nesting; hostile members reported, not read;
nothing extracted; .rar/.7z answered with "unpack first"."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from conftest import SEEDS
from fixtures_build.ofd_build import ofd_bytes
from fixtures_build.zip_build import add_gbk, add_symlink

from rubric_check.commands.score import ScoreOptions, run
from rubric_check.discovery import discover
from rubric_check.documents.readers import supported_suffixes
from rubric_check.pipeline import score_input
from rubric_check.rubric.model import Rubric

SEED = SEEDS / "000_85fd514af7da5818.txt"


def _score(paths: list[Path], rubric: Rubric) -> dict[str, object]:
    return {item.shown: score_input(item, rubric) for item in discover([str(p) for p in paths], supported_suffixes())}


def _zip(path: Path, fill: callable) -> Path:  # type: ignore[valid-type]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        fill(archive)
    return path


def test_members_are_scored_under_their_names(tmp_path: Path, rubric: Rubric) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("三号.txt", (SEEDS / "003_0e13b6e94c52ef29.txt").read_bytes())

    def fill(archive: zipfile.ZipFile) -> None:
        add_gbk(archive, "报告/甲局.txt", SEED.read_bytes())
        archive.writestr("乙局.ofd", ofd_bytes(["关于2024年法治政府建设情况的报告", "一、主要举措和成效"]))
        archive.writestr("子包.zip", inner.getvalue())
        archive.writestr("说明.xls", b"not a report")
        archive.writestr("__MACOSX/._甲局.txt", b"resource fork")

    folder = tmp_path / "上报"
    folder.mkdir()
    archive = _zip(folder / "区县.zip", fill)
    before = sorted(p.name for p in folder.iterdir()), archive.read_bytes()
    results = _score([folder], rubric)
    base = f"{folder}/区县.zip"
    assert list(results) == [f"{base}/乙局.ofd", f"{base}/子包.zip/三号.txt", f"{base}/报告/甲局.txt"]
    alone = score_input(discover([str(SEED)], supported_suffixes())[0], rubric)
    member = results[f"{base}/报告/甲局.txt"]
    assert member.error is None and member.path == f"{base}/报告/甲局.txt" and member.format == "txt"
    assert [(e.id, e.status) for e in member.elements] == [(e.id, e.status) for e in alone.elements]
    assert results[f"{base}/子包.zip/三号.txt"].error is None
    assert results[f"{base}/乙局.ofd"].format == "ofd" and results[f"{base}/乙局.ofd"].error is None
    assert (sorted(p.name for p in folder.iterdir()), archive.read_bytes()) == before  # nothing extracted


def test_hostile_members_are_reported_by_name(tmp_path: Path, rubric: Rubric) -> None:
    deepest = io.BytesIO()
    with zipfile.ZipFile(deepest, "w") as archive:
        archive.writestr("深.txt", SEED.read_bytes())
    middle = io.BytesIO()
    with zipfile.ZipFile(middle, "w") as archive:
        archive.writestr("更深.zip", deepest.getvalue())

    def fill(archive: zipfile.ZipFile) -> None:
        archive.writestr("../逃逸.txt", SEED.read_bytes())
        add_symlink(archive, "链接.txt", "/etc/passwd")
        archive.writestr("炸弹.txt", b" " * (5 * 1024 * 1024))
        archive.writestr("中层.zip", middle.getvalue())

    path = _zip(tmp_path / "a.zip", fill)
    results = _score([path], rubric)
    kinds = {name.removeprefix(f"{path}/"): result.error.kind for name, result in results.items() if result.error}
    assert kinds == {
        "../逃逸.txt": "archive_unsafe_path",
        "链接.txt": "archive_unsafe_symlink",
        "炸弹.txt": "archive_bomb",
        "中层.zip/更深.zip": "archive_too_deep",
    }
    assert all(name in results[name].error.message for name in results)


def test_broken_or_empty_archives_and_rar_say_what_to_do(tmp_path: Path, rubric: Rubric) -> None:
    (tmp_path / "坏.zip").write_bytes(b"PK\x03\x04 truncated")
    _zip(tmp_path / "空.zip", lambda archive: archive.writestr("表格.xls", b"x"))
    (tmp_path / "包.rar").write_bytes(b"Rar!\x1a\x07\x00")
    (tmp_path / "包.7z").write_bytes(b"7z\xbc\xaf\x27\x1c")
    results = _score([tmp_path], rubric)
    errors = {Path(name).name: result.error for name, result in results.items()}
    assert errors["坏.zip"].kind == "archive_corrupt"
    assert errors["空.zip"].kind == "archive_empty" and ".docx" in errors["空.zip"].message
    assert errors["包.rar"].kind == errors["包.7z"].kind == "archive_unpack_first"
    assert "解压" in errors["包.rar"].message and "包.rar" in errors["包.rar"].message


def test_members_score_the_same_in_worker_processes(tmp_path: Path) -> None:
    def fill(archive: zipfile.ZipFile) -> None:
        add_gbk(archive, "甲局.txt", SEED.read_bytes())
        archive.writestr("乙局.txt", (SEEDS / "001_bbfe669b9ff2da75.txt").read_bytes())

    path = _zip(tmp_path / "上报.zip", fill)
    outputs = []
    for jobs in (1, 2):
        target = tmp_path / f"jobs{jobs}.json"
        run(ScoreOptions(paths=(str(path),), json=str(target), html_dir=None, jobs=jobs), io.StringIO(), io.StringIO())
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert [r["path"] for r in json.loads(outputs[0])["reports"]] == [f"{path}/乙局.txt", f"{path}/甲局.txt"]
