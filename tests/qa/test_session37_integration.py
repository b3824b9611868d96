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
