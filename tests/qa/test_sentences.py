"""Sentence splitting for article checks (qa.sentences): Chinese, English, mixed, decimals,
abbreviations, quotes and brackets, paragraphs, and offsets that point back into the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.sentences import paragraph_spans, split_sentences

ZH_COURTS = "2024年,全省法院新收各类知识产权案件83308件,同比减少8.54%;审结88462件,结收比106.19%。"


def texts(article: str) -> list[str]:
    return [s.text for s in split_sentences(article)]


@pytest.mark.parametrize("article, expected", [
    # Chinese: 。！？ end sentences; a semicolon joins clauses of one statement; decimals stay.
    (ZH_COURTS + "同比增长20%！这是真的吗？",
     [ZH_COURTS, "同比增长20%！", "这是真的吗？"]),
    ("全省专利授权量超1.5万件。其中发明专利授权量逾14万件。",
     ["全省专利授权量超1.5万件。", "其中发明专利授权量逾14万件。"]),
    # Half-width ! and ? after Chinese characters.
    ("增长很快!真的吗?是的。", ["增长很快!", "真的吗?", "是的。"]),
    # A quotation's closing mark stays with the sentence it ends.
    ("他说:“全年受理案件8.3万件。”记者随后核实。", ["他说:“全年受理案件8.3万件。”", "记者随后核实。"]),
    ("（数据截至2024年底。）全省共有专利代理机构900家。", ["（数据截至2024年底。）", "全省共有专利代理机构900家。"]),
    # English: abbreviations, decimals and numbers with separators are not sentence ends.
    ("In 2024 the U.S. courts took in 83,308 cases. It also closed 88,462.",
     ["In 2024 the U.S. courts took in 83,308 cases.", "It also closed 88,462."]),
    ("See No. 5 of the plan: about 1.5 million items. Dr. Li agreed.",
     ["See No. 5 of the plan: about 1.5 million items.", "Dr. Li agreed."]),
    ('He said "It rose 5.2%." Then it fell.', ['He said "It rose 5.2%."', "Then it fell."]),
    ("Prices rose (about 3.5 pct.) in 2023. Next!", ["Prices rose (about 3.5 pct.) in 2023.", "Next!"]),
    # Mixed Chinese and English in one paragraph.
    ("广东法院(含深圳)审结1.5万件。In 2024 courts closed 88,462. 这是真的。",
     ["广东法院(含深圳)审结1.5万件。", "In 2024 courts closed 88,462.", "这是真的。"]),
    # A heading line without a full stop is a sentence of its own.
    ("广东知识产权保护再上新台阶\n2024年法院新收83308件。", ["广东知识产权保护再上新台阶", "2024年法院新收83308件。"]),
    # Hard-wrapped English runs on to the next line.
    ("The courts\nclosed 88,462 cases. Next line.", ["The courts\nclosed 88,462 cases.", "Next line."]),
    ("", []),
    ("  \n\n ", []),
])
def test_sentences(article: str, expected: list[str]) -> None:
    assert texts(article) == expected


def test_offsets_point_into_the_article_and_paragraphs_are_numbered() -> None:
    article = "标题\n\n  2024年法院新收83308件。审结88462件。\nIn 2024 the courts closed 88,462. Good.\n"
    got = split_sentences(article)
    assert [article[s.start : s.end] for s in got] == [s.text for s in got]
    assert [s.paragraph for s in got] == [0, 1, 1, 2, 2]


def test_blank_lines_separate_paragraphs() -> None:
    assert paragraph_spans("甲\n\n乙\n丙") == [(0, 2), (3, 5), (5, 6)]
    assert paragraph_spans("One\n\nTwo\nthree") == [(0, 4), (5, 14)]  # a lower-case line runs on


@given(st.text(alphabet=st.sampled_from(list("法院新收件。！？.!? \n1234567890,.%AbcNo”“()")), max_size=120))
def test_sentences_are_exact_nonempty_substrings_in_order(article: str) -> None:
    got = split_sentences(article)
    pos = 0
    for s in got:
        assert s.text and s.text == s.text.strip()
        assert article[s.start : s.end] == s.text
        assert s.start >= pos
        pos = s.end
