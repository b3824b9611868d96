"""What a question asks for: the time frame (stock or flow) of a count (pure function)."""

from __future__ import annotations

import pytest

from index.figures import parse_figures, unit_named_in
from index.glossary import Glossary
from index.time_frames import time_frame
from qa.asides import without_negated_asides
from qa.frame import analyse, asks_level, official_wording, part_roles, stated_level
from qa.years import plan_years


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("How many PCT international patent applications did Guangdong file in 2024?", "flow"),
        ("By the end of 2024, the number of applications for PCT international patents was 304,700", "stock"),
        ("How many valid invention patents did Guangdong have at the end of 2024?", "stock"),
        ("How many geographical indication products did Guangdong have as of December 2024?", "stock"),
        ("How many cooperation programs had been held by 2023?", "stock"),
        ("How many overseas IP dispute cases has Shenzhen monitored cumulatively?", "stock"),
        ("2024年广东专利授权量是多少?", "flow"),
        ("截至2024年底,全省发明专利有效量79.23万件", "stock"),  # a stock cue wins over the year
        ("截至2024年12月广东一共有多少个地理标志产品?", "stock"),
        ("累计PCT国际专利申请量28.13萬件", "stock"),
        ("全省2023年新增農業植物新品種權申請量422件(累計2552件", "stock"),  # the traditional papers' 累計
        ("截至2023年底,廣東擁有", "stock"),
        ("全年受理专利预审申请", "flow"),
        ("How many IP cases did courts conclude?", None),
        ("“十三五”期间广东获得多少项中国专利奖?", None),
        ("2021—2035年", None),  # a period is no single year
    ],
)
def test_time_frame(text, frame):
    assert time_frame(text) == frame


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [
        ("the number of patents granted", "件"),
        ("applications for PCT international patents", "件"),
        ("the number of valid trademark registrations", "件"),
        ("the number of licensed patent attorneys", "人"),  # the singular modifier does not count
        ("the number of enterprises", "家"),
        ("the amount of pledge financing", ""),
        ("in the past three years", ""),  # time is not what a figure counts
        ("", ""),
    ],
)
def test_unit_named_in(phrase, unit):
    assert unit_named_in(phrase) == unit


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("During the 13th Five-Year Plan period, how many IP criminal cases did courts conclude?", [2020]),
        ("“十三五”期间广东一共获得多少项中国专利奖?", [2020]),
        ("What is the 14th Five Year Plan's target for patent-intensive industries?", [2025]),
        ("How many cases in 2023?", []),  # no plan named
        # a plan named by its span
        ("2016到2020年，广东专利商标质押融资多少?", [2020]),
        ("2016年至2020年广东培育了多少家调解组织?", [2020]),
        ("Between 2016 and 2020, how many mediation organizations?", [2020]),
        ("What does the plan expect over 2021-2025?", [2025]),
        ("From 2016 to 2020, how much pledge financing?", [2020]),
        ("What were the 2016 and 2020 figures?", []),  # two years, not a span
        ("From 2016 to 2019, how much?", []),  # not a plan's span
    ],
)
def test_plan_years(text, years):
    assert plan_years(text) == years


@pytest.mark.parametrize(("text", "years"), [
    ("2016到2020年，广东企业拿专利商标做抵押一共借到多少钱？", [2020]),
    ("Between 2016 and 2020, how many mediation organizations did Guangdong cultivate?", [2020]),
    ("2016-2019年广东专利质押融资多少?", [2016]),  # not a plan's span: as before, its first year
])
def test_a_plans_span_is_the_plans_year(text, years):
    assert analyse(text).years == years


def test_a_named_year_wins_over_the_plans_year():
    assert analyse("“十四五”规划中2020年的基期值是多少?").years == [2020]


