"""Changes stated as multiples or fractions (index.figures.fractions): parsed as percent figures,
bounded as numbers are, "about" where unbounded, and matched loosely; shares are figures no claim is
checked by. Sentences
written for these tests in the newswire's and the documents' style."""

from __future__ import annotations

import pytest

from index.figures import parse_figures, values_match
from index.figures.fractions import rough, share_word

Row = tuple[str, float, str | None]


def _rows(text: str) -> list[Row]:
    return [(f.text, round(f.value, 3), f.qualifier) for f in parse_figures(text) if f.kind == "percent"]


@pytest.mark.parametrize(("text", "expected"), [
    # multiples: a rise by themselves
    ("Pledge financing more than doubled in 2024.", [("doubled", 100.0, "more_than")]),
    ("Filings tripled over the period.", [("tripled", 200.0, "about")]),
    ("质押融资额翻了一番", [("翻了一番", 100.0, "about")]),
    ("五年翻两番", [("翻两番", 300.0, "about")]),
    # fractions led by "by" or a rise or fall word
    ("Courts cut their backlog by more than half.", [("half", 50.0, "more_than")]),
    ("Pending cases fell by nearly a third.", [("a third", 33.333, "nearly")]),
    ("Filings rose by two thirds.", [("two thirds", 66.667, "about")]),
    ("The backlog shrank by about a quarter.", [("a quarter", 25.0, "about")]),
    ("同比增幅超过一倍", [("一倍", 100.0, "more_than")]),
    ("同比增长一倍多", [("一倍", 100.0, "more_than")]),
    ("存案减少了近一半", [("一半", 50.0, "nearly")]),
    ("存案同比减少近三分之一", [("三分之一", 33.333, "nearly")]),
    ("申请量增长了四分之三", [("四分之三", 75.0, "about")]),
])
def test_a_change_stated_as_a_multiple_or_fraction_is_a_percent_figure(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # shares: figures a claim states, which this product does not check (share_word)
    ("Half of the cases ended in mediation.", [("Half", 50.0, "about")]),
    ("It accounts for roughly half of China's total.", [("half", 50.0, "about")]),
    ("two thirds of the firms", [("two thirds", 66.667, "about")]),
    ("About a quarter of the patents were invention patents.", [("a quarter", 25.0, "about")]),
    ("约占全国总量一半", [("一半", 50.0, "about")]),
    ("超过一半的案件以调解结案", [("一半", 50.0, "more_than")]),
    ("约占全国的三分之一", [("三分之一", 33.333, "about")]),
])
def test_a_share_stated_as_a_fraction_is_a_figure_not_checked(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected
    assert all(share_word(text, f) for f in parse_figures(text) if f.kind == "percent")


@pytest.mark.parametrize("text", [
    "Pledge financing more than doubled in 2024.",
    "Pending cases fell by nearly a third.",
    "同比增幅超过一倍",
    "存案同比减少近三分之一",
])
def test_a_change_is_no_share(text: str) -> None:
    figs = [f for f in parse_figures(text) if f.kind == "percent"]
    assert figs and not any(share_word(text, f) for f in figs)


@pytest.mark.parametrize("text", [
    "in the first half of 2024",
    "on behalf of the firms",
    "a half-year review",
    "one and a half years later",
    "for a third year of the campaign",
    "one-third of the way through the campaign",
    "a quarter of a century after the first tribunal",
    "a third-party platform",
    "third place in the country",
    "Guangdong doubled its efforts.",
    "Doubling down on enforcement, the police filed more cases.",
    "一倍的努力",
    "一成不变",
])
def test_a_word_that_only_looks_like_a_fraction_is_no_figure(text: str) -> None:
    assert _rows(text) == []


def test_a_third_is_not_read_as_an_ordinal_nor_三分之一_as_三分() -> None:
    assert [f.kind for f in parse_figures("fell by a third")] == ["percent"]
    assert [f.text for f in parse_figures("减少三分之一")] == ["三分之一"]
    assert [f.text for f in parse_figures("约占三分之一")] == ["三分之一"]


def _fig(text: str):  # type: ignore[no-untyped-def]
    return next(f for f in parse_figures(text) if f.kind == "percent")


@pytest.mark.parametrize(("claim", "source", "match"), [
    ("fell by nearly a third", "减少31.17%", True),
    ("fell by nearly a third", "减少35%", False),  # nearly is below it
    ("fell by more than half", "减少31.17%", False),
    ("rose by about half", "增长49.74%", True),
    ("rose by about half", "增长43%", False),
    ("more than doubled", "同比增长137.75%", True),
    ("more than doubled", "同比增长49.74%", False),
    ("more than doubled", "同比增长260%", False),  # more than doubled is not "more than tripled"
    ("同比增长超过一倍", "同比增长137.75%", True),
    ("同比减少约三分之一", "同比减少32%", True),
    # a source's own fraction word: a number in its neighbourhood, either side alike
    ("约占全国45%", "约占全国总量一半", True),
    ("约占全国55%", "约占全国总量一半", True),
    ("约占全国40%", "约占全国总量一半", False),
])
def test_a_fraction_word_matches_its_neighbourhood(claim: str, source: str, match: bool) -> None:
    assert values_match(_fig(claim), _fig(source)) is match


def test_rough_words_are_told_by_their_own_text() -> None:
    assert rough("a third") and rough("一半") and rough("doubled") and rough("三分之一") and rough("一倍")
    assert not rough("33%") and not rough("两成") and not rough("third")
