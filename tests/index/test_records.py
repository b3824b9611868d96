"""Figure records: what each figure is, counts, when and where, made once at index time."""

from __future__ import annotations

import pytest

from index.attach import attach_figures
from index.chunk import paragraph_leads
from index.plans import asked_plan_role, names_base_year, plan_role, table_plan_role
from index.qualifiers import is_share
from index.records import (
    compared_before,
    figure_records,
    figure_year,
    sentence_bounds,
)
from index.text import Tokenizer
from index.types import Chunk

TOKENIZER = Tokenizer()


def _chunk(text: str, lang: str = "zh", year: int = 2024, section: list[str] | None = None, cid: str = "c1",
           linked: list[str] | None = None, doc: str = "d") -> Chunk:
    c = Chunk(id=cid, doc_id=doc, source=f"{doc}.txt", lang=lang, year=year, section=section or ["一、概况"],
              paragraph=1, text=text, search_text=text, start=0, end=len(text), raw_start=100, raw_end=100 + len(text),
              linked_section=linked)
    return attach_figures([c])[0]


def test_figure_year_prefers_the_sentence_year_over_the_document_year() -> None:
    text = "2023年，全省新增申请量422件。累计2552件。"
    assert figure_year(text, text.index("422"), 2024) == 2023
    assert figure_year(text, text.index("2552"), 2024) == 2024  # its own sentence names no year
    assert sentence_bounds(text, text.index("422")) == (0, text.index("。") + 1)


@pytest.mark.parametrize(("text", "figure", "year"), [
    # a year named as the other side of a comparison is its own clause's figures' year only
    ("全省有效注册商标量达到543.0万件,较2015年末增长227.2%,PCT专利申请量累计达20.7万件。", "20.7", 2020),
    ("全省有效注册商标量达到543.0万件,较2015年末增长227.2%,PCT专利申请量累计达20.7万件。", "543.0", 2020),
    ("一般作品登记4.95万件,较2023年的5.49万件有所减少。", "5.49", 2023),
    # the rise since a compared year is the later year's, not the compared one's
    ("全省有效注册商标量达到543.0万件,较2015年末增长227.2%,PCT专利申请量累计达20.7万件。", "227.2", 2020),
    ("发明专利有效量、有效注册商标量分别达到35.1万件和543.0万件,较2015年末分别增长152.4%和227.2%。", "152.4", 2020),
    ("专利授权量69.26万件,比2023年下降1.6%。", "1.6", 2020),
    ("一般作品登记4.95万件,较2023年的5.49万件有所减少。", "4.95", 2020),
    ("In 2024 it rose to 20, up from 13.5 in 2019, and reached 30 in all.", "30", 2024),
    ("2022年,全省新增申请量422件。", "422", 2022),  # a year not compared with is the sentence's
    # "from … in 2020 to … in 2024": 2024 is no compared year; a "from" of no change compares nothing
    ("Patent grants rose from 120 in 2020 to 300 in 2024, and trademarks reached 500.", "500", 2024),
    ("Data from the provincial bureau show that in 2024, patent grants reached 100.", "100", 2024),
])
def test_a_compared_year_is_not_the_year_of_figures_past_its_clause(text: str, figure: str, year: int) -> None:
    assert figure_year(text, text.index(figure), 2020) == year


@pytest.mark.parametrize(("text", "figure", "year"), [
    # A period is no year, its end no more than its start: a title's term is not the figure's date
    ("签署《粤澳知识产权合作协议(2023—2025年)》,累计开展粤港、粤澳合作项目410项。", "410", 2020),
    ("实施专利转化专项行动计划(2021-2022年),全省37个地市参与。", "37个", 2020),
    ("规划(2021年—2022年)实施,合作项目88项。", "88项", 2020),
    ("the Outline (2021～2035) was issued, and 9 cities took part.", "9 cities", 2020),
    # A year of its own after a period is still the figure's ("到2025年" is a target's date)
    ("规划(2021—2025年)提出,到2025年,高价值发明专利拥有量达到23万件。", "23万", 2025),
    # A dash that sets off a subtitle is no period: the year after it is the figure's
    ("知识产权保护取得新成效——2024年,全省专利授权量56.6万件。", "56.6", 2024),
])
def test_the_end_of_a_period_is_no_figures_year(text: str, figure: str, year: int) -> None:
    assert figure_year(text, text.index(figure), 2020) == year


