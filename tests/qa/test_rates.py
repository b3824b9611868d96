"""Stated rates tied to the figures they describe, and the base-year range a rate implies."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.rates import implied_range, overlaps, printed_range, value_range
from tests.qa.synthetic import Corpus, chunk


def ties(text: str, lang: str = "zh", year: int = 2024) -> list[tuple[str, str, int, int | None]]:
    """(rate as written, figure as written, direction, base year) for one sentence: the ties its records
    hold from index time (FigureRecord.rate_of)."""
    corpus = Corpus(chunk(text, cid="c", lang=lang, year=year))
    by_id = {r.id: r for r in corpus.records}
    return [(r.text, by_id[r.rate_of.figure_id].text, r.rate_of.direction, r.rate_of.base_year)
            for r in sorted(corpus.records, key=lambda r: r.start) if r.rate_of]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # 分别: as many rates as figures, in order
    (("2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、68.24%;起诉1779件3192人,"
     "同比分别上升61.73%、62.94%。"), "zh",
     [("64.29%", "1265件", 1, 2023), ("68.24%", "1854人", 1, 2023), ("61.73%", "1779件", 1, 2023),
      ("62.94%", "3192人", 1, 2023)]),
    # a fall; a ratio's change (结收比, 调撤率) is never tied; a change without a stated base (大幅减少) is its
    # figure's, of no base year
    (("2024年,全省法院新收各类知识产权案件83308件,同比减少8.54%;审结88462件,结收比106.19%,同比提高2.36%;"
     "存案11337件,大幅减少31.17%;调撤结案50932件,调撤率同比上升4.89%。"), "zh",
     [("8.54%", "83308件", -1, 2023), ("31.17%", "11337件", -1, None)]),
    ("2024年,全省专利商标质押融资额3453.97亿元,同比增长49.74%,位居全国第2。", "zh",
     [("49.74%", "3453.97亿元", 1, 2023)]),
    # a base year written out
    ("全省发明专利有效量、有效注册商标量分别达到35.1万件和543.0万件,较2015年末分别增长152.4%和227.2%。", "zh",
     [("152.4%", "35.1万件", 1, 2015), ("227.2%", "543.0万件", 1, 2015)]),
    ("破案1926件,破案率上升10.12%。", "zh", []),
    ("全省法院全年新收涉KTV著作权侵权案件同比下降超三成。", "zh", []),
    (("In 2024, public security organs across the province filed 2,249 criminal cases involving IPR, representing "
     "a year-on-year increase of 5.8%."), "en", [("5.8%", "2,249 criminal cases", 1, 2023)]),
    ("They concluded 88,462 cases, with a clearance-to-receipt ratio of 106.19%, up 2.36% year-on-year.", "en", []),
    (("The number of KTV copyright infringement cases in courts across the province decreased by over 30% "
     "year-on-year."), "en", []),
    # two rates, one figure, no 分别: which figure each describes is not said
    ("2024年,全省新收案件83308件,同比增长8.54%、2.36%。", "zh", []),
])
def test_rates_are_tied_to_the_figures_they_describe(text: str, lang: str, expected: list[tuple[str, str, int, int | None]]
                                                     ) -> None:
    assert ties(text, lang) == expected


@pytest.mark.parametrize(("text", "value", "low", "high"), [
    ("1265件", 1265, 1265, 1265),  # a whole count is exact
    ("1,156 suspects", 1156, 1156, 1156),
    ("4.78萬件", 47800, 47750, 47850),  # rounded at its last printed place
    ("9.1万件", 91000, 90500, 91500),
    ("2306.71億元", 230671000000, 230670500000, 230671500000),
    ("75.07", 75.07, 75.065, 75.075),
    ("8亿元", 800000000, 750000000, 850000000),
])
def test_value_range(text: str, value: float, low: float, high: float) -> None:
    lo, hi = value_range(text, value)
    assert lo == pytest.approx(low) and hi == pytest.approx(high)


@pytest.mark.parametrize(("text", "value", "half"), [("64.29%", 64.29, 0.005), ("5.8%", 5.8, 0.05), ("30%", 30, 0.5)])
def test_a_rate_is_rounded_at_its_last_printed_place(text: str, value: float, half: float) -> None:
    lo, hi = printed_range(text, value)
    assert (value - lo, hi - value) == (pytest.approx(half), pytest.approx(half))


@pytest.mark.parametrize(("value", "rate", "direction", "inside", "outside"), [
    # the example: 1265 is up 64.29% on about 770, not on 800
    ((1265, 1265), (64.285, 64.295), 1, 770, 800),
    ((1265, 1265), (64.285, 64.295), 1, 769.97, 769.9),
    # a fall of 8.54% to 83308 puts the year before at about 91,087 (the 2023 paper: 9.1万)
    ((83308, 83308), (8.535, 8.545), -1, 91087, 91000),
    ((3453.965e8, 3453.975e8), (49.735, 49.745), 1, 2306.71e8, 2300e8),
])
def test_implied_range(value: tuple[float, float], rate: tuple[float, float], direction: int, inside: float,
                       outside: float) -> None:
    lo, hi = implied_range(value, rate, direction)  # type: ignore[arg-type]
    assert lo <= inside <= hi
    assert not lo <= outside <= hi


def test_the_implied_range_is_as_wide_as_the_rounding_of_the_rate() -> None:
    lo, hi = implied_range((1265, 1265), printed_range("64.29%", 64.29), 1)
    assert lo == pytest.approx(1265 / 1.64295) and hi == pytest.approx(1265 / 1.64285)
    assert overlaps((lo, hi), value_range("770件", 770)) and not overlaps((lo, hi), value_range("800件", 800))


def test_a_fall_of_the_whole_implies_nothing() -> None:
    with pytest.raises(ValueError, match="no base value"):
        implied_range((10, 10), (100, 100), -1)


@given(base=st.integers(min_value=1, max_value=10**7), now=st.integers(min_value=1, max_value=10**7),
       decimals=st.integers(min_value=0, max_value=3))
def test_a_rate_printed_from_true_figures_always_fits_them(base: int, now: int, decimals: int) -> None:
    """Whatever two counts and however the rate between them is rounded for print, the audit
    never calls them a disagreement: the base year's count lies in the range the rate implies."""
    change = (now - base) / base * 100
    direction = 1 if change >= 0 else -1
    printed = f"{abs(change):.{decimals}f}%"
    rate = printed_range(printed, float(printed.rstrip("%")))
    if direction == -1 and rate[1] >= 100:
        return  # a fall of 100% or more (rounded) implies no base
    lo, hi = implied_range(value_range(str(now), now), rate, direction)  # type: ignore[arg-type]
    assert lo - 1e-6 * base <= base <= hi + 1e-6 * base


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # a rate names no action: it is its figure's change, so it is done as that figure is
    ("2024年,全省公安机关共立知识产权刑事案件2249件,同比增长5.8%;破案1926件。", "zh",
     {"2249件": "file_case", "5.8%": "file_case", "1926件": "solve_case"}),
    (("2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、68.24%;起诉1779件3192人,"
     "同比分别上升61.73%、62.94%。"), "zh",
     {"64.29%": "approve_arrest", "68.24%": "approve_arrest", "61.73%": "prosecute", "62.94%": "prosecute"}),
    (("In 2024, public security organs across the province filed 2,249 criminal cases involving IPR, representing "
      "a year-on-year increase of 5.8%."), "en", {"5.8%": "file_case"}),
    # a ratio's rise is tied to nothing and keeps what its own words say; a change without a stated base is still
    # its figure's
    ("2024年,全省法院审结88462件,结收比106.19%,同比提高2.36%;存案11337件,大幅减少31.17%。", "zh",
     {"2.36%": None, "31.17%": "pending"}),
])
def test_a_tied_rate_is_done_by_whoever_did_its_figure(text: str, lang: str, expected: dict[str, str | None]) -> None:
    corpus = Corpus(chunk(text, cid="c", lang=lang))
    actions = {r.text: r.action for r in corpus.records}
    assert {t: actions[t] for t in expected} == expected


@pytest.mark.parametrize(("text", "changes"), [
    ("2024年,全省法院审结88462件,结收比106.19%,同比提高2.36%;调撤结案50932件,调撤率同比上升4.89%。",
     {"2.36%": True, "4.89%": True}),
    ("2024年,全省法院新收各类知识产权案件83308件,同比减少8.54%。", {"8.54%": False}),
    ("2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、68.24%。",
     {"64.29%": False, "68.24%": False}),
    ("They concluded 88,462 cases, with a clearance-to-receipt ratio of 106.19%, up 2.36% year-on-year.", {"2.36%": True}),
])
def test_a_ratios_change_is_marked_at_index_time(text: str, changes: dict[str, bool]) -> None:
    corpus = Corpus(chunk(text, cid="c", lang="en" if text.isascii() else "zh"))
    marked = {r.text: r.ratio_change for r in corpus.records}
    assert {t: marked[t] for t in changes} == changes
