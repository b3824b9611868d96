"""Comparisons: the change, the rate a document states beside the later figure, and whether they
agree within the rounding of the printed figures (pure; corpus sentences, no model)."""

from __future__ import annotations

import re

import pytest

from index.figures import parse_figures
from index.records import FigureRecord
from qa.compare import (
    asked_direction,
    change,
    measure_mismatch,
    printed_step,
    rates_agree,
    stated_direction,
    stated_rate,
    states_year_on_year,
)
from tests.qa.synthetic import chunk


def fig(text: str):  # type: ignore[no-untyped-def]
    return parse_figures(text)[0]


@pytest.mark.parametrize(("before", "after", "diff", "pct"), [
    (91000, 83308, -7692, -8.4527),
    (800, 1265, 465, 58.125),
    (15766, 14420, -1346, -8.5374),
    (0, 5, 5, None),
])
def test_change(before: float, after: float, diff: float, pct: float | None) -> None:
    d, p = change(before, after)
    assert d == pytest.approx(diff)
    assert (p is None and pct is None) or p == pytest.approx(pct, abs=1e-3)


@pytest.mark.parametrize(("text", "step"), [
    ("9.1萬件", 1000), ("83308件", 1), ("800件", 1), ("8.54%", 0.01), ("5.8%", 0.1),
    ("33.14 million items", 10000), ("2306.71億元", 1e6), ("1,265 cases", 1),
])
def test_printed_step(text: str, step: float) -> None:
    assert printed_step(fig(text)) == pytest.approx(step)


@pytest.mark.parametrize(("before", "after", "rate", "pct", "agrees"), [
    # 83308 on 9.1万 is -8.45% as printed, but 9.1万 stands for 90,500-91,500: -8.54% fits.
    ("9.1萬件", "83308件", "8.54%", -8.54, True),
    # the example: a rise of 64.29% to 1265 implies about 770, the 2023 paper says 800.
    ("800件", "1265件", "64.29%", 64.29, False),
    ("1926件", "2249件", "16.77%", 16.77, True),
    ("1926件", "2249件", "5.8%", 5.8, False),
    ("1926件", "2249件", "16.8%", -16.8, False),  # the right size, the wrong direction
    ("9.1萬件", "83308件", "三成", -30, None),  # a bounded rate ("超三成") cannot be checked
])
def test_rates_agree(before: str, after: str, rate: str, pct: float, agrees: bool | None) -> None:
    stated = fig(rate)
    if rate == "三成":
        stated = stated.model_copy(update={"qualifier": "more_than"})
    assert rates_agree(fig(before), fig(after), pct, stated) is agrees


COURTS = "2024年,全省法院新收各类知识产权案件83308件,同比减少8.54%;审结88462件,结收比106.19%,同比提高2.36%;存案11337件"
ARRESTS = "2024年,全省检察机关持续加大侵犯知识产权犯罪打击力度,批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、68.24%;起诉1779件3192人"
EN_ONE = ("In 2024, all courts across the province received 83,308 new IPR cases of various types, representing a "
          "year-on-year decrease of 8.54%. ")
EN_TWO = ("In 2024, procuratorial organs across the province approved the arrest of 1,854 suspects involved in 1,265 "
          "IPR infringement cases, representing year-on-year increases of 64.29% and 68.24%, respectively. ")


def _index_of(text: str, c) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, f in enumerate(c.figures) if f.text.replace(",", "").startswith(text))


@pytest.mark.parametrize(("text", "lang", "figure", "pct"), [
    (COURTS, "zh", "83308", -8.54),
    (COURTS, "zh", "88462", None),  # 2.36% is the ratio's change, with 106.19% between
    (COURTS, "zh", "11337", None),
    (ARRESTS, "zh", "1265", 64.29),
    (ARRESTS, "zh", "1854", 68.24),
    (ARRESTS, "zh", "1779", None),  # its own clause states no rate
    (EN_ONE, "en", "83308", -8.54),
    (EN_TWO, "en", "1265", None),  # the translation reorders the figures, not the rates
    # A change right after the figure naming no base is against the year before, as 同比 would say
    (COURTS + ",大幅减少31.17%;", "zh", "11337", -31.17),
    ("There were 11,337 pending cases, a sharp decrease of 31.17%.", "en", "11337", -31.17),
    ("专利授权量69.26万件,增长1.6%。", "zh", "69.26", 1.6),
    # Words of their own between name another thing's change, a base or a level: no year-on-year rate of it
    ("破案1926件,破案率上升10.12%。", "zh", "1926", None),
    ("专利授权量69.26万件,其中发明专利增长15.6%。", "zh", "69.26", None),
    ("结案8.2万件,结案率提高至95.3%。", "zh", "8.2", None),
    ("发明专利有效量35.1万件,比“十二五”末增长152.4%。", "zh", "35.1", None),  # a base of its own
    ("There were 23,400 PCT applications, making up 12.3% of the national total.", "en", "23400", None),
    ("There were 11,337 pending cases, while invention patents grew 15.6%.", "en", "11337", None),
])
def test_stated_rate(text: str, lang: str, figure: str, pct: float | None) -> None:
    c = chunk(text, cid="c1", lang=lang)
    rate = stated_rate(c, _index_of(figure, c))
    assert (rate.pct if rate else None) == pct


