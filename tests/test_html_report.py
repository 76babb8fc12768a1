"""HTML gap reports and the batch index without a browser: content, order, escaping, files."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEEDS

from rubric_check.commands.score import ScoreOptions, run
from rubric_check.documents.model import SourceLine, SourceText
from rubric_check.engine import score_source
from rubric_check.formatters.base import Summary
from rubric_check.formatters.excerpts import excerpt_of
from rubric_check.formatters.html_folder import MANIFEST_NAME
from rubric_check.formatters.html_names import INDEX_NAME, report_name
from rubric_check.formatters.html_render import css_string
from rubric_check.formatters.html_report import HtmlFormatter, render_report
from rubric_check.formatters.html_view import evidence_view, heading_text, report_view
from rubric_check.messages import message
from rubric_check.results import ElementResult, Evidence, ReportResult
from rubric_check.rubric.model import Rubric

FAILING_SEED = "000_85fd514af7da5818.txt"  # problem-causes (required) is missing
INJECTED = "<script>alert(1)</script>"
INJECTED_REPORT = f"""湖滨区测试局{INJECTED}
关于2023年法治政府建设情况的报告{INJECTED}
2023年，我局深入学习贯彻习近平法治思想。
一、主要举措和成效{INJECTED}
（一）推行行政执法公示制度。全年办理行政复议案件3件，开展“双随机、一公开”抽查12次<img src=x onerror=alert(2)>。
二、存在的不足和原因
一是法治队伍力量不足；二是执法信息化水平不高。
三、2024年工作安排
继续推进法治政府建设。"""


def score_to(out: Path, *paths: str | Path, **options: object) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(ScoreOptions(paths=tuple(str(p) for p in paths), html_dir=str(out), **options), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "reports_out"
    code, _, stderr = score_to(out, SEEDS, json=str(out.parent / "result.json"))
    assert code == 1, stderr
    return out


def injected_result(rubric: Rubric, path: str = "injected/<b>报告</b>.txt") -> ReportResult:
    lines = tuple(SourceLine(i, line) for i, line in enumerate(INJECTED_REPORT.split("\n"), start=1))
    return score_source(SourceText(path=path, format="txt", lines=lines, encoding="utf-8"), rubric)


class Links(HTMLParser):
    """Every URL-bearing attribute of a page, to prove nothing is fetched and every link resolves."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in {"href", "src", "srcset", "action", "poster", "data", "formaction"} and value is not None:
                self.urls.append((tag, name, value))


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def gap_cards(html: str) -> list[tuple[str, str, bool]]:
    """(status, element id, blocking) of each gap card, in page order."""
    gaps = html[html.index('id="gaps"') : html.index('id="met"')]
    found = re.findall(r'<article class="card status-(\w+)( blocking)?" id="el-([\w-]+)"', gaps)
    return [(status, element, bool(blocking)) for status, blocking, element in found]


# ── Seeds: one page per report, gaps first and in order, index ─────────────────────────────────


def test_one_page_per_seed_and_an_index(seeds_out: Path) -> None:
    names = sorted(p.name for p in seeds_out.iterdir())
    pages = (report_name(f"seeds/{p.name}") for p in SEEDS.glob("*.txt"))
    expected = sorted([INDEX_NAME, MANIFEST_NAME, *pages])
    assert names == expected
    for page in seeds_out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert text.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')


def test_gaps_come_first_missing_then_partial_required_on_top(seeds_out: Path, rubric: Rubric) -> None:
    html = (seeds_out / report_name(f"seeds/{FAILING_SEED}")).read_text(encoding="utf-8")
    assert html.index('id="gaps"') < html.index('id="met"') < html.index('id="outline"') < html.index('id="meta"')
    cards = gap_cards(html)
    required = {e.id for e in rubric.elements if e.required}
    statuses = [status for status, _, _ in cards]
    assert statuses == sorted(statuses, key=lambda s: s != "missing")  # every missing before any partial
    for status in ("missing", "partial"):
        group = [element in required for s, element, _ in cards if s == status]
        assert group == sorted(group, reverse=True)  # required ones first
    assert cards[0] == ("missing", "problem-causes", True)
    assert [c for c in cards if c[2]] == [cards[0]]  # only required-missing cards are marked blocking
    # the required missing element is announced at the top, before the gap list
    alert = html[: html.index('id="gaps"')]
    assert message("html.alert_title", count=1) in alert and "不足的原因" in alert


