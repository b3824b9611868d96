"""Follow-ups read from the earlier turns (pure: text in, reading out; no model, no index)."""

from __future__ import annotations

from functools import cache

import pytest

from index.text import Tokenizer
from qa.assumption import assumed
from qa.conversation import Reading, metric_words, read_turns, relative_years, slots_in
from qa.followup import shift_year
from qa.frame import analyse


@cache
def tok() -> Tokenizer:
    return Tokenizer()


def chat(*turns: str) -> list[Reading]:
    return read_turns(turns, tok())


COURTS_ZH = "2024年广东法院新收知识产权案件多少件?"
ARRESTS_ZH = "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?"
CUSTOMS_EN = "How many batches of infringing goods did customs in Guangdong seize in 2023?"
ARRESTS_EN = "How many IP cases did Guangdong prosecutors approve arrests in during 2024?"


@pytest.mark.parametrize(("first", "turn", "years", "want_in", "want_out"), [
    # year swaps: everything else is kept
    (COURTS_ZH, "那2023年呢?", [2023], ["2023年", "法院", "新收", "知识产权案件"], ["2024"]),
    (COURTS_ZH, "2023年的呢？", [2023], ["2023年", "法院", "新收"], ["2024"]),
    (CUSTOMS_EN, "And 2024?", [2024], ["2024", "customs", "batches"], ["2023"]),
    (CUSTOMS_EN, "What about in 2024?", [2024], ["2024", "seize"], ["2023"]),
    # a relative year is relative to the year asked before
    (COURTS_ZH, "那去年呢?", [2023], ["2023年", "法院"], ["2024"]),
    (CUSTOMS_EN, "And the year before?", [2022], ["2022", "customs"], ["2023"]),
    # place swaps
    (CUSTOMS_EN, "And Shenzhen?", [2023], ["Shenzhen", "customs", "2023"], ["Guangdong"]),
    (COURTS_ZH, "深圳呢?", [2024], ["深圳", "法院", "2024年"], ["广东"]),
    # agency and action swaps
    (ARRESTS_ZH, "起诉呢?", [2024], ["起诉", "检察机关", "2024年"], ["批准逮捕"]),
    (ARRESTS_EN, "What about prosecutions?", [2024], ["prosecutions", "2024"], ["approve arrests"]),
    (ARRESTS_ZH, "那法院呢?", [2024], ["法院", "批准逮捕"], ["检察机关"]),
    # mixed languages: the follow-up's slot is written in the first question's language
    (COURTS_ZH, "And Shenzhen?", [2024], ["深圳", "法院"], ["Shenzhen"]),
    (ARRESTS_ZH, "What about prosecutions?", [2024], ["起诉", "2024年"], ["批准逮捕"]),
    (CUSTOMS_EN, "那2024年呢?", [2024], ["2024", "customs"], ["2023"]),
    (CUSTOMS_EN, "深圳呢?", [2023], ["Shenzhen", "customs"], ["Guangdong"]),
])
def test_a_follow_up_keeps_what_it_leaves_out(first: str, turn: str, years: list[int], want_in: list[str],
                                             want_out: list[str]) -> None:
    reading = chat(first, turn)[-1]
    resolved = reading.question()
    assert reading.followup and not reading.comparison
    assert reading.years == years
    for word in want_in:
        assert word in resolved, resolved
    for word in want_out:
        assert word not in resolved, resolved
    # What the pipeline makes of it: the years, and the roles of the question it follows (or its own).
    frame = analyse(resolved)
    assert frame.years == years


@pytest.mark.parametrize(("first", "turn"), [
    (COURTS_ZH, "2023年省内海关查扣侵权商品多少批次?"),
    (COURTS_ZH, "广东专利授权量是多少?"),
    (CUSTOMS_EN, "How many patents were granted in Guangdong in 2024?"),
    (CUSTOMS_EN, "2024年广东检察机关起诉侵犯知识产权犯罪案件多少件?"),
    (ARRESTS_ZH, "How many valid invention patents did Guangdong have?"),
])
def test_a_new_full_question_is_not_merged(first: str, turn: str) -> None:
    reading = chat(first, turn)[-1]
    assert not reading.followup
    assert reading.question() == turn


@pytest.mark.parametrize(("turns", "years"), [
    ((COURTS_ZH, "和去年比呢?"), [2023, 2024]),
    ((COURTS_ZH, "那2023年呢?", "哪一年更多?"), [2023, 2024]),
    ((CUSTOMS_EN, "How did it change from 2023 to 2024?"), [2023, 2024]),
    ((CUSTOMS_EN, "Compared with 2024?"), [2023, 2024]),
    ((ARRESTS_ZH, "What about 2023?", "Which year was higher?"), [2023, 2024]),
])
def test_a_follow_up_can_ask_for_a_comparison(turns: tuple[str, ...], years: list[int]) -> None:
    reading = chat(*turns)[-1]
    assert reading.followup and reading.comparison and reading.years == years
    later, earlier = str(years[1]), str(years[0])
    resolved = reading.question()
    assert later in resolved and earlier in resolved


