"""The risk bar: which probability a choice must reach for a risk setting.

The risk is a promise about cases nobody has read: at most ``risk`` confident wrong figures or
verdicts per 100 cases. The cross-validated wrong rate at a bar is an estimate from a few hundred
dev cases, and the bar is the point where that estimate just fits the risk, chosen among many: on
new cases the rate comes out higher (the first never-read measurement gave 1.34 per 100 where the
cross-validated estimate was 0.98). So the bar is the lowest one at which an upper confidence
bound of the wrong rate (eval.bounds), not the point estimate, is within the risk, for each
decision family (answers, claims) with its own cases. Pure functions; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from eval.bounds import DEFAULT_CONFIDENCE, DEFAULT_METHOD, BoundMethod, max_wrong, upper_per_100
from qa.calibration import BarChoice


def choose_bar(probabilities: Sequence[float], right: Sequence[int], cases: int, risk: float,
               method: BoundMethod = DEFAULT_METHOD, confidence: float = DEFAULT_CONFIDENCE) -> BarChoice:
    """The lowest probability bar whose wrong choices' upper bound stays within ``risk`` per 100
    of ``cases`` (every case of the family, whether a choice was made for it or not).

    ``probabilities`` are cross-validated ones (never those of the model fitted on the same cases)
    and ``right`` whether each choice was right. Lowering the bar only adds choices, so the wrong
    count only grows: the bar is the probability of the last choice before one wrong too many."""
    if len(probabilities) != len(right):
        raise ValueError("one right/wrong label per probability")
    allowed = max_wrong(cases, risk, method, confidence)
    best = 1.0
    wrong = 0
    order = sorted(range(len(probabilities)), key=lambda i: -probabilities[i])
    for pos, i in enumerate(order):
        wrong += 0 if right[i] else 1
        if wrong > allowed:
            break
        # Ties are kept or left together: a bar cannot split equal probabilities.
        nxt = order[pos + 1] if pos + 1 < len(order) else None
        if nxt is None or probabilities[nxt] < probabilities[i]:
            best = float(probabilities[i])
    return summarize(probabilities, right, cases, risk, best, method, confidence)


def summarize(probabilities: Sequence[float], right: Sequence[int], cases: int, risk: float, bar: float,
              method: BoundMethod = DEFAULT_METHOD, confidence: float = DEFAULT_CONFIDENCE) -> BarChoice:
    """What ``bar`` gives on these choices: answered, right, wrong, the wrong rate and its bound."""
    kept = [r for p, r in zip(probabilities, right, strict=True) if p >= bar]
    wrong = sum(1 for r in kept if not r)
    return BarChoice(risk=risk, bar=bar, answered=len(kept), right=len(kept) - wrong, wrong=wrong, cases=cases,
                     wrong_per_100=round(100.0 * wrong / max(1, cases), 3),
                     upper_per_100=round(upper_per_100(wrong, cases, method, confidence), 3))
