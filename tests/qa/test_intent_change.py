"""A question asking how much a figure went up or down asks for its rate (qa.intent.asks_change)."""

from __future__ import annotations

import pytest

from qa.intent import asks_change, unit_for_question

MONEY = {"元", "美元"}
CASES = {"件", "宗", "案", "起"}


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("2024年广东专利商标质押融资额同比增长了多少?", {"%"}),  # not the 3453.97亿元 beside the rate
        ("2023年廣東專利授權量同比下降了多少?", {"%"}),
        ("By how much did Guangzhou's patent infringement dispute caseload grow in 2023?", {"%"}),
        ("How much did pledge financing rise in 2024?", {"%"}),
        ("2024年新收案件同比减少了多少件?", CASES),  # a measure word: the change in cases
        ("2024年广东专利商标质押融资额是多少?", MONEY),
        ("How much money did pledge financing raise in 2024?", MONEY),
        ("How much did Guangdong collect in fines in 2023, up from 2022?", MONEY),
        ("2024年新增了多少?", None),  # 新增: how many are new, not a rate
    ],
)
def test_a_change_asks_for_a_rate(question: str, units: set[str] | None) -> None:
    assert unit_for_question(question) == units


def test_asks_change_needs_a_rise_or_fall_and_how_much() -> None:
    assert asks_change("同比增长了多少?") and asks_change("grew by how much in 2024?")
    assert not asks_change("How much did customs seize in 2024?") and not asks_change("增长情况如何?")