def _record(**kw: object) -> FigureRecord:
    base: dict[str, object] = {
        "id": "c:0", "chunk_id": "c", "index": 0, "doc_id": "d", "source": "d.txt", "lang": "zh", "section": [],
        "text": "1件", "value": 1, "unit": "件", "kind": "quantity", "start": 0, "end": 2, "quote": "",
        "quote_start": 0, "raw_start": 0, "raw_end": 0, "metric": "", "clause": "", "qualifiers": frozenset(),
        "metric_qualifiers": frozenset(), "year": 2024, "agency": "court", "action": "accept",
        "metric_tokens": frozenset(), "context_tokens": frozenset(), "action_tokens": frozenset(),
        "segment_tokens": frozenset()}
    return FigureRecord.model_validate({**base, **kw})


@pytest.mark.parametrize(("other", "problem"), [
    ({}, None),
    ({"year": 2023, "agency": None}, None),  # a figure whose clause names no agency is not another's
    ({"unit": "人"}, "units"),
    ({"agency": "procuratorate"}, "agencies"),
    ({"action": "conclude"}, "actions"),
    ({"places": frozenset({"深圳"})}, "places"),
    ({"period": "stock"}, None),
    ({"metric_qualifiers": frozenset({"invention"})}, "qualified"),
])
def test_measure_mismatch(other: dict[str, object], problem: str | None) -> None:
    why = measure_mismatch(_record(), _record(**other))
    assert (why is None) if problem is None else (why is not None and problem in why)


def test_measure_mismatch_by_where_each_figure_is_for() -> None:
    # "the Guangdong Administration for Market Regulation …" names the province, "省市场监管局…" none:
    # in the province's own papers both are for Guangdong.
    named, unnamed = _record(places=frozenset({"guangdong"})), _record(places=frozenset())
    assert measure_mismatch(named, unnamed) is not None
    assert measure_mismatch(named, unnamed, ("guangdong", "guangdong")) is None
    assert measure_mismatch(named, unnamed, ("guangdong", "guangzhou")) is not None


@pytest.mark.parametrize(("text", "way"), [
    ("2024年全省共立知识产权刑事案件2249件,同比增长5.8%", 1),
    ("2024年全省共立知识产权刑事案件2249件，比上一年减少了5.8%", -1),
    ("新收各类知识产权案件83308件,同比减少8.54%", -1),
    ("In 2024, 2,249 criminal cases were filed, up 5.8% year on year", 1),
    ("new cases fell by 8.54% compared with 2023", -1),
    ("a year-on-year decrease of 8.54%", -1),
    ("a 8.54% decrease from 2023", -1),  # English after the rate
    ("cases were 8.54% lower than in 2023", -1),
    ("结收比106.19%", 0),  # a level, no change word
    # a respectively list later in the same English sentence, not in the next one
    ("Cases fell 8.54% year on year. Two rates rose 1% and 2% respectively.", -1),
    ("同比增长,占全国的5.8%", 0),  # the change word is another clause's
    ("2024年减少了不少,占全国5.8%", 0),
])
def test_the_direction_a_sentence_gives_its_rate(text: str, way: int) -> None:
    m = re.search(r"\d+(?:\.\d+)?%", text)
    assert m is not None
    assert stated_direction(text, m.start(), m.end()) == way


@pytest.mark.parametrize(("question", "way"), [
    ("2024年法院新收的知识产权案件比上一年少了百分之多少?", -1),
    ("2024年立案数同比下降了多少?", -1),
    ("2024年立案数同比增长了多少?", 1),
    ("By how much did new IP cases at Guangdong courts rise in 2024?", 1),
    ("By what percent did the cases fall in 2024?", -1),
    ("2024年立案数是增加还是减少了?", 0),  # both ways: asks which
    ("2024年新增的商标注册量是多少?", 0),  # 新增 is no rise
    ("2024年立案数比上一年变化了多少?", 0),
])
def test_the_direction_a_question_asks(question: str, way: int) -> None:
    assert asked_direction(question) == way


