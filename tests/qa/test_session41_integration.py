"""Session 41 on the real index: the documents' own applications accepted keep their action (only a
claim's or question's reading of them is unsure); a general classifier (条 for records) may stand for the
source's own measure word of the same things. Questions and claims written for these tests from the
2023 and 2024 white papers."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize("question", [
    "How many pre-examination applications did Guangdong's IP protection centres accept in 2024?",
    "What number of patent pre-examination applications were accepted by the protection centers in 2024?",
])
def test_applications_the_centres_accepted_are_found_by_their_action(qa: QA, question: str) -> None:
    answer = qa.ask(question)
    assert answer.status == "answered" and answer.figure is not None and answer.figure.value == 52300


def test_a_follow_up_keeps_the_centres_action(qa: QA) -> None:
    first = "How many pre-examination applications did Guangdong's IP protection centres accept in 2024?"
    answer = qa.chat("And the rights-protection cases?", [first])
    assert answer.status == "answered" and answer.figure is not None and answer.figure.value == 16100


@pytest.mark.parametrize("claim", [
    # the source counts the EU trademark data as 234萬件 (not 1.66億條 of patent data): "records" gave 条
    # (units_en.tsv), the claim's own 条 is one too, a general classifier the source's 件 may stand for
    "Guangdong's EU trademark query system has processed more than 2.3 million EU trademark records.",
    "广东累计加工入库欧盟商标数据234万条。",
])
def test_records_in_a_general_classifier_are_the_sources_count_of_them(qa: QA, claim: str) -> None:
    result = qa.verify(claim)
    assert result.verdict == "supported"
    assert result.found is not None and result.found.value == 2_340_000


@pytest.mark.parametrize("claim", [
    "Guangdong's EU trademark query system has processed more than 5 million EU trademark records.",
    "广东累计加工入库欧盟商标数据334万条。",
])
def test_a_wrong_count_of_records_is_never_supported_nor_judged_by_other_data(qa: QA, claim: str) -> None:
    result = qa.verify(claim)
    assert result.verdict != "supported"
    assert result.found is None or result.found.value == 2_340_000


def test_a_swapped_pair_of_counts_is_never_supported_by_the_other_noun(qa: QA) -> None:
    # the source: "accepted 52,300 pre-examination applications and 16,100 IPR protection cases"
    result = qa.verify("In 2024 Guangdong's national-level protection centres received 16,100 patent "
                       "pre-examination applications and 52,300 rights-protection cases.")
    assert result.verdict != "supported"
    assert all(check.verdict != "supported" for check in result.checks)


def test_the_true_pair_of_counts_is_supported(qa: QA) -> None:
    result = qa.verify("In 2024 Guangdong's national-level protection centres received 52,300 patent "
                       "pre-examination applications and 16,100 rights-protection cases.")
    assert result.verdict == "supported"
    assert [c.found.value for c in result.checks if c.found is not None] == [52_300, 16_100]


def test_urging_judges_is_no_claim_about_the_courts(qa: QA) -> None:
    # it had been contradicted by the four civil judgments selected as excellent (the courts')
    result = qa.verify("Prosecutors in Guangdong urged judges to reopen 34 IP civil judgments during 2024.")
    assert result.verdict != "contradicted"
