"""A rate of change read at index time as its figure's: the action, the unit's things, the translation's
figure; and the figure a claim's own rate describes."""

from __future__ import annotations

import pytest

from index.figures import parse_figures
from index.rate_ties import asked_count_unit, described_unit
from qa.claim_clauses import claim_clauses
from tests.qa.synthetic import Corpus, chunk

ARRESTS_ZH = ("2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、68.24%;起诉1779件3192人,"
              "同比分别上升61.73%、62.94%。")
# The translation names the people before the cases and keeps the rates' order: 64.29% stays the cases' rise.
ARRESTS_EN = ("In 2024, procuratorial organs across the province approved the arrest of 1,854 suspects involved in 1,265 "
              "IPR infringement cases, representing year-on-year increases of 64.29% and 68.24% respectively.")


def _pair() -> Corpus:
    zh = chunk(ARRESTS_ZH, cid="z", section=("一、概况",))
    en = chunk(ARRESTS_EN, cid="e", lang="en", section=("I. Overview",))
    return Corpus(zh.model_copy(update={"linked_section": ["I. Overview"]}),
                  en.model_copy(update={"linked_section": ["一、概况"]}))


def test_a_list_of_rates_over_figures_of_different_units_tells_them_apart_by_what_each_unit_counts() -> None:
    recs = {r.text: r for r in Corpus(chunk(ARRESTS_ZH, cid="c")).records}
    assert {"案件", "cas"} <= recs["64.29%"].item_tokens and {"人数", "嫌疑人", "suspect"} <= recs["64.29%"].other_item_tokens
    assert {"人数", "嫌疑人", "suspect"} <= recs["68.24%"].item_tokens and "案件" in recs["68.24%"].other_item_tokens
    # the whole word of a form only: "犯罪嫌疑人" is no "犯罪", which the cases' sentences use as much
    assert "犯罪" not in recs["68.24%"].item_tokens
    assert (recs["64.29%"].rate_of.unit, recs["68.24%"].rate_of.unit) == ("件", "人")


def test_a_list_of_rates_over_figures_of_one_unit_takes_no_unit_words() -> None:
    recs = {r.text: r for r in Corpus(chunk(
        "全省发明专利有效量、有效注册商标量分别达到35.1万件和543.0万件,较2015年末分别增长152.4%和227.2%。", cid="c")).records}
    assert not ({"案件", "人数"} & (recs["152.4%"].item_tokens | recs["152.4%"].other_item_tokens))


def test_a_translated_rate_describes_what_the_chinese_rate_describes() -> None:
    corpus = _pair()
    by_id = {r.id: r for r in corpus.records}
    en = {r.text: r for r in corpus.records if r.lang == "en"}
    assert by_id[en["64.29%"].rate_of.figure_id].text == "1,265 IPR infringement cases"
    assert by_id[en["68.24%"].rate_of.figure_id].text == "1,854 suspects"
    assert en["64.29%"].action == "approve_arrest" and "cas" in en["64.29%"].item_tokens


@pytest.mark.parametrize(("claim", "rate", "unit"), [
    ("2024年全省检察机关批准逮捕1854人,同比上升64.29%。", "64.29%", "人"),
    ("批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、68.24%。", "68.24%", "人"),
    ("批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、68.24%。", "64.29%", "件"),
    ("Guangdong police filed 2,249 criminal IPR cases, up 5.8% year on year.", "5.8%", "件"),
    # its own words name the count: they say whose change it is, wherever it stands
    ("2024年全省检察机关批准逮捕侵犯知识产权犯罪案件1265件,人数同比上升64.29%。", "64.29%", "人"),
    ("In 2024 prosecutors approved the arrest of 1,854 people, with the number of cases up 68.24%.", "68.24%", "件"),
    ("2024年广东质押融资额3453.97亿元,企业数同比增长49.74%。", "49.74%", "家"),
    # a list's rate by its place in the list, though the list names the other figure's things between
    ("批准逮捕犯罪嫌疑人1854人、案件1265件,同比分别上升64.29%、68.24%。", "64.29%", "人"),
    # its own words name a counted thing, but not as a count: nothing sure
    ("In 2024 prosecutors approved 1,854 arrests, with cases up 68.24%.", "68.24%", ""),
    # a rate with no figure before it says whose change it is by the count its words name
    ("2024年全省检察机关批准逮捕人数同比上升64.29%。", "64.29%", "人"),
    ("2024年广东批捕人数增长68.24%,起诉人数增长61.73%。", "61.73%", "人"),
    # a rate alone naming no count, or two rates of one figure without 分别: nothing says which figure
    ("2024年全省检察机关批准逮捕同比上升64.29%。", "64.29%", ""),
    ("全省新收案件83308件,同比增长8.54%、2.36%。", "8.54%", ""),
    # a count is no one's change, though its words name what it counts
    ("2024年全省检察机关起诉人数3192人,同比上升61.73%。", "3192人", ""),
])
def test_the_unit_of_the_figure_a_claims_rate_describes(claim: str, rate: str, unit: str) -> None:
    figures = parse_figures(claim)
    assert described_unit(claim, figures, next(f for f in figures if f.text == rate)) == unit