@pytest.mark.parametrize(("text", "period"), [
    ("截至2024年底，全省有效发明专利量59.3万件", "stock"),
    ("2024年，全省专利授权量56.6万件", "flow"),
    ("By the end of 2024, the number of PCT applications was 304,700", "stock"),
    ("全省专利授权量56.6万件", None),
])
def test_a_record_knows_stock_from_flow(text: str, period: str | None) -> None:
    c = _chunk(text, lang="en" if text.isascii() else "zh")
    rec = figure_records([c], TOKENIZER)[-1]
    assert rec.period == period


def test_a_record_holds_its_quote_clause_year_places_and_tokens() -> None:
    text = "2024年,全省法院新收知识产权案件83308件,审结88462件。深圳海关查扣侵权货物5822批次。"
    recs = {r.text: r for r in figure_records([_chunk(text)], TOKENIZER)}
    new = recs["83308件"]
    assert new.value == 83308 and new.unit == "件" and new.year == 2024 and new.lang == "zh"
    assert new.quote.startswith("2024年") and new.quote.endswith("审结88462件。")
    assert "法院" in new.context_tokens and "新收" in new.metric_tokens
    assert recs["88462件"].action_tokens == frozenset({"审结"})  # its own bare action
    assert recs["5822批次"].places == frozenset({"shenzhen"}) and new.places == frozenset()  # no document place
    assert new.raw_start == 100 and (new.agency, new.action) == ("court", "accept")
    assert (recs["88462件"].agency, recs["88462件"].action) == ("court", "conclude")


def test_the_raw_span_comes_from_the_given_map() -> None:
    text = "全省专利授权量56.6万件。"
    rec = figure_records([_chunk(text)], TOKENIZER, raw_span=lambda c, s, e: (1000 + s, 1000 + e))[0]
    assert (rec.raw_start, rec.raw_end) == (1000 + text.index("56.6"), 1000 + text.index("。"))


def test_a_figure_is_aligned_with_its_translation() -> None:
    zh = _chunk("2024年全省专利授权量56.6万件。", cid="z", section=["一、概况"], linked=["I. Overview"])
    en = _chunk("In 2024, 566,000 patents were granted.", lang="en", cid="e", section=["I. Overview"],
                linked=["一、概况"])
    recs = {r.id: r for r in figure_records([zh, en], TOKENIZER)}
    assert recs["z:0"].aligned == "e:0" and recs["e:0"].aligned == "z:0"


def test_a_figure_takes_who_did_it_and_its_unit_from_its_translation_where_its_own_words_say_none() -> None:
    zh = _chunk("2024年,省市场监管局查处知识产权案件3945件,其中发明专利授权量16.88万件。", cid="z",
                linked=["I. Overview"])
    en = _chunk("The provincial bureau carried out special actions such as the Guarding IPR initiative, and investigated "
                "and handled 3,945 IPR-related cases; of these, 168,800 were invention patents.", lang="en", cid="e",
                section=["I. Overview"], linked=["一、概况"])
    recs = {r.text: r for r in figure_records([zh, en], TOKENIZER)}
    handled = next(r for r in recs.values() if r.lang == "en" and r.value == 3945)
    assert handled.agency == "market_regulation" and handled.action == "investigate"
    assert next(r for r in recs.values() if r.lang == "en" and r.value == 168800).named_unit == "件"
    # the words' own reading is kept where they give one
    assert recs["3945件"].agency == "market_regulation"


def test_a_figure_takes_the_action_its_translation_names_in_the_figure_s_own_words() -> None:
    zh = _chunk("2024年,全省公安机关立案2249件,破案1926件,破案率上升10.12%。", cid="z", linked=["I. Overview"])
    en = _chunk("In 2024, 2,249 cases were filed and 1,926 were solved, with the solution rate rising by 10.12%.",
                lang="en", cid="e", section=["I. Overview"], linked=["一、概况"])
    recs = {(r.lang, r.value): r for r in figure_records([zh, en], TOKENIZER)}
    assert recs[("zh", 10.12)].action == "solve_case"
    assert recs[("en", 10.12)].action == "solve_case"  # 破案率上升: its own words name it


