"""A source figure that cannot judge a claim's figure, whatever its value (qa.claim_rules).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from qa.claim_rules import (
    actions_to_clause_end,
    joint_places,
    not_comparable,
    other_institution,
    part_of_year,
)
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
        # of a plan, a year after it was written is its target
        (PLAN, "该市“十四五”规划要求2025年每万人口发明专利拥有量达到28件", True),
        # a whole year's figure says nothing about a quarter or a half of it
        (YEAR, "2022年上半年全市受理维权援助申请240件", False),
        (YEAR, "2022年全市受理维权援助申请240件", True),
    ],
)
def test_not_comparable(source: str, claim: str, comparable: bool) -> None:
    corpus = Corpus(chunk(source, cid="c1", doc="city-plan", year=2021))
    rec = next(r for r in corpus.records if r.kind == "quantity")
    years = [int(y) for y in ("2022", "2025") if y in claim]
    assert (not_comparable(claim, claim, years, corpus.chunks[0], rec) is None) is comparable


def test_the_figures_own_plan_word_wins() -> None:
    claim = "规划显示,该指标的目标为6000件,实际完成8862件"
    corpus = Corpus(chunk("该指标目标值6000件。", cid="c1", doc="city-plan", year=2021))
    rec = corpus.records[0]
    assert rec.plan == "target"
    assert not_comparable(claim, "规划显示,该指标的目标为", [], corpus.chunks[0], rec) is None
    assert not_comparable(claim, ",实际完成", [], corpus.chunks[0], rec) is not None


@pytest.mark.parametrize(("claim", "comparable"), [
    ("Guangdong has already raised RMB 250 billion in pledge financing during the 14th Five-Year Plan period", False),
    ("“十四五”期间广东知识产权质押融资已经达到2500亿元", False),
    ("The 14th Five-Year Plan targets RMB 250 billion in pledge financing", True),
    # a plan that has already set a figure states its target
    ("广东“十四五”规划已经提出知识产权质押融资登记金额2500亿元", True),
    ("Guangdong's 14th Five-Year Plan has already set pledge financing of RMB 250 billion", True),
])
def test_a_result_claimed_already_is_not_a_plans_target(claim: str, comparable: bool) -> None:
    corpus = Corpus(chunk("知识产权质押融资登记金额目标值2500亿元。", cid="c1", doc="city-plan", year=2020))
    rec = corpus.records[0]
    assert rec.plan == "target"
    assert (not_comparable(claim, claim, [2025], corpus.chunks[0], rec) is None) is comparable


@pytest.mark.parametrize(("claim", "comparable"), [
    # a date not after the source's year is one reached: the result answers it
    ("By 2020 Guangdong held 351,000 valid invention patents", True),
    ("到2020年底全省发明专利有效量达35.1万件", True),
    # a later one is the plan's target
    ("By 2025 Guangdong will hold 351,000 valid invention patents", False),
    ("到2025年全省发明专利有效量达35.1万件", False),
    # an intended figure by a date reached is still a target
    ("Guangdong planned to have 351,000 valid invention patents by 2020", False),
    ("到2020年，广东发明专利有效量要达到35.1万件", False),
])
def test_a_date_reached_is_no_target(claim: str, comparable: bool) -> None:
    corpus = Corpus(chunk("发明专利有效量完成值35.1万件。", cid="c1", doc="city-plan", year=2020))
    rec = corpus.records[0]
    assert rec.plan == "actual"
    assert (not_comparable(claim, claim, [], corpus.chunks[0], rec) is None) is comparable


@pytest.mark.parametrize(
    ("own", "source", "may_contradict"),
    [
        # the claim names one tribunal; a sentence that does not name it gives another body's count
        ("深圳知识产权法庭当年审结4200件", "2022年,全市受理维权援助申请420件。", False),
        ("深圳知识产权法庭当年审结4200件", "2022年,深圳知识产权法庭审结案件3900件。", True),
        # the passage names it before the figure's sentence
        ("深圳知识产权法庭当年审结4200件", "深圳知识产权法庭加强审判工作。当年审结案件3900件。", True),
        # a body of the whole province counts what the province's figures count
        ("广东省知识产权局当年受理申请240件", "2022年,全省受理维权援助申请420件。", True),
        # who published the figure is not whose figure it is
        ("广东省知识产权局发布的报告显示,2022年全市受理维权援助申请240件", "2022年,全市受理维权援助申请420件。", True),
        # a claim naming no institution is judged as before
        ("2022年全市受理维权援助申请240件", "2022年,全市受理维权援助申请420件。", True),
    ],
)
def test_other_institution(own: str, source: str, may_contradict: bool) -> None:
    source_chunk, rec = _first_count(source)
    assert (other_institution(own, source_chunk, rec) is None) is may_contradict


def _first_count(source: str):  # type: ignore[no-untyped-def]
    """The one chunk of ``source`` and the record of its first count."""
    corpus = Corpus(chunk(source, cid="c1"))
    return corpus.chunks[0], next(r for r in corpus.records if r.kind == "quantity")


def _fig(text: str):  # type: ignore[no-untyped-def]
    from index.figures import parse_figures

    return next(f for f in parse_figures(text) if f.kind in ("quantity", "percent", "rank"))


@pytest.mark.parametrize(
    ("claimed", "found", "comparable"),
    [
        # another dimension is another metric, whatever the numbers (a dev article's wrong verdict)
        ("平均结案周期压缩至30个工作日", "完成2022、2023两个年度考试工作", False),
        ("调解成功率达到92%", "调解案件92件", False),
        ("广东排名全国第一", "新增1家", False),
        # another currency for the source's own number is a unit error: contradicted as before
        ("Damages reached US$8.85 billion", "赔偿额达88.5亿元", True),
        # another measure word for the same number is a unit error too
        ("批准逮捕1854件", "批准逮捕犯罪嫌疑人1854人", True),
        ("海关查扣5822件", "海关查扣侵权货物5822批次", True),
        # unless the source's is a general classifier that may count what the claim's counts: loose wording
        ("转化专利1701件", "完成1701项成果转移转化", False),
        # another measure word and another number: most likely two metrics that both count
        ("About 300 Guangdong companies were sued", "批准逮捕犯罪嫌疑人1854人", False),
        # the same unit: comparable (the ranking decides whether it is the same metric)
        ("300家企业", "865家企业开展试点", True),
        ("调解率约80%", "调解率约60%", True),
    ],
)
def test_a_contradiction_needs_the_same_measure(claimed: str, found: str, comparable: bool) -> None:
    from qa.claim_rules import other_measure

    assert (other_measure(_fig(claimed), _fig(found)) is None) is comparable


def test_a_figure_of_the_year_its_own_words_name_is_that_year_s() -> None:
    from qa.claim_parts import of_its_own_year

    corpus = Corpus(chunk("2024年,全省一般作品登记4.95万件。", cid="a", doc="paper-2024"),
                    chunk("2023年,全省一般作品登记5.49万件。", cid="b", year=2023, doc="paper-2023"))
    text = "一般作品登记4.95万件,较2023年的5.49万件有所减少。"
    frame = corpus.frame(text, "claim")
    ranked = corpus.rank(frame.model_copy(update={"years": [2023, 2024]}))
    earlier = [f for f in ranked if f.year == 2023]
    claimed = next(f for f in frame.figures if f.text == "5.49万件")
    own = of_its_own_year(claimed, "较2023年的5.49万件有所减少", [2023, 2024], earlier)
    assert own is not None and own.figure.value == 54900
    # words naming no year: not moved to another year (two years' figures swapped stay wrong)
    assert of_its_own_year(claimed, "一般作品登记5.49万件", [2023, 2024], earlier) is None
    # a claim of one year reads no other
    assert of_its_own_year(claimed, "较2023年的5.49万件有所减少", [2023], earlier) is None


@pytest.mark.parametrize(
    ("own", "found", "metric", "comparable"),
    [
        # a sum of money for insurance cover says nothing against one for damages
        ("2024年全省知识产权保险保额达40亿元", "88.5亿元", "全省知识产权民事案件赔偿额", False),
        ("Guangdong's IP insurance coverage reached 88.5 billion yuan", "RMB 8.85 billion",
         "damages in civil IPR cases across the province", False),
        ("fines imposed by market regulators totalled RMB 90 million", "RMB 82.5006 million",
         "involving a total value of", False),
        # the same class in either language, or a class shared among several, is comparable
        ("In 2024 Guangdong's IP pledge loans totalled 88.5 billion yuan", "3453.97亿元", "全省专利商标质押融资额", True),
        ("25 IP securitisation products worth more than RMB 30 billion", "40亿元", "全省专利商标质押融资额 | 规模", True),
        # a side that names no class leaves it to the ranking
        ("The province's figure reached 88.5 billion yuan", "3453.97亿元", "全省专利商标质押融资额", True),
        # counts have no classes here: their units tell them apart (other_measure)
        ("保险惠及企业300家", "5067家", "惠及企业", True),
    ],
)
def test_a_contradiction_needs_the_same_class_of_money(own: str, found: str, metric: str, comparable: bool) -> None:
    from qa.claim_rules import other_counted

    assert (other_counted(_fig(own), own, _fig(found), metric) is None) is comparable


@pytest.mark.parametrize(
    ("claim", "source", "may_contradict"),
    [
        # a count of several cities together is no count of one of them
        ("深圳为近2000家企业提供一对一指导。", "深圳、佛山分中心累计为500余家涉案企业提供一对一应对指导。", False),
        ("Shenzhen has guided nearly 2,000 companies.", "深圳、佛山分中心累计为500余家涉案企业提供一对一应对指导。", False),
        # the claim names every place the figure is counted for
        ("深圳和佛山为近2000家企业提供一对一指导。", "深圳、佛山分中心累计为500余家涉案企业提供一对一应对指导。", True),
        # a province-level place is left out on both sides: claims often leave theirs unsaid
        ("Joint operations with Hong Kong and Macao customs netted 3,849 batches.",
         "2024年广东海关联合香港、澳门海关开展执法行动,查扣侵权货物3849批次。", True),
        # a claim naming no place, or a figure of one place, is judged as before
        ("全省为近2000家企业提供一对一指导。", "深圳、佛山分中心累计为500余家涉案企业提供一对一应对指导。", True),
        ("深圳为近2000家企业提供一对一指导。", "深圳累计为1968家涉案企业提供一对一应对指导。", True),
        # one place where another acted is no list: Shenzhen customs' own count
        ("深圳海关查获侵权货物120批次。", "深圳海关在东莞查获侵权货物100批次。", True),
    ],
)
def test_joint_places(claim: str, source: str, may_contradict: bool) -> None:
    _, rec = _first_count(source)
    assert (joint_places(claim, rec) is None) is may_contradict, rec.places


@pytest.mark.parametrize(
    ("claim", "figure", "starting"),
    [
        ("The plan aims to lift the rate from 56.5% to 60% by 2025.", "56.5%", True),
        ("The plan aims to lift the rate from 56.5% to 60% by 2025.", "60%", False),
        ("每万人口高价值发明专利拥有量要从2020年的13.5件提高到2025年的20件。", "13.5件", True),
        ("专利授权量由56.6万件增至69.26万件。", "56.6万件", True),
        ("有效发明专利量從59.3萬件增長到67萬件。", "59.3萬件", True),
        # two figures of one sentence, no change between them
        ("In 2024 courts received 83,308 cases and concluded 88,462.", "83,308", False),
        ("全省专利授权量69.26万件,商标注册量82.45万件。", "69.26万件", False),
        # "from" too far before, or a clause between the two figures
        ("Apart from the courts, which handled many disputes, prosecutors took 228 cases to 34 courts.", "228", False),
        ("从2020年起全省专利授权量56.6万件,到2025年达到70万件。", "56.6万件", False),
    ],
)
def test_the_start_of_a_stated_change(claim: str, figure: str, starting: bool) -> None:
    from index.figures import parse_figures
    from qa.claim_rules import starting_figure

    figures = [f for f in parse_figures(claim) if f.kind in ("quantity", "percent")]
    claimed = next(f for f in figures if f.text.startswith(figure))
    assert starting_figure(claim, claimed, figures) is starting


@pytest.mark.parametrize(("claim", "actions"), [
    # a clause after the figure's with no figure of its own compares: its action is not the figure's
    ("The courts closed 88,462 IP cases in 2024, more than the new IP cases they took in.", {"conclude"}),
    ("2024年法院审结知识产权案件88462件,多于当年新收的案件数。", {"conclude"}),
    # the figure's own clause keeps every action it names, before or after the figure
    ("The courts resolved 47.4% of IP cases in 2023 through mediation or withdrawal.", {"conclude", "mediate_withdraw"}),
    ("Police transferred more than 3,000 suspects in IP crime cases for prosecution.", None),
])
def test_a_lone_figures_actions_run_to_the_end_of_its_clause(claim: str, actions: set[str] | None) -> None:
    frame = Corpus().frame(claim, "claim")
    expected = frame.actions if actions is None else actions
    assert actions_to_clause_end(frame, frame.figures[0]) == expected
