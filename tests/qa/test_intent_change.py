"""A question asking how much a figure went up or down asks for its rate (qa.intent.asks_change)."""

from __future__ import annotations

import pytest

from index.figures.units import unit_group
from index.lexicon import rows
from index.rate_ties import changes_a_ratio
from qa.intent import (
    asks_amount,
    asks_change,
    asks_count,
    asks_gap,
    level_words,
    states_gap,
    unit_for_question,
)

MONEY = {"元", "美元"}
CASES = {"件", "宗", "案", "起"}
PEOPLE = set(unit_group("人"))


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("2024年广东专利商标质押融资额同比增长了多少?", {"%"}),  # not the 3453.97亿元 beside the rate
        ("2023年廣東專利授權量同比下降了多少?", {"%"}),
        ("By how much did Guangzhou's patent infringement dispute caseload grow in 2023?", {"%"}),
        ("By how much did the solution rate of IP crimes improve in 2024?", {"%"}),  # improving is rising
        ("How much did pledge financing rise in 2024?", {"%"}),
        ("2024年新收案件同比减少了多少件?", CASES),  # a measure word: the change in cases
        ("2024年广东专利商标质押融资额是多少?", MONEY),
        ("How much money did pledge financing raise in 2024?", MONEY),
        ("How much did Guangdong collect in fines in 2023, up from 2022?", MONEY),
        ("2024年新增了多少?", None),  # 新增: how many are new, not a rate
        # year on year with a rise typed as no word of the list: still a rate; with a measure word, a count
        ("2024年广东公安立的知识产权刑事案件同比增涨了多少?", {"%"}),
        ("2024年立案数同比多了多少件?", CASES),
        # a noun right after 多少 is what the change counts: the losses avoided are money, not a rate
        ("这套机制为企业减少了多少损失?", MONEY),
        ("深圳为企业挽回了多少亏损?", MONEY),
        ("深圳為企業減少了多少損失呢?", MONEY),
        ("2024年融资额同比增长了多少呢?", {"%"}),  # a particle is no noun
        ("2024年融资额同比增长了多少倍?", {"倍"}),
        # any other word after 多少 leaves the rate asked: a particle, a filler, 钱 ("how much money" of a rise)
        ("2024年质押融资额同比增长了多少了?", {"%"}),
        ("2024年质押融资额同比增长了多少来着", {"%"}),
        ("2024年质押融资额同比增长多少左右?", {"%"}),
        ("2024年质押融资额同比增长了多少钱?", {"%"}),
        # losses elsewhere in the question are no money asked
        ("深圳为减少企业损失监测了多少海外知识产权纠纷案件?", None),
    ],
)
def test_a_change_asks_for_a_rate(question: str, units: set[str] | None) -> None:
    assert unit_for_question(question) == units


def test_asks_change_needs_a_rise_or_fall_and_how_much() -> None:
    assert asks_change("同比增长了多少?") and asks_change("grew by how much in 2024?")
    assert not asks_change("How much did customs seize in 2024?") and not asks_change("发展情况如何?")
    # how the growth went asks it too (test_how_fast_it_rose_or_fell_asks_the_rate)
    assert asks_change("增长情况如何?")


@pytest.mark.parametrize(("question", "change"), [
    # Cantonese 幾多 is 多少: "how much did it grow", in either script
    ("2023年質押融資金額同比增長幾多?", True),
    ("2024年法院新收案件同比少咗幾多?", True),
    ("2024年广东公安立案同比增长几多", True),
    ("2024年專利授權量有幾多件?", False),  # an amount, no change
    ("2023年质押融资同比增长后损失几多", False),  # losses are money
])
def test_cantonese_how_much_asks_a_change(question: str, change: bool) -> None:
    assert asks_change(question) is change


