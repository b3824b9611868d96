"""A figure from another place is never the answer nor the figure a claim is judged against; a
question naming no place gets the best figure with its place named, and the provinces that give
it too (qa.decide, qa.where on synthetic records: fast, offline)."""

from __future__ import annotations

import pytest

from qa.decide import Thresholds, claim_source, decide_answer, judge
from qa.where import figure_place, lead, provinces_with_figure, which_place
from tests.qa.synthetic import Corpus, chunk

T = Thresholds()
GD = chunk("2024年,全省法院新收知识产权案件83308件。", cid="gd", doc="gd", place="guangdong")
JS = chunk("2024年,全省法院新收知识产权案件61234件。", cid="js", doc="js", place="jiangsu")
SZ = chunk("2024年,深圳法院新收知识产权案件30123件。", cid="sz", doc="gd2", place="guangdong")


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("2024年广东法院新收知识产权案件多少件?", 83308),
        ("2024年廣東法院新收知識產權案件多少件?", 83308),
        ("How many IP cases did Guangdong courts accept in 2024?", 83308),
        ("2024年江苏法院新收知识产权案件多少件?", 61234),
        ("2024年江苏省法院新收知识产权案件多少件?", 61234),
        ("2024年深圳法院新收知识产权案件多少件?", 30123),
        ("2024年广东深圳法院新收知识产权案件多少件?", 30123),
    ],
)
def test_a_question_naming_a_place_gets_that_places_figure(question: str, value: float) -> None:
    corpus = Corpus(GD, JS, SZ)
    figs = corpus.rank(corpus.frame(question))
    d = decide_answer(figs, T)
    assert d.chosen is not None and d.chosen.figure.value == value
    # another province's or city's figure is ruled out; a city's within the province asked is weighed down
    assert all(f.features["other_place"] < 0 or f.features["city_figure"] < 0 for f in figs if f.figure.value != value)
    assert all(f.features["other_place"] < 0 for f in figs if f.chunk.place != d.chosen.chunk.place)


@pytest.mark.parametrize(
    ("chunks", "question"),
    [
        ((GD, SZ), "2024年江苏法院新收知识产权案件多少件?"),  # only Guangdong's documents
        ((GD, JS), "2024年北京法院新收知识产权案件多少件?"),
        ((GD, JS), "2024年深圳法院新收知识产权案件多少件?"),  # nor the province's for Shenzhen
    ],
)
def test_a_figure_from_another_place_is_never_the_answer(chunks: tuple, question: str) -> None:
    corpus = Corpus(*chunks)
    d = decide_answer(corpus.rank(corpus.frame(question)), T)
    assert d.chosen is None and "another place" in d.reason


def test_a_question_about_a_province_prefers_its_own_figure_and_names_a_citys() -> None:
    corpus = Corpus(GD, SZ)
    figs = corpus.rank(corpus.frame("2024年广东法院新收知识产权案件多少件?"))
    assert figs[0].figure.value == 83308  # the province's own figure
    assert next(f for f in figs if f.figure.value == 30123).features["city_figure"] < 0
    only_city = Corpus(JS, SZ)
    d = decide_answer(only_city.rank(only_city.frame("2024年广东法院新收知识产权案件多少件?")), T)
    # Only Shenzhen's is given: never Jiangsu's; if Shenzhen's is given, the answer names Shenzhen.
    assert d.chosen is None or (d.chosen.figure.value == 30123 and figure_place(d.chosen) == "shenzhen")
    assert lead("shenzhen", "zh") == "深圳："


def _source(corpus: Corpus, claim: str):  # type: ignore[no-untyped-def]
    frame = corpus.frame(claim, "claim")
    claimed = frame.figures[0]
    return claimed, claim_source(claimed, corpus.rank(frame.model_copy(update={"figures": [claimed]})), True, T)


def test_a_claim_about_another_province_is_not_judged_against_this_ones_figure() -> None:
    _, d = _source(Corpus(GD, SZ), "2024年江苏法院新收知识产权案件83308件")
    assert d.chosen is None and "another place" in d.reason  # not_found, never "supported"
    _, d = _source(Corpus(GD, SZ), "2024年江苏法院新收知识产权案件9万件")
    assert d.chosen is None  # nor "contradicted" by Guangdong's figure


def test_a_claim_about_a_province_is_judged_against_its_own_figure() -> None:
    claimed, d = _source(Corpus(GD, JS), "2024年江苏法院新收知识产权案件61234件")
    assert d.chosen is not None and d.chosen.chunk.id == "js"
    assert judge(claimed, d.chosen, [2024], [])[0] == "supported"
    claimed, d = _source(Corpus(GD, JS), "2024年广东法院新收知识产权案件61234件")
    assert d.chosen is not None and d.chosen.chunk.id == "gd"
    assert judge(claimed, d.chosen, [2024], [])[0] == "contradicted"


def test_a_question_naming_no_place_names_the_chosen_one_and_the_others_that_give_it() -> None:
    corpus = Corpus(GD, JS)
    frame = corpus.frame("2024年全省法院新收知识产权案件多少件?")
    figs = corpus.rank(frame)
    best = figs[0]
    provinces = provinces_with_figure(frame, figs, best)
    assert provinces[0] == figure_place(best) and set(provinces) == {"guangdong", "jiangsu"}
    assert "江苏" in which_place(provinces, "zh") or "广东" in which_place(provinces, "zh")
    named = corpus.frame("2024年江苏法院新收知识产权案件多少件?")
    assert provinces_with_figure(named, corpus.rank(named), best) == []


def test_with_one_province_nothing_is_ambiguous_and_the_answer_names_it() -> None:
    corpus = Corpus(GD, SZ)
    frame = corpus.frame("2024年全省法院新收知识产权案件多少件?")
    figs = corpus.rank(frame)
    d = decide_answer(figs, T)
    assert d.chosen is not None and d.chosen.figure.value == 83308
    assert provinces_with_figure(frame, figs, d.chosen) == []
    assert figure_place(d.chosen) == "guangdong"
    assert lead(figure_place(d.chosen), "zh") == "广东：" and lead("guangdong", "en") == "Guangdong: "
    assert which_place([], "en") == ""
