"""Session 40 on the real index: an office's applications received are the applications filed; a
comparison asked in percent finds the levels it compares by the words that name them, and computes
the change from them where no year's rate is printed; approving a patent is granting it. Questions
and claims written for these tests from the 2023 and 2024 white papers."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import given_figure, real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize(("claim", "verdict"), [
    # 申请量486件: the province's applications received are those filed, no neighbour's (1,252, 380)
    ("In 2024, Guangdong received 486 applications for new varieties of agricultural plants.", "supported"),
    ("In 2024, Guangdong received 586 applications for new varieties of agricultural plants.", "contradicted"),
])
def test_applications_received_are_judged_against_the_applications_filed(qa: QA, claim: str, verdict: str) -> None:
    result = qa.verify(claim)
    assert result.verdict == verdict
    assert result.found is not None and result.found.value == 486


def test_a_sentence_of_applications_received_and_grants_is_never_judged_by_a_neighbour(qa: QA) -> None:
    result = qa.verify("In 2024, Guangdong received 486 applications for new varieties of agricultural plants, "
                       "and granted 84 (1,252 in total).")
    assert result.verdict != "contradicted"
    first = result.checks[0]
    assert first.verdict == "supported" and first.found is not None and first.found.value == 486


@pytest.mark.parametrize(("question", "pct"), [
    # no rate printed for either year: the change between the two years' levels
    ("By what percentage did the number of patents granted in Guangdong change in 2024 compared with 2023?", -1.58),
    ("2024年广东专利授权量比2023年变化了百分之几?", -1.58),
    ("By what percentage did the number of IP cases concluded by Guangdong courts change in 2024 from 2023?", -6.88),
])
def test_a_change_asked_in_percent_is_computed_from_the_two_levels(qa: QA, question: str, pct: float) -> None:
    a = qa.ask(question)
    assert a.status == "answered" and a.comparison is not None and a.comparison.change_pct is not None
    assert round(a.comparison.change_pct, 2) == pct


def test_a_change_asked_in_percent_in_english_gets_the_rate_the_document_states(qa: QA) -> None:
    # the level is looked for by "new IP cases received by courts", not by "percentage", "fall", "compared"
    a = qa.ask("By what percentage did new IP cases received by courts fall in 2024 compared with 2023?")
    assert a.status == "answered" and a.figure is not None and a.figure.value == 8.54


@pytest.mark.parametrize(("question", "figures"), [
    ("2024年广东获准的专利一共有多少?", ("69.26万件", "692,600")),
    ("How many patents did Guangdong get approved in 2023?", ("70.37萬件", "70.37万件", "over 700,000")),
])
def test_approving_a_patent_is_granting_it(qa: QA, question: str, figures: tuple[str, ...]) -> None:
    assert given_figure(qa, question) in figures


@pytest.mark.parametrize(("claim", "verdict", "value"), [
    # clearing cases is concluding them: 88,462, not the 83,308 taken in
    ("Guangdong courts cleared more than 88,000 IP cases in 2024.", "supported", 88462),
    # the police the procuratorates oversaw filed no case of their own here: 监督公安机关立案20件, not 2,249 filed
    (("Guangdong's procuratorates also act as a check on the police. In 2024 they supervised the police into filing "
      "20 cases involving 20 people."), "supported", 20),
    ("In 2024 Guangdong's prosecutors urged police to file 20 IP crime cases.", "supported", 20),
    # 获准使用 is approval; being authorised to use the mark is the same act
    ("Close to 2,000 businesses in Guangdong are now authorised to use the geographical indication special mark.",
     "supported", 1925),
])
def test_a_claims_action_put_in_other_words_is_judged_against_its_own_figure(qa: QA, claim: str, verdict: str,
                                                                           value: float) -> None:
    result = qa.verify(claim)
    assert result.verdict == verdict
    assert result.found is not None and result.found.value == value


def test_the_start_of_a_stated_change_is_never_judged_against_the_later_years_figure(qa: QA) -> None:
    # 15766批次 is 2023's, where the change starts; 2024's 14,420 batches is the figure it went to
    result = qa.verify("与2023年相比,2024年广东海关查扣侵权商品批次有所下降,从15766批次降至14420批次。")
    assert result.verdict != "contradicted"
    assert all(not (c.verdict == "contradicted" and c.found is not None and c.found.value == 14420)
               for c in result.checks)
    # a later figure that differs is still contradicted
    assert qa.verify("2024年广东海关查扣侵权商品从15766批次降至13420批次。").verdict == "contradicted"
