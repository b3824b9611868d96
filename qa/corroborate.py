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

import re

from index.records import FigureRecord
from qa.calibration import Model, bar
from qa.compare import StatedRate, figures_mismatch, rates_agree
from qa.rank import ScoredFigure

# How much looser the bar is for a pair the stated rate ties: measured on the dev comparisons
# (eval/dev/desk-a.jsonl), the pairs a rate ties were right at probabilities 0.95–0.99; at risk 1
# the risk-5 bar is 0.63, which a figure of the other metric of its sentence does not reach.
RISK_FACTOR = 5.0


def rate_ties(before: ScoredFigure, after: ScoredFigure, stated: StatedRate | None) -> bool:
    """The later figure's stated rate fits the change from the earlier one, both of one metric."""
    if stated is None or before.year >= after.year or figures_mismatch(before, after) is not None:
        return False
    return rates_agree(before.figure, after.figure, stated.pct, stated.figure) is True


def corroborated(before: ScoredFigure, p_before: float | None, after: ScoredFigure, p_after: float | None,
                 stated: StatedRate | None, model: Model | None, risk: float) -> bool:
    """Whether two years' figures, each held back or answered, are answered together (see above)."""
    if model is None or p_before is None or p_after is None:
        return False
    floor = bar(model, RISK_FACTOR * risk)
    return min(p_before, p_after) >= floor and rate_ties(before, after, stated)


# What a metric phrase says beyond when and where: "2023年全省专利和商标质押融资金额" and
# "全省专利商标质押融资额" differ, "2023年全省有效注册商标量" and "有效注册商标量" do not.
_WHEN_WHERE = re.compile(r"(?:19|20)\d\d年(?:底|末)?|全省|广东省?|省内|\s+")


def metric_key(record: FigureRecord, aligned: FigureRecord | None = None) -> str | None:
    """A figure's own metric words, in Chinese where its translation's sentence gives them (the
    documents word a metric alike each year in Chinese; the English translation varies): the
    last part of its metric phrase, without years and the province's name. None without one."""
    source = aligned if record.lang != "zh" and aligned is not None and aligned.lang == "zh" else record
    if source.lang != "zh" or not source.metric:
        return None
    return _WHEN_WHERE.sub("", source.metric.split(" | ")[-1]) or None


def same_wording(anchor: ScoredFigure, held: ScoredFigure, anchor_key: str | None, held_key: str | None) -> bool:
    """Another year's figure printed under the metric words of a figure already answered, one
    metric by every slot: the documents' yearly wording ties the two. One year's words may be
    the other's shortened at the end ("审结" after "全省法院新收…" for 2024, "审结各类知识产权案件" for
    2023), when they say more than one word; not at the start: a Chinese metric's modifiers come
    first and narrow it ("发明专利授权量" and "广东战略性产业集群发明专利授权量" are two metrics)."""
    if anchor_key is None or held_key is None or anchor.year == held.year:
        return False
    short, long = sorted((anchor_key, held_key), key=len)
    return (short == long or (len(short) >= MIN_SHORTENED and long.startswith(short))) \
        and figures_mismatch(anchor, held) is None


# The shortest metric words read within another year's (two characters: 审结, 破案; one says nothing).
MIN_SHORTENED = 2

