"""Everyday English for the white papers' wording (index/lexicon/everyday_en.tsv via
qa.frame.official_wording)."""

from __future__ import annotations

import pytest

from qa.frame import official_wording
from qa.intent import unit_for_question


@pytest.mark.parametrize(
    ("question", "official"),
    [
        ("How many IP cases did Guangdong's market regulators hand over to the judiciary in 2024?",
         "How many IP cases did Guangdong's market regulators transferred to judicial authorities in 2024?"),
        ("How many cases were handed over to the judiciary?", "How many cases were transferred to judicial authorities?"),
        ("How many cases did customs pass on to the police?", "How many cases did customs transferred to the police?"),
        ("What does the judiciary say about it?", "What does the judiciary say about it?"),
    ],
)
def test_everyday_english(question: str, official: str) -> None:
    assert official_wording(question, "en") == official


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("How many counterfeit goods did customs in Guangdong seize in 2024, counted in pieces?", {"件", "宗", "案", "起"}),
        ("How many counterfeit goods did customs seize in 2024, counted in batches?", {"批次", "批"}),
        # goods counted one by one are pieces (件), where the question names no measure of its own
        ("How many counterfeit goods did customs seize in 2024?", {"件", "宗", "案", "起"}),
        # cards, like certificates, are counted in 张
        ("How many ID cards for IP enforcement staff did Guangdong hand out in 2024?", {"张"}),
        # a currency named after "in" is the unit, over a change word ("reduce"): an amount, not a rate
        ("By how much did Shenzhen's overseas IP system reduce companies' losses, in US dollars?", {"美元"}),
        ("How much were the destroyed goods worth in yuan?", {"元"}),
        ("By how much did pledge financing grow in 2024?", {"%"}),
        # the rise of a number of people is a rate; a measure word after 多少 is the unit
        ("2024年全省批准逮捕的犯罪嫌疑人数同比上升了多少?", {"%"}),
        ("2024年批准逮捕的人数增加了多少人?", {"人", "名"}),
        ("2024年全省批准逮捕人数是多少?", {"人", "名"}),
        ("广东的全国排名上升了多少?", {"位"}),  # a rank's change is in places
        ("What share of the financing was in US dollars?", {"%"}),
        # an amount asked by its 额 (as typed: 标底额), or a size asked as 规模; not 份额, 名额
        ("2024年仲裁机构受理的知识产权仲裁案件标底额是多少?", {"元", "美元"}),
        ("2024年全省营业额一共多少?", {"元", "美元"}),
        ("2023年新发行的知识产权证券化产品规模有多大?", {"元", "美元"}),
        # …with a bound word or 了 between the size and 多少, or a comma after the product it sizes
        ("2024年广东新发行的 IP securitization 产品，规模逾多少?", {"元", "美元"}),
        ("2024年证券化产品发行规模突破了多少?", {"元", "美元"}),
        ("2024年质押融资规模接近多少?", {"元", "美元"}),
        ("规模以上企业有多少家?", {"家", "个", "所"}),  # 规模以上 sizes nothing
        ("2024年广东规模以上工业企业的发明专利有多少?", None),
        # 只 counts goods as much as funds ("3478万只"), and is "only" as often: it asks no unit
        ("2024年广东新发行了几只知识产权证券化产品?", None),
        ("知识产权服务业的市场份额是多少?", {"%"}),
        # money by its everyday words: 钱, an amount "over" how much, what is earned or raised
        ("广州2023年对商标违法行为作出行政处罚,罚款加没收的钱合计是多少?", {"元", "美元"}),
        ("廣州罰沒的錢有多少?", {"元", "美元"}),
        ("2024年广东新推出的知产ABS类产品,发行总额超过多少?", {"元", "美元"}),
        ("How much did the new R&D institutes earn from commercialising their research?", {"元", "美元"}),
        ("How much was raised by IP securitization in 2024?", {"元", "美元"}),
        ("How many cases did the courts raise?", {"件", "宗", "案", "起"}),  # a measure word wins
        ("How much did the number of cases rise?", {"%"}),  # rise is not raise
        ("How much time did courts spend on average per case?", None),  # time, not money
        ("Which city earned national copyright demonstration status, and how many?", None),
        ("钱塘区的企业数量是多少?", None),  # a place, not money
    ],
)
def test_the_unit_a_question_counts_in(question: str, units: set[str] | None) -> None:
    assert unit_for_question(question) == units