@pytest.mark.parametrize(("question", "answer"), [
    ("2024年全省检察机关批准逮捕人数同比上升多少?", "68.24%"),
    ("2024年全省检察机关批准逮捕的犯罪嫌疑人同比增长了多少?", "68.24%"),
    ("2024年全省检察机关批准逮捕侵犯知识产权犯罪案件数同比上升多少?", "64.29%"),
    ("By how much did the number of suspects prosecuted rise in 2024?", "62.94%"),
    ("How much did the number of cases prosecuted rise in 2024?", "61.73%"),
])
def test_a_question_naming_what_is_counted_is_no_question_about_the_other_rate_of_its_list(question: str,
                                                                                            answer: str) -> None:
    corpus = Corpus(chunk(ARRESTS_ZH, cid="c"))
    ranked = corpus.rank(corpus.frame(question))
    rates = [sf for sf in ranked if sf.record.kind == "percent" and sf.features.get("other_item", 0.0) == 0
             and sf.features.get("action", 0.0) == 0]
    assert [sf.record.text for sf in rates] == [answer]


@pytest.mark.parametrize(("question", "unit"), [
    ("2024年知识产权质押融资惠及企业数同比增长多少?", "家"),
    ("2024年质押融资惠及的中小企业数量增长了多少?", "家"),
    ("By how much did the number of enterprises benefiting from pledge financing grow?", "家"),
    ("2023年广州商标行政处罚罚没金额同比增长多少?", "元"),
    ("2024年全省检察机关批准逮捕人数同比上升多少?", "人"),
    ("How much did the number of suspects approved for arrest rise?", "人"),
    ("2024年全省公安机关立案2249件,同比增长多少?", "件"),  # the one figure it states
    # a counted thing right before its rise or fall: the things grew
    ("2024年质押融资惠及企业同比增长多少?", "家"),
    ("2024年全省法院新收案件同比下降多少?", "件"),
    ("2024年知识产权刑事案件增长了多少?", "件"),
    ("2024年企业专利质押融资同比增长多少?", ""),  # whose financing, not how many
    # naming no count, or the thing only as whose it is ("企业的质押融资"), or two counts that cannot be one
    ("2024年专利商标质押融资同比增长多少?", ""),
    ("How much did enterprises' pledge financing grow in 2024?", ""),
    ("2024年批准逮捕案件数和人数同比分别上升多少?", ""),
])
def test_the_count_a_change_question_names(question: str, unit: str) -> None:
    assert asked_count_unit(question, parse_figures(question)) == unit


@pytest.mark.parametrize(("question", "rate"), [
    ("2024年全省专利商标质押融资惠及企业数同比增长多少?", None),  # 49.74% is the amount's rise
    ("2024年全省专利商标质押融资金额同比增长多少?", "49.74%"),
    ("By how much did the number of companies benefiting from pledge financing grow in 2024?", None),
])
def test_a_rate_of_another_count_is_no_answer(question: str, rate: str | None) -> None:
    corpus = Corpus(chunk("2024年,全省专利商标质押融资额3453.97亿元,同比增长49.74%,位居全国第2,惠及企业5067家。", cid="c"))
    ranked = corpus.rank(corpus.frame(question))
    left = [sf.record.text for sf in ranked if sf.record.kind == "percent" and sf.features.get("other_item", 0.0) == 0]
    assert (left[0] if left else None) == rate


def test_a_claims_rate_is_looked_up_by_the_words_of_the_figure_it_describes() -> None:
    claim = "广州2023年办结专利侵权纠纷案件2282宗,办理商标行政处罚案件1568宗,同比分别增加11.81%、12.24%。"
    figures = [f for f in parse_figures(claim) if f.kind in ("quantity", "percent")]
    words = {c.figure.text: c.words for c in claim_clauses(claim, figures, lambda w: True)}
    assert "办结专利侵权纠纷案件" in words["11.81%"] and "商标" not in words["11.81%"]
    assert "办理商标行政处罚案件" in words["12.24%"]
