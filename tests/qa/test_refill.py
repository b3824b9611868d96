"""Which part of the previous question a follow-up with words of its own replaces (qa.refill,
through qa.conversation.read_turn): of the same unit, what was counted; of another unit, it asks
about what was counted. Pure: text in, reading out; no model, no index."""

from __future__ import annotations

from functools import cache

import pytest

from index.text import Tokenizer
from qa.conversation import Reading, metric_words, read_turns, slots_in
from qa.refill import ASKING, counted_run, same_kind


@cache
def tok() -> Tokenizer:
    return Tokenizer()


def last(*turns: str) -> Reading:
    return read_turns(turns, tok())[-1]


@pytest.mark.parametrize(("core", "counted"), [
    ("广州市市场监管部门办结了多少宗专利侵权纠纷案件", "专利侵权纠纷案件"),
    ("广东专利授权量", "专利"),
    ("How many patent pre-examination requests did Guangdong's national IP protection centres accept",
     "patent pre-examination requests"),
])
def test_what_a_question_counts(core: str, counted: str) -> None:
    run = counted_run(core, slots_in(core), metric_words(core, tok()), "en" if core.isascii() else "zh")  # type: ignore[arg-type]
    assert run is not None and core[run[0] : run[1]] == counted


@pytest.mark.parametrize(("turn", "previous", "same"), [
    ("发明专利呢?", "2023年广东专利授权量是多少?", True),
    ("货值呢?", "广州立案查处了多少宗涉专业市场侵权假冒案件?", False),
    ("惠及多少家企业?", "2024年广东专利商标质押融资额是多少?", False),
    ("how many items was that?", "How many batches of infringing goods did customs seize in 2023?", False),
    ("And rights-protection cases?", "How many patent pre-examination requests did the centres accept?", True),
])
def test_same_kind_is_the_same_unit(turn: str, previous: str, same: bool) -> None:
    assert same_kind(turn, previous) is same


def test_asking_words_stop_at_the_measure_word() -> None:
    assert [m.group() for m in ASKING.finditer("新收了多少知识产权案件,打掉多少个窝点")] == ["多少", "多少个"]


@pytest.mark.parametrize(("turns", "question"), [
    # Another thing of the same kind takes the place of what was counted; the rest is kept.
    (("2023年广东专利授权量是多少?", "发明专利呢?"), "2023年广东发明专利授权量?"),
    (("广州市2023年市场监管部门办结了多少宗专利侵权纠纷案件?", "商标行政处罚案件呢?"),
     "2023年广州市市场监管部门办结了多少商标行政处罚案件?"),
    (("How many patent pre-examination requests did Guangdong's national IP protection centres accept in 2024?",
      "And rights-protection cases?"),
     "How many rights-protection cases did Guangdong's national IP protection centres accept in 2024?"),
    # Another unit: a question about what was counted, its wording kept.
    (("2024年广东专利商标质押融资额是多少?", "惠及多少家企业?"), "2024年广东专利商标质押融资额，惠及多少家企业?"),
    (("2024年广东专利商标质押融资额是多少?", "惠及多少家企业?", "其中中小企业呢?"),
     "2024年广东专利商标质押融资额，惠及多少家中小企业?"),
    # An agency naming its city replaces the province without repeating the city.
    (("2023年广东全省法院审结了多少知识产权案件?", "广州知识产权法院审结多少?"), "2023年广州知识产权法院审结多少知识产权案件?"),
    # A place name running into the agency's words is cut where they start.
    (("2023年广州市场监管部门办结专利侵权纠纷案件多少宗?", "深圳呢?"), "2023年深圳市场监管部门办结专利侵权纠纷案件多少宗?"),
])
def test_follow_up_read_in_the_previous_question(turns: tuple[str, ...], question: str) -> None:
    assert last(*turns).question() == question


def test_another_unit_in_english_keeps_what_was_counted_and_who_did_it() -> None:
    q = last("How many batches of infringing goods did customs in Guangdong seize in 2023?",
             "how many items was that?").question()
    assert all(w in q for w in ("infringing", "goods", "customs", "seize", "2023"))


@pytest.mark.parametrize(("turns", "question"), [
    # One word of the question, however many pieces the search tokenizer cuts it into (刑事案件).
    (("“十三五”时期全省法院审结知识产权民事案件多少件?", "刑事案件呢?"), "“十三五”时期全省法院审结刑事案件多少件?"),
    # 全省 is a place: it takes the city's.
    (("2024年深圳海关查扣涉嫌侵权货物多少批次?", "全省呢?"), "2024年全省海关查扣涉嫌侵权货物多少批次?"),
])
def test_short_follow_ups(turns: tuple[str, ...], question: str) -> None:
    assert last(*turns).question() == question


def test_one_word_and_another_year_leans_on_the_question_before() -> None:
    reading = last("规划提出到2025年每万人口高价值发明专利拥有量达到多少件?", "基期2020年是多少?")
    assert reading.followup and reading.years == [2020]
    assert "每万人口高价值发明专利" in reading.question() and "基期" in reading.question()


def test_they_are_the_previous_question_s_agency() -> None:
    reading = last("How many IP mediation organisations did Guangdong have in 2024?",
                   "And how many disputes did they mediate that year?")
    assert reading.followup and reading.years == [2024]
    assert "mediation organisations" in reading.question() and "Guangdong" in reading.question()


def test_that_year_alone_lends_the_year_not_who() -> None:
    reading = last("How many batches of infringing goods did customs in Guangdong seize in 2023?",
                   "And how many valid registered trademarks were there at the end of that year?")
    assert not reading.followup and reading.years == [2023] and "customs" not in reading.question()


def test_a_part_in_english_keeps_the_previous_action() -> None:
    q = last("How many copyright registrations did Guangdong record in 2024?",
             "How many of those were computer software works?", "And the year before?").question()
    assert "registrations" in q and "2023" in q
