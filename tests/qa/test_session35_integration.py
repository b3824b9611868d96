"""Session 35 on the real index: how fast a figure rose or fell, or how its change went, asks the rate, not the
level beside it ("How fast did pledge financing grow in 2023?": 137.75%, not 2306.71億元), unless the question
asks an amount besides or reads "…的情况下" (while); a ratio's rise (调撤率同比上升4.89%, 结收比…同比提高2.36%)
answers no question about a count's change. Questions written for these tests from the 2023 and 2024 white papers."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import given_figure, real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize(("question", "rate"), [
    ("How fast did pledge financing grow in 2023?", "137.75%"),
    ("2024年专利商标质押融资增长情况", "49.74%"),
    ("2024年存案减少情况如何?", "31.17%"),
])
def test_how_fast_it_grew_is_answered_with_the_rate(qa: QA, question: str, rate: str) -> None:
    assert given_figure(qa, question) == rate


@pytest.mark.parametrize("question", [
    "2024年调撤结案数增长情况",  # the 4.89% is the mediation-withdrawal rate's rise
    "2024年审结案件同比提高情况",  # the 2.36% is the clearance-to-receipt ratio's
    "How fast did patent grants grow in 2024?",  # no rate stated: not the level 692,600
])
def test_no_level_and_no_ratios_rise_for_a_counts_change(qa: QA, question: str) -> None:
    assert given_figure(qa, question) is None


@pytest.mark.parametrize(("question", "level"), [
    ("在案件增长的情况下,2023年调撤率是多少?", "57.4%"),
    ("2024年仲裁案件增长情况下,标的额是多少?", "10.36亿元"),
])
def test_while_it_grew_a_level_is_still_asked(qa: QA, question: str, level: str) -> None:
    assert given_figure(qa, question) == level