@pytest.mark.parametrize(("question", "percent"), [
    ("软件著作权登记量占全国多少?", True),
    ("佔全國比重幾成?", True),
    ("广东专利授权量在全国的份额有多大?", True),
    ("What fraction of China's PCT filings came from Guangdong?", True),
    ("How much of the national total did Guangdong account for?", True),
    # 占 inside another word asks no share
    ("侵占商业秘密的案件有多少件?", False),
    ("抢占市场的企业有多少家?", False),
    ("占用耕地多少亩?", False),
    ("版权产业增加值占地区生产总值的多少?", True),
    # no measure word to decide it: the share words alone
    ("广东PCT申请量占据全国多少?", True),
    ("广东专利授权量占有全国多少?", True),
    ("侵占商业秘密的有多少?", False),
    ("占用的有多少?", False),
])
def test_a_share_question_asks_for_a_percent(question: str, percent: bool) -> None:
    assert (unit_for_question(question) == {"%"}) is percent


@pytest.mark.parametrize(("question", "change"), [
    ("what was the year-on-year increase in IP criminal cases filed by guangdong police in 2024?", True),
    ("What is the annual growth of patent grants in Guangdong?", True),
    ("What's the percentage drop in pending cases at the end of 2024?", True),
    ("What was the decline in new IP cases received by the courts in 2024?", True),
    # the noun must be what is asked: "the increase in the number of …" may be a count
    ("What was the increase in the number of agencies?", False),
    ("What was the total of patents granted, which rose in 2024?", False),
    ("What was the number of cases filed?", False),
])
def test_a_change_asked_for_as_a_noun(question: str, change: bool) -> None:
    assert asks_change(question) is change


@pytest.mark.parametrize(("question", "change"), [
    # a rise or fall asked in percent is a change (a reviewer's inputs: 调撤率's rise given for the count's)
    ("2024年调撤结案数同比上升了百分之几?", True),
    ("2024年专利授权量增长了百分之多少?", True),
    ("By what percentage did the number of cases solved by police rise in 2024?", True),
    ("By what percent did pledge financing grow?", True),
    # a share asked in percent is none
    ("What percentage of cities have fast protection mechanisms?", False),
    ("2024年发明专利占比百分之几?", False),
    ("By what percentage is the target set?", False),
])
def test_a_change_asked_in_percent(question: str, change: bool) -> None:
    assert asks_change(question) is change


@pytest.mark.parametrize(("question", "change"), [
    # how fast or how sharply it rose or fell asks the rate, not the level beside it (a reviewer's inputs:
    # the amount 2306.71億元 had been given for "how fast did pledge financing grow")
    ("How fast did pledge financing grow in 2023?", True),
    ("How sharply did new IPR cases at Guangdong courts decline in 2024?", True),
    ("How quickly did patent grants rise?", True),
    ("2024年破案同比情况", True),
    ("2024年专利商标质押融资增长情况", True),
    ("2023年质押融资增长得快吗", True),
    ("2023年质押融资同比情况如何?", True),
    ("质押融资增长势头怎么样?", True),
    # speed of doing something else, or how a thing stands, is no change asked
    ("How quickly did courts conclude cases in 2024?", False),
    ("How strongly did Guangdong perform in 2024?", False),
    ("2024年法院收案情况", False),
    ("2024年广东专利授权情况如何?", False),
    ("How fast can a patent be granted, and how many grew up?", False),
    # a second reviewer's inputs: a particle is no rise, "…的情况下" is "while", and an amount asked besides is asked
    ("How fast did Guangdong back up SMEs with pledge financing in 2024?", False),
    ("How strongly did the number of SMEs benefiting from pledge financing grow in 2024?", False),
    ("在案件增长的情况下,2023年调撤率是多少?", False),
    ("2024年质押融资增长情况下惠及中小企业多少?", False),
    ("2024年质押融资增长情况如何,融资额是多少?", False),
    ("How much pledge financing was there in 2024 and how fast did it grow?", False),
])
def test_how_fast_it_rose_or_fell_asks_the_rate(question: str, change: bool) -> None:
    assert asks_change(question) is change


