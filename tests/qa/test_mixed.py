"""English words in a Chinese question and Chinese words in an English one, put into the
question's language through the glossary file (qa.mixed)."""

from __future__ import annotations

import pytest

from index.glossary import Glossary
from qa.mixed import in_chinese, in_english


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("2023年广东的PCT国际专利application量是多少?", "2023年广东的PCT国际专利申请量是多少?"),
        ("十四五plan里,2025年版权产业增加值占GDP比重的target是多少?",
         "十四五规划里,2025年版权产业增加值占生产总值比重的目标是多少?"),
        ("2024年全省检察机关受理的知识产权civil supervision案件有多少件?",
         "2024年全省检察机关受理的知识产权民事监督案件有多少件?"),
        ("广东2024年的IP案件有多少?", "广东2024年的知识产权案件有多少?"),
        # A name no entry knows stays as typed.
        ("Kunlun 2023专项行动期间广东公安破案多少起?", "Kunlun 2023专项行动期间广东公安破案多少起?"),
        # A run the glossary knows only in part keeps its English beside the part it knows.
        ("2024年达成open licensing多少次?", "2024年达成open许可 open licensing多少次?"),
        # An action word the ontology reads by what it acts on stays as typed where the question names
        # nothing the glossary's action acts on: PCT filings are applications, not cases filed (立案)...
        ("2023年广东PCT filings有多少件?", "2023年广东PCT filings有多少件?"),
        # ... and is put into Chinese where it does ("公安filed…案件": 立案 acts on cases)
        ("2023年广东公安filed了多少起案件?", "2023年广东公安立案了多少起案件?"),
        ("2024年广东法院concluded了多少案件?", "2024年广东法院审结了多少案件?"),
        ("法院concluded了多少知识产权诉讼?", "法院审结了多少知识产权诉讼?"),
        ("公安向检察机关transfer了多少名犯罪嫌疑人?", "公安向检察机关移送了多少名犯罪嫌疑人?"),
        ("备案的PCT filings有多少?", "备案的PCT filings有多少?"),
        # An acronym the documents use as it is counts as known.
        ("2024年Madrid商标申请多少件?", "2024年马德里商标申请多少件?"),
    ],
)
def test_in_chinese(glossary: Glossary, question: str, read: str) -> None:
    assert in_chinese(question, glossary) == read


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("How many 行政裁决 cases were among the patent infringement disputes Guangdong handled in 2024?",
         "How many adjudication cases were among the patent infringement disputes Guangdong handled in 2024?"),
        ("How many 地理标志 products had Guangdong by 2020?",
         "How many geographical indication products had Guangdong by 2020?"),
        ("How many IP cases did Guangdong courts conclude in 2024?",
         "How many IP cases did Guangdong courts conclude in 2024?"),
        # a number's scale and measure word are the figure's: 亿元 is no plain "yuan"
        ("Pledge financing reached 3453.97亿元 in 2024.", "Pledge financing reached 3453.97亿元 in 2024."),
        ("Guangdong courts took in 8.3万件 cases.", "Guangdong courts took in 8.3万件 cases."),
        ("The 亿元 figure", "The yuan figure"),  # after no number: a word like any other
    ],
)
def test_in_english(question: str, read: str) -> None:
    assert in_english(question) == read
