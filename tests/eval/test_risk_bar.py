"""The risk bar (eval.risk_bar): the lowest bar whose wrong rate's upper bound is within the risk."""

from __future__ import annotations

import math

import pytest

from eval.bounds import upper_per_100, wilson_upper
from eval.risk_bar import choose_bar, summarize

# Ten choices, best first: the third and the sixth are wrong.
PROBS = [0.99, 0.98, 0.97, 0.96, 0.95, 0.90, 0.80, 0.70, 0.60, 0.50]
RIGHT = [1, 1, 0, 1, 1, 0, 1, 1, 1, 1]


@pytest.mark.parametrize(("cases", "risk", "bar", "wrong"), [
    (816, 1.0, 0.50, 2),    # 3 wrong allowed in 816: every choice is kept
    (292, 1.0, 0.98, 0),    # no wrong verdict allowed in 292: the bar stops above the first wrong one
    (292, 0.5, 1.0, 0),     # no bar keeps the bound within 0.5 per 100 of 292: nothing is given
    (30, 10.0, 0.98, 0),    # 30 cases: one wrong (3.3 per 100) bounds at 13.6
])
def test_the_bar_is_the_lowest_whose_bound_is_within_the_risk(cases: int, risk: float, bar: float,
                                                              wrong: int) -> None:
    got = choose_bar(PROBS, RIGHT, cases, risk)
    assert got.bar == bar and got.wrong == wrong
    assert got.upper_per_100 <= risk or got.answered == 0
    assert got.wrong_per_100 == pytest.approx(100 * wrong / cases, abs=1e-3)


def test_the_bar_stops_above_the_wrong_choice_one_too_many() -> None:
    got = choose_bar([*PROBS, 0.45, 0.40, 0.30], [*RIGHT, 0, 1, 0], 816, 1.0)
    assert got.bar == 0.40 and got.wrong == 3 and got.answered == 12


def test_the_bound_not_the_point_estimate_sets_the_bar() -> None:
    # 2 wrong of 300 cases is 0.67 per 100, within 1 by the point estimate; its bound (1.9) is not.
    probs = [0.99 - i / 1000 for i in range(100)]
    right = [0 if i in (10, 50) else 1 for i in range(100)]
    got = choose_bar(probs, right, 300, 1.0)
    assert got.wrong == 0 and got.answered == 10 and got.bar == pytest.approx(probs[9])
    assert got.upper_per_100 <= 1.0 < upper_per_100(2, 300)


def test_equal_probabilities_are_kept_or_left_together() -> None:
    got = choose_bar([0.9, 0.8, 0.8, 0.7], [1, 1, 0, 1], 292, 1.0)
    assert got.bar == 0.9 and got.answered == 1


def test_summary_counts_what_a_bar_keeps() -> None:
    s = summarize(PROBS, RIGHT, 100, 2.0, 0.9)
    assert (s.answered, s.right, s.wrong, s.cases) == (6, 4, 2, 100)
    assert s.wrong_per_100 == 2.0 and s.upper_per_100 == pytest.approx(100 * wilson_upper(2, 100), abs=1e-3)
    assert math.isclose(s.bar, 0.9)
