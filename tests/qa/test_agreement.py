"""Whether the lexical and the meaning evidence agree on the chosen figure (qa.agreement)."""

from __future__ import annotations

from qa.agreement import AGREEMENT_FEATURES, agreement
from qa.rank import ScoredFigure
from tests.qa.synthetic import Corpus, chunk


def _with(fig: ScoredFigure, **features: float) -> ScoredFigure:
    return ScoredFigure(fig.chunk, fig.record, fig.score, {**fig.features, **features})


def _figs() -> list[ScoredFigure]:
    corpus = Corpus(chunk("2024年,全省法院新收知识产权案件83308件,审结88462件。", cid="a"),
                    chunk("2024年,全省检察机关受理审查起诉侵犯知识产权犯罪案件4.78万件。", cid="b"))
    figs = corpus.rank(corpus.frame("2024年全省法院新收知识产权案件多少件?"))
    by_text = {f.figure.text: f for f in figs}
    return [_with(by_text["83308件"], meaning=0.9, context=0.8), _with(by_text["88462件"], meaning=0.4, context=0.7),
            _with(by_text["4.78万件"], meaning=1.0, context=0.2)]


def test_the_meaning_lead_is_over_the_best_candidate_of_another_value() -> None:
    figs = _figs()
    x = agreement(figs, figs[0])
    assert set(x) == set(AGREEMENT_FEATURES)
    assert abs(x["meaning_lead"] - (0.9 - 1.0)) < 1e-9
    assert x["lexical_agrees"] == 1.0
    # the candidate of most wording gives another value: no agreement
    other = agreement(figs, figs[2])
    assert abs(other["meaning_lead"] - (1.0 - 0.9)) < 1e-9 and other["lexical_agrees"] == 0.0


def test_a_lone_value_leads_fully_and_the_same_number_in_the_other_language_is_no_rival() -> None:
    figs = _figs()
    same = _with(figs[0], meaning=1.0, context=0.9)  # e.g. 83,308 in the English text
    x = agreement([figs[0], same], figs[0])
    assert x == {"meaning_lead": 1.0, "lexical_agrees": 1.0}


def test_a_sentence_s_figures_share_its_wording_and_its_clauses_decide() -> None:
    # 83308 and 88462 stand in one sentence: the clause most about the question leads, whichever scores best
    figs = _figs()
    total, closed = _with(figs[0], context=0.8, precision=0.2), _with(figs[1], context=0.8, precision=0.6)
    assert agreement([total, closed], total)["lexical_agrees"] == 0.0
    assert agreement([total, closed], closed)["lexical_agrees"] == 1.0
