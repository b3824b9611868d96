"""The unit a question asks and how a figure's unit fits it (qa.intent.unit_guessed, bracketed_unit;
qa.unit_fit): a measure word guessed from an English noun is weaker evidence than one written."""

from __future__ import annotations

import pytest

from index.glossary import Glossary
from qa.intent import bracketed_unit, unit_for_question, unit_guessed
from qa.unit_fit import names_counted_noun, outmatched, unit_fit


@pytest.mark.parametrize(("question", "units", "guessed"), [
    # an English noun's measure word is the lexicon's guess
    ("How many projects entered the contest in 2024?", {"项"}, True),
    ("How many officers did the copyright authorities send out?", {"人", "名"}, True),
    # a unit written in brackets is the one asked, whatever the noun before it would give
    ("How many 执法人员 (person-times) did the copyright authorities deploy in 2024?", {"人次"}, False),
    ("How many trainees (person-times) did the two bases train?", {"人次"}, False),
    ("How many infringing goods (in batches) did customs seize?", {"批", "批次"}, False),
    # a bracket that is no unit leaves the noun's guess
    ("How many cases (2024) did the courts conclude?", {"件", "宗", "起", "案"}, True),
    # an English noun that is a measure word itself is written, not guessed (measure_nouns_en.txt)
    ("How many person-times of officers did Guangdong deploy in 2024?", {"人次"}, False),
    ("How many batches of fakes did customs seize?", {"批", "批次"}, False),
    ("How many times did officials head out?", {"次"}, False),
    # a measure word the question writes is no guess
    ("2024年广东出动执法人员多少人次?", {"人次"}, False),
    # money and no unit: nothing guessed
    ("How much money did the fines come to?", {"元", "美元"}, False),
    ("What happened in 2023?", None, False),
])
def test_a_questions_unit_and_whether_it_is_guessed(question: str, units: set[str] | None, guessed: bool) -> None:
    assert unit_for_question(question) == units
    assert unit_guessed(question) is guessed


@pytest.mark.parametrize(("question", "unit"), [
    ("How many 执法人员 (person-times)?", "人次"),
    ("How many trainees (counted in person-times)?", "人次"),
    ("How many officers (not person-times)?", ""),
    ("How many officers (excluding person-times)?", ""),
    ("How many cases (year)?", ""),  # a duration is no count asked
    ("How many 执法证 (law enforcement credentials) were issued?", "张"),  # a gloss of the noun names its unit
    ("How many goods (not counting batches)?", ""),
    ("How many officers (without person-times)?", ""),
    ("How many (IP) cases?", ""),
    ("How many cases（2024年）?", ""),
])
def test_a_bracketed_unit(question: str, unit: str) -> None:
    assert bracketed_unit(question) == unit


@pytest.mark.parametrize(("asked", "unit", "lang", "guessed", "fit"), [
    (("项",), "项", "zh", True, (1.0, 0.0)),
    (("项",), "个", "zh", True, (-0.5, -1.0)),  # 619個 projects: weaker, not ruled out
    (("项",), "次", "zh", True, (-0.5, -1.0)),
    (("人", "名"), "人次", "zh", True, (-0.5, -1.0)),  # 43667人次 for "officers": occurrences of people
    (("件", "宗", "起", "案"), "件次", "zh", True, (-0.5, -1.0)),
    # a measure word of another kind of thing is still another unit: 宗 counts no people
    (("人", "名"), "宗", "zh", True, (-1.0, 0.0)),
    (("人", "名"), "家", "zh", True, (-1.0, 0.0)),
    (("项",), "人次", "zh", True, (-1.0, 0.0)),
    # a general classifier the question wrote counts anything ("立了多少个案子", "几条做法"): weaker, not ruled out
    (("项",), "个", "zh", False, (-0.5, -1.0)),
    (("个",), "宗", "zh", False, (-0.5, -1.0)),
    (("条",), "项", "zh", False, (-0.5, -1.0)),
    # ... never people or organisations: 个 is no 人 / 家 ("批准逮捕…案件1854个" is no 1854人)
    (("个",), "名", "zh", False, (-1.0, 0.0)),
    (("个",), "人次", "zh", False, (-1.0, 0.0)),
    # ... but not money, a duration or occurrences ("how many times"), nor a specific measure word's
    (("个",), "亿元", "zh", False, (-1.0, 0.0)),
    (("次",), "人", "en", False, (-1.0, 0.0)),
    (("次",), "件", "zh", False, (-1.0, 0.0)),
    (("件",), "宗", "zh", False, (1.0, 0.0)),
    (("批次",), "件", "zh", False, (-1.0, 0.0)),
    (("项",), "个", "en", True, (-1.0, 0.0)),  # an English figure's own noun counts something else
    (("项",), "亿元", "zh", True, (-1.0, 0.0)),  # money is no count of projects
    (("项",), "", "zh", True, (-0.5, 0.0)),  # no unit: the number is the evidence
    # a guess that is itself a general classifier ("records" gave 条) is no firm measure word: 234萬件 records
    (("条",), "件", "zh", True, (-0.5, -1.0)),
    (("项",), "件", "zh", True, (-0.5, -1.0)),
    (("条",), "人", "zh", True, (-1.0, 0.0)),  # ... but never people or organisations
    (("条",), "家", "zh", True, (-1.0, 0.0)),
    (("条",), "亿元", "zh", True, (-1.0, 0.0)),
    (("件",), "批次", "zh", True, (-1.0, 0.0)),  # a specific guess stays one
])
def test_how_a_figures_unit_fits(asked: tuple[str, ...], unit: str, lang: str, guessed: bool,
                                 fit: tuple[float, float]) -> None:
    assert unit_fit(asked, guessed, unit, lang) == fit