def test_a_figure_does_not_take_an_action_its_translation_only_inherits_from_its_clause() -> None:
    zh = _chunk("2024年,全省海关查扣侵权货物5822批次、3314万件。", cid="z", linked=["I. Overview"])
    en = _chunk("In 2024, customs dealt with 5,822 batches, totalling 33.14 million items.", lang="en", cid="e",
                section=["I. Overview"], linked=["一、概况"])
    recs = {(r.lang, r.value): r for r in figure_records([zh, en], TOKENIZER)}
    assert recs[("zh", 33140000.0)].action == "seize"  # 查扣, the clause's verb
    assert recs[("en", 33140000.0)].aligned == recs[("zh", 33140000.0)].id
    assert recs[("en", 33140000.0)].action is None


def test_a_figure_linked_by_value_alone_in_another_unit_takes_nothing_from_it() -> None:
    zh = _chunk("全省法院审结案件4个。", cid="z", linked=["I. Overview"])
    en = _chunk("The cluster has ranked second for 4 straight years.", lang="en", cid="e", section=["I. Overview"],
                linked=["一、概况"])
    recs = {r.id: r for r in figure_records([zh, en], TOKENIZER)}
    assert recs["e:1"].aligned == "z:0"  # linked, by value
    assert recs["z:0"].agency == "court" and recs["e:1"].agency is None


def test_a_figure_keeps_its_own_agency_over_its_translation_s() -> None:
    zh = _chunk("2024年全省法院审结案件3945件。", cid="z", linked=["I. Overview"])
    en = _chunk("In 2024 prosecutors concluded 3,945 cases.", lang="en", cid="e", section=["I. Overview"],
                linked=["一、概况"])
    recs = {r.id: r for r in figure_records([zh, en], TOKENIZER)}
    assert recs["e:0"].agency == "procuratorate" and recs["z:0"].agency == "court"


@pytest.mark.parametrize(("metric", "clause", "role"), [
    ("发明专利有效量 目标值", "", "target"), ("发明专利有效量 完成值", "", "actual"),
    ("", "到2025年，每万人口高价值发明专利拥有量达到", "target"), ("", "全省专利授权量", None),
])
def test_plan_role(metric: str, clause: str, role: str | None) -> None:
    assert plan_role(metric, clause) == role


_ROW = "知识产权质押融资登记金额、项目数 (亿元、项): 2020年 (907.6)、(3765), 2025年 (2500)、(5000) (预期性)"
_DONE = "农业植物新品种权申请量 (件): 目标值 80, 完成值 945"


@pytest.mark.parametrize(("row", "figure", "role"), [
    # the base year's column is a result; the later year's, the target the row's 预期性 is the kind of
    (_ROW, "907.6", "actual"),
    (_ROW, "3765", "actual"),
    (_ROW, "2500", "target"),
    (_ROW, "5000", "target"),
    # labelled cells as their labels say
    (_DONE, "80", "target"),
    (_DONE, "945", "actual"),
])
def test_a_plan_tables_cell(row: str, figure: str, role: str) -> None:
    start = row.index(figure)
    assert table_plan_role(row, start, row[:start], row) == role


@pytest.mark.parametrize(("question", "role"), [
    ("What did Guangdong actually achieve on Madrid registrations by the end of the 13th FYP, against its target?",
     "actual"),
    ("What was the actual figure for Madrid registrations?", "actual"),
    ("What was the plan's target for Madrid registrations?", "target"),
    ("How many Madrid registrations did Guangdong have?", None),
])
def test_asked_plan_role(question: str, role: str | None) -> None:
    assert asked_plan_role(question) == role


def test_records_round_trip_as_json() -> None:
    from index.records import FigureRecord

    rec = figure_records([_chunk("2024年全省专利授权量56.6万件。")], TOKENIZER)[0]
    assert FigureRecord.model_validate_json(rec.model_dump_json()) == rec