@pytest.mark.parametrize(("question", "gap"), [
    ("十三五末广东每万人口发明专利拥有量比全国平均水平高出多少件?", True),
    ("比全国高多少?", True),
    ("How many more invention patents per 10,000 people did Guangdong have than the national average?", True),
    # a change between years is a comparison, not a gap to a standard
    ("2024年比2023年多了多少件?", False),
    ("比去年增长了多少?", False),
    ("How many more cases than in 2023?", False),
    ("How many more patents were granted in 2024 than last year?", False),
    ("2024年专利授权量比前一年多了多少?", False),
    ("比二〇二三年多了多少?", False),
    ("2024年知识产权案件占比高多少?", False),
    ("2024年广东专利授权量是多少?", False),
])
def test_a_gap_to_a_standard_is_asked(question: str, gap: bool) -> None:
    assert asks_gap(question) is gap


@pytest.mark.parametrize(("words", "gap"), [
    ("比全国平均水平高 12.0件", True),
    ("12 more than the national average", True),
    ("每万人口发明专利拥有量 27.8件", False),
    ("全省法院新收案件 同比减少 8.54%", False),
    ("more than 23,000 enterprises", False),
    ("发明专利占比高达 87%", False),
])
def test_a_figure_stated_as_a_gap(words: str, gap: bool) -> None:
    assert states_gap(words) is gap


@pytest.mark.parametrize(("question", "amount"), [
    ("2024年底广东的有效注册商标总量有多少?", True),
    ("广东有几家分中心?", True),
    ("what was guangdong's count of high-value invention patents at the end of 2023?", True),
    ("How many valid trademark registrations did Guangdong have?", True),
    ("What was the total number of patents granted?", True),
    # how it stands, did or placed: a position may answer
    ("深港穗科技集群在全球创新指数中表现如何?", False),
    ("深圳分中心2022年考核结果怎样?", False),
    ("Which place did the cluster take in the Global Innovation Index?", False),
    ("这几年表现怎样?", False),  # 这几 points back, it asks no number
])
def test_a_question_asking_how_many_or_how_much(question: str, amount: bool) -> None:
    assert asks_amount(question) is amount


@pytest.mark.parametrize(("question", "units"), [
    # 多少 right before the noun it counts, with no measure word: the noun's
    ("广东2024年专利商标质押融资惠及多少企业?", {"家", "个", "所"}),
    ("質押融資惠及多少企業?", {"家", "个", "所"}),
    ("2024年广东法院新收多少案件?", CASES),
    ("2024年广东法院新收多少知识产权案件?", CASES),
    ("2024年广东新增多少成果?", {"项"}),
    # only where the clause is that noun: one going on counts what comes first
    ("2024年多少企业获得了质押贷款?", None),
    ("2023年全省有多少仲裁机构受理知识产权仲裁案件?", None),
    ("全省有多少调解组织参与调解知识产权纠纷?", None),
    ("2024年有多少犯罪嫌疑人涉及批捕案件?", None),
    ("ODR平台办结了多少金额的案件?", MONEY),
    # nor people, counted 人次 as often as 人
    ("2024年全省出动了多少执法人员?", None),
])
def test_a_noun_right_after_how_many_says_the_unit(question: str, units: set[str] | None) -> None:
    assert unit_for_question(question) == units


@pytest.mark.parametrize(("question", "units"), [
    # 个 counts what its noun is: the noun's measure word (question_nouns_zh.tsv, after_个)
    ("2023年抓了多少个犯罪嫌疑人?", PEOPLE),
    ("广东拿了多少个奖项?", {"项"}),
    ("广东出台了几个政策?", {"项"}),
    # any other noun leaves 个 itself
    ("广东建了多少个工作站?", {"个", "家", "所"}),
])
def test_what_a_general_classifier_counts_says_the_unit(question: str, units: set[str]) -> None:
    assert unit_for_question(question) == units


