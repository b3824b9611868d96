"""A change's direction, a unit asked for beside a figure in another, and another year's statement of a
figure, on the real index (session 32). Claims and questions written for these tests from the 2023 and
2024 white papers; the true figures: 2024 全省共立知识产权刑事案件2249件,同比增长5.8%; 全省法院新收…83308件,
同比减少8.54%; 2023 全省專利授權量70.37萬件; 2024 质押融资…惠及企业5067家 beside 3453.97亿元."""

from __future__ import annotations

import pytest

from qa.api import QA
from qa.decide import trusted
from tests.support import real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize(("claim", "verdict"), [
    # the rate is the source's, claimed the other way: false, whatever the value
    ("2024年全省共立知识产权刑事案件2249件，比上一年减少了5.8%。", "contradicted"),
    ("In 2024, Guangdong's courts received 83,308 new IP cases, up 8.54% from the year before.", "contradicted"),
    ("广东法院2024年新收知识产权案件83308件，同比增长8.54%，审结88462件。", "contradicted"),
    ("2024年全省共立知识产权刑事案件2249件，同比下跌5.8%。", "contradicted"),
    ("2024年全省法院新收知识产权案件比2023年增长8.54%。", "contradicted"),
    # the same way: true
    ("2024年全省共立知识产权刑事案件2249件，同比增长5.8%。", "supported"),
    ("In 2024, Guangdong's courts received 83,308 new IP cases, down 8.54% from the year before.", "supported"),
])
def test_a_rate_claimed_the_other_way_is_contradicted(qa: QA, claim: str, verdict: str) -> None:
    v = qa.verify(claim)
    assert v.verdict == verdict, v.explanation
    if verdict == "contradicted":
        flipped = [c for c in v.checks if c.verdict == "contradicted"]
        assert flipped and all(c.claimed is not None and c.claimed.unit == "%" for c in flipped)


@pytest.mark.parametrize("claim", [
    # a reviewer's true claims, each once called contradicted: the word is no direction of the rate itself
    "Growth in Guangdong's IP pledge financing fell from 137.75% in 2023 to 49.74% in 2024.",
    "The growth rate of Guangdong's IP pledge financing dropped to 49.74% in 2024 from 137.75% in 2023.",
    "2024年广东专利商标质押融资额同比增速从2023年的137.75%回落到49.74%。",
    "2024年全省法院新收知识产权案件83308件，同比不增反降8.54%。",
    "2024年全省法院新收知识产权案件83308件，由增转降8.54%。",
    "2024年全省法院新收知识产权案件83308件，同比负增长8.54%。",
    "In 2024 Guangdong courts received 83,308 new IP cases, a negative growth of 8.54% year on year.",
    "2024年全省法院新收知识产权案件83308件，增长率为-8.54%。",
    "The backlog that had built up in Guangdong courts shrank by 31.17% in 2024, to 11,337 pending cases.",
    "New IP cases taken up by Guangdong courts in 2024 were 8.54% lower than in 2023.",
    "2024年全省法院提高结案效率存案压降31.17%。",
    "2024年全省法院存案和调撤率分别减少和上升31.17%、4.89%。",
    "In 2024, pending cases and the withdrawal rate of Guangdong courts fell and rose by 31.17% and 4.89% respectively.",
    "2024年全省公安立知识产权刑事案件并未减少5.8%，而是增长了5.8%。",
    # no comparison with the year before said: which way is not read
    "2024年全省共立知识产权刑事案件2249件，减少了5.8%。",
    # a second reviewer's: the growth rate's level moving, an adjective of it, a verb's particle "up"
    "2024年全省专利商标质押融资额增速回落为49.74%",
    "2024年全省专利商标质押融资额同比增长率降低为49.74%",
    "In 2024, patent and trademark pledge financing in Guangdong grew by a lower 49.74%.",
    "In 2024, Guangdong courts took up 8.54% fewer new IP cases than in 2023.",
    "In 2024, new IP cases received by Guangdong courts ended up 8.54% lower than in 2023.",
    "In 2024, new IPR cases received by Guangdong courts wound up 8.54% below the 2023 level.",
])
def test_a_true_claim_with_a_direction_word_not_beside_its_rate_is_not_contradicted(qa: QA, claim: str) -> None:
    v = qa.verify(claim)
    assert v.verdict != "contradicted", v.explanation


@pytest.mark.parametrize("claim", [
    # 只 counts goods here (the documents' 件): no unit mismatch to contradict
    "2024年省内海关实际查扣侵权商品14420批次、数量3478万只。",
    # 只 is "only": no measure word at all
    "2024年全省法院新收知识产权案件83308只比上年少了8.54%。",
])
def test_zhi_is_no_measure_word_to_contradict(qa: QA, claim: str) -> None:
    assert qa.verify(claim).verdict != "contradicted"


def test_a_change_asked_the_other_way_is_answered_with_a_note(qa: QA) -> None:
    a = qa.ask("2024年全省公安立知识产权刑事案件同比下降了多少?")
    assert a.status == "answered" and a.figure is not None and a.figure.value == 5.8
    assert "原文说的是增长" in a.answer
    b = qa.ask("2024年全省公安立知识产权刑事案件同比增长了多少?")
    assert b.figure is not None and b.figure.value == 5.8 and "注意" not in b.answer


def test_a_comparison_of_a_years_own_rates_is_answered_by_the_later_rate(qa: QA) -> None:
    # 2024's 同比增长49.74% and 2023's 137.75% are both rates: the question asks the first, not their difference
    a = qa.ask("2024年全省专利商标质押融资额比上一年增长了百分之多少?")
    assert a.status == "answered" and a.comparison is None and a.figure is not None and a.figure.value == 49.74


def test_a_comparison_asked_the_other_way_gets_no_rate(qa: QA) -> None:
    # the 2024 rates are a rise of 5.8% and a fall of 8.54%: asked the other way, neither answers
    assert qa.ask("2024年全省公安立知识产权刑事案件比上一年少了百分之多少?").status == "not_found"
    assert qa.ask("2024年广东法院新收的知识产权案件比上一年多了百分之多少?").status == "not_found"


def test_the_asked_unit_beside_a_figure_in_another_is_the_choice(qa: QA) -> None:
    # 3453.97亿元 ranks first for "多少家"; 5067家 of its sentence is what the calibrated model judges
    frame = qa._analyse("2024年靠专利商标质押拿到贷款的企业有多少家?", "question")
    _, figs = qa.candidates(frame, qa.rerank_weights)
    chosen = trusted(figs, qa.thresholds, 0.0, loose=True).chosen
    assert chosen is not None and chosen.figure.value == 5067


def test_another_years_unitless_english_figure_yields_to_the_asked_years(qa: QA) -> None:
    # "692,600" (2024, no measure word of its own) ranks first; 2023's 70.37萬件 is the same statement
    a = qa.ask("How many patents did Guangdong grant altogether in 2023?")
    assert a.status == "answered" and a.figure is not None and a.figure.value == 703700


def test_a_size_asked_with_a_bound_word_is_no_count(qa: QA) -> None:
    a = qa.ask("2024年广东新发行的 IP securitization 产品，规模逾多少?")
    assert a.figure is None or a.figure.unit == "元"