@pytest.mark.parametrize("text", [
    # a reviewer's true claims: the word is no direction of the rate itself
    "Growth in Guangdong's IP pledge financing fell from 137.75% in 2023 to 49.74% in 2024.",
    "The growth rate of Guangdong's IP pledge financing dropped to 49.74% in 2024 from 137.75% in 2023.",
    "2024年广东专利商标质押融资额同比增速从2023年的137.75%回落到49.74%。",
    "2024年全省法院新收知识产权案件83308件，同比不增反降8.54%。",
    "2024年全省法院新收知识产权案件83308件，由增转降8.54%。",
    "2024年全省法院新收知识产权案件83308件，同比负增长8.54%。",
    "In 2024 Guangdong courts received 83,308 new IP cases, a negative growth of 8.54% year on year.",
    "2024年全省法院新收知识产权案件83308件，增长率为-8.54%。",
    "2024年全省法院新收知识产权案件83308件，同比增幅为-8.54%。",
    "2024年全省法院提高结案效率存案压降31.17%。",
    "2024年全省法院存案和调撤率分别减少和上升31.17%、4.89%。",
    "In 2024, pending cases and the withdrawal rate of Guangdong courts fell and rose by 31.17% and 4.89% respectively.",
    "2024年全省公安立知识产权刑事案件并未减少5.8%。",
    # a second reviewer's: a rate of growth's level moving, an adjective of the level, a verb's particle "up"
    "2024年全省专利商标质押融资额增速回落为49.74%",
    "2024年全省专利商标质押融资额同比增幅下降为49.74%",
    "2024年全省专利商标质押融资额同比增长率降低为49.74%",
    "2024年廣東省專利商標質押融資額增速回落為49.74%",
    "In 2024, patent and trademark pledge financing in Guangdong grew by a lower 49.74%.",
    "In 2024, pledge financing of patents and trademarks kept growing, at a reduced 49.74%.",
    "In 2024, Guangdong courts took up 8.54% fewer new IP cases than in 2023.",
    "In 2024, new IPR cases received by Guangdong courts wound up 8.54% below the 2023 level.",
])
def test_no_direction_is_read_from_a_word_not_beside_the_rate(text: str) -> None:
    for m in re.finditer(r"\d+(?:\.\d+)?%", text):
        assert stated_direction(text, m.start(), m.end()) == 0, m.group()


@pytest.mark.parametrize(("text", "way"), [
    ("New IP cases taken up by Guangdong courts in 2024 were 8.54% lower than in 2023.", -1),  # not "up"
    ("In 2024, new IP cases received by Guangdong courts ended up 8.54% lower than in 2023.", -1),
    ("In 2024 new cases were up 8.54% year on year.", 1),
    ("Guangdong courts received 83,308 new IPR cases, up 8.54%.", 1),
    ("The backlog shrank by 31.17% in 2024.", 0),  # a word the list lacks: nothing read
    ("In 2024 the solution rate was rising by 10.12%.", 1),
    ("2024年全省共立知识产权刑事案件2249件，同比下跌5.8%。", -1),
])
def test_the_direction_right_beside_a_rate(text: str, way: int) -> None:
    m = re.search(r"\d+(?:\.\d+)?%", text)
    assert m is not None and stated_direction(text, m.start(), m.end()) == way


@pytest.mark.parametrize(("text", "says"), [
    ("2024年全省共立知识产权刑事案件2249件，比上一年减少了5.8%。", True),
    ("2024年新收案件同比减少8.54%", True),
    ("up 8.54% from the year before", True),
    ("8.54% fewer than in 2023", True),
    ("down 8.54% year on year", True),
    ("2024年全省法院新收知识产权案件比2023年增长8.54%", True),
    ("与2023年相比增加了8.54%", True),
    ("a decrease of 5.8% from 2023", True),
    ("rose from 2023 to 2024 by 5%", False),  # a span of years, no comparison with one
    ("2024年全省共立知识产权刑事案件2249件，减少了5.8%。", False),
    ("growth fell to 49.74%", False),
])
def test_a_text_says_it_compares_with_the_year_before(text: str, says: bool) -> None:
    assert states_year_on_year(text) is says