@pytest.mark.parametrize(("question", "years", "comparison"), [
    ("2024年比2023年法院新收知识产权案件变化多少?", [2023, 2024], True),
    ("How did customs seizures change from 2023 to 2024?", [2023, 2024], True),
    ("2024年广东法院新收知识产权案件和去年相比变化多少?", [2023, 2024], True),
    ("2024年全省法院新收知识产权案件同比减少多少?", [2024], False),  # the stated rate, one year
    ("2024年广东法院结收比是多少?", [2024], False),  # 结收比 is a ratio, not a comparison
    ("How many cases were concluded in 2024?", [2024], False),
    # A plan's span is one period, asked in its words (qa.frame.plan_years), not two years to compare
    ("Between 2016 and 2020, how many mediation organizations did Guangdong cultivate?", [2020], False),
    ("2016到2020年广东专利商标质押融资总额是多少?", [2020], False),
    ("Between 2016 and 2019, how many mediation organizations did Guangdong cultivate?", [2016, 2019], True),
    # a noun after 多少 that is no measure word is what was reduced: an amount, not a change between years
    ("深圳海外维权体系2024年为企业减少了多少损失?", [2024], False),
    ("2024年比2023年专利授权量增加了多少万件?", [2023, 2024], True),
    ("2023年和2024年相比，专利授权量增加了多少呢?", [2023, 2024], True),
    ("2024年有效注册商标量较2023年增长了多少注册商标?", [2023, 2024], True),
    ("2024年全省法院新收知识产权案件比2023年减少了多少案件?", [2023, 2024], True),
])
def test_a_question_of_its_own_may_compare_two_years(question: str, years: list[int], comparison: bool) -> None:
    reading = chat(question)[-1]
    assert not reading.followup
    assert reading.years == years and reading.comparison is comparison


@pytest.mark.parametrize(("text", "value"), [
    ("去年广东法院新收多少件?", -1), ("前年呢", -2), ("今年", 0), ("最新的数字", "latest"),
    ("What was it last year?", -1), ("the latest figure", "latest"), ("the most recent year", "latest"),
    ("this year", 0), ("How many did they crack the following year?", 1), ("次年审结多少件", 1),
    ("a year later", 1), ("the year after", 1),
])
def test_relative_years(text: str, value: object) -> None:
    assert [s.value for s in relative_years(text)] == [value]


@pytest.mark.parametrize(("question", "years", "year_in_question"), [
    ("Guangdong courts wrapped up 88,462 IP cases in 2024 - how many did they wrap up the year before?", [2023], "2023"),
    ("In 2023 the police cracked 1,678 IP crimes. How many did they crack the following year?", [2024], "2024"),
    ("2024年全省法院审结知识产权案件88462件，前一年审结了多少件？", [2023], "2023年"),
])
def test_a_figure_stated_for_a_named_year_leaves_only_the_relative_year_asked(
        question: str, years: list[int], year_in_question: str) -> None:
    reading = chat(question)[-1]
    assert reading.years == years and not reading.comparison
    asked = reading.question()
    named = 2024 if years == [2023] else 2023  # the year whose figure the question states
    assert year_in_question in asked and str(named) not in asked


def test_a_relative_year_beside_a_named_one_without_a_stated_figure_keeps_both() -> None:
    assert chat("2024年法院审结了多少知识产权案件，前一年呢？")[-1].years == [2023, 2024]


def test_a_relative_year_without_an_earlier_one_is_left_for_the_corpus() -> None:
    reading = chat("去年广东法院新收知识产权案件多少件?")[-1]
    assert reading.years == [] and reading.relative == -1
    assert "去年" not in reading.for_years([2024]) and reading.for_years([2024]).startswith("2024年")


def test_slots_are_found_where_they_are() -> None:
    text = "2024年深圳海关查扣多少批次?"
    kinds = {(s.kind, text[s.start:s.end]) for s in slots_in(text)}
    assert {("year", "2024年"), ("place", "深圳"), ("action", "查扣")} <= kinds
    assert any(k == "agency" and "海关" in w for k, w in kinds)


@pytest.mark.parametrize(("text", "has_metric"), [
    ("那2023年呢?", False), ("And Shenzhen?", False), ("What about prosecutions?", False), ("起诉呢?", False),
    ("和去年比呢?", False), ("哪一年更多?", False), ("What about the police?", False),
    ("专利授权量呢?", True), ("How many trademarks were registered?", True), ("侵权商品多少批次?", True),
])
def test_metric_words_tell_a_follow_up_from_a_new_question(text: str, has_metric: bool) -> None:
    assert bool(metric_words(text, tok())) is has_metric


