"""One-sided upper confidence bounds on a binomial proportion: how high the wrong rate behind
``wrong`` of ``cases`` may be. Pure functions; no I/O.

- Wilson (score) bound: the upper root of the normal-approximation score test; close to nominal
  coverage for small rates and never zero at zero wrong (z²/(n+z²)).
- Clopper–Pearson (exact) bound: the rate at which seeing ``wrong`` or fewer has probability
  1 − confidence; conservative (coverage at least nominal).
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Literal

BoundMethod = Literal["wilson", "clopper-pearson"]
# One-sided 95% Wilson: at dev's size (about 800 questions, 300 claims) it allows 3 wrong answers
# and no wrong verdict within 1 per 100, where the one-sided 95% Clopper–Pearson bound of 0 wrong
# in 292 claims (1.02 per 100) would allow no verdict at all.
DEFAULT_METHOD: BoundMethod = "wilson"
DEFAULT_CONFIDENCE = 0.95


def rule(method: BoundMethod = DEFAULT_METHOD, confidence: float = DEFAULT_CONFIDENCE) -> str:
    """The bar rule in words, as the calibration file keeps it."""
    name = "Wilson" if method == "wilson" else "Clopper–Pearson"
    return (f"the lowest probability bar at which the one-sided {100 * confidence:g}% {name} upper bound of the "
            f"cross-validated wrong choices per 100 cases is within the risk, per family (answers, claims)")


def wilson_upper(wrong: int, cases: int, confidence: float = DEFAULT_CONFIDENCE) -> float:
    """One-sided Wilson score upper bound of the proportion wrong/cases."""
    _check(wrong, cases, confidence)
    if cases == 0:
        return 1.0
    z = NormalDist().inv_cdf(confidence)
    p = wrong / cases
    z2n = z * z / cases
    centre = p + z2n / 2
    half = z * math.sqrt(p * (1 - p) / cases + z2n / (4 * cases))
    return min(1.0, (centre + half) / (1 + z2n))


def clopper_pearson_upper(wrong: int, cases: int, confidence: float = DEFAULT_CONFIDENCE) -> float:
    """One-sided Clopper–Pearson upper bound: the p at which P(X ≤ wrong; cases, p) = 1 − confidence."""
    _check(wrong, cases, confidence)
    if cases == 0 or wrong >= cases:
        return 1.0
    alpha = 1.0 - confidence
    if wrong == 0:
        return 1.0 - alpha ** (1.0 / cases)
    lo, hi = wrong / cases, 1.0
    # The tail P(X ≤ wrong) falls as p grows: bisect to well below any printed digit.
    for _ in range(100):
        mid = (lo + hi) / 2
        if _binomial_cdf(wrong, cases, mid) > alpha:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def upper_bound(wrong: int, cases: int, method: BoundMethod = DEFAULT_METHOD,
                confidence: float = DEFAULT_CONFIDENCE) -> float:
    return (wilson_upper if method == "wilson" else clopper_pearson_upper)(wrong, cases, confidence)


def upper_per_100(wrong: int, cases: int, method: BoundMethod = DEFAULT_METHOD,
                  confidence: float = DEFAULT_CONFIDENCE) -> float:
    return 100.0 * upper_bound(wrong, cases, method, confidence)


def max_wrong(cases: int, risk: float, method: BoundMethod = DEFAULT_METHOD,
              confidence: float = DEFAULT_CONFIDENCE) -> int:
    """The most wrong choices among ``cases`` whose upper bound stays within ``risk`` per 100;
    -1 when even none does (too few cases to promise that risk at that confidence)."""
    k = -1
    while k + 1 <= cases and upper_per_100(k + 1, cases, method, confidence) <= risk:
        k += 1
    return k


def _binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p), summed in log space (n in the thousands)."""
    if p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 1.0 if k >= n else 0.0
    lp, lq = math.log(p), math.log1p(-p)
    logs = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * lp + (n - i) * lq
            for i in range(k + 1)]
    top = max(logs)
    return min(1.0, math.exp(top) * sum(math.exp(v - top) for v in logs))


def _check(wrong: int, cases: int, confidence: float) -> None:
    if cases < 0 or not 0 <= wrong <= max(cases, 0):
        raise ValueError(f"wrong must be within 0..cases (got {wrong} of {cases})")
    if not 0.5 <= confidence < 1.0:
        raise ValueError(f"confidence must be within [0.5, 1) (got {confidence})")
