"""A question typed after pasted context: which sentence asks, and what the context lends it
(qa.context, qa.frame.analyse). Questions made from the corpus's own sentences."""

from __future__ import annotations

import pytest

from index.figures import parse_figures
from qa.context import lendable, lent_years, quoted_name, split_claim, split_question
from qa.frame import analyse
from qa.intent import unit_for_question


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (("汕头、中山等地在全国率先委托当地知识产权保护中心承担专利侵权纠纷行政裁决工作。"
         "全省办理专利侵权纠纷案件多少件?"), "全省办理专利侵权纠纷案件多少件?"),
        # The question mark wins over an earlier sentence's interrogative word.
        (("The platform, which integrates negotiation, mediation and arbitration, has resolved over 1,000 "
         "cases since 2021. What is its mediation rate?"), "What is its mediation rate?"),
        # No mark: the last sentence with an interrogative word.
        ("2024年广东开展知识产权代理行业“蓝天”专项行动。全省抽查了多少家商标代理机构",
         "全省抽查了多少家商标代理机构"),
        # One sentence, or no sentence that asks: all of it is the question.
        ("How many IP cases did Guangdong courts conclude in 2024?",
         "How many IP cases did Guangdong courts conclude in 2024?"),
        ("全省法院新收各类知识产权案件83308件。审结88462件。", "全省法院新收各类知识产权案件83308件。审结88462件。"),
    ],
)
def test_split_question(text: str, question: str) -> None:
    assert split_question(text).question == question


@pytest.mark.parametrize(
    ("context", "kept"),
    [
        ("Since 2021, the platform has resolved over 1,000 cases.", False),
        ("ODR平台自2021年以来累计办结案件超千件。", False),
        ("In 2024 Guangdong's prosecutors stepped up the fight against IP crime.", True),
    ],
)
def test_a_span_start_is_no_year_to_lend(context: str, kept: bool) -> None:
    assert ("2021" in lendable(context) or "2024" in lendable(context)) is kept


def test_the_context_lends_year_place_and_its_one_agency() -> None:
    frame = analyse("In 2023 the police of Guangdong carried out special actions such as \"Kunlun 2023\". "
                    "How many criminal dens did they destroy?")
    assert frame.years == [2023]
    assert frame.places == {"guangdong"}
    assert frame.agencies == {"police"}


@pytest.mark.parametrize(("question", "lent", "years"), [
    ("前一年全省专利和商标质押融资金额是多少?", [2024], [2023]),
    ("How many were there the year before?", [2024], [2023]),
    ("那一年全省法院新收多少知识产权案件?", [2023], [2023]),
    ("全省法院新收多少知识产权案件?", [2024], [2024]),  # no relative year: the context's
    ("前年和去年分别是多少?", [2024], [2024]),  # two relative years: left as the context's
    ("最新的数字是多少?", [2023], [2023]),  # "latest" is the corpus's to resolve
    ("大前年全省专利和商标质押融资金额是多少?", [2024], [2021]),  # 大前年, not also 前年 inside it
    ("What was it the year before last?", [2024], [2022]),
    ("比上年增长了多少?", [2024], [2024]),  # the base of a change, not the year asked
    ("How much did it grow compared with the previous year?", [2024], [2024]),
])
def test_a_relative_year_moves_the_year_the_context_lends(question: str, lent: list[int], years: list[int]) -> None:
    assert lent_years(question, lent) == years


def test_a_question_after_context_asks_the_year_before_the_contexts() -> None:
    frame = analyse("今年的新闻说广东2024年专利商标质押融资3453.97亿元，同比增长49.74%。我想核对一下基数。"
                    "前一年全省专利和商标质押融资金额是多少?")
    assert frame.years == [2023]


def test_the_contexts_figures_units_and_actions_are_not_the_questions() -> None:
    frame = analyse("廣州市在大型專業市場實行駐場監管和日常巡查結合的執法模式,封停涉假微信號475個。"
                    "请问2023年以来广州立案查处了多少宗涉专业市场侵权假冒案件?")
    assert frame.figures == []  # 475個 is the context's, not a figure the question states
    assert "宗" in (frame.units or [])
    assert "shut_down" not in frame.actions
    assert frame.places == {"guangzhou"}


def test_several_agencies_in_the_context_lend_none() -> None:
    frame = analyse("2023年省法院、省检察院、省公安厅建立了知识产权刑事司法保护联席会议制度。"
                    "这些机构2023年全年一共受理了多少件预审请求?")
    assert frame.agencies == frozenset()


def test_a_claim_whose_every_sentence_states_a_figure_is_not_split() -> None:
    claim = "Guangdong courts took in 83,308 new IP cases in 2024. They closed 88,462."
    frame = analyse(claim, "claim")
    assert len(frame.figures) == 2 and frame.text == claim and frame.context == ""