@pytest.mark.parametrize(("turns", "line"), [
    ((COURTS_ZH, "那2023年呢?"), "2023年 · 广东法院 · 新收知识产权案件"),
    ((COURTS_ZH, "深圳呢?"), "2024年 · 深圳法院 · 新收知识产权案件"),
    ((CUSTOMS_EN, "And 2024?"), "2024 · customs in Guangdong · batches infringing goods seize"),
    ((COURTS_ZH, "和去年比呢?"), "2023年 → 2024年 · 广东法院 · 新收知识产权案件"),
])
def test_the_assumption_is_written_in_the_question_language(turns: tuple[str, ...], line: str) -> None:
    assert assumed(chat(*turns)[-1], tok()) == line


def test_the_assumption_says_when_the_year_is_the_latest_the_documents_report() -> None:
    reading = chat("What is the latest number of cases accepted by Guangdong courts?")[-1]
    assert assumed(reading, tok(), [2024], latest=True).startswith("2024 (latest in the documents)")
    zh = chat("去年广东法院新收知识产权案件多少件?")[-1]
    assert assumed(zh, tok(), [2024], latest=True).startswith("2024年（文件中最新）")


def test_a_follow_up_may_ask_for_another_unit() -> None:
    reading = chat(ARRESTS_ZH, "多少人?")[-1]
    assert reading.followup and reading.question() == "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少人?"


@pytest.mark.parametrize(("first", "turn", "years", "want_in"), [
    ("2023年广东专利授权量是多少?", "发明专利呢?", [2023], ["2023年", "发明专利"]),
    ("2024年全省检察机关批准逮捕多少件?", "其中涉及多少人呢?", [2024], ["2024年"]),
    ("How many IP arbitration cases did arbitration institutions in Guangdong accept in 2024?",
     "And what was the amount in dispute?", [2024], ["amount in dispute", "2024"]),
])
def test_a_short_turn_with_a_metric_of_its_own_is_asked_of_the_year_before(
        first: str, turn: str, years: list[int], want_in: list[str]) -> None:
    reading = chat(first, turn)[-1]
    assert reading.followup and reading.years == years
    for word in want_in:
        assert word in reading.question(), reading.question()


@pytest.mark.parametrize(("first", "turn", "years"), [
    (CUSTOMS_EN, "And how many valid registered trademarks were there at the end of that year?", [2023]),
    (CUSTOMS_EN, "How many patents were granted in Guangdong the year before?", [2022]),
    (COURTS_ZH, "当年广东专利授权量是多少?", [2024]),
])
def test_a_new_question_s_relative_year_is_the_conversation_s(first: str, turn: str, years: list[int]) -> None:
    reading = chat(first, turn)[-1]
    assert not reading.followup
    assert reading.years == years


@pytest.mark.parametrize(("turns", "question"), [
    # A question of its own that takes its year from the conversation ("that year") is asked with
    # the year written where it stood.
    (("How many invention patents were granted in Guangdong in 2023?", "And PCT applications that year?"),
     "And PCT applications in 2023?"),
    (("How many trademark registrations did Guangdong record in 2024?",
      "And valid registered trademarks at the end of that year?"), "And valid registered trademarks at the end of 2024?"),
])
def test_a_year_taken_from_the_conversation_is_written_in(turns: tuple[str, ...], question: str) -> None:
    reading = chat(*turns)[-1]
    assert reading.question() == question


@pytest.mark.parametrize(("question", "years"), [
    ("How many sessions did the two bases run in 2024 and the year before?", [2023, 2024]),
    ("2024年和前一年法院审结了多少件?", [2023, 2024]),
    ("2020年是十三五最后一年，当年全省专利授权量是多少?", [2020]),  # 最后一年 is no relative year
    ("本次年度报告中，2024年全省法院新收多少件?", [2024]),  # 次年 inside 本次年度
])
def test_a_relative_year_joined_to_the_named_one_asks_both(question: str, years: list[int]) -> None:
    assert chat(question)[-1].years == years


@pytest.mark.parametrize(("year", "relative", "shifted"), [(2024, -1, 2023), (2023, 1, 2024), (2024, "latest", 2024)])
def test_shift_year(year: int, relative: object, shifted: int) -> None:
    assert shift_year(year, relative) == shifted


def test_a_follow_up_naming_a_plans_span_asks_the_plans_year() -> None:
    reading = chat("How much IP pledge financing did Guangdong have in 2024?", "And between 2016 and 2020?")[-1]
    assert reading.years == [2020] and not reading.comparison
    assert "pledge financing" in reading.core and "between" not in reading.core
