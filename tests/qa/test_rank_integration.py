"""The figure ranking on the real index: marks that depend on the real tokenizer, glossary and
dictionary senses, which the synthetic corpus of test_rank does not reproduce. Questions written for
these tests from the 2024 white paper."""

from __future__ import annotations

import pytest

from qa.api import QA
from qa.rank import ScoredFigure
from tests.support import ranked_figures, real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


def _first_of(figs: list[ScoredFigure], text: str) -> ScoredFigure:
    return next(f for f in figs if f.figure.text == text)


def test_the_first_figures_action_is_unasked_where_the_question_names_none(qa: QA) -> None:
    figs = ranked_figures(qa, "2024年,粤省各级审判机关已经了结的涉智慧财产诉讼有多少?")
    # 新收 sits in 83308件's metric; the question uses none of its words, nor 审结's
    assert _first_of(figs, "83308件").features["unasked_action"] == -1.0
    assert _first_of(figs, "88462件").features["unasked_action"] == -1.0
    assert figs.index(_first_of(figs, "88462件")) < figs.index(_first_of(figs, "83308件"))


def test_a_question_about_what_exists_prefers_the_stock_to_what_was_done(qa: QA) -> None:
    answer = qa.ask("截至2024年12月广东一共有多少个地理标志产品?")
    assert answer.status == "answered" and "166" in answer.answer


def test_the_first_figures_action_words_reached_through_the_glossary_are_asked(qa: QA) -> None:
    # "got" names no action the ontology knows; "new … cases" is 新收 through the glossary
    frame = qa._analyse("How many new IP cases did Guangdong courts get in 2024?", "question")
    assert not frame.actions
    _, figs = qa.candidates(frame, qa.rerank_weights)
    assert _first_of(figs, "83308件").features["unasked_action"] == 0.0
