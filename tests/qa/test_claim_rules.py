"""A source figure that cannot judge a claim's figure, whatever its value (qa.claim_rules).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from qa.claim_rules import not_comparable, other_institution, part_of_year
from tests.qa.synthetic import Corpus, chunk


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("2025年一季度全市受理申请300余件", True),
        ("今年上半年全市办结案件逾千件", True),
        ("In the first quarter of 2025 the city handled 300 cases", True),
        ("Q3 filings rose", True),
        ("截至2024年12月,全市有效商标120万件", False),
        ("2024年全年受理申请1200件", False),
        ("HQ3 building", False),
    ],
)
def test_part_of_year(text: str, part: bool) -> None:
    assert part_of_year(text) is part


PLAN = "到2025年,全市每万人口发明专利拥有量达到30件。"
YEAR = "2022年,全市受理维权援助申请420件。"


def _record(text: str):  # type: ignore[no-untyped-def]
    corpus = Corpus(chunk(text, cid="c1", doc="city-plan"))  # a plan's figures say target or result
    return next(r for r in corpus.records if r.kind == "quantity")


@pytest.mark.parametrize(
    ("source", "claim", "comparable"),
    [
        # a plan's target is no evidence about an actual figure
        (PLAN, "2025年全市每万人口发明专利拥有量为28件", False),
        (PLAN, "规划提出,到2025年全市每万人口发明专利拥有量达到28件", True),
        # a whole year's figure says nothing about a quarter or a half of it
        (YEAR, "2022年上半年全市受理维权援助申请240件", False),
        (YEAR, "2022年全市受理维权援助申请240件", True),
    ],
)
def test_not_comparable(source: str, claim: str, comparable: bool) -> None:
    assert (not_comparable(claim, claim, _record(source)) is None) is comparable


def test_the_figures_own_plan_word_wins() -> None:
    claim = "规划显示,该指标的目标为6000件,实际完成8862件"
    rec = _record("该指标目标值6000件。")
    assert rec.plan == "target"
    assert not_comparable(claim, "规划显示,该指标的目标为", rec) is None
    assert not_comparable(claim, ",实际完成", rec) is not None


@pytest.mark.parametrize(
    ("own", "source", "may_contradict"),
    [
        # the claim names one tribunal; a sentence that does not name it gives another body's count
        ("深圳知识产权法庭当年审结4200件", "2022年,全市受理维权援助申请420件。", False),
        ("深圳知识产权法庭当年审结4200件", "2022年,深圳知识产权法庭审结案件3900件。", True),
        # a claim naming no institution is judged as before
        ("2022年全市受理维权援助申请240件", "2022年,全市受理维权援助申请420件。", True),
    ],
)
def test_other_institution(own: str, source: str, may_contradict: bool) -> None:
    assert (other_institution(own, _record(source)) is None) is may_contradict
