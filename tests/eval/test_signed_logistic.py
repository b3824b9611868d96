"""The calibration's logistic fit holds each coefficient to the sign its evidence has
(eval.signed_logistic), and is otherwise scikit-learn's L2 logistic regression."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from eval.signed_logistic import SignedLogistic
from qa.agreement import AGREEMENT_FEATURES
from qa.calibration import CLAIM_FEATURES, FEATURE_SIGNS, FEATURES


def _data(seed: int = 0, n: int = 600) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    # feature 0 helps, feature 1 hurts, feature 2 is noise
    logit = 1.5 * x[:, 0] - 1.0 * x[:, 1]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return x, y


def test_with_no_sign_binding_it_is_the_plain_fit() -> None:
    x, y = _data()
    mine = SignedLogistic([0, 0, 0]).fit(x, y)
    theirs = LogisticRegression(C=1.0).fit(x, y)
    assert np.allclose(mine.coef_, theirs.coef_, atol=1e-3)
    assert np.allclose(mine.intercept_, theirs.intercept_, atol=1e-3)
    assert np.allclose(mine.predict_proba(x), theirs.predict_proba(x), atol=1e-3)


def test_a_coefficient_held_to_the_other_sign_stops_at_zero() -> None:
    x, y = _data()
    free = SignedLogistic([0, 0, 0]).fit(x, y)
    held = SignedLogistic([1, 1, 0]).fit(x, y)
    assert free.coef_[0, 1] < -0.5
    assert held.coef_[0, 1] == pytest.approx(0.0, abs=1e-9)
    assert held.coef_[0, 0] > 1.0  # the helpful feature keeps its weight


def test_a_sign_for_every_feature_is_checked() -> None:
    with pytest.raises(ValueError, match="2 signs for 3 features"):
        SignedLogistic([1, 1]).fit(*_data())


def test_every_signed_feature_is_a_feature_of_a_model() -> None:
    known = set(FEATURES) | set(CLAIM_FEATURES) | set(AGREEMENT_FEATURES)
    assert set(FEATURE_SIGNS) <= known
    assert set(FEATURE_SIGNS.values()) <= {-1, 1}
