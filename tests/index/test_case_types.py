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
