"""A claim about a plan's target: the target's "≥83" is the number 83 (qa.decide.target_values)."""

from __future__ import annotations

import dataclasses

import pytest

from index.figures import parse_figures
from qa.decide import judge, target_values
from tests.qa.synthetic import Corpus, chunk


def _target(plan: str | None) -> object:
    corpus = Corpus(chunk("知识产权保护社会满意度(分): 2025年 ≥83 (预期性)", cid="plan", doc="plan", year=2025))
    best = corpus.rank(corpus.frame("2025年知识产权保护社会满意度目标是多少分?"))[0]
    assert best.figure.value == 83 and best.figure.qualifier == "at_least"
    return dataclasses.replace(best, record=best.record.model_copy(update={"plan": plan}))


@pytest.mark.parametrize(("claim", "plan", "verdict"), [
    ("75.07分以上", "target", "contradicted"),  # 83 is above 75.07, but the target is 83
    ("83分以上", "target", "supported"),
    ("83分", "target", "supported"),
    ("75.07分以上", None, "supported"),  # a source's "≥83" that is no target is a hedge: above 75.07 fits
])
def test_a_claimed_bound_must_state_the_target_itself(claim: str, plan: str | None, verdict: str) -> None:
    best = _target(plan)
    claimed = parse_figures(claim)[0]
    assert judge(claimed, best, [2025], [])[0] == verdict  # type: ignore[arg-type]
    assert target_values(claimed, best)[0].qualifier == (None if plan and claimed.qualifier else claimed.qualifier)  # type: ignore[arg-type]


@pytest.mark.parametrize(("claim", "qualifiers"), [
    ("“十三五”时期广东马德里商标累计有效注册量完成8862件,超过6000件的目标。", [None, None]),
    ("广东年均林业植物新品种申请量达到29件,突破15件目标。", [None, None]),
    ("During the plan Guangdong's Madrid registrations reached 8,862, more than the 6,000 target.", [None, None]),
    # a bound on a figure that is no target stays
    ("“十三五”时期广东马德里商标累计有效注册量超过6000件。", ["more_than"]),
    ("广东马德里商标累计有效注册量超过6000件,目标是5000件。", ["more_than", None]),
])
def test_a_bound_before_a_target_bounds_what_beat_it_not_the_target(claim: str, qualifiers: list[str | None]) -> None:
    from qa.frame import analyse

    assert [f.qualifier for f in analyse(claim, "claim").figures] == qualifiers
