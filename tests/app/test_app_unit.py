"""Rendering and table functions of app.py, with a fake QA: no browser, no model."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import app
import app_audit
import app_chat
from qa.api import QAError
from tests.app import fake_qa
from tests.app.fake_qa import FakeQA, answer, citation, figure_rows, verdict

XSS = "<script>alert(1)</script> **bold** [x](javascript:alert(2)) <img src=x onerror=alert(3)>"


# ---------------------------------------------------------------- escaping and highlighting


def test_highlight_wraps_the_figure_in_mark() -> None:
    assert app.highlight("共1265件。", 1, 6) == "共<mark>1265件</mark>。"


@pytest.mark.parametrize("start,end", [(None, None), (3, 3), (-1, 2), (2, 99), (5, 1)])
def test_highlight_ignores_invalid_offsets(start: int | None, end: int | None) -> None:
    assert app.highlight("a<b>c", start, end) == "a&lt;b&gt;c"


def test_highlight_escapes_around_and_inside_the_mark() -> None:
    assert app.highlight("<i>12</i>", 3, 5) == "&lt;i&gt;<mark>12</mark>&lt;/i&gt;"


def test_answer_card_shows_figure_quote_and_linked_passage() -> None:
    out = app.render_answer(answer())
    assert "<span class='qa-figure-text'>1265件</span>" in out
    assert "批准逮捕侵犯知识产权犯罪案件<mark>1265件</mark>1854人" in out
    assert "2024年广东省知识产权保护状况" in out and "二、司法保护" in out
    assert "<div class='qa-pair'>" in out and "approving the arrest of 1,854 suspects" in out
    assert "<details class='qa-more'>" in out
    assert "持续加强知识产权检察工作。<strong class='qa-in-para'>2024年" in out  # the quote, in its paragraph
    assert out.count("<li class='qa-cite'") == 1 and "[1]" in out
    # 1265件 and 1,265 are the same number: no redundant "= 1,265 件".
    assert "qa-figure-norm" not in out


def test_normalized_value_shown_when_it_adds_something() -> None:
    a = answer(figure={"text": "4.78万件", "value": 47800, "unit": "件"}, normalized="47,800")
    assert "= 47,800 件" in app.render_answer(a)


def test_card_without_translation_or_paragraph_is_single_column() -> None:
    c = citation(linked_quote=None, linked_section=None, paragraph="")
    out = app.render_citation(c, 2)
    assert "qa-pair" not in out and "<details" not in out and "[2]" in out


def test_citations_are_numbered_best_first() -> None:
    cites = [citation(), citation(doc_id="x", title="第二个")]
    out = app.render_answer(answer(citations=cites))
    assert out.index("[1]") < out.index("[2]") < out.index("第二个")


def test_user_and_document_text_is_escaped() -> None:
    evil = citation(quote=XSS, figure_start=None, figure_end=None, paragraph=XSS, linked_quote=XSS,
                    title=XSS, section=XSS)
    out = app.render_answer(answer(question=XSS, answer=XSS, citations=[evil]))
    out += app_chat.user_message(XSS)
    turn = FakeQA().chat("2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?", [])
    out += app_chat.render_chat_answer(turn.model_copy(update={"assumed": XSS, "resolved_question": XSS,
                                                               "followup": True}),
                                       app.render_answer, app.render_citation)
    out += app.render_verdict(verdict(claim=XSS, explanation=XSS, citations=[evil]))
    out += app.render_error(XSS)
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    # Markdown is not interpreted: no bold, no link.
    assert "**bold**" in out and "<a " not in out and "<strong>bold" not in out


def test_long_question_is_echoed_shortened() -> None:
    out = app_chat.user_message("问" * 5000)
    assert out.count("问") < app_chat.ECHO_CHARS + 5 and "…" in out


def test_not_found_shows_message_and_related_passages() -> None:
    a = answer(status="not_found", answer="文件中没有这个数字。", figure=None, normalized=None,
               citations=[], related=[citation(figure_start=None, figure_end=None)])
    out = app.render_answer(a)
    assert "<div class='qa-notfound'>文件中没有这个数字。</div>" in out
    assert "相关段落 · Related passages" in out and "<mark>" not in out
    assert "qa-figure-text" not in out


@pytest.mark.parametrize("label,colour", [("supported", "Supported"), ("contradicted", "Contradicted"),
                                          ("not_found", "Not found")])
def test_verdict_badge(label: str, colour: str) -> None:
    out = app.render_verdict(verdict(verdict=label))
    assert f"<span class='qa-badge qa-badge-{label}'>" in out and colour in out


def test_verdict_shows_claimed_and_source_figures() -> None:
    out = app.render_verdict(verdict())
    assert "声明的数字 · Claimed</th><td><span class='qa-figure-text'>1,265</span>" in out
    assert "来源的数字 · Source</th><td><span class='qa-figure-text'>1265件</span>" in out
    assert "The figure 1,265 is for 2024, not 2023." in out


def test_verdict_without_figures() -> None:
    out = app.render_verdict(verdict(verdict="not_found", claimed=None, found=None, citations=[]))
    assert out.count("<td>—</td>") == 2 and "qa-citations" not in out


def test_status_page() -> None:
    out = app.render_status(FakeQA().status())
    assert "en 15 · zh 25 · total 40" in out and "multilingual-e5-small" in out
    assert "recall@5" in out and "0.95" in out and "2025-01-01T00:00:00Z" in out


def test_status_without_eval_run() -> None:
    s = FakeQA().status().model_copy(update={"last_eval": None})
    assert "No eval run yet" in app.render_status(s)


# ---------------------------------------------------------------- figures table and CSV


def test_figures_unfiltered() -> None:
    rows = figure_rows()
    table = app.figures_frame(rows)
    assert len(table) == len(rows) and len(table[0]) == len(app.TABLE_HEADERS)
    assert table[0] == [1265, "件", "1265件", "批准逮捕侵犯知识产权犯罪案件", 2024, "检察院 · procuratorate",
                        "批准逮捕 · approve_arrest", "", "当年 flow", "", "zh", fake_qa.TITLE_2024, fake_qa.ZH_QUOTE]


def test_search_matches_traditional_text_with_simplified_query() -> None:
    # The 2023 white paper is in traditional script: 海关 must find 海關; the English sentence's
    # agency column (海关 · customs) is searched too.
    table = app.figures_frame(figure_rows(), query="海关")
    assert [r[2] for r in table] == ["15766批次", "15,766"]
    assert [r[2] for r in app.figures_frame(figure_rows(), query="海關 2023", lang="zh")] == ["15766批次"]


def test_search_is_case_insensitive_and_all_words_must_match() -> None:
    # the Chinese sentence is found too: its agency column reads "海关 · customs"
    assert [r[2] for r in app.figures_frame(figure_rows(), query="CUSTOMS 15766")] == ["15766批次", "15,766"]
    assert [r[2] for r in app.figures_frame(figure_rows(), query="CUSTOMS batches")] == ["15,766"]
    assert app.figures_frame(figure_rows(), query="customs 1265") == []


@pytest.mark.parametrize("filters,expected", [
    ({"year": "2023"}, ["15766批次", "15,766", "2282宗"]),
    # who, what, where
    ({"agency": "procuratorate"}, ["1265件", "1,265", "64.29%"]),
    ({"agency": "customs", "lang": "en"}, ["15,766"]),
    ({"action": "approve_arrest"}, ["1265件", "1,265"]),
    ({"action": app.NONE}, ["64.29%"]),  # the rate names no action of its own
    ({"place": "广州"}, ["2282宗"]),
    ({"place": app.NONE, "agency": "market_regulation"}, []),
    ({"agency": app.ALL, "action": "", "place": None, "year": 2024}, ["1265件", "1,265", "64.29%"]),
    ({"year": 2023, "lang": "en"}, ["15,766"]),
    ({"doc": "gd-ip-protection-2024", "unit": "%"}, ["64.29%"]),
    ({"doc": app.ALL, "year": "", "lang": None, "unit": app.ALL}, ["1265件", "1,265", "15766批次", "15,766",
                                                                   "64.29%", "2282宗"]),
])
def test_filters(filters: dict[str, object], expected: list[str]) -> None:
    assert [r[2] for r in app.figures_frame(figure_rows(), **filters)] == expected  # type: ignore[arg-type]


def test_unitless_figures_filter() -> None:
    rows = [*figure_rows(), figure_rows()[0].model_copy(update={"unit": "", "text": "3"})]
    assert [r[2] for r in app.figures_frame(rows, unit=app.NO_UNIT)] == ["3"]
    assert ("(无单位 · none)", app.NO_UNIT) in app.figure_choices(rows)["unit"]


def test_figure_choices() -> None:
    c = app.figure_choices(figure_rows())
    assert c["year"] == [("全部 · All", app.ALL), ("2024", "2024"), ("2023", "2023")]
    assert c["doc"][1] == (fake_qa.TITLE_2024, "gd-ip-protection-2024")
    assert [v for _, v in c["lang"]] == [app.ALL, "en", "zh"]


def test_csv_is_utf8_with_bom_and_round_trips() -> None:
    rows = figure_rows()
    data = app.to_csv(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed[0] == app.CSV_FIELDS
    assert len(parsed) == len(rows) + 1
    assert parsed[1][:3] == ["1265", "件", "1265件"] and parsed[5][0] == "64.29"
    assert parsed[3][app.CSV_FIELDS.index("quote")] == rows[2].quote


def test_csv_of_no_rows_is_just_the_header() -> None:
    assert app.to_csv([]).decode("utf-8-sig").strip() == ",".join(app.CSV_FIELDS)


def test_format_value() -> None:
    assert [app.format_value(v) for v in (1265.0, 64.29, 2e8, 0.5)] == ["1265", "64.29", "200000000", "0.5"]


# ---------------------------------------------------------------- the Blocks, without a server


def _fn(demo: object, name: str):  # type: ignore[no-untyped-def]
    fns = {f.fn.__name__: f.fn for f in demo.fns.values() if f.fn is not None}  # type: ignore[attr-defined]
    return fns[name]


def test_build_app_wires_handlers() -> None:
    qa = FakeQA()
    demo = app.build_app(qa)
    ask = _fn(demo, "ask")
    messages, turns, box = ask("2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?", [], [])
    assert [m["role"] for m in messages] == ["user", "assistant"] and box == ""
    assert "<mark>1265件</mark>" in messages[1]["content"] and "qa-assumed" in messages[1]["content"]
    assert turns == ["2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?"]
    messages, turns, box = ask("   ", messages, turns)
    assert "qa-error" in messages[-1]["content"] and "Please type a question" in messages[-1]["content"]
    assert len(turns) == 1 and box == "   "  # a failed turn stays in the box and out of the history
    assert _fn(demo, "clear")() == ([], [], "")

    assert "qa-badge-contradicted" in _fn(demo, "check")("Guangdong prosecutors approved arrests in 1,265")
    assert "too long" in _fn(demo, "check")("x" * 2001)

    frame, count, path, json_path = _fn(demo, "filter_table")("海关", app.ALL, app.ALL, "zh", app.ALL)
    assert len(frame) == 1 and "显示 1 / 6" in count
    with open(path, "rb") as f:
        assert f.read() == app.to_csv([figure_rows()[2]])
    with open(json_path, "rb") as f:
        assert f.read() == app.to_json([figure_rows()[2]])
    frame, count, _, _ = _fn(demo, "filter_table")("", app.ALL, app.ALL, app.ALL, app.ALL, "market_regulation",
                                                   app.ALL, "广州")
    assert list(frame.iloc[:, 2]) == ["2282宗"] and "显示 1 / 6" in count
    html_out, json_path = _fn(demo, "run")("*")
    assert "1265件" in html_out and "qa-audit-finding" in _fn(demo, "run")("year_on_year")[0]
    with open(json_path, "rb") as f:
        assert f.read() == app_audit.to_json(FakeQA().audit())
    assert "multilingual-e5-small" in _fn(demo, "status")()


def test_a_follow_up_is_asked_with_the_earlier_turns_and_shows_its_assumption() -> None:
    qa = FakeQA()
    ask = _fn(app.build_app(qa), "ask")
    messages, turns, _ = ask("2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?", [], [])
    messages, turns, _ = ask("那2023年呢?", messages, turns)
    last = messages[-1]["content"]
    assert "800件" in last and "2023年 · 全省检察机关" in last
    assert "理解为 · Understood as" in last and "2023年广东检察机关批准逮捕" in last
    messages, turns, _ = ask("哪一年更多?", messages, turns)
    last = messages[-1]["content"]
    assert last.count("qa-year'") == 2 and "+465" in last and "+64.29%" in last and "不一致" in last
    assert last.index("800件") < last.index("1265件")  # the earlier year first
    assert "\n" not in last  # one raw HTML block: no Markdown can get in


def test_chat_keeps_a_bounded_history() -> None:
    ask = _fn(app.build_app(FakeQA()), "ask")
    messages: list[dict[str, str]] = []
    turns: list[str] = []
    for i in range(app_chat.MAX_TURNS + 5):
        messages, turns, _ = ask(f"question {i}", messages, turns)
    assert len(messages) == 2 * app_chat.MAX_TURNS and len(turns) == app_chat.MAX_TURNS
    assert "question 24" in messages[-2]["content"] and turns[-1] == "question 24"


def test_comparison_not_answered_renders_as_the_answer() -> None:
    turn = FakeQA().chat("哪一年更多?", ["a"])
    missing = turn.model_copy(update={"status": "not_found", "comparison": turn.comparison.model_copy(  # type: ignore[union-attr]
        update={"from_": None, "to": None, "change": None, "missing": [2023]}), "citations": [],
        "answer": "没有找到2023年的这个数字，无法比较。"})
    out = app_chat.render_chat_answer(missing, app.render_answer, app.render_citation)
    assert "qa-notfound" in out and "没有找到2023年" in out and "qa-year'" not in out


def test_qa_error_is_the_apis() -> None:
    with pytest.raises(QAError):
        FakeQA().ask("")


def test_missing_index_exits_with_a_clear_message(tmp_path: Path) -> None:
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path), "GRADIO_SERVER_PORT": "1"}  # never gets to bind
    done = subprocess.run([sys.executable, "app.py"], cwd=Path(app.__file__).parent, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "No index" in done.stderr and "make index" in done.stderr