@pytest.mark.parametrize(
    ("text", "document", "figure", "places"),
    [
        # a clause naming no place inherits its document's place
        ("2024年，专利授权量56.6万件。", "guangdong", "56.6万件", {"guangdong"}),
        ("2024年，专利授权量56.6万件。", "jiangsu", "56.6万件", {"jiangsu"}),
        ("2024年，专利授权量56.6万件。", None, "56.6万件", set()),
        # a clause naming a city keeps the city; the province's figure beside it stays the province's
        ("2024年，全省专利授权量56.6万件，其中深圳20.1万件。", "guangdong", "56.6万件", {"guangdong"}),
        ("2024年，全省专利授权量56.6万件，其中深圳20.1万件。", "guangdong", "20.1万件", {"shenzhen"}),
        ("深圳海关查扣侵权货物5822批次，全省海关查扣14420批次。", "guangdong", "5822批次", {"shenzhen"}),
        ("深圳海关查扣侵权货物5822批次，全省海关查扣14420批次。", "guangdong", "14420批次", {"guangdong"}),
        ("廣東省深圳市新收案件1.40萬件。", "guangdong", "1.40萬件", {"shenzhen"}),  # traditional; the city
        # places listed as what a figure counts do not locate it
        ("全省共建设广州、深圳、珠海等3个试点地区。", "guangdong", "3个", {"guangdong"}),
        ("吴川月饼、英德红茶、大埔蜜柚等3个地理标志产品入选。", "guangdong", "3个", {"guangdong"}),
        # a city report: 全省 is its province's
        ("全省新收案件1200件。", "guangzhou", "1200件", {"guangdong"}),
        ("新收案件1200件。", "guangzhou", "1200件", {"guangzhou"}),
        # English names the place after the figure too
        ("In 2024, 5,822 batches of goods were seized by customs in Shenzhen.", "guangdong", "5,822", {"shenzhen"}),
        ("The province accepted 83,308 IP cases in 2024.", "guangdong", "83,308", {"guangdong"}),
    ],
)
def test_a_figures_place_is_its_clauses_else_its_documents(text: str, document: str | None, figure: str,
                                                           places: set[str]) -> None:
    c = _chunk(text, lang="en" if text.isascii() else "zh").model_copy(update={"place": document})
    rec = next(r for r in figure_records([c], TOKENIZER) if r.text.startswith(figure))
    assert rec.places == frozenset(places)


@pytest.mark.parametrize(("text", "figure", "qualifiers"), [
    # an English metric phrase stops four words past the number; the clause goes on to say the part
    ("Besides, 108,700 invention patents were granted to strategic industrial clusters in the province.", 108700,
     {"invention", "strategic_industry"}),
    # past "and" the words are the next figure's subject
    ("Trademark registrations were 824,500 and Madrid international trademark applications were 2,226.", 824500,
     {"trademark"}),
    # nor its breakdown
    ("In 2024, 692,600 patents were granted in the province, including 168,800 invention patents.", 692600, set()),
])
def test_an_english_figure_s_qualifiers_are_its_own_clause_s(text: str, figure: float, qualifiers: set[str]) -> None:
    rec = next(r for r in figure_records([_chunk(text, lang="en")], TOKENIZER) if r.value == figure)
    assert rec.metric_qualifiers == frozenset(qualifiers)


@pytest.mark.parametrize(("text", "lang", "figure", "share"), [
    ("计算机软件作品登记28.27万件,占全国计算机软件著作权登记总量的10%,居全国首位。", "zh", "10%", True),
    ("计算机软件作品登记28.27万件,占全国计算机软件著作权登记总量的10%,居全国首位。", "zh", "28.27万件", False),
    ("8.85万家企业共拥有发明专利68.82万件,占全省专利有效量的87%。", "zh", "87%", True),
    ("enterprises owned 688,200 invention patents, accounting for 87% of the province's total valid patents.", "en",
     "87%", True),
    ("2024年全省法院调撤率为57.4%。", "zh", "57.4%", False),  # a rate, no share of a whole
])
def test_a_record_knows_a_share_of_a_whole(text: str, lang: str, figure: str, share: bool) -> None:
    recs = {r.text: r for r in figure_records([_chunk(text, lang=lang)], TOKENIZER)}
    assert recs[figure].share is share


@pytest.mark.parametrize(("metric", "share"), [
    ("占全国计算机软件著作权登记总量的", True),
    ("软件著作权登记量占全国总量的", True),  # the share word inside the phrase, not only at its start
    ("版权产业增加值占地区生产总值比重", True),
    ("accounting for ... of the province's total", True),
    ("侵占商业秘密案件同比增长", False),
    ("侵占商业秘密案件占全部案件的", True),  # 侵占 taken out, the 占 of the share kept
    ("市场占有率", True),
    ("占用耕地面积下降", False),
    ("全省法院调撤率为", False),
])
def test_a_share_is_read_from_its_metric_phrase(metric: str, share: bool) -> None:
    assert is_share(metric) is share


