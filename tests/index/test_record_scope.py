"""What a figure record knows of its scope beyond its own words (index.records): the IP kind of
its ；-list, the parts it is broken down into, the noun after its measure word."""

from __future__ import annotations

import pytest

from index.attach import attach_figures
from index.records import FigureRecord, figure_records
from index.text import Tokenizer
from index.time_frames import at_date
from index.types import Chunk, Lang

TOKENIZER = Tokenizer()


def _records(text: str, lang: Lang = "zh") -> dict[str, FigureRecord]:
    c = Chunk(id="c1", doc_id="d", source="d.txt", lang=lang, year=2023, section=["一、概况"], paragraph=1,
              text=text, search_text=text, start=0, end=len(text), raw_start=0, raw_end=len(text))
    return {r.text: r for r in figure_records(attach_figures([c]), TOKENIZER)}


def test_the_fines_of_a_list_are_of_its_subjects_kind() -> None:
    recs = _records("全市共办结专利侵权纠纷案件2282宗,同比增加11.81%;办理商标行政处罚案件1568宗,"
                    "同比增加12.24%,罚没金额2756.68万元。")
    assert recs["2756.68万元"].kinds == {"trademark"}
    assert recs["2282宗"].kinds == {"patent"}


def test_a_total_knows_the_qualifiers_and_words_of_its_parts() -> None:
    recs = _records("A total of 332,200 copyright registrations were made in the province, of which 282,700 "
                    "were computer software works.", lang="en")
    total = next(r for t, r in recs.items() if t.startswith("332,200"))
    part = next(r for t, r in recs.items() if t.startswith("282,700"))
    assert total.part_qualifiers == {"software"}
    assert "softwar" in total.part_tokens
    assert part.part_qualifiers == frozenset()


def test_the_noun_after_a_measure_word_is_what_it_counts_a_verb_is_not() -> None:
    recs = _records("累计为我市225家企业提供海外知识产权风险保障。本次共收到108件来自全省的推荐。")
    assert recs["225家"].counted_tokens == {"企业"}
    assert recs["108件"].counted_tokens == frozenset()


@pytest.mark.parametrize(("question", "expected"), [
    ("截至2024年底,广东全省有多少家专利代理机构?", True),
    ("How many valid patents did Guangdong have as of the end of 2024?", True),
    ("2024年广东知识产权民事案件的赔偿额总共有多少?", False),  # 共有: in total, at no date
    # how many of a thing there are: what exists, as at a date
    ("2024年广东有多少家专利代理机构?", True),
    ("廣東有幾家知識產權保護中心?", True),
    ("How many patent agencies are there in Guangdong?", True),
    ("How many IP protection centres does Guangdong have?", True),
    ("2024年全省共有多少家专利代理机构?", True),
    ("广东有多少名专利代理师?", True),
    ("How many patent agencies exist in Guangdong?", True),
    ("Guangdong has how many websites?", True),
    ("2024年专利授权量共有多少件?", False),  # a count of things, no body's existence
    ("2024年全省拥有多少家高新技术企业?", False),  # 拥有: held
    ("How many agencies were inspected in 2024?", False),
])
def test_a_question_asks_at_a_date(question: str, expected: bool) -> None:
    assert at_date(question) is expected


def test_a_part_named_by_a_compound_of_the_totals_word_is_its_rest() -> None:
    recs = _records("2024年,全省专利商标质押融资额3453.97亿元,惠及企业5067家,其中中小企业4931家;")
    total = recs["5067家"]
    assert "中小" in total.part_tokens
    assert not {"中小企业", "小企业", "企业"} & total.part_tokens


def test_a_part_in_another_measure_word_of_the_same_things_is_a_part() -> None:
    recs = _records("2023年,全省办理专利侵权纠纷案件9686件,其中裁决类1344宗、出具维权意见类8342宗。")
    assert "纠纷" in recs["8342宗"].whole_tokens


def test_a_part_of_a_breakdown_knows_its_totals_words() -> None:
    recs = _records("2024年,全省办理专利侵权纠纷案件10445件,其中行政裁决类1433件、出具维权意见类9012件;"
                    "办理商标行政处罚案件1568宗。")
    assert "纠纷" in recs["1433件"].whole_tokens and "裁决" in recs["1433件"].own_part_tokens
    assert "纠纷" in recs["9012件"].whole_tokens and "纠纷" not in recs["9012件"].own_part_tokens
    assert recs["10445件"].whole_tokens == frozenset()
    assert recs["1568宗"].whole_tokens == frozenset()


def test_a_part_of_a_total_named_by_its_own_action_takes_that_action_not_its_neighbours_words() -> None:
    recs = _records("2023年,广州知识产权法院共新收1.40万件,审结1.42万件,其中专利权纠纷案件1.12万件。")
    part = recs["1.12万件"]
    assert "审结" in part.whole_tokens and "新收" not in part.whole_tokens


@pytest.mark.parametrize("text, figure", [
    # a share after a breakdown is no part of the count
    ("2024年,全省著作权登记总量33.22万件,其中计算机软件作品登记28.27万件,占全国总量的10%。", "10%"),
    # a count in another unit is no part of it
    ("三家单位共签订合同金额5.2亿元,其中成果赋权753项。", "753项"),
])
def test_what_is_no_part_of_the_total_takes_none_of_its_words(text: str, figure: str) -> None:
    assert _records(text)[figure].whole_tokens == frozenset()