def test_gap_card_says_what_why_basis_and_how(seeds_out: Path, rubric: Rubric) -> None:
    html = (seeds_out / report_name(f"seeds/{FAILING_SEED}")).read_text(encoding="utf-8")
    element = next(e for e in rubric.elements if e.id == "problem-causes")
    card = html[html.index('id="el-problem-causes"') :]
    card = card[: card.index("</article>")]
    for label, value in [
        ("html.requires", element.description),
        ("html.guidance", element.guidance),
        ("html.basis", element.basis),
    ]:
        assert message(label) in card
        assert escape_text(value.strip()) in card
    assert "✗" in card and message("status.missing") in card  # icon and words, not colour alone


def escape_text(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def failing_seed_result(rubric: Rubric) -> ReportResult:
    text = (SEEDS / FAILING_SEED).read_text(encoding="utf-8")
    return score_source(
        SourceText(FAILING_SEED, "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1))), rubric
    )


def test_header_shows_what_was_checked(seeds_out: Path, rubric: Rubric) -> None:
    html = (seeds_out / report_name(f"seeds/{FAILING_SEED}")).read_text(encoding="utf-8")
    header = html[html.index("<header") : html.index("</header>")]
    result = failing_seed_result(rubric)
    for text in (
        "湖滨区卫生健康委员会",
        "2023年",
        "关于2023年法治政府建设情况的报告",
        FAILING_SEED,
        rubric.name,
        rubric.version,
        f"{result.score}",
        result.grade,
        message("html.gate_failed"),
    ):
        assert escape_text(text) in header, text


def test_met_elements_collapsed_with_marked_evidence(seeds_out: Path, rubric: Rubric) -> None:
    html = (seeds_out / report_name(f"seeds/{FAILING_SEED}")).read_text(encoding="utf-8")
    met = html[html.index('id="met"') : html.index('id="outline"')]
    met_count = sum(e.status == "met" for e in failing_seed_result(rubric).elements)
    assert met_count >= 10 and met.count('<details class="met-item"') == met_count
    assert '<details class="met-item" open' not in met
    assert "<mark>" in met and message("location.line", line=7) in met


def test_outline_marks_the_five_parts(seeds_out: Path, rubric: Rubric) -> None:
    html = (seeds_out / report_name(f"seeds/{FAILING_SEED}")).read_text(encoding="utf-8")
    outline = html[html.index('id="outline"') : html.index('id="meta"')]
    for kind in rubric.sections:
        assert escape_text(kind.name) in outline
    # measures, first-responsible-person and plans are met; problems is judged by problem-causes too
    assert outline.count('class="part status-met"') == 3
    assert 'class="part status-missing" id="part-problems"' in outline
    assert 'class="lvl-5 minor"' in outline  # 一是… enumerations are de-emphasised
    meta = html[html.index('id="meta"') :]
    assert message("html.year_source.title") in meta


def test_index_counts_table_matrix(seeds_out: Path, rubric: Rubric) -> None:
    html = (seeds_out / INDEX_NAME).read_text(encoding="utf-8")
    data = json.loads((seeds_out.parent / "result.json").read_text(encoding="utf-8"))
    reports = data["reports"]
    scores = [r["score"] for r in reports]
    assert '<dd id="count-reports">5</dd>' in html
    assert f'<dd id="count-passed">{sum(r["passed"] for r in reports)}</dd>' in html
    assert '<dd id="count-errors">0</dd>' in html
    mean = round(sum(scores) / len(scores), 1)
    assert re.search(rf'<dd id="mean-score">{mean:g}</dd>', html)
    table = html[html.index('<table id="reports"') : html.index("</table>")]
    assert table.count("<tr data-order=") == 5
    for element in rubric.elements:  # one matrix row per element, counts agree with the JSON
        row = html[html.index(f'<tr id="m-{element.id}">') :]
        row = row[: row.index("</tr>")]
        statuses = [next(e for e in r["elements"] if e["id"] == element.id)["status"] for r in reports]
        counts = re.findall(r'<td class="count[^"]*">(?:<a [^>]*>)?(\d+)(?:</a>)?</td>', row)
        assert counts == [str(statuses.count(s)) for s in ("met", "partial", "missing")], element.id
        assert len(re.findall(r'<td class="cell status-', row)) == 5


def test_index_links_resolve_and_nothing_is_external(seeds_out: Path) -> None:
    for page in seeds_out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        links = parse(html)
        assert not {"link", "img", "iframe", "object", "embed", "base", "form"} & set(links.tags), page.name
        for tag, attribute, url in links.urls:
            assert tag == "a" and attribute == "href", (page.name, tag, attribute, url)
            if url.startswith("#"):
                assert f'id="{url[1:]}"' in html
            else:
                assert "/" not in url and ":" not in url
                assert (seeds_out / url).is_file()
        assert "url(" not in html and "@import" not in html and "//" not in re.sub(r"<!--.*?-->", "", html)
        assert "default-src &#39;none&#39;" in html  # CSP: nothing may be fetched
    index = (seeds_out / INDEX_NAME).read_text(encoding="utf-8")
    hrefs = {url for _, _, url in parse(index).urls if not url.startswith("#")}
    assert hrefs == {report_name(f"seeds/{p.name}") for p in SEEDS.glob("*.txt")}


# ── Escaping ────────────────────────────────────────────────────────────────────────────────────


def test_injected_markup_is_shown_as_text(rubric: Rubric) -> None:
    html = render_report(injected_result(rubric), rubric)
    assert INJECTED not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1 and html.count("</style>") == 1  # only our own
    assert "&lt;b&gt;报告&lt;/b&gt;.txt" in html


def split_highlight(evidence: Evidence) -> tuple[str, str, str]:
    """(before, marked, after) of a one-window excerpt as the page shows it."""
    pieces = evidence_view(excerpt_of(evidence), "txt").pieces
    marked = "".join(text for text, mark in pieces if mark)
    cut = next((i for i, (_, mark) in enumerate(pieces) if mark), len(pieces))
    before = "".join(text for text, _ in pieces[:cut])
    after = "".join(text for text, _ in pieces[cut + 1 :]) if marked else ""
    return before, marked, after


def test_highlight_pieces_are_escaped_separately(rubric: Rubric) -> None:
    evidence = Evidence(line=3, text="前<b>&法律顾问</b>后", section="一、<i>举措</i>", highlight=(1, 13))
    assert split_highlight(evidence) == ("前", "<b>&法律顾问</b>", "后")
    result = injected_result(rubric)
    element = ElementResult("legal-counsel", "法律顾问、公职律师", "met", "recommended", 3, "有<u>。", (evidence,))
    result = ReportResult(**{**result.__dict__, "elements": (*result.elements[:-1], element)})
    html = render_report(result, rubric)
    assert "<q>前<mark>&lt;b&gt;&amp;法律顾问&lt;/b&gt;</mark>后</q>" in html
    assert "一、&lt;i&gt;举措&lt;/i&gt;" in html and "有&lt;u&gt;。" in html


@pytest.mark.parametrize(
    ("text", "highlight", "pieces"),
    [
        ("abc", None, ("abc", "", "")),
        ("abc", (1, 2), ("a", "b", "c")),
        ("abc", (2, 99), ("ab", "c", "")),
        ("abc", (2, 1), ("abc", "", "")),
        ("abc", (-5, 1), ("", "a", "bc")),
    ],
)
def test_split_highlight_clamps(text: str, highlight: tuple[int, int] | None, pieces: tuple[str, str, str]) -> None:
    assert split_highlight(Evidence(line=1, text=text, highlight=highlight)) == pieces


def test_evidence_shows_cuts_and_where_it_was_found() -> None:
    evidence = Evidence(line=7, text="abc", section=None, highlight=(1, 2), cut_before=True, cut_after=True)
    assert split_highlight(evidence) == ("…a", "b", "c…")
    no_section = message("location.section", section=message("location.no_section"))
    where = evidence_view(excerpt_of(evidence), "txt").where
    assert where.split(" · ") == [message("location.line", line=7), no_section]


def test_css_string_cannot_break_out_of_style() -> None:
    value = str(css_string('a"b\\c</style><script>x</script>报告'))
    assert value.startswith('"a') and value.endswith('"') and value.count('"') == 2
    assert "<" not in value and ">" not in value and "\\" + "00005c" in value


def test_run_in_headings_are_cut_at_the_first_full_stop() -> None:
    assert heading_text("（一）深化改革，优化营商环境。简化审批…") == "（一）深化改革，优化营商环境。"
    assert heading_text("一、主要举措和成效") == "一、主要举措和成效"
    assert heading_text(None) is None


def test_required_missing_sorted_first_in_view(rubric: Rubric) -> None:
    view = report_view(injected_result(rubric), rubric)
    assert all(e.status == "missing" for e in view.missing) and all(e.status == "partial" for e in view.partial)
    flags = [e.required for e in view.missing]
    assert flags == sorted(flags, reverse=True)
    assert all(e.gain > 0 for e in (*view.missing, *view.partial))


# ── Files: names, determinism, atomic replacement, inputs untouched ───────────────────────────


@pytest.mark.parametrize(
    "shown",
    [
        "a/报告.txt",
        "b/报告.txt",
        "CON.txt",
        "x/../..\\a:b*?<>|.txt",
        ".hidden",
        "nul",
        "a/" + "很长" * 200 + ".docx",
        "index.html",
        "报告 （终稿）.pdf",
    ],
)
def test_output_names_are_safe(shown: str) -> None:
    name = report_name(shown)
    assert re.fullmatch(r"[\w-]+-[0-9a-f]{8}\.html", name)
    assert len(name.encode("utf-8")) <= 200 and name != INDEX_NAME
    assert name.split("-")[0].lower() not in {"con", "nul", "prn", "aux"}


def test_same_file_name_in_two_folders_gives_two_reports(tmp_path: Path) -> None:
    text = (SEEDS / FAILING_SEED).read_text(encoding="utf-8")
    for folder in ("甲", "乙"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "报告.txt").write_text(text, encoding="utf-8")
    assert report_name("in/甲/报告.txt") != report_name("in/乙/报告.txt")
    assert report_name("in\\甲\\报告.txt") == report_name("in/甲/报告.txt")  # same on Windows
    out = tmp_path / "out"
    score_to(out, tmp_path / "in")
    pages = sorted(p.name for p in out.glob("报告-*.html"))
    assert len(pages) == 2
    index = (out / INDEX_NAME).read_text(encoding="utf-8")
    assert all(f'href="{p}"' in index for p in pages)


def test_output_is_byte_identical_across_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The results store remembers across runs by design (a later run may compare with an earlier
    # one): the same inputs give the same outputs without it; test_jobs checks them with a store.
    monkeypatch.setenv("RUBRIC_CHECK_STORE", "off")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    score_to(tmp_path / "one", SEEDS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    score_to(tmp_path / "two", SEEDS)
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two and len(one) == 7  # five pages, the index and the manifest


def test_existing_outputs_are_replaced_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    seed = SEEDS / FAILING_SEED
    page = out / report_name(seed.name)
    out.mkdir()
    page.write_text("old", encoding="utf-8")
    before = page.stat().st_ino
    score_to(out, seed)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert page.stat().st_ino != before  # a new file renamed into place, not rewritten in place
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]

    # a failure while rendering leaves the previous report intact
    good = page.read_bytes()

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("render failed")

    monkeypatch.setattr("rubric_check.formatters.html_report.render_report", broken)
    with pytest.raises(RuntimeError):
        score_to(out, seed)
    assert page.read_bytes() == good and not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_inputs_are_never_written(tmp_path: Path, rubric: Rubric) -> None:
    report = tmp_path / "in" / "报告.txt"
    report.parent.mkdir()
    report.write_text((SEEDS / FAILING_SEED).read_text(encoding="utf-8"), encoding="utf-8")
    stamp = report.stat().st_mtime_ns, report.read_bytes()
    score_to(tmp_path / "in", tmp_path / "in")  # output folder = input folder
    assert (report.stat().st_mtime_ns, report.read_bytes()) == stamp

    # an input sitting exactly where an output would go is skipped with a message, not overwritten
    out = tmp_path / "out"
    out.mkdir()
    clash = out / INDEX_NAME
    clash.write_text("不要覆盖", encoding="utf-8")
    stderr = io.StringIO()
    formatter = HtmlFormatter(out, stderr=stderr)
    formatter.start(rubric)
    formatter.report(ReportResult(path=str(clash), format="html", meta=None, score=0.0, grade="不合格"))
    formatter.stop(Summary(reports=1, passed=0, failed=1, errors=0))
    assert clash.read_text(encoding="utf-8") == "不要覆盖"
    assert message("html.refuse_overwrite", path=clash) in stderr.getvalue()


def test_unreadable_files_are_listed_in_the_index(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "ok.txt").write_text((SEEDS / FAILING_SEED).read_text(encoding="utf-8"), encoding="utf-8")
    code, _, _ = score_to(tmp_path / "out", tmp_path / "in")
    assert code == 3
    index = (tmp_path / "out" / INDEX_NAME).read_text(encoding="utf-8")
    assert '<dd id="count-errors">1</dd>' in index and '<dd id="count-reports">2</dd>' in index
    errors = index[index.index('id="errors"') :]
    assert "empty.txt" in errors and message("html.unreadable") in errors
    assert not list((tmp_path / "out").glob("empty-*.html"))  # no gap report for an unreadable file


# ── Command line wiring ────────────────────────────────────────────────────────────────────────


def test_pdf_needs_html(tmp_path: Path) -> None:
    stderr = io.StringIO()
    code = run(ScoreOptions(paths=(str(SEEDS),), html_dir=None, pdf=True), io.StringIO(), stderr)
    assert code == 2 and message("html.pdf_needs_html") in stderr.getvalue()


def test_pdf_without_a_browser_says_so_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUBRIC_CHECK_CHROMIUM", str(tmp_path / "no-such-browser"))
    code, _, stderr = score_to(tmp_path / "out", SEEDS / FAILING_SEED, pdf=True)
    assert code == 1  # the gate verdict, not a failure of the run
    assert message("html.pdf_no_browser") in stderr
    assert list((tmp_path / "out").glob("*.html")) and not list((tmp_path / "out").glob("*.pdf"))


@pytest.mark.skipif(os.name != "posix", reason="the stand-in browser is a shell script")
def test_pdf_with_a_browser_that_will_not_start_says_so_once_per_report(tmp_path: Path, monkeypatch) -> None:
    browser = tmp_path / "browser"
    starts = tmp_path / "starts"
    browser.write_text(f"#!/bin/sh\necho started >> '{starts}'\nexit 3\n", encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("RUBRIC_CHECK_CHROMIUM", str(browser))
    code, _, stderr = score_to(tmp_path / "out", SEEDS / FAILING_SEED, SEEDS / "001_bbfe669b9ff2da75.txt", pdf=True)
    assert code == 1  # the gate verdict: a failed printout does not fail the run
    detail = message("html.pdf_browser_exited", code=3)
    assert stderr.count(detail) == 2 and str(SEEDS / FAILING_SEED) in stderr  # each report says it has no PDF
    assert starts.read_text(encoding="utf-8").count("started") == 1  # but the browser is not retried per report
    assert len(list((tmp_path / "out").glob("*.html"))) == 3 and not list((tmp_path / "out").glob("*.pdf"))


def test_no_html_does_not_load_jinja(tmp_path: Path) -> None:
    code = (
        "import io, sys; from rubric_check.commands.score import ScoreOptions, run; "
        f"run(ScoreOptions(paths=({str(SEEDS)!r},), html_dir=None), io.StringIO(), io.StringIO()); "
        "print('jinja2' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.stdout.strip() == "False", done.stderr


def test_pdf_option_in_help() -> None:
    from click.testing import CliRunner

    from rubric_check.cli import cli

    result = CliRunner().invoke(cli, ["score", "--help"])
    assert "--pdf" in result.output and "PDF" in result.output


def test_pass_condition_and_failure_reasons_follow_the_fail_policy(rubric) -> None:
    from rubric_check.gate import Gate

    text = (SEEDS / "000_85fd514af7da5818.txt").read_text(encoding="utf-8")
    source = SourceText("000.txt", "txt", tuple(SourceLine(i, t) for i, t in enumerate(text.split("\n"), 1)))
    result = score_source(source, rubric)
    default = render_report(result, rubric)
    assert "通过条件：得分不低于 60 分，且必备要素没有缺失。" in default
    # the grade and the verdict are explained in one sentence: a good grade, failed, and why
    note = default[default.index('<p class="verdict-note failed">') :]
    note = note[: note.index("</p>")]
    assert f"“{result.grade}”" in note and "因为必备要素缺失：不足的原因。" in note
    lenient = render_report(result, rubric, Gate(fail_on=("score",), min_score=90))
    assert "通过条件：得分不低于 90 分。" in lenient
    assert result.score < 90 and f"因为得分 {result.score} 低于通过线 90 分。" in lenient
    low_bar = Gate(fail_on=("score",), min_score=10)
    passing = render_report(low_bar.apply(result, rubric), rubric, low_bar)
    assert '<p class="verdict-note passed">' in passing and "结论是通过" in passing


def test_index_shows_the_matrix_only_while_it_fits(rubric: Rubric) -> None:
    from rubric_check.formatters.html_index import MATRIX_MAX_REPORTS, ReportSummary
    from rubric_check.formatters.html_report import index_chunks

    statuses = tuple("missing" if i % 3 else "met" for i in range(len(rubric.elements)))

    def index(count: int) -> str:
        summaries = [
            ReportSummary(path=f"d/{n}.txt", href=f"{n}.html", score=70.0, statuses=statuses)
            for n in range(count, 0, -1)
        ]
        return "".join(index_chunks(summaries, rubric))

    small, large = index(MATRIX_MAX_REPORTS), index(MATRIX_MAX_REPORTS + 1)
    assert small.count('<td class="cell status-') == MATRIX_MAX_REPORTS * len(rubric.elements)
    assert '<td class="cell' not in large and message("html.counts_title") in large
    # the counts link to a filter of the table: element index and status letter, read by index.js
    assert re.search(rf'data-element="1" data-status="x" data-label="[^"]+">{MATRIX_MAX_REPORTS + 1}</a>', large)
    # natural order of the rows: 1, 2, … 10, not 1, 10, 11 …
    paths = re.findall(r'<td class="path"><a href="[^"]+">([^<]+)</a>', large)
    assert paths[:3] == ["d/1.txt", "d/2.txt", "d/3.txt"] and paths[9] == "d/10.txt"
