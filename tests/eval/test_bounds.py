"""The upper confidence bounds (eval.bounds) against known values."""

from __future__ import annotations

import itertools

import pytest

from eval.bounds import clopper_pearson_upper, max_wrong, upper_bound, upper_per_100, wilson_upper


# Known values: two-sided 95% intervals are one-sided 97.5% upper bounds. 1 of 10: Clopper–Pearson
# (0.0025, 0.4450), Wilson (0.0179, 0.4042) (Newcombe 1998, Table I; Brown, Cai & DasGupta 2001).
# The rest agree with scipy.stats.beta.ppf(confidence, k + 1, n - k) to six places.
@pytest.mark.parametrize(("wrong", "cases", "confidence", "expected"), [
    (1, 10, 0.975, 0.4450),
    (0, 10, 0.95, 0.258866),   # 1 − 0.05^(1/10)
    (0, 10, 0.90, 0.205672),
    (5, 50, 0.95, 0.198833),
    (3, 816, 0.95, 0.009474),
    (8, 816, 0.95, 0.017620),
    (0, 292, 0.95, 0.010207),
    (0, 292, 0.90, 0.007855),
])
def test_clopper_pearson_upper_bound(wrong: int, cases: int, confidence: float, expected: float) -> None:
    assert clopper_pearson_upper(wrong, cases, confidence) == pytest.approx(expected, abs=5e-5)


@pytest.mark.parametrize(("wrong", "cases", "confidence", "expected"), [
    (1, 10, 0.975, 0.4042),
    (0, 10, 0.95, 0.212942),
    (3, 816, 0.95, 0.009163),
    (8, 816, 0.95, 0.017315),
    (0, 292, 0.95, 0.009180),
    (5, 50, 0.90, 0.167713),
])
def test_wilson_upper_bound(wrong: int, cases: int, confidence: float, expected: float) -> None:
    assert wilson_upper(wrong, cases, confidence) == pytest.approx(expected, abs=5e-5)


@pytest.mark.parametrize("cases", [1, 30, 292, 816])
@pytest.mark.parametrize("confidence", [0.9, 0.95])
def test_wilson_at_zero_wrong_is_z2_over_n_plus_z2(cases: int, confidence: float) -> None:
    from statistics import NormalDist

    z2 = NormalDist().inv_cdf(confidence) ** 2
    assert wilson_upper(0, cases, confidence) == pytest.approx(z2 / (cases + z2))


@pytest.mark.parametrize("method", ["wilson", "clopper-pearson"])
def test_bounds_lie_above_the_rate_and_grow_with_wrong_and_confidence(method: str) -> None:
    for n in (20, 300):
        ups = [upper_bound(k, n, method) for k in range(n + 1)]  # type: ignore[arg-type]
        assert all(u >= k / n - 1e-12 for k, u in enumerate(ups))
        assert all(a < b for a, b in itertools.pairwise(ups) if b < 1.0 - 1e-12)
        assert upper_bound(3, n, method, 0.9) < upper_bound(3, n, method, 0.95)  # type: ignore[arg-type]
    assert clopper_pearson_upper(10, 10) == 1.0 and upper_per_100(0, 0) == 100.0


@pytest.mark.parametrize(("cases", "method", "confidence", "expected"), [
    (816, "wilson", 0.95, 3),
    (816, "clopper-pearson", 0.95, 3),
    (816, "clopper-pearson", 0.90, 4),
    (292, "wilson", 0.95, 0),
    (292, "clopper-pearson", 0.90, 0),
    (292, "clopper-pearson", 0.95, -1),  # even no wrong verdict in 292 cases bounds above 1 per 100
    (1108, "wilson", 0.95, 5),
])
def test_the_most_wrong_choices_within_one_per_100(cases: int, method: str, confidence: float, expected: int) -> None:
    assert max_wrong(cases, 1.0, method, confidence) == expected  # type: ignore[arg-type]


def test_invalid_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        wilson_upper(5, 3)
    with pytest.raises(ValueError):
        clopper_pearson_upper(1, 10, 1.0)
