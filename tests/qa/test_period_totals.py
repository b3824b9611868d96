"""A yearly amount is no answer about a period's total (index.time_frames.per_year,
whole_period_total; the rank's qualifier gate)."""

from __future__ import annotations

import pytest

from index.time_frames import nearest_time_frame, per_year, whole_period_total
from tests.qa.synthetic import Corpus, chunk


@pytest.mark.parametrize(("metric", "expected"), [
    ("知识产权质押融资年度金额 完成值", True),
    ("年均林业植物新品种申请量 目标值", True),
    ("annual pledge financing", True),
    ("representing a year-on-year decrease of", False),  # "a year" of a change, no yearly amount
    ("the amount financed each year", True),
    ("知识产权质押登记融资总额", False),
    ("对外发布2024年度广东知识产权十大事件", False),  # 2024年度 is that year's, no yearly rate
    ("全省专利授权量", False),
])
def test_a_metric_counted_per_year(metric: str, expected: bool) -> None:
    assert per_year(metric) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("“十三五”时期，广东知识产权质押登记融资总额逾900亿元。", True),
    ("「十三五」時期，廣東知識產權質押登記融資總額970.6億元。", True),
    ("第十三个五年规划期间，广东靠专利商标抵押拿到的贷款总共有多少?", True),
    ("Guangdong's IP pledge financing during the 13th Five-Year Plan period totaled more than RMB 100 billion.", True),
    ("From 2016 to 2020 pledge loans came to 90 billion yuan altogether.", True),
    ("十三五知识产权质押融资总额是多少?", True),
    ("整个十三五广东一共获得多少项中国专利奖?", True),
    ("2016年到2020年广东知识产权质押融资总共多少?", True),
    ("Between 2016 and 2020, how much pledge financing was registered in total?", True),
    ("How much pledge financing was there in total during the 13th FYP?", True),
    # a yearly amount named: no period total asked
    ("十三五时期广东定的年均林业植物新品种申请量目标是15件,结果累计每年平均29件。", False),
    ("Over the 13th Five-Year Plan, annual pledge financing totalled 18.15 billion yuan by 2020.", False),
    # a total without a period of several years, a period without a total
    ("2024年广东专利授权总量是多少?", False),
    ("“十三五”时期广东发明专利有效量是多少?", False),
])
def test_a_question_or_claim_asks_a_periods_total(text: str, expected: bool) -> None:
    assert whole_period_total(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("累计建成13家,全年共受理预审请求4.78万件", "flow"),
    ("截至2024年底,全省发明专利有效量68.82万件", "stock"),
    ("全省共有62件案件适用惩罚性赔偿", "stock"),
    ("受理维权相关案件1.16万件", None),
    # a thousands separator splits no clause
    ("cumulatively 5,352 websites were monitored in 2024", "stock"),
])
def test_the_nearest_clause_that_says_a_time_frame_gives_it(text: str, expected: str | None) -> None:
    assert nearest_time_frame(text) == expected


def _pledge_corpus() -> Corpus:
    return Corpus(chunk("2020年,全省知识产权质押融资年度金额181.5亿元。", cid="a", doc="d"),
                  chunk("“十三五”时期,全省知识产权质押登记融资总额907.6亿元。", cid="b", doc="d"))


def test_a_yearly_amount_is_ruled_out_for_a_periods_total() -> None:
    corpus = _pledge_corpus()
    figs = {f.figure.text: f for f in corpus.rank(corpus.frame("“十三五”时期广东知识产权质押融资总额是多少?"))}
    assert figs["181.5亿元"].features["qualifier"] == -1.0
    assert figs["907.6亿元"].features.get("qualifier", 0.0) == 0.0


def test_a_yearly_amount_asked_by_name_stays_an_answer() -> None:
    corpus = _pledge_corpus()
    figs = {f.figure.text: f for f in corpus.rank(corpus.frame("2020年广东知识产权质押融资年度金额是多少?"))}
    assert figs["181.5亿元"].features.get("qualifier", 0.0) == 0.0