def test_a_part_named_by_a_compound_of_the_totals_word_is_its_rest_both_ways() -> None:
    recs = _records("2024年,全省专利商标质押融资额3453.97亿元,惠及企业5067家,其中中小企业4931家;")
    assert "中小" in recs["4931家"].own_part_tokens and "企业" not in recs["4931家"].own_part_tokens


@pytest.mark.parametrize(("text", "figure", "period"), [
    # the figure's own clause says the year's: what was built so far is another clause's
    ("累计建成13家保护中心和217个工作站,全年共受理预审请求4.78万件,受理维权相关案件1.16万件。", "4.78万件", "flow"),
    ("累计建成13家保护中心和217个工作站,全年共受理预审请求4.78万件,受理维权相关案件1.16万件。", "1.16万件", "flow"),
    ("累计建成13家保护中心和217个工作站,全年共受理预审请求4.78万件,受理维权相关案件1.16万件。", "13家", "stock"),
    ("全省共有62件案件适用惩罚性赔偿,全年最高判赔数额达3.17亿元。", "3.17亿元", "flow"),
    ("全省共有62件案件适用惩罚性赔偿,全年最高判赔数额达3.17亿元。", "62件", "stock"),
    # within one clause a stock cue wins: the date names a year too
    ("截至2024年底,全省发明专利有效量68.82万件。", "68.82万件", "stock"),
    ("2024年,全省累计建成保护中心15家。", "15家", "stock"),
    ("累计建成保护中心15家,2024年新增3家。", "3家", "flow"),
])
def test_a_figure_takes_the_time_frame_of_its_nearest_clause_that_says_one(text: str, figure: str,
                                                                          period: str) -> None:
    assert _records(text)[figure].period == period


def test_a_table_rows_metric_says_the_time_frame_of_every_years_cell() -> None:
    row = "每万人口高价值发明专利拥有量 (件): 2020年 13.5, 2025年 20 (预期性)"
    c = Chunk(id="c1", doc_id="gd-ip-plan-14th-fyp", source="d.txt", lang="zh", year=2021, section=["主要指标"],
              paragraph=1, text=row, search_text=row, start=0, end=len(row), raw_start=0, raw_end=len(row),
              kind="table_row")
    recs = {r.text: r for r in figure_records(attach_figures([c]), TOKENIZER)}
    assert {recs["13.5"].period, recs["20"].period} == {"stock"}


@pytest.mark.parametrize(("text", "figure", "places"), [
    # a province named after the city on the way to what is counted: the province's
    ("省市场监管局、广州知识产权法院共建广东知识产权纠纷调解中心,诉前成功调解案件3887件。", "3887件", {"guangdong"}),
    # a city outside a body's name is where the figure is, though a province's award follows
    ("深圳企业获广东专利奖金奖5项。", "5项", {"shenzhen"}),
    # the province only says where the city is
    ("广东深圳海关查扣侵权货物5822批次。", "5822批次", {"shenzhen"}),
    ("广东省内,深圳海关查扣侵权货物5822批次。", "5822批次", {"shenzhen"}),
])
def test_a_provincial_bodys_figure_is_the_provinces_though_a_city_body_is_named_before_it(
        text: str, figure: str, places: set[str]) -> None:
    assert _records(text)[figure].places == frozenset(places)


def test_another_semicolon_clauses_qualifiers_are_its_own_figures() -> None:
    recs = _records("2024年,全省专利授权量69.26万件,其中发明专利授权量16.88万件;马德里国际商标注册申请量2226件;"
                    "截至2024年底,高价值发明专利拥有量36.77万件,有效注册商标量906.46万件,均居全国首位。")
    assert "high_value" not in recs["16.88万件"].qualifiers  # no high-value grants
    assert "invention" in recs["16.88万件"].qualifiers
    assert "madrid" not in recs["906.46万件"].qualifiers  # no Madrid registrations held
    assert "valid" in recs["906.46万件"].qualifiers
    assert {"high_value", "invention"} <= recs["36.77万件"].qualifiers
    assert "madrid" in recs["2226件"].qualifiers


@pytest.mark.parametrize("text", [
    "马德里国际商标注册申请量2226件;截至2024年底,有效注册商标量906.46万件。",  # the first clause's too
    "Madrid applications were 2,226; valid registrations reached 9.06 million.",
])
def test_the_first_clauses_qualifier_is_its_own_figures(text: str) -> None:
    recs = list(_records(text, lang="en" if text.isascii() else "zh").values())
    assert "madrid" in recs[0].qualifiers and "madrid" not in recs[1].qualifiers


def test_the_scene_a_sentence_sets_qualifies_every_clause() -> None:
    recs = _records("截至2024年底,有效发明专利;其中企业拥有5.1万件;高校拥有1.2万件。")
    assert all({"valid", "invention"} <= r.qualifiers for r in recs.values())
    parts = _records("全省有效发明专利拥有量79.23万件;其中企业拥有68.82万件。")  # a breakdown of the clause before
    assert {"valid", "invention"} <= parts["68.82万件"].qualifiers