def test_a_claims_own_general_classifier_states_its_unit() -> None:
    assert unit_fit(("个",), False, "宗", "zh", question=False) == (-1.0, 0.0)
    assert unit_fit(("个",), False, "宗", "zh", question=True) == (-0.5, -1.0)


def test_a_rank_or_share_is_never_a_count_in_another_measure_word() -> None:
    assert unit_fit(("项",), True, "个", "zh", counted=False) == (-1.0, 0.0)


@pytest.mark.parametrize(("unit", "lang", "fit"), [
    ("人", "en", (-0.5, -1.0)),  # "43,667 law enforcement officers" for 43667人次
    ("名", "en", (-0.5, -1.0)),
    ("件", "en", (-1.0, 0.0)),
    ("人", "zh", (-1.0, 0.0)),  # the Chinese writes person-times where it means them
])
def test_an_english_figure_of_people_may_be_the_person_times_asked(unit: str, lang: str,
                                                                   fit: tuple[float, float]) -> None:
    assert unit_fit(("人次",), False, unit, lang) == fit


def test_a_figure_in_a_guessed_units_stead_is_no_rival_to_one_in_it() -> None:
    assert outmatched({"unit": -0.5, "guessed_unit": -1.0}, {"unit": 1.0})
    assert not outmatched({"unit": -0.5, "guessed_unit": -1.0}, {"unit": -0.5, "guessed_unit": -1.0})
    assert not outmatched({"unit": -0.5}, {"unit": 1.0})  # no unit named: a rival as before


@pytest.mark.parametrize(("asked", "unit", "fit"), [
    (("家", "个", "所"), "人", (-0.5, -1.0)),  # "抓了4870个犯罪嫌疑人" against "4,870 criminal suspects"
    (("家", "个", "所"), "件", (-0.5, -1.0)),
    (("家", "个", "所"), "批次", (-1.0, 0.0)),  # batches are not counted one by one
    (("家", "个", "所"), "人次", (-1.0, 0.0)),  # nor are occurrences
])
def test_an_english_figure_counted_one_by_one_where_the_question_writes_ge(asked: tuple[str, ...], unit: str,
                                                                        fit: tuple[float, float]) -> None:
    assert unit_fit(asked, False, unit, "en") == fit



def _senses() -> Glossary:
    g = Glossary()
    g.set_senses({"建议": frozenset({"recommend", "recommendat", "suggest"}), "意见": frozenset({"opin"}), "培训": frozenset({"train"})})
    return g


@pytest.mark.parametrize(("head", "lang", "before", "after", "named"), [
    # an English source figure counts the noun in its own phrase after it
    ("opinions", "en", "", " cases of rights protection opinion issuance.", True),
    ("adjudications", "en", "", " cases of rights protection opinion issuance.", False),
    # not a noun far past it
    ("opinions", "en", "", " cases were handled in total across the province by the opinion", False),
    # a Chinese metric through the dictionary senses of the word it ends with, right before the figure
    ("recommendations", "zh", "向法院发送再审检察建议", "", True),
    ("recommendations", "zh", "提出检察建议的案件", "", False),
    ("sessions", "zh", "累计完成培训", "", False),
])
def test_a_source_figure_counts_the_noun_a_unitless_figure_counts(head: str, lang: str, before: str, after: str,
                                                                 named: bool) -> None:
    assert names_counted_noun(head, lang, before, after, _senses()) is named