@pytest.mark.parametrize(
    ("text", "claim", "context"),
    [
        (("The province kept expanding its network in 2024, with new centres approved in Panyu and Kaiping. "
          "Guangdong now has 15 national-level IP protection centres."),
         "Guangdong now has 15 national-level IP protection centres.",
         "The province kept expanding its network in 2024, with new centres approved in Panyu and Kaiping."),
        # background after the claim, and between two stating sentences (kept: the claim runs through it)
        ("广东法院2024年新收知识产权案件83308件。这是官方白皮书的数字。", "广东法院2024年新收知识产权案件83308件。",
         "这是官方白皮书的数字。"),
        ("Courts took in 83,308 cases. That was fewer. They closed 88,462.",
         "Courts took in 83,308 cases. That was fewer. They closed 88,462.", "That was fewer."),
        ("No figure here. Nor here.", "No figure here. Nor here.", ""),
    ],
)
def test_a_claims_background_is_split_off(text: str, claim: str, context: str) -> None:
    split = split_claim(text)
    assert (split.question, split.context) == (claim, context)


def test_a_claims_background_lends_its_year_but_not_its_words() -> None:
    frame = analyse("The province kept expanding its network in 2024, with new centres approved in Panyu and Kaiping. "
                    "Guangdong now has 15 national-level IP protection centres.", "claim")
    assert frame.years == [2024] and "Panyu" not in frame.match_text and frame.places == {"guangdong"}


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("那这几次联合执法期间省内海关一共查获了多少批次涉嫌侵权货物?", {"批次", "批"}),  # 这几次 asks nothing
        ("广州在全国率先引入保险,那总保额是多少?", {"元", "美元"}),  # 率先 is "first", not a rate; 保额 an amount
        ("2024年广东检察院一共批捕了多少个侵犯知识产权的人啊?", {"人", "名"}),  # 啊 is no part of the noun
        ("广东软件著作权登记占全国几成?", {"%"}),  # a share asked in tenths
        ("广东软件著作权登记占全国多少?", {"%"}),
        ("2024年广东计算机软件著作权登记量是多少?", None),
    ],
)
def test_unit_asked_in_plain_speech(question: str, units: set[str] | None) -> None:
    assert unit_for_question(question) == units


@pytest.mark.parametrize(("text", "claim", "context"), [
    (("Guangdong runs two bases in Dongguan and Shenzhen. They have trained 5,776 person-times in total. "
     "Claim: in 2024 alone the two bases held 29 training sessions."),
     "in 2024 alone the two bases held 29 training sessions.",
     "Guangdong runs two bases in Dongguan and Shenzhen. They have trained 5,776 person-times in total."),
    ("白皮书发布于4月。说法：2024年广东法院新收知识产权案件83308件", "2024年广东法院新收知识产权案件83308件", "白皮书发布于4月。"),
    ("FACT CHECK: courts closed 88,462 cases.", "courts closed 88,462 cases.", ""),
    # no label: the sentences that state a figure are the claim
    ("The white paper came out in April. Courts closed 88,462 cases in 2024.", "Courts closed 88,462 cases in 2024.",
     "The white paper came out in April."),
    # a word of the list inside a word or without its colon is no label
    ("Rechecks found 88,462 closed cases: a record.", "Rechecks found 88,462 closed cases: a record.", ""),
    # nor one inside a sentence
    ("Market regulators ran a spot check: 110 patent agencies were inspected in 2024.",
     "Market regulators ran a spot check: 110 patent agencies were inspected in 2024.", ""),
    ("Claim: the office said in its statement: 110 agencies were inspected.",
     "the office said in its statement: 110 agencies were inspected.", ""),
])
def test_a_labelled_claim(text: str, claim: str, context: str) -> None:
    split = split_claim(text)
    assert (split.question, split.context) == (claim, context)


@pytest.mark.parametrize(("text", "figure", "name"), [
    ("深圳河套“36条”已有13项政策落地见效。", "36条", True),
    ("深圳河套“36条”已有13项政策落地见效。", "13项", False),
    ("Shenzhen's Hetao \"36 measures\" already have 13 policies up and running.", "36", True),
    ("the Hetao '36 measures' have 13 policies in force", "36", True),
    ("Guangdong's 133 people's mediation organisations handled 5,500 cases", "133", False),  # apostrophes
    ("In 2024's white paper, 13 TISCs' services grew", "13", False),  # a possessive closes no quote
    # a long quotation is the report's words, not a name
    ("报告称“2024年全省法院新收各类知识产权案件83308件”。", "83308件", False),
])
def test_a_figure_in_a_short_quote_is_a_name(text: str, figure: str, name: bool) -> None:
    fig = next(f for f in parse_figures(text) if f.text.startswith(figure))
    assert quoted_name(text, fig) is name


@pytest.mark.parametrize(("claim", "figures"), [
    ("深圳河套“36条”已有13项政策落地见效。", ["13项"]),
    ("广东有“15家”技术与创新支持中心。", ["15家"]),  # the claim's only figure is kept
    ("“全省TISC有13家”", ["13家"]),
])
def test_a_claim_s_quoted_names_state_nothing(claim: str, figures: list[str]) -> None:
    assert [f.text for f in analyse(claim, "claim").figures] == figures


@pytest.mark.parametrize(("question", "named"), [
    ("how many companies got help from those six local sub-centres?", ["six local sub-centres"]),
    ("2024年全省法院新收多少件知识产权案件，是83308件吗?", []),  # offered to be checked: it may be the answer
    ("How many new IP cases did Guangdong courts receive in 2024 — was it 83,308?", []),
])
def test_a_question_names_what_it_is_about_not_what_it_checks(question: str, named: list[str]) -> None:
    assert [f.text for f in analyse(question).named] == named
