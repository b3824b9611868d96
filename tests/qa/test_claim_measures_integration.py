"""What a claimed figure measures, on the real index: a colloquial 亿 ("3.9个亿"), two outcomes of one
kind of case counted apart (an administrative ruling or a rights-protection opinion), and an English
noun whose measure word the documents vary ("36 articles" of a policy are its 条). Claims written
for these tests from the 2023 and 2024 white papers, the top-ten events and the Guangzhou report."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize(("claim", "verdict"), [
    # 3.9个亿 is 3.9亿 (元), the Guangzhou insurers' total cover, not 3.9 of something
    ("广州为企业投保的海外知识产权险,总保额有3.9个亿。", "supported"),
    # the 8,342 are opinions; the rulings are 1,344 (ruling and opinion are distinct actions)
    ("In 2023 Guangdong handled 9,686 patent infringement disputes, with administrative rulings in 8,342 of them.",
     "contradicted"),
    (("Of the 10,445 patent infringement disputes handled in Guangdong in 2024, 1,433 ended in administrative "
      "adjudication and 9,012 in a rights-protection opinion."), "supported"),
])
def test_the_claimed_measure_is_read(qa: QA, claim: str, verdict: str) -> None:
    assert qa.verify(claim).verdict == verdict


def test_an_english_noun_whose_measure_word_varies_names_none(qa: QA) -> None:
    # "articles" is no 篇 here: the policy's 36条 are its articles (units_en.tsv lists no "article")
    claim = "Shenzhen's Hetao park IP policy, the so-called '36条', has 36 articles on IP protection and promotion."
    assert qa.verify(claim).verdict == "supported"
