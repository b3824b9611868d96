"""A comparison's two figures taken together: each year's figure is judged on its own by the
calibrated bar of ``ask``, but when the later figure's own sentence states a year-on-year rate
(同比增长49.74%) and the two printed figures fit that rate within their rounding, the rate is
evidence the model never saw. Two figures of one metric that a printed two-decimal rate ties
together are very seldom a wrong pair: a wrong figure would have to match the rate by chance.

So a pair held back only by the bar (each figure's probability below it) is answered when the rate
ties them and each probability still reaches the bar of a risk ``RISK_FACTOR`` times higher. A
bounded rate or figure (超三成, 9万余件) ties nothing (``rates_agree`` is None), nor does a rate
printed beside another figure of the sentence (``stated_rate``).
"""

from __future__ import annotations

from qa.calibration import Model, bar
from qa.compare import StatedRate, measure_mismatch, rates_agree
from qa.rank import ScoredFigure

# How much looser the bar is for a pair the stated rate ties: measured on the dev comparisons
# (eval/dev/desk-a.jsonl), the pairs a rate ties were right at probabilities 0.95–0.99; at risk 1
# the risk-5 bar is 0.63, which a figure of the other metric of its sentence does not reach.
RISK_FACTOR = 5.0


def rate_ties(before: ScoredFigure, after: ScoredFigure, stated: StatedRate | None) -> bool:
    """The later figure's stated rate fits the change from the earlier one, both of one metric."""
    if stated is None or before.year >= after.year or measure_mismatch(before.record, after.record) is not None:
        return False
    return rates_agree(before.figure, after.figure, stated.pct, stated.figure) is True


def corroborated(before: ScoredFigure, p_before: float | None, after: ScoredFigure, p_after: float | None,
                 stated: StatedRate | None, model: Model | None, risk: float) -> bool:
    """Whether two years' figures, each held back or answered, are answered together (see above)."""
    if model is None or p_before is None or p_after is None:
        return False
    floor = bar(model, RISK_FACTOR * risk)
    return min(p_before, p_after) >= floor and rate_ties(before, after, stated)