def _part(text: str, start: int, cid: str) -> Chunk:
    c = _chunk(text, cid=cid)
    return c.model_copy(update={"start": start, "end": start + len(text)})


def test_a_chunk_cut_inside_a_paragraph_keeps_the_paragraphs_actor() -> None:
    first = "全省公安机关深入开展专项行动,2024年,全省共立知识产权刑事案件2249件,同比增长5.8%;"
    second = "破案1926件,破案率上升10.12%;移送审查起诉2653人。"
    other = "全省检察机关批准逮捕1854人。"  # the next paragraph: no lead
    chunks = [_part(first, 0, "a"), _part(second, len(first), "b"),
              _part(other, len(first) + len(second) + 1, "c").model_copy(update={"paragraph": 2})]
    assert paragraph_leads(chunks) == {"b": first}
    recs = {r.text: r for r in figure_records(chunks, TOKENIZER)}
    assert (recs["1926件"].agency, recs["1926件"].action) == ("police", "solve_case")
    assert recs["2653人"].agency == "police"
    assert recs["1854人"].agency == "procuratorate"
    # alone, the second part names no actor
    assert {r.text: r.agency for r in figure_records([chunks[1]], TOKENIZER)}["1926件"] is None
    # the sentence began before the cut (at "；"): its words there are the figure's context too
    assert {"知识产权", "刑事案件"} <= recs["1926件"].context_tokens
    alone = {r.text: r for r in figure_records([chunks[1]], TOKENIZER)}["1926件"]
    assert not {"知识产权", "刑事案件"} & alone.context_tokens
    # a chunk that begins a sentence of its own takes no words of the sentence before it
    assert "刑事案件" not in recs["1854人"].context_tokens


def test_a_rise_named_by_no_word_of_its_own_is_the_rise_of_the_figure_before_it() -> None:
    recs = {r.text: r for r in figure_records([_chunk("2024年,全省法院审结88462件,结收比106.19%,同比提高2.36%;"
                                                      "调撤率同比上升4.89%。")], TOKENIZER)}
    assert "结收" in recs["2.36%"].metric_tokens and recs["2.36%"].change
    # a rise that names what rose keeps its own words
    assert "结收" not in recs["4.89%"].metric_tokens
    assert not recs["106.19%"].change


def test_a_change_in_percentage_points_is_a_change() -> None:
    recs = {r.text: r for r in figure_records([_chunk("2024年,全省法院结收比106.19%,同比上升2.36个百分点。")], TOKENIZER)}
    assert recs["2.36个百分点"].change and not recs["106.19%"].change


@pytest.mark.parametrize(("text", "compared"), [
    ("Police also broke up more than 2,000 criminal dens in 2024.", False),  # a bound, no comparison
    ("fewer than 20 cases were filed in 2024", False),
    ("Registrations were higher than the 5,490 in 2023.", True),
    ("compared with 2023", True),
])
def test_a_bound_word_is_no_comparison_with_a_year(text: str, compared: bool) -> None:
    before = text[:text.rindex("20")]
    assert compared_before(before) is compared


@pytest.mark.parametrize(("own", "figure", "base"), [
    # the year nearest the figure in its clause, earlier than the statement's latest: the base
    (" per 10,000 people by 2025, up from 13.5 in 2020.", "13.5", True),
    ("广东“十四五”规划提出,每万人口高价值发明专利拥有量要从2020年的13.5件提高到2025年的", "13.5", True),
    ("提高到2025年的20件", "20", False),
    # no year of its own, or no "from": not the base
    ("aims for 20 patents", "20", False),
    ("The plan, issued in 2021, targets 20 patents per 10,000 people by 2025", "20", False),
    ("targets 20 patents by 2025, in line with the 2035 outline", "20", False),
    # between two years as near: the later one's
    (" from 8.7% in 2020 to 9.2% in 2025.", "9.2%", False),
    ("rising from 8.7% in 2020 to ", "8.7%", True),
    # a span of years is its last
    ("targets trade of RMB 151 billion over 2021-2025.", "151", False),
])
def test_a_plan_statements_base_year(own: str, figure: str, base: bool) -> None:
    whole = "from 2020 to 2025 " + own
    at = own.index(figure)
    assert names_base_year(own, whole, at, at + len(figure)) is base
