"""Shares and changes stated as fractions or multiples (index.figures.fractions): parsed as
percent figures, bounded as numbers are, "about" where unbounded, and matched loosely. Sentences
written for these tests in the newswire's and the documents' style."""

from __future__ import annotations

import pytest

from index.figures import parse_figures, values_match
from index.figures.fractions import rough, states_multiple

Row = tuple[str, float, str | None]


def _rows(text: str) -> list[Row]:
    return [(f.text, round(f.value, 3), f.qualifier) for f in parse_figures(text) if f.kind == "percent"]


@pytest.mark.parametrize(("text", "expected"), [
    # English multiples and fractions, with the bound word before them
    ("Pledge financing more than doubled in 2024.", [("doubled", 100.0, "more_than")]),
    ("Filings tripled over the period.", [("tripled", 200.0, "about")]),
    ("Courts cut their backlog by more than half.", [("half", 50.0, "more_than")]),
    ("Pending cases fell by nearly a third.", [("a third", 33.333, "nearly")]),
    ("It accounts for roughly half of China's total.", [("half", 50.0, "about")]),
    ("Half of the cases ended in mediation.", [("Half", 50.0, "about")]),
    ("two thirds of the firms", [("two thirds", 66.667, "about")]),
    ("a quarter of the cases", [("a quarter", 25.0, "about")]),
    ("three-quarters of the centres", [("three-quarters", 75.0, "about")]),
    # Chinese: 一半, X分之Y, 一倍 after a rise, 翻番
    ("约占全国总量一半", [("一半", 50.0, "about")]),
    ("超过一半的案件以调解结案", [("一半", 50.0, "more_than")]),
    ("一半以上", [("一半", 50.0, "at_least")]),
    ("约占全国的三分之一", [("三分之一", 33.333, "about")]),
    ("四分之三的企业", [("四分之三", 75.0, "about")]),
    ("同比增幅超过一倍", [("一倍", 100.0, "more_than")]),
    ("同比增长一倍多", [("一倍", 100.0, "more_than")]),
    ("质押融资额翻了一番", [("翻了一番", 100.0, "about")]),
    ("五年翻两番", [("翻两番", 300.0, "about")]),
])
def test_a_fraction_or_multiple_is_a_percent_figure(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize("text", [
    "in the first half of 2024",
    "the second half of the year",
    "half of the year had passed",
    "on behalf of the firms",
    "a half-year review",
    "in the first quarter",
    "a quarter of 2024",
    "the third batch of cases",
    "third place in the country",
    "一倍的努力",  # no rise before it
    "一成不变",
])
def test_words_that_only_look_like_fractions_are_none(text: str) -> None:
    assert _rows(text) == []


def test_a_third_is_not_read_as_an_ordinal_nor_三分之一_as_三分() -> None:
    assert [f.kind for f in parse_figures("a third of the cases")] == ["percent"]
    assert [f.text for f in parse_figures("约占三分之一")] == ["三分之一"]


def _fig(text: str):  # type: ignore[no-untyped-def]
    return next(f for f in parse_figures(text) if f.kind == "percent")


@pytest.mark.parametrize(("claim", "source", "match"), [
    ("fell by nearly a third", "减少31.17%", True),
    ("fell by nearly a third", "减少35%", False),  # nearly is below it
    ("fell by more than half", "减少31.17%", False),
    ("roughly half of the total", "占比49.74%", True),
    ("roughly half of the total", "占比43%", False),
    ("more than doubled", "同比增长137.75%", True),
    ("more than doubled", "同比增长49.74%", False),
    ("more than doubled", "同比增长260%", False),  # more than doubled is not "more than tripled"
    ("同比增长超过一倍", "同比增长137.75%", True),
    ("约占全国的三分之一", "约占全国的32%", True),
    # the source's own fraction word: a claimed number near it
    ("约占全国49%", "约占全国总量一半", True),
    ("占全国约52%", "约占全国总量一半", True),
    ("约占全国40%", "约占全国总量一半", False),
])
def test_a_fraction_word_matches_its_neighbourhood(claim: str, source: str, match: bool) -> None:
    assert values_match(_fig(claim), _fig(source)) is match


def test_rough_and_multiple_words_are_told_by_their_own_text() -> None:
    assert rough("a third") and rough("一半") and rough("doubled") and rough("三分之一")
    assert not rough("33%") and not rough("两成") and not rough("third")
    assert states_multiple("doubled") and states_multiple("翻了一番") and states_multiple("一倍")
    assert not states_multiple("half") and not states_multiple("一半")
