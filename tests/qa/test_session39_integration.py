"""Session 39 on the real index: an approval of an arrest however it is put, and a procuratorate's
arrests, are approved arrests; a period's end year in a title is no figure's year; a comparison
asked in percent is answered by the change the document states (beside the level, right after it
with no 同比, or as the figure found itself). Questions and claims written for these tests from
the 2023 and 2024 white papers."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import given_figure, real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize("question", [
    "In 2024, how many suspects did Guangdong prosecutors get approval to detain for IP crimes?",
    "How many people did Guangdong's procuratorates green-light for detention over IP crimes in 2024?",
    "How many people did Guangdong prosecutors arrest for IP crimes in 2024?",
    "2024年广东检察机关逮捕了多少名侵犯知识产权犯罪嫌疑人?",
])
def test_an_approval_of_an_arrest_and_a_procuratorates_arrests_are_approved_arrests(qa: QA, question: str) -> None:
    assert given_figure(qa, question) in ("1854人", "1,854 suspects")


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Guangdong prosecutors arrested 1,854 IP crime suspects in 2024.", "supported"),
    ("Guangdong prosecutors arrested 2,854 IP crime suspects in 2024.", "contradicted"),
])
def test_a_claim_of_prosecutors_arrests_is_judged_against_the_approved_arrests(qa: QA, claim: str,
                                                                             verdict: str) -> None:
    result = qa.verify(claim)
    assert result.verdict == verdict
    assert result.found is not None and result.found.value == 1854


def test_a_titles_period_end_is_no_figures_year(qa: QA) -> None:
    # "《粤澳知识产权合作协议(2023—2025年)》…累计开展粤港、粤澳合作项目410项" is the 2023 paper's figure
    assert given_figure(qa, "截至2023年,广东累计开展了多少项粤港、粤澳合作项目?") in ("410項", "410项")


@pytest.mark.parametrize(("question", "value"), [
    # the later year's level with its own change right after it, no 同比 ("存案11337件,大幅减少31.17%")
    ("2024年全省法院的存案比上年减少了百分之多少?", 31.17),
    # the figure found is itself the year's change ("同比下降超三成")
    ("2024年广东法院新收的KTV著作权侵权案件比上一年降了多少?", 30.0),
    # both years' levels found: the document's rate heads the comparison
    ("2024年广东全省法院新收知识产权案件比上年减少了多少?", 8.54),
])
def test_a_change_asked_in_percent_is_the_stated_change(qa: QA, question: str, value: float) -> None:
    answer = qa.ask(question)
    assert answer.status == "answered"
    assert answer.figure is not None and answer.figure.value == value and answer.figure.unit == "%"


def test_a_change_against_the_stated_direction_is_not_found(qa: QA) -> None:
    assert qa.ask("2024年广东法院新收的KTV著作权侵权案件比上一年增加了多少?").status == "not_found"
