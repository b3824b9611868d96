"""Session 37 on the real index: a change asked in percent ("By what percentage did the number of enterprises …
grow", "增长了百分之几") is a change of the count it names, no answer from the rate of another figure beside it
(the pledge financing amount's 49.74%, where the enterprises' change is not given). Questions written for these
tests from the 2024 white paper."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import given_figure, real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize("question", [
    "By what percentage did the number of enterprises benefiting from pledge financing grow in 2024?",
    "2024年质押融资惠及企业数增长了百分之几?",
    "2024年质押融资惠及的企业数量比上年增加了百分之多少?",
])
def test_a_change_asked_in_percent_is_of_the_count_it_names(qa: QA, question: str) -> None:
    assert given_figure(qa, question) is None


@pytest.mark.parametrize("question", [
    "By what percentage did patent and trademark pledge financing grow in 2024?",
    "2024年专利商标质押融资额增长了百分之几?",
])
def test_the_amount_s_own_rate_still_answers(qa: QA, question: str) -> None:
    assert given_figure(qa, question) == "49.74%"


@pytest.mark.parametrize("question", [
    "2024年广东一共申请了多少件发明专利?",  # 68.82万件 is what enterprises hold, no year's applications
    "How many invention patent applications did Guangdong file in 2024?",
])
def test_what_is_held_answers_no_question_about_applying_or_granting(qa: QA, question: str) -> None:
    assert given_figure(qa, question) not in ("68.82万件", "688,200 invention patents")


def test_what_is_held_still_answers_a_question_about_holding(qa: QA) -> None:
    assert given_figure(qa, "2024年广东全省企业共拥有多少件发明专利?") == "68.82万件"


@pytest.mark.parametrize(("question", "rate"), [
    # the year before's figure is not printed; the figure's own sentence states its change
    ("2023年广州办的商标行政处罚案件比上年涨了多少?", "12.24%"),
])
def test_a_change_on_the_year_before_is_the_figure_s_own_stated_rate(qa: QA, question: str, rate: str) -> None:
    assert given_figure(qa, question) == rate


@pytest.mark.parametrize("question", [
    "2023年广州办的商标行政处罚案件比上年减少了多少?",  # they rose 12.24%: no answer to how much they fell
    "2023年广州办的商标行政处罚案件比上年多了多少宗?",  # asked in cases: the rate is no count
])
def test_no_rate_of_the_other_direction_or_for_a_count_asked(qa: QA, question: str) -> None:
    assert given_figure(qa, question) is None


def test_procuratorial_advice_is_no_protest(qa: QA) -> None:
    # "提出检察建议42件" shares 提出, the procuratorate, the year and the unit with a protest (抗诉) question
    assert given_figure(qa, "2024年全省检察机关提出抗诉多少件?") is None
    assert qa.verify("2024年全省检察机关提出抗诉42件。").verdict != "supported"
    assert given_figure(qa, "2024年全省检察机关提出检察建议多少件?") == "42件"


@pytest.mark.parametrize("question", [
    "2024年调撤结案数同比上升了百分之几?",  # 4.89% is the 调撤率's rise, a ratio's
    "By what percentage did the number of cases solved by police rise in 2024?",  # 10.12% is the solution rate's
])
def test_a_ratio_s_rise_is_no_count_s_change_asked_in_percent(qa: QA, question: str) -> None:
    assert given_figure(qa, question) is None


def test_not_prosecuting_is_answered_by_no_prosecution(qa: QA) -> None:
    # "起诉1779件3192人": the prosecuted, not those the procuratorate decided not to prosecute (none printed)
    assert given_figure(qa, "2024年全省检察机关不起诉多少人?") is None
    assert given_figure(qa, "2024年全省检察机关起诉多少人?") == "3192人"


@pytest.mark.parametrize("question", [
    "2024年广东有多少家专利代理机构?",  # "全省共抽查110家专利代理机构": how many were inspected
    "2024年全省商标代理机构有多少家?",
    "How many patent agencies are there in Guangdong?",
    "2024年全省共有多少家专利代理机构?",
    "How many patent agencies exist in Guangdong?",
])
def test_how_many_there_are_is_not_how_many_something_was_done_to(qa: QA, question: str) -> None:
    assert given_figure(qa, question) is None


def test_how_many_were_inspected_is_still_answered(qa: QA) -> None:
    assert given_figure(qa, "2024年全省抽查了多少家专利代理机构?") == "110家"


def test_overseeing_the_police_s_filing_is_not_filing_cases(qa: QA) -> None:
    # "共立案辦理…公益訴訟案件30件" is the procuratorates' own filing (立案辦理, once misread as 共立 + 辦理)
    assert given_figure(qa, "2023年廣東檢察機關監督公安機關立案了多少件?") is None


@pytest.mark.parametrize("claim", [
    ("Guangdong procuratorates took on 228 civil IP supervision cases in 2024 and sent retrial recommendations to the "
    "courts in 34 of them."),
    ("In 2023, Guangdong's prosecutors accepted 577 IP civil supervision cases and sent 498 retrial recommendations to "
    "the courts."),
])
def test_retrial_recommendations_are_procuratorial_advice(qa: QA, claim: str) -> None:
    assert qa.verify(claim).verdict == "supported"


def test_a_comparison_states_no_ratio_s_rise_as_the_count_s_rate(qa: QA) -> None:
    # "调撤结案50932件,调撤率同比上升4.89%": the rate's rise, not the mediated or withdrawn cases' change
    a = qa.ask("2024年全省法院调撤结案数比上年涨了多少?")
    assert a.comparison is not None and a.comparison.stated_change_pct is None
    b = qa.ask("2024年全省法院新收知识产权案件比上年少了多少?")
    assert b.comparison is not None and b.comparison.stated_change_pct == -8.54