@pytest.mark.parametrize(
    ("question", "official"),
    [
        ("广州法院收了多少案子？", "广州法院受理了多少案件？"),
        ("检察机关提起公诉的有多少人？", "检察机关起诉的有多少人？"),
        ("检察院公诉了多少人？", "检察院起诉了多少人？"),
        ("深圳海关扣了多少批次？", "深圳海关查扣了多少批次？"),
        ("海关查扣了多少批次？", "海关查扣了多少批次？"),  # already official: not doubled
        ("执法部门查了多少案子？", "执法部门查处了多少案件？"),
        ("检查了多少家企业？", "检查了多少家 企业？"),  # 检查 is not 查处 (the measure word is cut off)
        ("新收了多少件？", "新收了多少件？"),
        ("How many IP cases did Guangdong courts wrap up in 2023?", "How many IP cases did Guangdong courts concluded in 2023?"),
        ("Guangdong courts closed 88,462 IP cases in 2024", "Guangdong courts concluded 88,462 IP cases in 2024"),
        ("How many patents were closed?", "How many patents were closed?"),  # "closed" concludes cases only
        ("How big was the backlog of IP cases?", "How big was the pending of IP cases?"),
        ("how many counterfeiting dens did police shut down?", "how many criminal dens did police destroyed?"),
        ("How many suspects did police refer to prosecutors?", "How many suspects did police transferred for prosecution?"),
        ("How many people were indicted?", "How many people were prosecuted?"),
        ("How many websites did inspectors patrol?", "How many websites did inspectors monitored?"),
        ("How many officers were sent out?", "How many officers were deployed?"),
        ("How many IP crime cases did police open in 2023?", "How many IP crime cases did police filed in 2023?"),
        ("How many cases were opened by police?", "How many cases were filed by police?"),
        ("How many open-licensing deals were made?", "How many open-licensing deals were made?"),  # no cases
        ("How many open cases were left?", "How many open cases were left?"),  # open cases are pending
        ("How many cases are still open?", "How many cases are still open?"),
        ("How many open-licence cases?", "How many open-licence cases?"),
        ("How many cases did courts accept?", "How many cases did courts accept?"),  # already the documents' word
        # an approved patent is a granted one; an approved base is no patent
        ("How many patents did Guangdong get approved in 2023?", "How many patents did Guangdong get granted in 2023?"),
        ("How many approved invention patents?", "How many granted invention patents?"),
        ("How many patent navigation bases were approved?", "How many patent navigation bases were approved?"),
        ("2024年广东获准的专利一共有多少?", "2024年广东授权的专利一共有多少?"),
        ("2023年发明专利获批多少件?", "2023年发明专利授权多少件?"),
        ("获批建设国家级专利导航服务基地多少个?", "获批建设国家级专利导航服务基地多少个?"),
        ("获批专利导航服务基地多少个?", "获批专利导航服务基地多少个?"),  # a base approved
        ("专利权获准质押多少件?", "专利权获准质押多少件?"),  # a use approved
        ("How many invention patents were authorized in 2024?", "How many invention patents were granted in 2024?"),
        ("How many patents were approved for pledge financing?", "How many patents were approved for pledge financing?"),
    ],
)
def test_official_wording(question, official):
    assert official_wording(question) == official


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("封停了多少个涉假微信号?", "封停了多少个 涉假微信号?"),
        ("查扣了多少批次涉嫌侵权货物?", "查扣了多少批次 涉嫌侵权货物?"),
        ("有几家企业参与?", "有几家 企业参与?"),
        ("查扣了多少批次？", "查扣了多少批次？"),  # nothing follows: nothing to cut off
        ("有多少项目参赛？", "有多少项目参赛？"),  # 项目 is one word
        ("有多少人员参加？", "有多少人员参加？"),
    ],
)
def test_a_measure_word_after_how_many_is_cut_off_from_the_next_word(question, expected):
    assert official_wording(question, "zh") == expected


def test_a_question_says_whether_it_asks_a_plans_target_or_its_result() -> None:
    assert analyse("十三五时期马德里商标累计有效注册量的完成值是多少(target是6000件)?").plan == "actual"
    assert analyse("What is the plan's 2025 target for PCT applications?").plan == "target"
    assert analyse("到2024年底有效发明专利有多少件?").plan is None  # a date, no target
    assert analyse("2025年目标是多少", "claim").plan is None  # a claim's plan is read by qa.claim_rules


def test_a_whole_claim_keeps_its_first_sentence() -> None:
    text = "广东法院持续加强知识产权司法保护。2024年新收案件83308件。"
    assert analyse(text, "claim").text == "2024年新收案件83308件。"
    assert analyse(text, "claim", whole=True).text == text


