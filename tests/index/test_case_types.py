"""Case types a question asks about and a figure counts (index.case_types): criminal and civil counts
answer nothing about each other."""

from __future__ import annotations

import pytest

from index.case_types import case_type_conflict, case_types


@pytest.mark.parametrize(("text", "types"), [
    ("十三五期间全省法院审结的知识产权刑事案件有多少件?", {"criminal"}),
    ("全省法院审结知识产权民事案件", {"civil"}),
    ("審結知識產權刑事案件", {"criminal"}),  # traditional script
    ("How many criminal IP cases did the courts conclude?", {"criminal"}),
    ("damages in civil IPR cases across the province", {"civil"}),
    ("What compensation did judges order in non-criminal IP disputes?", set()),  # negated: names none
    ("非刑事案件", set()),
    ("全省法院新收各类知识产权案件", set()),
    ("civil and criminal cases", {"civil", "criminal"}),
])
def test_case_types(text: str, types: set[str]) -> None:
    assert case_types(text) == types


@pytest.mark.parametrize(("asked", "metric", "conflict"), [
    ("十三五期间法院审结的知识产权 刑事 案件有多少件?", "全省法院审结知识产权民事案件", True),
    ("十三五期间法院审结的知识产权刑事案件有多少件?", "刑事案件", False),
    ("十三五期间法院审结了多少知识产权案件?", "全省法院审结知识产权民事案件", False),  # the question names none
    ("How many criminal cases were concluded?", "全省法院新收各类知识产权案件", False),  # the metric names none
    ("民事和刑事案件各多少?", "刑事案件", False),
])
def test_case_type_conflict(asked: str, metric: str, conflict: bool) -> None:
    assert case_type_conflict(case_types(asked), metric) is conflict


@pytest.mark.parametrize(("asked", "metric", "sentence", "roles", "conflict"), [
    # the sentence names no type: its figure counts every type together, no answer about one
    ("How many IP criminal cases did the courts conclude in 2024?", "审结", "审结88462件,结收比106.19%;",
     ("court", "conclude"), True),
    ("2024年法院审结了多少知识产权民事案件?", "审结", "审结88462件,结收比106.19%;", ("court", "conclude"), True),
    # a type named anywhere in the sentence (or its section's title) makes it that type's
    ("2024年法院审结了多少知识产权刑事案件?", "审结", "审结知识产权刑事案件1.2万件 三、刑事保护", ("court", "conclude"),
     False),
    # an agency or action whose every case is of one type: the police's solved cases are criminal ones
    ("How many IP criminal cases did the police solve?", "破案", "破案1926件,破案率上升10.12%;",
     ("police", "solve_case"), False),
    ("How many criminal suspects did prosecutors approve the arrest of?", "approved the arrest of ... suspects",
     "approved the arrest of 1,854 suspects in 1,265 cases", ("procuratorate", "approve_arrest"), False),
    ("How many civil cases did the police solve?", "破案", "破案1926件", ("police", "solve_case"), True),
    # the procuratorates accept civil supervision cases too: not one type by agency alone
    ("检察机关受理了多少知识产权刑事案件?", "受理", "受理228件", ("procuratorate", "accept"), True),
    # a question naming no type conflicts with nothing; without the sentence, only the metric is read
    ("2024年法院审结了多少知识产权案件?", "审结", "审结88462件", ("court", "conclude"), False),
])
def test_a_total_of_every_type_is_no_answer_about_one(asked: str, metric: str, sentence: str,
                                                      roles: tuple[str, str], conflict: bool) -> None:
    assert case_type_conflict(case_types(asked), metric, sentence, roles) is conflict


def test_without_its_sentence_only_a_metric_naming_another_type_conflicts() -> None:
    assert not case_type_conflict(case_types("How many criminal cases were concluded?"), "审结")


@pytest.mark.parametrize(("asked", "sentence", "conflict"), [
    # 犯罪 makes a sentence criminal (the procuratorates' rises have no action of one type)
    ("检察机关批准逮捕的知识产权刑事案件同比上升多少?", "批准逮捕侵犯知识产权犯罪案件1265件,同比上升64.29%", False),
    # a sentence naming only another type is that type's, no answer about this one
    ("检察机关受理了多少知识产权刑事案件?", "受理知识产权民事监督案件228件,向法院发送再审检察建议34件", True),
])
def test_a_sentence_of_one_type_answers_only_that_type(asked: str, sentence: str, conflict: bool) -> None:
    assert case_type_conflict(case_types(asked), "", sentence, ("procuratorate", None)) is conflict


def test_crime_words_in_a_question_ask_no_type() -> None:
    assert case_types("全省检察机关持续加大侵犯知识产权犯罪打击力度") == frozenset()
