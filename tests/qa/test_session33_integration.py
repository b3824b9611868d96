"""Session 33 on the real index: an answer shows the bound its source puts on a figure (超1万名, not
1万名); a position (居全国首位) answers only a question that asks one. Questions written for these tests
from the 2024 white paper: 培养技术经纪人超1万名; 有效注册商标量906.46万件,均居全国首位."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize(("question", "shown"), [
    ("华南技术转移中心培养了多少名技术经纪人?", "超1万名"),
    # (the province asked of the centre's figure, "广东培养了多少技术经纪人?", is held back since session 37's refit, at
    # 0.91: the figure is one centre's, not the province's; a bound is shown where an answer is given)
    ("華南技術轉移中心培養了多少名技術經紀人?", "超1万名"),
])
def test_an_answer_shows_the_bound_its_source_states(qa: QA, question: str, shown: str) -> None:
    a = qa.ask(question)
    assert a.status == "answered" and a.figure is not None, a.reason
    assert a.figure.qualifier == "more_than" and a.figure.stated == shown
    assert shown in a.answer.split("原文")[0]


@pytest.mark.parametrize("question", [
    "2024年底广东的有效注册商标总量有多少?",
    "截至2024年底，广东有效注册商标一共多少?",
])
def test_a_position_answers_no_question_that_asks_no_position(qa: QA, question: str) -> None:
    # 有效注册商标量906.46万件,均居全国首位: 首位 is where the count stands, not the count
    frame = qa._analyse(question, "question")
    _, figs = qa.candidates(frame, qa.rerank_weights)
    ranks = [f for f in figs if f.figure.kind == "rank"]
    assert ranks and all(f.features["unit"] == -1.0 for f in ranks)
    a = qa.ask(question)
    assert a.figure is None or a.figure.value == 9064600, a.answer


def test_a_question_asking_a_position_still_finds_it(qa: QA) -> None:
    frame = qa._analyse("2024年广东有效注册商标量在全国排第几?", "question")
    _, figs = qa.candidates(frame, qa.rerank_weights)
    assert any(f.figure.kind == "rank" and f.features["unit"] > 0 for f in figs[:5])


# 深圳…海外知识产权维权工作体系…为企业减少损失超21亿美元 (2024 top ten events)
@pytest.mark.parametrize("question", [
    "深圳的海外维权工作体系为企业减少了多少损失?",
    "深圳的海外维权体系替企业挽回了多少亏损?",
])
def test_losses_avoided_are_asked_as_money(qa: QA, question: str) -> None:
    a = qa.ask(question)
    assert a.figure is not None and a.figure.value == 2.1e9 and a.figure.unit == "美元", a.reason
    assert a.figure.stated == "超21亿美元"


def test_losses_claimed_in_another_currency_are_not_supported(qa: QA) -> None:
    v = qa.verify("深圳海外维权体系为企业减少损失超过21亿元人民币。")
    assert v.verdict != "supported", v.explanation


# A reviewer's findings on the first forms (questions written by the reviewer from the corpus)
@pytest.mark.parametrize("question", [
    "2024年质押融资额同比增长了多少来着",
    "2024年质押融资额同比增长了多少了?",
    "2024年专利商标质押融资额同比增长多少左右?",
])
def test_a_rate_asked_with_a_filler_after_how_much_is_still_a_rate(qa: QA, question: str) -> None:
    a = qa.ask(question)
    assert a.figure is None or a.figure.value == 49.74, a.answer


@pytest.mark.parametrize(("question", "not_this"), [
    ("深圳为减少企业损失监测了多少海外知识产权纠纷案件?", 2.1e9),  # losses named elsewhere ask no money
    ("深港穗科技集群在全球创新指数中表现如何?", 5),  # how it did: a position may answer, a duration not
])
def test_no_wrong_reading_of_what_is_asked(qa: QA, question: str, not_this: float) -> None:
    a = qa.ask(question)
    assert a.figure is None or a.figure.value != not_this, a.answer


def test_a_position_answers_how_it_did(qa: QA) -> None:
    a = qa.ask("深圳分中心2022年考核结果怎样?")
    assert a.figure is None or a.figure.text == "第一", a.answer


def test_a_comparison_with_a_noun_after_how_much_is_still_compared(qa: QA) -> None:
    a = qa.ask("2024年有效注册商标量较2023年增长了多少注册商标?")
    assert a.comparison is not None or a.figure is None, a.answer


def test_the_bound_is_in_the_answers_language(qa: QA) -> None:
    a = qa.ask("广州ODR平台的调解率是多少?")
    if a.figure is not None and a.figure.qualifier == "about":
        assert "约" in a.answer.split("原文")[0] and "about" not in a.answer.split("原文")[0]


def test_a_change_between_bounded_figures_says_it_is_approximate(qa: QA) -> None:
    # 2023: more than 25,000 law enforcement officers; 2024: more than 23,000
    a = qa.ask("How did the number of IP law enforcement officers trained in Guangdong change from 2023 to 2024?")
    if a.comparison is not None and a.comparison.change is not None:
        assert "more than 25,000" in a.answer and "approximate" in a.answer


def test_a_change_between_exact_figures_carries_no_caveat(qa: QA) -> None:
    a = qa.ask("2024年广东新收知识产权案件比2023年少了多少件?")
    assert a.comparison is not None and "近似" not in a.answer


# A second reviewer's findings: no year's figure taken for a running total, nor a noun for another
@pytest.mark.parametrize(("question", "not_this"), [
    ("How many new varieties of forestry plants were newly granted in Guangdong in 2024?", 380),
    ("How many forestry plant varieties were granted in Guangdong in 2024?", 380),
    ("How many applications for new agricultural plant varieties did Guangdong receive in 2024?", 3467),
    ("2023年全省有多少仲裁机构受理知识产权仲裁案件?", 576),  # 11家 arbitration bodies, not the cases they took
    ("全省有多少调解员参与调解知识产权纠纷?", 6100),
])
def test_the_noun_or_the_year_asked_is_not_another(qa: QA, question: str, not_this: float) -> None:
    a = qa.ask(question)
    assert a.figure is None or a.figure.value != not_this, a.answer


@pytest.mark.parametrize(("claim", "not_this"), [
    ("In 2024, Guangdong received 3,467 new applications for agricultural plant variety rights.", "supported"),
    ("In 2024, 380 new varieties of forestry plants were newly granted in Guangdong.", "supported"),
    (("In 2024, procuratorial organs supervised the filing of 20 cases by public security organs, involving 20 people, "
      "and the withdrawal of 19 cases involving 31 people."), "contradicted"),
])
def test_a_running_total_judges_no_claim_of_a_year(qa: QA, claim: str, not_this: str) -> None:
    v = qa.verify(claim)
    assert v.verdict != not_this, v.explanation
