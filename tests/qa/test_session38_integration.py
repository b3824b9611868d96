"""Session 38 on the real index: a qualifier of another ；-clause is that clause's figures' (no
high-value grants, no Madrid registrations held); a percent no one asked for is no rival to the
count asked. Questions and claims written for these tests from the 2024 white paper."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import given_figure, real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize("question", [
    "2024年广东授权了多少件高价值发明专利?",  # 16.88万件 are all invention patents granted
    "How many high-value invention patents were granted in Guangdong in 2024?",
    "截至2024年底,广东马德里商标有效注册量是多少件?",  # 906.46万件 are all trademarks in force
])
def test_a_qualifier_of_another_clause_lends_nothing(qa: QA, question: str) -> None:
    assert given_figure(qa, question) is None


@pytest.mark.parametrize(("question", "figure"), [
    ("2024年广东有效注册商标量是多少?", "906.46万件"),
    ("截至2024年底广东高价值发明专利拥有量是多少?", "36.77万件"),
])
def test_a_clauses_own_qualifier_still_answers(qa: QA, question: str, figure: str) -> None:
    assert given_figure(qa, question) == figure


def test_a_solved_count_leads_the_next_count_not_its_rate(qa: QA) -> None:
    assert given_figure(qa, "2024年广东警方侦破的知识产权刑事案件数目是多少?") == "1926件"


@pytest.mark.parametrize("claim", [
    "Guangdong courts closed 88,462 IP cases in 2024, more than the number of new IP cases they took in that year.",
    "2024年广东法院审结知识产权案件88462件,多于当年新收的案件数。",
])
def test_a_lone_figure_is_judged_by_the_actions_of_its_clause(qa: QA, claim: str) -> None:
    verdict = qa.verify(claim)
    assert verdict.verdict == "supported" and verdict.found is not None and verdict.found.value == 88462
