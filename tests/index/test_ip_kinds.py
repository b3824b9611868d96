"""The kind of IP a figure or a question is about (index.ip_kinds), with the corpus's sentences."""

from __future__ import annotations

import pytest

from index.ip_kinds import (
    asked_kinds,
    asks_in_general,
    asks_whole,
    figure_kinds,
    in_general,
    kind_conflict,
    kinds_in,
    part_for_whole,
    without_kinds,
)

GZ_CASES = "2023年全市两级市场监管部门共办结专利侵权纠纷案件2282宗,案件数量同比增加11.81%;"
GZ_FINES = "辦理商標行政處罰案件1568宗,案件數量同比增加12.24%,罰沒金額2756.68萬元。"


def test_a_figure_takes_the_kind_of_its_list_where_its_metric_names_none() -> None:
    assert figure_kinds("罚没金额", GZ_FINES) == {"trademark"}
    assert figure_kinds("共办结专利侵权纠纷案件", GZ_CASES) == {"patent"}


def test_its_own_metric_wins_over_its_list() -> None:
    sentence = "全省共抽查110家专利代理机构、819家商标代理机构。"
    assert figure_kinds("商标代理机构", sentence) == {"trademark"}
    assert kinds_in(sentence) == {"patent", "trademark"}


@pytest.mark.parametrize(("question", "kinds"), [
    ("How much in fines did Guangzhou's market regulators collect from patent infringement cases in 2023?",
     {"patent"}),
    ("2024年广东著作权登记量是多少?", {"copyright"}),
    ("How many geographical-indication trademarks were registered?", {"geographical_indication", "trademark"}),
    ("广东专利商标质押融资金额是多少?", {"patent", "trademark"}),
    ("How many IP cases did Guangdong courts accept in 2024?", set()),
    ("How many patent cases, not counting trademark ones, were closed?", {"patent"}),
])
def test_kinds_a_question_asks_about(question: str, kinds: set[str]) -> None:
    assert asked_kinds(question) == kinds


def test_conflict_only_when_both_name_kinds_and_share_none() -> None:
    assert kind_conflict(frozenset({"patent"}), frozenset({"trademark"}))
    assert not kind_conflict(frozenset({"patent"}), frozenset({"patent", "trademark"}))
    assert not kind_conflict(frozenset(), frozenset({"trademark"}))
    assert not kind_conflict(frozenset({"patent"}), frozenset())


@pytest.mark.parametrize(("metric", "general"), [
    ("全省法院新收各类知识产权案件", True),
    ("全省共立知识产权刑事案件", True),
    ("In 2024, all courts across the province received new IPR cases of various types", True),
    ("全省法院新收知识产权民事一审案件中专利案件", False),  # it names its kind
    ("发明专利授权量", False),
    ("技术合同成交额", False),  # names no IP at all
])
def test_a_metric_of_ip_in_general(metric: str, general: bool) -> None:
    assert in_general(metric) is general


@pytest.mark.parametrize(("question", "general"), [
    ("How many IP collaborative operation centres for patent commercialisation were built?", True),
    ("2024年广东法院新收多少知识产权案件?", True),
    # a total named, then its part asked: only the part's words say what is asked
    ("2024年广东法院新收的知识产权案件里,patent cases有多少件?", False),
    ("在这些知识产权案件中,专利案件有多少?", False),
    ("Of the IP cases Guangdong courts took in during 2024, how many were patent cases?", False),
    ("Among the IPR cases, how many concerned trademarks?", False),
    ("知识产权保护中心有几家?", True),  # 中心 is no part marker
    ("2024年专利授权量是多少?", False),
    ("How many IP centres for patent commercialisation operated out of Guangzhou?", True),
    ("Which IP protection centres are among the first in China?", True),
    ("华南、华中、华东地区的知识产权保护中心有几家?", True),
])
def test_a_question_about_ip_in_general(question: str, general: bool) -> None:
    assert asks_in_general(question) is general


def test_a_total_over_kinds_is_no_answer_about_one_kind() -> None:
    assert kind_conflict(frozenset({"patent"}), frozenset(), general=True)
    assert not kind_conflict(frozenset({"patent"}), frozenset({"patent"}), general=True)
    assert not kind_conflict(frozenset(), frozenset(), general=True)


@pytest.mark.parametrize(("question", "metric", "conflict"), [
    # the other rights China counts beside patents, trademarks and copyright are other subjects
    ("2023年广东一共获得了多少件专利授权?", "获得农业植物新品种授权", True),
    ("How many new plant varieties were granted in Guangdong in 2023?", "获得农业植物新品种授权", False),
    ("2024年查办商标侵权案件多少件?", "全国商业秘密保护创新试点地区", True),
    ("地理标志商标有多少件?", "地理标志商标", False),
    ("How many layout designs of integrated circuits were registered?", "专利授权量", True),
])
def test_other_kinds_of_rights(question: str, metric: str, conflict: bool) -> None:
    assert kind_conflict(asked_kinds(question), figure_kinds(metric, "")) is conflict


@pytest.mark.parametrize(("text", "left"), [
    ("patent and trademark pledge financing", "       and           pledge financing"),
    ("商标质押融资", "  质押融资"),
    ("trade secrets", "             "),
    ("technology trade", "technology trade"),
])
def test_the_names_of_kinds_of_right_are_blanked_out(text: str, left: str) -> None:
    assert without_kinds(text) == left
    assert len(without_kinds(text)) == len(text)


@pytest.mark.parametrize(("question", "metric", "part"), [
    # a figure whose own metric phrase counts one kind is a part of the IP cases asked about
    ("How many IP disputes did the Guangzhou IP Court conclude in 2023?", "patent dispute cases", True),
    ("2023年广州知识产权法院审结知识产权案件多少件?", "包括各类专利权纠纷案件", True),
    ("How many IP disputes did the Guangzhou IP Court conclude in 2023?", "concluded ... cases", False),
    # a question naming the kind asks for it
    ("How many patent disputes did the Guangzhou IP Court conclude in 2023?", "patent dispute cases", False),
    # a question about no IP in general: the part may be what it means
    ("How many disputes were mediated in 2023?", "patent dispute cases", False),
    # a body's name is who acted, not what is counted
    ("2023年广州市知识产权局办结侵权纠纷案件多少宗?", "专利侵权纠纷案件", False),
    ("2024年知识产权保护中心受理了多少件预审申请?", "受理专利预审申请", False),
    ("How many cases did the IP office handle?", "patent cases", False),
    # a kind the question names in a body it counts is still asked: "patent agencies" are 专利代理机构
    ("Of the IP agencies spot-checked in 2024, how many patent agencies were inspected?", "专利代理机构", False),
    # a metric naming several kinds names the whole
    ("2024年全省知识产权质押融资额是多少?", "专利商标质押融资", False),
])
def test_a_kinds_figure_is_a_part_of_ip_in_general(question: str, metric: str, part: bool) -> None:
    assert part_for_whole(asks_whole(question), metric) is part