@pytest.mark.parametrize(("claim", "actions"), [
    # 2249's clause names no action of its own (立…案件 is no form): 破案 and 移送审查起诉 are the other figures'
    ("2024年广东全省公安机关立知识产权刑事案件2249件，破案1926件，移送审查起诉2653人。",
     [frozenset(), frozenset({"solve_case"}), frozenset({"transfer_for_prosecution"})]),
    # a rise whose own words name only the rise is of the figure before it, and of its action
    ("2024年广东公安立案2249件，同比增长5.8%，破案1926件。",
     [frozenset({"file_case"}), frozenset({"file_case"}), frozenset({"solve_case"})]),
    # an action the claim names for no figure of its own stays asked of a figure whose clause names none
    ("广东法院审结的知识产权案件有88462件。", [frozenset({"conclude"})]),
    # a rate is of the figure it describes, whatever the next clause's words ("wrapped up … through mediation")
    (("Guangdong courts took in more than 83,000 new IP cases in 2024, down 8.54% on the year, and wrapped up over "
     "50,000 through mediation or withdrawal."),
     [frozenset({"accept"}), frozenset({"accept"}), frozenset({"conclude"})]),
    ("2024年检察机关批准逮捕1265件1854人,同比分别上升64.29%、68.24%;起诉1779件,同比上升61.73%。",
     [frozenset({"approve_arrest"})] * 4 + [frozenset({"prosecute"})] * 2),
])
def test_a_claim_figure_is_asked_no_action_another_of_its_figures_owns(claim: str,
                                                                      actions: list[frozenset[str]]) -> None:
    frame = analyse(claim, "claim")
    assert [part_roles(frame, f)["actions"] for f in frame.figures if f.kind in ("quantity", "percent")] == actions


@pytest.mark.parametrize(("question", "plain"), [
    ("How many trademark registrations were made in 2024 (the year's new ones, not the stock of valid marks)?",
     "How many trademark registrations were made in 2024  the year's new ones ?"),
    ("How many batches did customs seize in 2024 (not just in the joint actions)?",
     "How many batches did customs seize in 2024  ?"),
    ("2024年全年（不算跟港澳联合行动那部分），海关扣了多少批侵权货？", "2024年全年 ，海关扣了多少批侵权货？"),
    # the aside's positive half stays; 解除 is no 除
    ("How many patents (cumulative, not just the new ones)?", "How many patents  cumulative ?"),
    ("（含解除合同纠纷）的案件有多少？", "（含解除合同纠纷）的案件有多少？"),
    # an aside that negates nothing stays
    ("How many cases did the Guangzhou IP Court (a specialised court) conclude?",
     "How many cases did the Guangzhou IP Court (a specialised court) conclude?"),
])
def test_an_aside_that_negates_says_what_is_not_asked(question: str, plain: str) -> None:
    assert without_negated_asides(question) == plain


def test_a_negated_aside_neither_sets_the_time_frame_nor_qualifies() -> None:
    frame = analyse("How many trademark registrations were made in 2024 (the year's new ones, not the stock of "
                    "valid marks)?")
    assert frame.period == "flow" and "valid" not in frame.qualifiers


@pytest.mark.parametrize(("question", "period"), [
    # 共有, 一共有, 总共有 with a year and an act done in it: the year's total, not a stock
    ("2024年广东海关扣下的侵权货物一共有多少批?", "flow"),
    ("2024年全省法院总共有多少件知识产权案件审结?", "flow"),
    # at a date, or with no act: what there is
    ("截至2024年底广东海关累计查扣了多少批侵权货物?", "stock"),
    ("到2024年广东一共有几家国家级的知识产权保护中心?", "stock"),
    ("全省共有多少个知识产权调解组织?", "stock"),
    # 累计 in a named year stays a stock, as the documents write it ("2024年累计检查…200余个")
    ("2024年累计检查了多少个林木种苗经营场所?", "stock"),
])
def test_a_total_of_what_was_done_in_a_year_is_a_flow(question: str, period: str) -> None:
    assert analyse(question).period == period


def test_what_a_negated_aside_sets_aside_stays_set_aside() -> None:
    # the aside's words choose nothing, but the total with a software part is still no answer about the rest
    frame = analyse("In 2024, how many copyright registrations of general works (other than computer software) "
                    "were made in Guangdong?")
    assert "software" in frame.set_aside and "software" not in frame.match_text.lower()


