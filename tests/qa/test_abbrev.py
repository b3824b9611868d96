"""Chinese short forms spelled out (qa.abbrev): 知产 → 知识产权, by rule from the glossary's terms."""

from __future__ import annotations

import pytest

from index.glossary import Glossary
from index.short_forms import short_forms
from qa.abbrev import spelled_out
from qa.frame import analyse

WORDS = frozenset({"知识", "产权", "行政", "处罚", "处理", "进行", "人民", "法院", "人法", "专利", "申请", "专利权"})


def test_a_short_form_is_the_first_character_of_each_word_of_a_four_character_term() -> None:
    table = short_forms(["知识产权", "行政处罚", "专利申请", "知识产权局"], WORDS)
    assert table == {"知产": "知识产权", "行处": "行政处罚", "专申": "专利申请"}


def test_a_short_form_that_is_a_word_or_stands_for_two_terms_is_no_short_form() -> None:
    assert short_forms(["人民法院"], WORDS) == {}  # 人法 is a word here
    assert short_forms(["行政处罚", "行政处理"], WORDS) == {}  # 行处: which one?
    assert short_forms(["专利权人"], WORDS) == {}  # 专利 + 权人: 权人 is no word


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("2024年广东检方核准羁押的侵犯知产嫌疑人数是多少?", "2024年广东检方核准羁押的侵犯知识产权嫌疑人数是多少?"),
        # Only whole words: no short form inside 进行处理 (行处) or 确保中小企业 (保中).
        ("进行处理的案件有多少?", "进行处理的案件有多少?"),
        ("如何确保中小企业的权益?", "如何确保中小企业的权益?"),
    ],
)
def test_whole_words_are_spelled_out(glossary: Glossary, text: str, read: str) -> None:
    assert spelled_out(text, glossary) == read


def test_the_frame_reads_the_term(glossary: Glossary) -> None:
    frame = analyse("2023年广东警方侦破的侵犯知产刑案有多少起?", glossary=glossary)
    assert "知识产权" in frame.match_text
    assert frame.text == "2023年广东警方侦破的侵犯知产刑案有多少起?"  # the question as typed is kept
