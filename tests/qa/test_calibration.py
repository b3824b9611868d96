"""The calibrated decision (qa.calibration, qa.decide.calibrated): fast, offline."""

from __future__ import annotations

import pytest

from qa.agreement import AGREEMENT_FEATURES
from qa.calibration import FEATURE_SIGNS, FEATURES, Model, bar, load_calibration, probability
from qa.decide import Thresholds, calibrated, trusted
from tests.qa.synthetic import Corpus, chunk


def _model(intercept: float, bars: dict[str, float]) -> Model:
    n = len(FEATURES)
    return Model(features=list(FEATURES), mean=[0.0] * n, scale=[1.0] * n,
                 coef=[1.0 if f == "score" else 0.0 for f in FEATURES], intercept=intercept, bars=bars)


def test_probability_is_the_logistic_of_the_standardized_features() -> None:
    m = _model(-10.0, {"1": 0.9})
    assert probability(m, {"score": 10.0}) == pytest.approx(0.5)
    assert probability(m, {"score": 20.0}) > 0.99 and probability(m, {"score": 0.0}) < 0.01


@pytest.mark.parametrize(("risk", "expected"), [(0.5, 0.99), (1.0, 0.95), (2.5, 0.9), (10.0, 0.5)])
def test_the_bar_is_that_of_the_largest_fitted_risk_not_above_the_setting(risk: float, expected: float) -> None:
    assert bar(_model(0.0, {"0.5": 0.99, "1": 0.95, "2": 0.9, "5": 0.5}), risk) == expected


def test_a_choice_below_the_bar_is_held_back_with_its_probability() -> None:
    corpus = Corpus(chunk("2024年,全省法院新收知识产权案件83308件,审结88462件。", cid="c"))
    loose = trusted(corpus.rank(corpus.frame("2024年全省法院新收知识产权案件多少件?")), Thresholds(), 0.0, loose=True)
    assert loose.chosen is not None and loose.chosen.figure.text == "83308件"
    sure = calibrated(loose, _model(-loose.chosen.score + 5, {"1": 0.9}), 1.0)
    assert sure.chosen is loose.chosen and sure.confidence is not None and sure.confidence > 0.9
    unsure = calibrated(loose, _model(-loose.chosen.score - 5, {"1": 0.9}), 1.0)
    assert unsure.chosen is None and unsure.rival is loose.chosen and "probability" in unsure.reason


def test_the_shipped_calibration_was_fitted_on_dev_sets_only() -> None:
    cal = load_calibration()
    assert cal is not None and cal.fitted_on and all(f.startswith("eval/dev/") for f in cal.fitted_on)
    # the answers' model also weighs whether meaning and wording agree on the figure (qa.agreement)
    assert cal.answer.features == list(FEATURES + AGREEMENT_FEATURES) and "1" in cal.answer.bars


@pytest.mark.parametrize("family", ["answer", "claim"])
def test_the_shipped_models_weigh_each_feature_the_way_its_evidence_points(family: str) -> None:
    # A match or a lead can only make a choice likelier right, a fault mark (-1 when a rule finds
    # one) never likelier; a plain fit had given the answers' unasked action and metric match
    # negative weights (eval.calibrate.ANSWER_STRENGTH).
    cal = load_calibration()
    assert cal is not None
    model = getattr(cal, family)
    against = {name: round(coef, 6) for name, coef in zip(model.features, model.coef, strict=True)
               if FEATURE_SIGNS.get(name, 0) * coef < -1e-9}
    assert against == {}