@pytest.mark.parametrize(("claim", "figure", "level"), [
    ("2024年全省法院审结88462件,结收比为2.36%。", "2.36%", True),
    ("They concluded 88,462 cases, with a clearance-to-receipt ratio of 2.36%.", "2.36%", True),
    ("2024年全省法院调撤率为57.4%。", "57.4%", True),
    ("结收比106.19%,同比提高2.36%。", "2.36%", False),  # a rise
    ("破案率上升10.12%。", "10.12%", False),  # the change of a ratio
    ("起诉1779件3192人,同比分别上升61.73%和62.94%。", "62.94%", False),  # no words of its own
    ("The backlog shrank by roughly 31% in 2024.", "31%", False),  # no ratio named
    ("审结88462件。", "88462件", False),  # not a percent
])
def test_a_claimed_percent_is_a_level_only_where_its_words_name_a_ratio_and_no_change(
        claim: str, figure: str, level: bool) -> None:
    figures = parse_figures(claim)
    claimed = next(f for f in figures if f.text == figure)
    assert stated_level(claim, figures, claimed) is level


@pytest.mark.parametrize(("question", "checked"), [
    ("How many training sessions have the two national tech-transfer talent bases run?", []),
    ("这两家基地一共开展了多少场培训?", []),
    ("广东法院2024年审结88462件，前一年审结了多少件?", []),
    ("广东法院2024年新收知识产权案件是83308件吗?", [83308.0]),  # asks no "how many": a value to check
    ("Did Guangdong courts accept 83,308 IP cases in 2024?", [83308.0]),
])
def test_a_question_asking_how_many_checks_no_value_it_states(question: str, checked: list[float]) -> None:
    assert [f.value for f in analyse(question).figures] == checked


@pytest.mark.parametrize(("claim", "places"), [
    ("In 2024 new centres were approved in Panyu and Kaiping. The province now has 15 such centres.", set()),
    ("2024年番禺、开平获批新建快维中心。全省已有15家。", set()),
    ("In 2024 new centres were approved in Panyu and Kaiping. They handled 300 cases.",
     {"guangzhou_panyu", "jiangmen_kaiping"}),  # no word for the province: the context's places
])
def test_a_claim_about_the_whole_province_takes_no_city_from_its_context(claim: str, places: set[str]) -> None:
    assert analyse(claim, "claim").places == places


@pytest.mark.parametrize("claim", [
    "2024年广东PCT国际专利申请量2.34万件,Madrid国际商标注册申请量2226件。",  # "Madrid" → 马德里: shorter
    "2024年达成open licensing 439次,新增开放许可专利880件。",  # a run known in part keeps its English
])
def test_figures_index_the_claim_as_read(claim: str) -> None:
    frame = analyse(claim, "claim", Glossary.load())
    assert frame.text == claim and frame.read_text != claim
    assert [frame.read_text[f.start:f.end] for f in frame.figures] == [f.text for f in frame.figures]


@pytest.mark.parametrize(("question", "named"), [
    ("how many companies got help from those six local sub-centres?", [6.0]),
    ("2024年那两个基地一共培训了多少人次?", [2.0]),
    ("是83308件吗?", []),  # asking no "how many": it states the figure it checks
])
def test_a_question_asking_how_many_names_its_other_figures(question: str, named: list[float]) -> None:
    assert [f.value for f in analyse(question).named] == named


@pytest.mark.parametrize(("question", "level"), [
    # a ratio or share asked, no rise or fall named: "调撤率同比上升4.89%" is no answer (rank's unstated_change)
    ("2024年调撤率是多少", True),
    ("What was the mediation withdrawal rate of courts in 2024?", True),
    ("2024年结收比是多少", True),
    ("What share of patents were inventions?", True),
    # a change asked, in any of the ways people ask it
    ("2024年专利授权量增长率是多少", False),
    ("What was the growth rate of patent grants in 2024?", False),
    ("专利授权量增幅是多少", False),
    ("by what percentage did cases fall in 2024?", False),
    ("案件数量下降了百分之几", False),
    ("2024年结收比同比提高了多少", False),
    ("2024年全省法院新收知识产权案件多少件?", False),  # no ratio at all
])
def test_a_question_asking_a_ratio_and_no_change_asks_a_level(question: str, level: bool) -> None:
    assert asks_level(question) is level