def test_every_question_noun_row_names_a_known_rule_and_a_unit_of_the_lexicon() -> None:
    for rule, unit, noun in rows("question_nouns_zh.tsv", 3):
        assert rule in ("after_个", "bare"), rule
        assert unit_group(unit), unit
        assert noun and "|" not in noun, noun


@pytest.mark.parametrize(("before", "ratio"), [
    ("审结88462件,结收比106.19%,同比提高", True),  # a percent level right before: the ratio's rise
    ("with a clearance-to-receipt ratio of 106.19%, up ", True),
    ("调撤结案50932件,调撤率同比上升", True),  # a ratio's noun since the last number
    ("1,926 cases were solved, with the solution rate rising by ", True),
    ("新收各类知识产权案件83308件,同比减少", False),  # a count's fall
    ("存案11337件,大幅减少", False),
    ("专利商标质押融资登记金额3453.97亿元,同比增长", False),
    ("占比达到60%,此后多年来专利授权数量一直保持较快增长,同比增长", False),  # the percent is too far before it
    ("同比增长", False),
    # the second rate of a list is a change of its own (a reviewer's inputs: 68.24% of the suspects had been gated)
    ("批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、", False),
    ("representing year-on-year increases of 64.29% and ", False),
    ("较2015年末分别增长152.4%和", False),
])
def test_a_rate_of_a_ratio_is_read_from_the_words_before_it(before: str, ratio: bool) -> None:
    assert changes_a_ratio(before) is ratio


@pytest.mark.parametrize(("question", "count"), [
    ("2024年广东知识产权质押融资的项目数是多少?", True),
    ("2024年全省法院审结的知识产权案件数量是多少?", True),
    ("2024年質押融資惠及企業數是多少?", True),
    ("How many companies benefited from pledge financing in 2024?", True),
    ("What was the number of PCT applications in 2024?", True),
    # how much money, or a count of money's units: a sum may answer
    ("2024年广东专利商标质押融资额是多少?", False),
    ("How much pledge financing did Guangdong raise in 2024?", False),
    ("How many million yuan of pledge financing did Guangdong raise?", False),
    ("How many yuan were awarded in damages?", False),
])
def test_a_question_asking_how_many_things(question: str, count: bool) -> None:
    assert asks_count(question) is count


@pytest.mark.parametrize(("question", "kept", "cut"), [
    ("By what percentage did new IP cases fall in 2024 compared with 2023?", ["new IP cases", "2024"],
     ["percentage", "fall", "compared"]),
    ("By how much did the number of patents granted change from 2023 to 2024?", ["number of patents granted"],
     ["how much", "change"]),
    ("How many more trademark registrations were there in 2024 than in 2023?", ["trademark registrations"],
     ["than in 2023"]),
    ("2024年广东法院新收知识产权案件比2023年下降了百分之几?", ["法院新收知识产权案件"], ["下降", "百分之几", "比2023年"]),
    ("專利授權量同比增長了多少?", ["專利授權量"], ["同比", "增長"]),
    ("调撤率和去年相比变化了几个百分点?", ["调撤率"], ["相比", "变化", "几个百分点"]),
    # what names the level stays: 新增 is no rise, 增加值 no change word's own, "new" no comparison
    ("新增发明专利授权量比上年增加了多少?", ["新增发明专利授权量"], ["比上年", "增加"]),
    ("2023年版权产业增加值比上年增长了百分之几?", ["版权产业增加值"], ["增长", "比上年"]),
    ("How did the value added of copyright industries change?", ["value added of copyright industries"], ["change"]),
])
def test_level_words_keep_what_is_counted_and_cut_what_asks_the_change(question: str, kept: list[str],
                                                                       cut: list[str]) -> None:
    level = level_words(question)
    assert all(k in level for k in kept), level
    assert not any(c in level for c in cut), level
