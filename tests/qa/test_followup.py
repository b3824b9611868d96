"""What a follow-up inherits from the question before it (qa.followup, through
qa.conversation.read_turn): a part of what it counted ("其中…", "of those", "its"), another year
with a word of its own ("那2020年基期值呢?"), the rate of the figure just given ("同比增长多少?").
Pure: text in, reading out; no model, no index."""

from __future__ import annotations

from functools import cache

import pytest

from index.text import Tokenizer
from qa.conversation import Reading, metric_words, read_turns
from qa.followup import asks_part, asks_rate


@cache
def tok() -> Tokenizer:
    return Tokenizer()


def chat(*turns: str) -> list[Reading]:
    return read_turns(turns, tok())


@pytest.mark.parametrize(("turn", "lang", "part"), [
    ("其中中小企业呢?", "zh", True),
    ("那其中发明专利呢?", "zh", True),
    ("其他地区呢?", "zh", False),  # 其他 is "other", not "of those"
    ("How many of those ended in an administrative ruling?", "en", True),
    ("How many of its cases were patent disputes?", "en", True),
    ("And among them, how many were solved?", "en", True),
    ("What was the amount in dispute?", "en", False),
])
def test_words_that_ask_about_a_part(turn: str, lang: str, part: bool) -> None:
    assert asks_part(turn, lang) is part


def test_of_those_keeps_what_the_previous_question_counted() -> None:
    _, turn = chat("How many patent infringement disputes did Guangdong handle in 2023?",
                       "How many of those ended in an administrative ruling?")
    assert turn.followup and turn.years == [2023]
    q = turn.question()
    assert all(w in q for w in ("administrative ruling", "patent", "infringement", "disputes", "Guangdong"))


def test_its_asks_within_the_question_before() -> None:
    turns = chat("How many new IP cases did Guangdong courts take in during 2023?", "And the Guangzhou IP Court?",
                 "How many of its cases were patent disputes?")
    last = turns[-1]
    assert last.followup and last.years == [2023]
    assert "Guangzhou IP Court" in last.question() and "patent disputes" in last.question()


def test_a_part_asked_in_chinese_is_asked_within_the_previous_wording() -> None:
    _, turn = chat("2023年广东专利授权量是多少?", "其中发明专利呢?")
    assert turn.followup and turn.years == [2023]
    assert turn.question().startswith("2023年广东专利授权量") and "发明专利" in turn.question()


def test_a_short_turn_without_a_part_word_keeps_only_year_place_and_agency() -> None:
    _, turn = chat("How many IP arbitration cases did arbitration institutions in Guangdong accept in 2024?",
                   "What was the amount in dispute?")
    assert "amount in dispute" in turn.question() and "arbitration cases" not in turn.question()


def test_another_year_with_a_word_of_its_own_keeps_the_whole_question() -> None:
    _, turn = chat("十四五规划里,广东每万人口高价值发明专利拥有量2025年目标是多少?", "那2020年基期值呢?")
    assert turn.followup and turn.years == [2020]
    q = turn.question()
    assert q.startswith("2020年") and "每万人口高价值发明专利拥有量" in q and "基期值" in q and "2025" not in q


def test_a_new_question_naming_a_year_is_not_merged() -> None:
    _, turn = chat("十四五规划里,广东每万人口高价值发明专利拥有量2025年目标是多少?",
                   "2023年广东全省法院新收了多少知识产权案件?")
    assert not turn.followup


@pytest.mark.parametrize(("first", "turn", "rate"), [
    ("What was the total value of patent and trademark pledge financing in Guangdong in 2023?",
     "How much was that up year on year?", True),
    ("2024年广东全省法院新收了多少知识产权案件?", "同比增长多少?", True),
    ("2024年广东全省法院新收了多少知识产权案件?", "增幅呢?", True),
    ("2024年广东全省法院新收了多少知识产权案件?", "存案还有多少件?", False),
    ("How many IP crime cases did Guangdong police open in 2024?", "and how many did they solve?", False),
    # a year named makes it a comparison or another year's figure, not the rate just given
    ("2024年广东全省法院新收了多少知识产权案件?", "2023年同比增长多少?", False),
])
def test_a_turn_asking_the_rate_of_the_figure_just_given(first: str, turn: str, rate: bool) -> None:
    assert chat(first, turn)[-1].rate is rate


def test_rate_words_are_all_a_rate_turn_may_name() -> None:
    words = metric_words("同比增长多少件发明专利?", tok())
    assert not asks_rate("同比增长多少件发明专利?", words)


@pytest.mark.parametrize(("question", "core"), [
    # the word joining the two years, and "各是多少" / "变了多少", say nothing about what is counted;
    # what is left asks how many, as a question of one year would (qa.compare_wording)
    ("广东商标注册量2023年和2024年各是多少,变了多少?", "广东商标注册量多少"),
    ("省市场监管局查处的知识产权案件,2023年和2024年哪一年更多?", "省市场监管局查处的知识产权案件多少"),
    ("2023年与2024年广东法院新收知识产权案件分别是多少?", "广东法院新收知识产权案件多少"),
])
def test_a_comparison_s_core_keeps_only_what_is_counted(question: str, core: str) -> None:
    reading = chat(question)[0]
    assert reading.comparison and reading.years == [2023, 2024] and reading.core == core


@pytest.mark.parametrize(("question", "core"), [
    # "more … than in 2023" asks for a comparison even with the metric between the two words
    # (the opening "Did" / "Were" asks nothing of one year: qa.compare_wording)
    ("Did Guangdong police solve more IP crime cases in 2024 than in 2023?", "Guangdong police solve IP crime cases"),
    ("Were more patents granted in Guangdong in 2024 than in 2023?", "patents granted in Guangdong"),
])
def test_more_than_another_year_is_a_comparison(question: str, core: str) -> None:
    reading = chat(question)[0]
    assert reading.comparison and reading.years == [2023, 2024] and reading.core == core


def test_more_than_a_figure_is_not_a_comparison() -> None:
    reading = chat("Were there more than 80,000 new IP cases in 2024?")[0]
    assert not reading.comparison and reading.years == [2024]
