"""Whether the lexical and the meaning evidence agree on the chosen figure: two features of the
answer model (qa.calibration) beside the decision's own.

Of the dev questions whose chosen figure is right, a fifth were withheld by the calibrated bar,
most of them English questions about figures only the Chinese text gives, whose score and lead
are low because their words are not the source's. What sets those apart from the wrong choices
is that the other evidence points at the same figure: its description is nearer the question in
meaning than any candidate with another value (``meaning_lead``), and the candidate whose
sentence holds most of the question's wording gives the same value (``lexical_agrees``).
Measured offline on the dev sets (bench/para_calib.py, cross-validated as eval.calibrate): at
risk 1, 447 → 470 right answers given of 964 cases, wrong ones 4 → 4; fitted on all, 450 → 474
right and 3 → 3 wrong. Breaking the ties of ``context`` by score instead gave 487 cross-validated
but let one more wrong one through (an unanswerable question answered with a count of cities
that shares its sentence with the courts' cases).
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.rank import ScoredFigure

AGREEMENT_FEATURES = ("meaning_lead", "lexical_agrees")


def _same(a: ScoredFigure, b: ScoredFigure) -> bool:
    return abs(a.figure.value - b.figure.value) <= 1e-9 * max(1.0, abs(b.figure.value))


def _lexical(f: ScoredFigure) -> tuple[float, float]:
    # A sentence's figures share its ``context``: among them the clause most about the question
    # (``precision``) leads, not the best score (which would make the chosen figure agree with itself).
    return round(f.features.get("context", 0.0), 6), f.features.get("precision", 0.0)


def agreement(figs: Sequence[ScoredFigure], chosen: ScoredFigure) -> dict[str, float]:
    """``meaning_lead``: the chosen figure's meaning (rank's 0..1 ``meaning``) less the best of the
    candidates with another value, in -1..1 (1 when no other value is a candidate);
    ``lexical_agrees``: 1 when the candidate of the largest share of the question's wording in its
    sentence (``context``), and of those the one whose clause is most about the question
    (``precision``), gives the chosen value."""
    own = chosen.features.get("meaning", 0.0)
    other = max((f.features.get("meaning", 0.0) for f in figs if not _same(f, chosen)), default=own - 1.0)
    lexical = max(figs, key=_lexical, default=chosen)
    return {"meaning_lead": max(-1.0, min(1.0, own - other)), "lexical_agrees": float(_same(lexical, chosen))}
