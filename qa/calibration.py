"""How likely the chosen figure or verdict is right: one logistic model over the decision's
features, fitted on the dev sets (``python -m eval.calibrate``) and kept as data
(``qa/calibration.json``), in place of hand-set score, margin and wording bars.

The one setting is the risk: the most confident wrong answers or verdicts per 100 questions
the product may give (``QA_RISK``, default 1). The fit stores, for each risk, the probability
below which the answer is "not found" instead, chosen on cross-validated predictions so the bar is
not set on the same cases it was fitted to, and so that an upper confidence bound of their wrong
rate, not the rate itself, is within the risk (eval.risk_bar).
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from index.records import sentence_bounds
from qa.rank import ScoredFigure

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")

# The decision's features, as rank.score_figure names them, plus the chosen figure's lead over
# the best other value that could answer (capped: a lone candidate leads by LEAD_CAP), and what
# the confident wrong answers on dev had in common (see features).
FEATURES = ("score", "lead", "metric", "context", "known_context", "precision", "unit", "year", "same_lang",
            "retrieval", "meaning", "unasked_action", "time_frame", "city_figure", "role_match", "supported",
            "unasked_percent", "rival_same_sentence", "lead_precision", "counted",
            "asks_part")
LEAD_CAP = 5.0
# A claim's verdict adds how well a contradiction's metric matches, and what the claim rests on
# beyond its own words: a year, or an agency, place or subject an article's earlier sentence lent
# it (qa.article.carry). Fitted on dev article claims beside the single ones (eval.calibrate_article).
CLAIM_FEATURES = ("contra_precision", "contra_metric", "assumed_year", "assumed_other", "contra_stated")
# Which way each feature is evidence, the sign its coefficient is held to when fitted
# (eval.signed_logistic): +1 where more can only make the choice likelier right (a match, a lead,
# and each rule's mark, which is -1 when the rule finds a fault and 0 when it finds none), -1
# where more can only make it less likely (what the claim rests on beyond its own words); the rest
# (the language, the verdict, a rival in the same sentence) are free.
FEATURE_SIGNS = {name: 1 for name in (
    "score", "lead", "metric", "context", "known_context", "precision", "unit", "year", "retrieval", "meaning",
    "unasked_action", "time_frame", "city_figure", "role_match", "unasked_percent", "lead_precision", "counted",
    "asks_part", "meaning_lead", "lexical_agrees", "contra_precision", "contra_metric")} | {
    "assumed_year": -1, "assumed_other": -1, "contra_stated": -1}


class BarChoice(BaseModel):
    """The bar chosen for one risk (eval.risk_bar), with what it gives on the cross-validated
    choices it was chosen on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    risk: float  # the promise: wrong per 100 cases
    bar: float  # the minimum probability (1.0: no bar keeps the bound within the risk; nothing is given)
    answered: int  # choices given (a claim of several figures is several choices)
    right: int
    wrong: int
    cases: int  # the family's dev cases, the denominator of the rates
    wrong_per_100: float  # the point estimate
    upper_per_100: float  # its upper confidence bound (Calibration.bar_rule says which)
    # The risk the bar was chosen at on dev, where it is below the promise (eval.calibrate's margin)
    dev_risk: float | None = None


class Model(BaseModel):
    """A standardized logistic model and its probability bars by risk (wrong per 100)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    bars: dict[str, float]  # risk (wrong answers per 100 cases, as text) → minimum probability
    cv: list[BarChoice] = []  # how each bar was chosen: the cross-validated counts and bound


class Calibration(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    answer: Model
    claim: Model
    fitted_on: list[str]  # the case files it was fitted on (dev sets only)
    bar_rule: str = ""  # how the bars were chosen (eval.risk_bar)
    note: str = ""


def features(best: ScoredFigure, rival: ScoredFigure | None, role_match: float) -> dict[str, float]:
    f = dict(best.features)
    f["score"] = best.score
    f["lead"] = min(LEAD_CAP, best.score - rival.score) if rival is not None else LEAD_CAP
    f["role_match"] = role_match
    # The confident wrong answers on dev were mostly a figure's neighbour in its own sentence (the
    # amount beside its year-on-year rate, a share beside the count, the total beside "其中" a
    # sub-category) or a lone candidate whose clause covers little of the question (the fines of
    # Guangzhou's trademark cases for a question about its patent cases). A rival in the same
    # sentence makes the first possible, where a rival elsewhere (the other year's paper) does not;
    # a lead is worth as much as the figure's clause is about what was asked (lead × precision:
    # on dev, cross-validated log loss 0.2035 → 0.1990, AUC 0.928 → 0.935).
    start, end = sentence_bounds(best.chunk.text, best.figure.start)
    f["rival_same_sentence"] = float(rival is not None and rival.chunk.id == best.chunk.id
                                     and start <= rival.figure.start < end)
    f["lead_precision"] = f["lead"] * float(f.get("precision", 0.0))
    return {name: float(f.get(name, 0.0)) for name in FEATURES}


def claim_features(supported: bool, assumed: frozenset[str], source: dict[str, float],
                   stated_elsewhere: bool = False) -> dict[str, float]:
    """What a claim's verdict adds to its source figure's features (``source``: rank.score_figure's):
    the verdict itself; for a contradiction, how much of the source figure's clause is about the
    claim's words (a contradiction is only as good as the metric is the same: "300 companies sued in
    US courts" against 865 companies piloting a standard shares only "companies", where a supported
    figure's own value is evidence too), and whether the corpus states the contradicted value for
    something (``stated_elsewhere``); and the context it rests on (CLAIM_FEATURES)."""
    against = 0.0 if supported else 1.0
    return {"supported": 1.0 - against,
            "contra_precision": against * float(source.get("precision", 0.0)),
            "contra_metric": against * float(source.get("metric", 0.0)),
            "contra_stated": against * float(stated_elsewhere),
            "assumed_year": float("year" in assumed), "assumed_other": float(bool(assumed - {"year"}))}


def probability(model: Model, x: dict[str, float]) -> float:
    z = model.intercept + sum(c * (x.get(n, 0.0) - m) / (s or 1.0)
                              for n, m, s, c in zip(model.features, model.mean, model.scale, model.coef, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def bar(model: Model, risk: float) -> float:
    """The minimum probability for the given risk: the bar of the largest fitted risk not above it."""
    fitted = sorted((float(r), b) for r, b in model.bars.items())
    eligible = [b for r, b in fitted if r <= risk]
    return eligible[-1] if eligible else (fitted[0][1] if fitted else 0.5)


@cache
def load_calibration(path: Path = CALIBRATION_FILE) -> Calibration | None:
    """The fitted calibration, or None where none has been fitted (the hand-set bars then apply)."""
    try:
        return Calibration.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
