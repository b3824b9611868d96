"""Metrics given their figures 分别 (index.respective): which metric each figure is given for."""

from __future__ import annotations

import pytest

from index.figures import parse_figures
from index.respective import respective_items

PLAN = "十三五时期,全省发明专利有效量、有效注册商标量分别达到35.1万件和543.0万件,较2015年末分别增长152.4%和227.2%,PCT专利申请量累计达20.7万件。"


@pytest.mark.parametrize(("text", "figure", "own", "others"), [
    (PLAN, "35.1万件", "全省发明专利有效量", ("有效注册商标量",)),
    (PLAN, "543.0万件", "有效注册商标量", ("全省发明专利有效量",)),
    (PLAN, "152.4%", "全省发明专利有效量", ("有效注册商标量",)),  # the second 分别 list pairs with the same metrics
    (PLAN, "227.2%", "有效注册商标量", ("全省发明专利有效量",)),
    (PLAN, "20.7万件", None, None),  # after the lists
    # rates against the figures before them, no metrics listed: not read here
    ("批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%和68.24%", "68.24%", None, None),
    # past a "；" another list with its own metrics
    ("发明专利、实用新型分别为10件和20件；商标、版权分别为30件和40件。", "30件", "商标", ("版权",)),
    # as many metrics as figures, or nothing
    ("专利、商标和版权分别增长5%和6%", "6%", None, None),
])
def test_the_metric_a_respective_figure_is_given_for(text: str, figure: str, own: str | None,
                                                     others: tuple[str, ...] | None) -> None:
    figures = parse_figures(text)
    fig = next(f for f in figures if f.text == figure)
    got = respective_items(text, 0, len(text), figures, fig)
    assert got == (None if own is None else (own, others))
