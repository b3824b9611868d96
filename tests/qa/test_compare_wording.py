"""A comparison asked as a question of one year (qa.compare_wording, through read_turn): its years
and comparison words cut, it still asks how many of what. Pure: text in, question out."""

from __future__ import annotations

from functools import cache

import pytest

from index.text import Tokenizer
from qa.conversation import read_turns


@cache
def tok() -> Tokenizer:
    return Tokenizer()


@pytest.mark.parametrize(("question", "one_year"), [
    # The measure word the comparison asked with stays with 多少 (it was left as "案件件").
    ("专利侵权纠纷行政裁决类案件2024年比2023年增加了多少件?", "2023年专利侵权纠纷行政裁决类案件多少件?"),
    ("广东公安立侵犯知识产权刑事案件,2024年比2023年多了多少?", "2023年广东公安立侵犯知识产权刑事案件多少?"),
    ("How did the number of patent infringement disputes handled in Guangdong change between 2023 and 2024?",
     "How many patent infringement disputes handled in Guangdong in 2023?"),
    ("How many high-value patent cultivation and layout centres did Guangdong have in 2023 compared with 2024?",
     "How many high-value patent cultivation and layout centres did Guangdong have in 2023?"),
    ("How did Guangdong's stock of valid registered trademarks change between the end of 2023 and the end of 2024?",
     "Guangdong's stock of valid registered trademarks at the end in 2023?"),
    ("How much did invention patent grants in Guangdong grow from 2023 to 2024?",
     "invention patent grants in Guangdong in 2023?"),
    # The bare noun phrase is asked with how many where the unit table reads a unit off it.
    ("How did patent pre-examination requests at Guangdong's national IP protection centres change from 2023 to 2024?",
     "How many patent pre-examination requests at Guangdong's national IP protection centres in 2023?"),
    ("How much did Guangdong's patent and trademark pledge financing grow from 2023 to 2024?",
     "Guangdong's patent and trademark pledge financing in 2023?"),
])
def test_a_comparison_asked_of_one_year(question: str, one_year: str) -> None:
    reading = read_turns([question], tok())[-1]
    assert reading.comparison and reading.years == [2023, 2024]
    assert reading.for_years([2023]) == one_year
