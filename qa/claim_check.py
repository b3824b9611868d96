"""A claim's figures checked one by one (QA.verify): the first looked up on its own, the others
paired in its source sentence where one there is theirs (qa.claim_parts), each judged against its
source figure unless that figure cannot judge it (qa.claim_rules), or place by place where the claim
names no place and provinces differ (qa.by_place)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from index.figures import Figure
from qa.answer import figure_out
from qa.by_place import claim_by_place
from qa.claim_parts import own_action, pair_in_sentence
from qa.claim_rules import not_comparable, other_institution
from qa.decide import Decision, calibrated, judge
from qa.frame import QueryFrame, own_span
from qa.rank import ScoredFigure
from qa.types import Verdict
from qa.where import figure_place, place_out

if TYPE_CHECKING:
    from qa.api import QA


def check_parts(qa: QA, info: QueryFrame, stated: list[Figure]) -> list[Verdict]:
    """Each figure of a claim checked. The first is looked up on its own; the others first in
    its source sentence (a news sentence restates one source sentence: "办结…2282宗，同比增长
    11.81%"), else on their own. A figure not found so is looked for again in the sentence of
    the first figure found supported ("其中行政裁决类1433件,出具维权意见类9012件": 9012件 finds it)."""
    first, anchor = check_one(qa, info, stated[0], alone=len(stated) == 1)
    checks, sources = [first], [anchor if first.verdict != "not_found" else None]

    def sure(v: Verdict) -> float | None:
        return (1.0 if v.confidence is None else v.confidence) if v.verdict == "supported" else None

    for f in stated[1:]:
        taken = frozenset(s.record.id for s, c in zip(sources, checks) if s and c.verdict != "not_found")
        check, source = check_one(qa, info, f, alone=False, anchor=anchor, taken=taken | (
            {anchor.record.id} if anchor else set()), anchor_sure=sure(first))
        checks.append(check)
        sources.append(source if check.verdict != "not_found" else None)
    at = next((i for i, c in enumerate(checks) if c.verdict == "supported" and sources[i]), None)
    for i, f in enumerate(stated):
        if at is None or i == at or checks[i].verdict != "not_found":
            continue
        taken = frozenset(s.record.id for s in sources if s is not None)
        again, source = check_one(qa, info, f, alone=False, anchor=sources[at], taken=taken,
                                    anchor_sure=sure(checks[at]))
        if again.verdict != "not_found":
            checks[i], sources[i] = again, source
    return checks

def check_one(qa: QA, info: QueryFrame, claimed: Figure, alone: bool, anchor: ScoredFigure | None = None,
           taken: frozenset[str] = frozenset(), anchor_sure: float | None = None
           ) -> tuple[Verdict, ScoredFigure | None]:
    """The verdict on one figure of a claim, looked up with that figure's unit (in the sentence
    of ``anchor``, the source figure of the claim's first figure, where one there pairs with
    it: qa.claim_parts; ``taken``: that sentence's figures paired already; ``anchor_sure``: the
    probability that the first figure's verdict, supported, is right), and the source figure
    it was judged against."""
    claim = info
    info = qa.claim_query(info, claimed, alone)
    ranked, figs = qa.candidates(info, qa.verify_weights)
    retrieved = [cid for cid, _ in ranked]
    paired = None
    if anchor is not None:
        paired = pair_in_sentence(claimed, own_action(claim.text, claim.figures, claimed), info.qualifiers,
                                  anchor, figs, taken, anchor_sure is not None)
    if paired is not None:
        source = Decision(chosen=paired[0], reason=paired[1])
    elif (placed := claim_by_place(info, claimed, figs, lambda fs: qa.claim_source(claimed, fs, alone),
                                   lambda d, fs: judged(qa, claim, info, claimed, d, fs, retrieved),
                                   qa.verify_weights)) is not None:
        return placed
    else:
        source = qa.claim_source(claimed, figs, alone)
    return judged(qa, claim, info, claimed, source, figs, retrieved, paired is not None, anchor_sure)

def judged(qa: QA, claim: QueryFrame, info: QueryFrame, claimed: Figure, source: Decision,
           figs: list[ScoredFigure], retrieved: list[str], paired: bool = False,
           anchor_sure: float | None = None) -> tuple[Verdict, ScoredFigure | None]:
    """The verdict on a claimed figure of ``claim`` (asked as ``info``) against the source
    figure chosen (``source``) among ``figs``, and that figure; ``paired``: chosen in the
    sentence of the claim's first figure, as sure as that (``anchor_sure``)."""
    best = source.chosen
    left, right = own_span(claim.text, claim.figures, claimed)
    why_not = not_comparable(claim.text, claim.text[left:right], info.years, best.chunk, best.record) if best else None
    if best is not None and why_not is not None:
        return _cannot_judge(info, claimed, best, why_not, retrieved), None
    if best is None:
        return Verdict(claim=info.text, lang=info.lang, verdict="not_found",  # type: ignore[arg-type]
                       claimed=figure_out(claimed), found=None,
                       explanation="The documents do not give a figure for this claim's metric"
                       + (f" in {', '.join(map(str, info.years))}." if info.years else "."),
                       citations=[], retrieved=retrieved), None
    same_metric_other_years = [
        f for f in figs[:20]
        if f is not best and f.features.get("metric", 0) >= best.features.get("metric", 0) * 0.8
        and f.year != best.year
    ]
    verdict, explanation = judge(claimed, best, info.years, same_metric_other_years,
                                 source=qa._source_name(best.chunk))
    if verdict == "contradicted":
        why_not = ((None if paired else _bare_beside(claim, claimed, best))
                   or other_institution(claim.text[left:right], best.chunk, best.record))
        if why_not:
            return _cannot_judge(info, claimed, best, why_not, retrieved), None
    confidence = None
    if paired and anchor_sure is not None:
        # Paired in the sentence where the claim's first figure was found with its value: the
        # pair is as sure as that sentence is (the fitted model knows nothing of pairing).
        confidence = anchor_sure if qa.calibration is not None else None
    elif qa.calibration is not None:
        sure = calibrated(source, qa.calibration.claim, qa.risk,
                          {"supported": 1.0 if verdict == "supported" else 0.0})
        confidence = sure.confidence
        if sure.chosen is None:
            return Verdict(claim=info.text, lang=info.lang, verdict="not_found",  # type: ignore[arg-type]
                           claimed=figure_out(claimed), found=None, confidence=confidence, withheld=verdict,
                           explanation=f"Not sure enough to call it {verdict}: {sure.reason}.",
                           citations=[], retrieved=retrieved), best
    return Verdict(claim=info.text, lang=info.lang, verdict=verdict,  # type: ignore[arg-type]
                   claimed=figure_out(claimed), found=figure_out(best.figure), explanation=explanation,
                   citations=[qa._cite(best.chunk, best.index)], confidence=confidence,
                   place=place_out(p) if (p := figure_place(best)) else None,
                   retrieved=[best.chunk.id] + [c for c in retrieved if c != best.chunk.id]), best


def _cannot_judge(info: QueryFrame, claimed: Figure, best: ScoredFigure, why: str, retrieved: list[str]) -> Verdict:
    """"Not found": the nearest source figure cannot judge the claimed one, and why."""
    return Verdict(claim=info.text, lang=info.lang, verdict="not_found",  # type: ignore[arg-type]
                   claimed=figure_out(claimed), found=None,
                   explanation=f"The nearest source figure ({best.figure.text}) cannot judge it: {why}.",
                   citations=[], retrieved=retrieved)


def _bare_beside(claim: QueryFrame, claimed: Figure, best: ScoredFigure) -> str | None:
    """Why a claim's figure written with no unit, beside other figures ("…3,945 cases …, and passed
    167 of them to…"), cannot be contradicted by a source figure with a unit it was not paired
    with: what it counts is its neighbour's ("of them"), which the look-up on its own does not
    know; None where it can."""
    if claimed.unit or not best.figure.unit or len(claim.figures) < 2:
        return None
    return f"the claimed {claimed.text} names no unit, and {best.figure.text} is not the figure it stands beside"


def names_nothing(info: QueryFrame, nouns: Callable[[str], frozenset[str]]) -> bool:
    """Whether a Chinese claim says nothing its figures count beyond their measure words ("共有50人"):
    no agency, action or qualifier, and no noun but the measure words. Such a claim matches any
    sentence that shares its verb; it is not judged. (English claims are not read so yet.)"""
    if info.lang != "zh" or info.agencies or info.actions or info.qualifiers:
        return False
    measure = {f.unit for f in info.figures if f.unit}
    return not (nouns(info.text) - measure)

