"""What the store remembers, on SQLite and PostgreSQL: reviewers' overrides applied by every later
run (score and gate recomputed, every output marked), copy detection against the body's earlier
report and against batch peers, history by year, and the draft diff."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from store_support import SEED, SEEDS, element, reports_json, rows, score, shifted_years, with_causes

from rubric_check.commands import diff, history, overrides
from rubric_check.commands.overrides import OverrideRequest
from rubric_check.commands.store_access import StoreChoice

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _override(store: str, file: Path, element_id: str, status: str | None, note: str | None, clear: bool = False):
    out, err = io.StringIO(), io.StringIO()
    request = OverrideRequest(str(file), element_id, status, note, clear)
    code = overrides.run_override(request, StoreChoice(store, use_config=False), out, err)
    return code, out.getvalue(), err.getvalue()


# --- overrides --------------------------------------------------------------------------------------


def test_an_override_is_applied_by_every_later_run(store_url: str, tmp_path: Path) -> None:
    report = tmp_path / "draft.txt"
    report.write_text(SEED_TEXT, encoding="utf-8")
    before_json = tmp_path / "before.json"
    assert score([report], store_url, before_json)[0] == 1  # 不足的原因 missing: fails the gate
    before = reports_json(before_json)["draft.txt"]
    assert element(before, "problem-causes")["status"] == "missing"

    code, out, err = _override(store_url, report, "problem-causes", "met", "原因写在第三部分第二段")
    assert code == 0, err
    assert "不足的原因" in out

    after_json, html = tmp_path / "after.json", tmp_path / "html"
    code, _, err = score([report], store_url, after_json, html_dir=str(html))
    assert code == 0, err  # the gate follows the reviewer
    after = reports_json(after_json)["draft.txt"]
    adjusted = element(after, "problem-causes")
    assert adjusted["status"] == "met" and after["passed"] is True
    assert after["score"] > before["score"]
    assert adjusted["message"].startswith("审核人调整：符合")
    assert "原判定：缺失" in adjusted["message"] and "原因写在第三部分第二段" in adjusted["message"]
    assert adjusted["override"]["original_status"] == "missing"
    page = next(p for p in html.glob("*.html") if p.name != "index.html").read_text(encoding="utf-8")
    assert "审核人调整：符合" in page and "原判定：缺失" in page
    recorded = rows(
        store_url, "SELECT status, original_status FROM element_results WHERE element_id = 'problem-causes'"
    )
    assert sorted(recorded, key=str) == sorted([("missing", None), ("met", "missing")], key=str)


def test_overrides_are_listed_and_cleared(store_url: str, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(SEED_TEXT, encoding="utf-8")
    assert _override(store_url, report, "signature-date", "partial", "落款在附件中")[0] == 0
    out = io.StringIO()
    assert overrides.run_list(None, StoreChoice(store_url, use_config=False), out, io.StringIO()) == 0
    assert "r.txt" in out.getvalue() and "signature-date" in out.getvalue() and "落款在附件中" in out.getvalue()
    code, out_text, _ = _override(store_url, report, "signature-date", None, None, clear=True)
    assert code == 0 and "撤销" in out_text
    out = io.StringIO()
    overrides.run_list(str(report), StoreChoice(store_url, use_config=False), out, io.StringIO())
    assert "没有审核人调整" in out.getvalue()
    json_out = tmp_path / "r.json"
    score([report], store_url, json_out)
    assert element(reports_json(json_out)["r.txt"], "signature-date")["status"] == "missing"


@pytest.mark.parametrize(
    ("element_id", "status", "note", "expected"),
    [
        ("no-such", "met", "x", "没有要素"),
        ("problems", "done", "x", "不是有效的判定"),
        ("problems", "met", None, "--note"),
    ],
)
def test_bad_overrides_are_refused(tmp_path: Path, element_id: str, status: str, note: str | None, expected: str):
    report = tmp_path / "r.txt"
    report.write_text(SEED_TEXT, encoding="utf-8")
    code, _, err = _override(str(tmp_path / "s.sqlite3"), report, element_id, status, note)
    assert code == 2 and expected in err


# --- copy detection ---------------------------------------------------------------------------------


def test_last_years_report_copied_with_years_shifted_is_flagged(store_url: str, tmp_path: Path) -> None:
    last_year = tmp_path / "2022年报告.txt"
    last_year.write_text(shifted_years(SEED_TEXT, -1), encoding="utf-8")
    first = tmp_path / "first.json"
    score([last_year], store_url, first)
    assert "未作比对" in element(reports_json(first)["2022年报告.txt"], "no-copying")["message"]

    out = tmp_path / "this.json"
    score([SEED], store_url, out)
    found = element(reports_json(out)[SEED.name], "no-copying")
    assert found["status"] == "missing"
    assert "本单位2022年报告《" in found["message"] and "2022年报告.txt" in found["message"]
    assert "存在的不足" in found["message"]  # the problems part repeated whole
    assert 0 < len(found["evidence"]) <= 5
    for evidence in found["evidence"]:
        other = evidence["counterpart"]
        assert other["source"].endswith("2022年报告.txt") and other["text"]
        assert other["text"] != evidence["text"] or "20" not in other["text"]
    years_moved = [e for e in found["evidence"] if "2023" in e["text"]]
    assert years_moved and all("2022" in e["counterpart"]["text"] for e in years_moved)


def test_a_different_body_or_a_later_year_is_not_an_earlier_report(store_url: str, tmp_path: Path) -> None:
    next_year = tmp_path / "next.txt"
    next_year.write_text(shifted_years(SEED_TEXT, +1), encoding="utf-8")
    score([next_year], store_url)
    other_body = tmp_path / "other.txt"
    other_body.write_text(
        shifted_years(SEED_TEXT, -1).replace("湖滨区卫生健康委员会", "江北区司法局"), encoding="utf-8"
    )
    score([other_body], store_url)
    out = tmp_path / "o.json"
    score([SEED], store_url, out)
    assert element(reports_json(out)[SEED.name], "no-copying")["status"] == "met"


def test_batch_peers_are_compared_both_ways(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    (batch / "b.txt").write_text(SEED_TEXT.replace("湖滨区卫生健康委员会", "江北区卫生健康局"), encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt"))[1:]:
        (batch / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    for jobs in (1, 2):
        out = tmp_path / f"batch{jobs}.json"
        score([batch], None, out, jobs=jobs)
        found = reports_json(out)
        for name, other in (("a.txt", "b.txt"), ("b.txt", "a.txt")):
            copied = element(found[name], "no-copying")
            assert copied["status"] == "missing", name
            assert f"同批次报告《{other}》" in copied["message"].replace(str(batch) + "/", "")
            assert copied["evidence"][0]["counterpart"]["text"]
        for seed in sorted(SEEDS.glob("*.txt"))[1:]:
            assert element(found[seed.name], "no-copying")["status"] == "met", seed.name


def test_two_drafts_of_one_report_in_a_batch_are_not_copies(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "初稿.txt").write_text(SEED_TEXT, encoding="utf-8")
    (batch / "修改稿.txt").write_text(with_causes(SEED_TEXT), encoding="utf-8")  # same body, same year
    out = tmp_path / "drafts.json"
    score([batch], None, out)
    for report in reports_json(out).values():
        assert element(report, "no-copying")["status"] == "met", report["path"]


# --- history and diff -------------------------------------------------------------------------------


def test_history_lists_years_with_gaps_closed_and_opened(store_url: str, tmp_path: Path) -> None:
    last_year = tmp_path / "2022.txt"
    last_year.write_text(shifted_years(SEED_TEXT, -1), encoding="utf-8")
    this_year = tmp_path / "2023.txt"
    this_year.write_text(with_causes(SEED_TEXT), encoding="utf-8")
    score([last_year], store_url)
    score([this_year], store_url)
    out, err = io.StringIO(), io.StringIO()
    assert history.run("湖滨区", True, StoreChoice(store_url, use_config=False), out, err) == 0, err.getvalue()
    data = json.loads(out.getvalue())
    assert data["agency"] == "湖滨区卫生健康委员会"
    assert [y["year"] for y in data["years"]] == [2022, 2023]
    assert "problem-causes" in data["years"][0]["gaps"]
    assert "problem-causes" in data["years"][1]["closed"] and "no-copying" in data["years"][1]["opened"]
    out = io.StringIO()
    history.run("湖滨区卫生健康委员会", False, StoreChoice(store_url, use_config=False), out, io.StringIO())
    assert "比上年补齐：不足的原因" in out.getvalue() and "新出现的问题：未照搬照抄" in out.getvalue()
    err = io.StringIO()
    assert history.run("不存在的单位", False, StoreChoice(store_url, use_config=False), io.StringIO(), err) == 2
    assert "没有单位" in err.getvalue()


def test_diff_of_a_seed_and_the_seed_with_its_causes(tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text(with_causes(SEED_TEXT), encoding="utf-8")
    page = tmp_path / "diff.html"
    out, err = io.StringIO(), io.StringIO()
    code = diff.run(str(SEED), str(new), str(page), None, StoreChoice(no_store=True, use_config=False), out, err)
    assert code == 0, err.getvalue()
    text = out.getvalue()
    assert "  不足的原因：缺失 → 符合" in text.splitlines()
    assert "结论：未通过 → 通过" in text
    assert "已补齐：不足的原因" in text
    assert "+ 究其原因" in text and "三、面临的问题" in text
    html = page.read_text(encoding="utf-8")
    assert "不足的原因" in html and "究其原因" in html and "<script" not in html


def test_diff_of_identical_drafts_says_nothing_changed(tmp_path: Path) -> None:
    out = io.StringIO()
    assert (
        diff.run(str(SEED), str(SEED), None, None, StoreChoice(no_store=True, use_config=False), out, io.StringIO())
        == 0
    )
    assert "各要素判定没有变化" in out.getvalue()


def test_diff_of_an_unreadable_draft(tmp_path: Path) -> None:
    err = io.StringIO()
    code = diff.run(str(SEED), str(tmp_path / "nope.txt"), None, None, StoreChoice(no_store=True), io.StringIO(), err)
    assert code == 3 and "nope.txt" in err.getvalue()


def test_html_links_each_body_to_its_history_page_with_a_chart(store_url: str, tmp_path: Path) -> None:
    last_year = tmp_path / "in" / "2022.txt"
    last_year.parent.mkdir()
    last_year.write_text(shifted_years(SEED_TEXT, -1), encoding="utf-8")
    score([last_year], store_url)
    html = tmp_path / "html"
    code, _, err = score([SEED], store_url, html_dir=str(html))
    assert code == 1, err
    index = (html / "index.html").read_text(encoding="utf-8")
    (link,) = set(re.findall(r'href="(history/[^"]+)"', index))
    page = (html / link).read_text(encoding="utf-8")
    assert "湖滨区卫生健康委员会 历年报告" in page and "<svg" in page and "<script" not in page
    assert page.count('<circle class="dot"') == 2 and ">2022<" in page and ">2023<" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    report = next(p for p in html.glob("*.html") if p.name != "index.html").read_text(encoding="utf-8")
    assert report.count('class="side-by-side"') >= 3 and "对照：《" in report and "2022.txt" in report


def test_without_the_store_the_index_has_no_history_links(tmp_path: Path) -> None:
    html = tmp_path / "html"
    score([SEED], None, html_dir=str(html))
    assert "history/" not in (html / "index.html").read_text(encoding="utf-8")
    assert not (html / "history").exists()
