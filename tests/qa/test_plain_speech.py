"""Everyday English for the white papers' wording (index/lexicon/everyday_en.tsv via
qa.frame.official_wording)."""

from __future__ import annotations

import pytest

from qa.frame import official_wording


@pytest.mark.parametrize(
    ("question", "official"),
    [
        ("How many IP cases did Guangdong's market regulators hand over to the judiciary in 2024?",
         "How many IP cases did Guangdong's market regulators transferred to judicial authorities in 2024?"),
        ("How many cases were handed over to the judiciary?", "How many cases were transferred to judicial authorities?"),
        ("How many cases did customs pass on to the police?", "How many cases did customs transferred to the police?"),
        ("What does the judiciary say about it?", "What does the judiciary say about it?"),
    ],
)
def test_everyday_english(question: str, official: str) -> None:
    assert official_wording(question, "en") == official
