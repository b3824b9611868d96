"""Bound and rounding words as news reports write them, in both languages (index/lexicon/bounds.tsv)."""

from __future__ import annotations

import pytest

from index.figures import parse_figures, values_match, with_bound


@pytest.mark.parametrize(("text", "value", "unit", "bound"), [
    ("专利授权量超70万件", 700000, "件", "more_than"),
    ("发明专利授权量逾14万件", 140000, "件", "more_than"),
    ("突破10万件", 100000, "件", "more_than"),
    ("2万余件", 20000, "件", "more_than"),
    ("900多个", 900, "个", "more_than"),
    # spoken hedges: 来 is "about" between a number and its scale or unit; 多 after a percent or a tenth
    ("案子有8.3万来件", 83000, "件", "about"),
    ("十来个", 10, "个", "about"),
    ("二十来家", 20, "家", "about"),
    ("比上一年少了8%多。", 8, "%", "more_than"),
    ("增长三成多。", 30, "%", "more_than"),
    ("近两成", 20, "%", "nearly"),
    ("逾三成", 30, "%", "more_than"),
    ("约5万件", 50000, "件", "about"),
    ("5万件左右", 50000, "件", "about"),
    ("接近3000件", 3000, "件", "nearly"),
    ("nearly 20%", 20, "%", "nearly"),
    ("more than 40,000 cases", 40000, "件", "more_than"),
    ("over 88,000", 88000, "", "more_than"),
    ("almost 1,000", 1000, "", "nearly"),
    ("about 83,000", 83000, "", "about"),
    ("roughly 9 million", 9e6, "", "about"),
    ("some 91,000 new IP cases", 91000, "件", "about"),
    ("close to 90,000 cases", 90000, "件", "nearly"),
    ("Guangdong's got like 9 million valid trademarks", 9e6, "件", "about"),
    # a news verb of going past a figure bounds it as 超过 does
    ("valid trademark registrations exceeded 9 million", 9e6, "", "more_than"),
    ("the caseload surpassed 80,000", 80000, "", "more_than"),
])
def test_bound_words(text: str, value: float, unit: str, bound: str) -> None:
    f = parse_figures(text)[0]
    assert (f.value, f.unit, f.qualifier) == (value, unit, bound)


@pytest.mark.parametrize(("claim", "source", "ok"), [
    ("超70万件", "70.3万件", True), ("近两成", "19.6%", True), ("逾三成", "31.17%", True), ("超70万件", "69.26万件", False),
    ("about 83,000", "83,308", True), ("more than 40,000 cases", "88,462件", False), ("近两成", "25%", False),
    # A bound restated from a bounded source at its own precision keeps the source's number.
    ("规模逾34亿元", "规模逾43亿元", False), ("规模逾43亿元", "规模逾43亿元", True), ("规模逾40亿元", "规模逾43亿元", True),
    ("more than 1,000 companies", "1000余家", True), ("超过2.1亿美元", "超21亿美元", False),
    ("more than 4.2 billion yuan", "逾43亿元", False), ("不足15%", "不足14%", False), ("不足15%", "不足15%", True),
    # A precise bound (two or more significant digits, the last not 0 or 5) is stated to its last
    # digit: within three steps of it. A round one (15, 25%, 1500) keeps the span of twice its value.
    ("超8.3万件", "83308件", True), ("超8.3万件", "8.53万件", True), ("超8.3万件", "9.1万件", False),
    ("more than 83,000", "85,900", True), ("more than 83,000", "91,000", False), ("不足1.3万件", "0.9万件", False),
    ("不足1.3万件", "1.08万件", True), ("逾1.2亿元", "1.45亿元", True), ("超过15家", "18家", True),
    ("more than 25%", "28.3%", True), ("超过1500件", "1780件", True), ("超9万件", "9.5万件", True),
])
def test_rounded_claims_match_fair_sources(claim: str, source: str, ok: bool) -> None:
    assert values_match(parse_figures(claim)[0], parse_figures(source)[0]) is ok


@pytest.mark.parametrize(("text", "figure", "bound"), [
    ("近3年来", "3年", "nearly"),  # 来 after the unit: "in the last three years", no hedge
    ("108件来自企业", "108件", None),
    ("50%多元化", "50%", None),  # 多 that begins a word
])
def test_hedge_words_that_belong_to_the_next_word(text: str, figure: str, bound: str | None) -> None:
    f = parse_figures(text)[0]
    assert (f.text, f.qualifier) == (figure, bound)


@pytest.mark.parametrize(("text", "figures"), [
    ("12315来件", [("12315", None)]),  # a hotline's number before 来件 (incoming items): no hedge
    ("受理12330来件1000件", [("12330", None), ("1000件", None)]),  # round, but four significant digits
    ("150来件", [("150来件", "about")]),
    ("二来人", []),  # 来 after a number that is not round: no spoken hedge
    ("一成不变", []),  # 一成 beginning a word
    ("增长一成多。", [("一成多", "more_than")]),
    ("近一成", [("一成", "nearly")]),
    ("一成左右", [("一成", "about")]),
])
def test_spoken_hedges_only_where_people_round(text: str, figures: list[tuple[str, str | None]]) -> None:
    assert [(f.text, f.qualifier) for f in parse_figures(text)] == figures


@pytest.mark.parametrize(("text", "shown"), [
    # the bound stands outside the figure's text: the answer shows it, in the figure's language
    ("培养技术经纪人超1万名", "超1万名"),
    ("为企业减少损失超21亿美元", "超21亿美元"),
    ("约3000件", "约3000件"),
    ("3000件左右", "约3000件"),
    ("近两成", "近两成"),
    ("5万件以上", "不少于5万件"),
    ("14万出头", "略超14万"),
    ("more than 10,000 brokers", "more than 10,000"),
    ("over 40,000 cases", "more than 40,000 cases"),
    ("nearly 20%", "nearly 20%"),
    ("10 or more", "at least 10"),
    # the text shows its own bound: as it is
    ("2万余件", "2万余件"),
    ("900多个", "900多个"),
    # no bound: the text
    ("受理83308件", "83308件"),
    ("83,308 cases", "83,308 cases"),
])
def test_a_figure_is_shown_with_its_bound(text: str, shown: str) -> None:
    assert with_bound(parse_figures(text)[0]) == shown


@pytest.mark.parametrize(("text", "lang", "shown"), [
    # a text of digits only takes the answer's language
    ("调解率约60%", "zh", "约60%"),
    ("调解率约60%", "en", "about 60%"),
    # a text with words of its own takes the bound in its language, in an answer of either
    ("培养技术经纪人超1万名", "en", "超1万名"),
    ("more than 40,000 cases", "zh", "more than 40,000 cases"),
    # a place in a list is no bound: 位列前十 is not "at most ten"
    ("广东省3家分中心位列前十", "zh", "前十"),
])
def test_the_bound_is_shown_in_the_language_of_what_it_stands_before(text: str, lang: str, shown: str) -> None:
    assert with_bound(parse_figures(text)[-1], lang) == shown


@pytest.mark.parametrize(("text", "bound"), [
    ("486 (totaled up to 3,467 applications)", None),  # a total, summed up: no upper bound
    ("It added up to 500 cases", None),
    ("fines of up to 5 million yuan", "at_most"),
    ("up to 3,000 cases", "at_most"),
])
def test_summed_up_to_is_no_upper_bound(text: str, bound: str | None) -> None:
    assert parse_figures(text)[-1].qualifier == bound
