"""Search tokens of both languages (pure)."""

from __future__ import annotations

import pytest

from index.text import Tokenizer, en_stem, en_tokens

zh_tokens = Tokenizer().zh


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("cases", "cas"),
        ("prosecuted", "prosecut"),
        ("prosecution", "prosecut"),
        ("transferred", "transfer"),
        ("Shenzhen's", "shenzhen"),  # a possessive is the name
        ("companies'", "company"),
        ("seized", "seiz"),
    ],
)
def test_en_stem(word: str, stem: str) -> None:
    assert en_stem(word) == stem


def test_en_tokens_drop_numbers_and_stopwords() -> None:
    assert en_tokens("How many of Shenzhen's 1,955 cases were monitored?") == ["shenzhen", "cas", "monitor"]


def test_zh_tokens_are_simplified_and_drop_stopwords() -> None:
    tokens = zh_tokens("全省專利授權量是多少")
    assert "专利" in tokens and "多少" not in tokens and "全省" not in tokens
