"""The decision: whether the best-ranked figure answers the question, and whether a claimed
figure is supported, contradicted or not found. Pure functions over ranked figures, each
returning a typed decision with its reason; the API and the tuning tool call the same ones.

Every "not found" has a reason a maintainer can read (``Decision.reason``): a figure ruled out
(another year, place, qualified metric, or unit), a rival too close, a score or a wording share
below its bar.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, SkipValidation

from index.figures import (
    Figure,
    format_value,
    generic_restatement,
    restated_number,
    scale_off,
    units_compatible,
    values_match,
    with_bound,
)
from index.figures.dimensions import other_currency
from index.figures.fractions import rough
from index.places import home_province
from index.records import sentence_bounds
from qa.agreement import agreement
from qa.calibration import Calibration, Model, bar, features, probability
from qa.claim_units import loosely_restates, other_kind, restates_item
from qa.rank import ScoredFigure
from qa.types import VerdictLabel
from qa.unit_fit import asked_unit_beside, outmatched, outmatched_percent

# How far down the ranked figures a claim's further figures are looked for in the sentence of
# its first (see claimed_neighbour), and a figure ranked about as high as the best (_about_as_high).
NEIGHBOUR_DEPTH = 30
# How far below the best-ranked figure one of the claimed value and a better fit of the claim's agency and
# action still counts (better_fitting_statement): about the spread of one statement's two languages; a
# figure in another unit or missing the action falls further.
STATEMENT_SPAN = 2.0
# Scores this close are a tie the ranking cannot break: "为500余家企业提供…指导" (Shenzhen and Foshan) and
# "为1968家涉案企业提供“一对一”应对指导" (Shenzhen) score alike for a claim of 1,968 companies guided by Shenzhen.
TIE = 0.5


@dataclass(frozen=True)
class Thresholds:
    """Below these scores the best figure is not trusted: the answer is "not found". Set by measurement on the
    eval set (bench/tune_rerank.py --wrong-cost 1): a wrong figure with a confident citation is the worst
    outcome, so one wrong answer costs one right one."""

    answer: float = 5.0
    # Claims need less ("supported" also needs the claimed number to match): 5.5 → 4.5, 2 more right, 0 wrong.
    verify: float = 4.5
    min_metric: float = 0.1
    # An answer's sentence (with its section headings) must hold this share of the question's
    # (IDF-weighted) wording, counting the words the corpus uses at all ("听说…具体" can be in no
    # sentence). The score alone cannot say that: a figure in the asked unit and year, in the
    # question's language, collects 5.9 points whatever it counts ("1 case" for "how many IP
    # cases did courts accept in 2022"). Measured on the eval set's questions: accuracy 0.87 →
    # 0.91 and wrong figures 12 → 7, with the answer bar at 5.0 (was 5.5).
    min_context: float = 0.45
    # An answer must beat the best figure with a different value by this much. When two different numbers
    # score alike the question is ambiguous for us (the other year's paper, a sibling metric of the same
    # sentence, something the documents don't cover), and a guess is wrong about half the time: measured
    # on the eval set, wrong answers had a median lead of 0.3, right ones 1.6.
    margin: float = 0.3


class Decision(BaseModel):
    """The figure chosen (or none) and why."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    chosen: SkipValidation[ScoredFigure | None]
    reason: str
    # the best other value that could answer; for a choice held back as not sure enough, that choice
    rival: SkipValidation[ScoredFigure | None] = None
    confidence: float | None = None  # the calibrated probability that the choice is right

    @property
    def found(self) -> bool:
        return self.chosen is not None


def same_number(a: Figure, b: Figure) -> bool:
    """The same number in the two languages' texts (4.78万 and 47,800 parse to one value)."""
    return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(b.value))


def unit_ruled_out(fig: ScoredFigure) -> bool:
    """The figure is in a unit the question does not ask for (see rank.score_figure's unit)."""
    return fig.features.get("unit", 0.0) <= -1.0


def role_conflict(fig: ScoredFigure) -> bool:
    """The figure's clause names another agency or action than the question (index.roles)."""
    return fig.features.get("agency", 0.0) < 0 or fig.features.get("action", 0.0) < 0


def asks_otherwise(fig: ScoredFigure) -> bool:
    """The figure counts something other than what the question or claim asks about: another
    agency's or action's figure (role_conflict); a share of a whole, where no percent is asked
    (rank's unasked_share); a level where a change or a gap is asked (rank's unasked_level,
    ungapped), a change where a claim states a level (rank's unstated_change); another metric's
    figure of a 分别 list (rank's other_item); a plan's target for a question about its result, or
    the reverse (rank's plan); a figure the question itself names (rank's restated); a joint action's
    part for the whole, or the reverse (rank's partner)."""
    f = fig.features
    return role_conflict(fig) or f.get("unasked_share", 0.0) < 0 or f.get("unasked_level", 0.0) < 0 \
        or f.get("ungapped", 0.0) < 0 \
        or f.get("unstated_change", 0.0) < 0 or f.get("plan", 0.0) < 0 or f.get("other_item", 0.0) < 0 \
        or f.get("restated", 0.0) < 0 or f.get("partner", 0.0) < 0


def same_home(a: ScoredFigure, b: ScoredFigure) -> bool:
    """The two figures' documents are about the same province (or neither says where it is)."""
    return home_province(a.chunk.place) == home_province(b.chunk.place)


def ruled_out(fig: ScoredFigure, unit_ok: bool) -> str | None:
    """Why a figure answers nothing, or None: another year or place, a differently qualified
    metric (index.qualifiers, index.ip_kinds), a count of what was done for what there is at a date, or (unless ``unit_ok``) a unit the question does not ask for (批次
    for a question about money). A claim in the wrong unit (``unit_ok``) is checked against its
    figure and contradicted."""
    f = fig.features
    if f.get("year", 0.0) < 0:
        return "another year"
    if f.get("other_place", 0.0) < 0:
        return "another place"
    if f.get("qualifier", 0.0) < 0:
        return "a differently qualified metric"
    if f.get("event_count", 0.0) < 0:
        return "a count of what was done in a period, not of what there is at the date asked"
    if not unit_ok and unit_ruled_out(fig):
        return "another unit"
    return None


def admissible(fig: ScoredFigure, unit_ok: bool) -> bool:
    """A figure the rules leave: not ruled out (ruled_out) and of no other agency or action than
    the question or claim names, nor one that counts something else (asks_otherwise)."""
    return ruled_out(fig, unit_ok) is None and not asks_otherwise(fig)


def trusted(figs: list[ScoredFigure], thresholds: Thresholds, threshold: float, *, sentence_ok: bool = False,
            margin: float = 0.0, unit_ok: bool = False, min_context: float = 0.0, loose: bool = False,
            restated_year: bool = True) -> Decision:
    """The best figure if it can be trusted, else none, with the reason either way; ``loose``:
    only the rules (rule-outs, roles), none of the hand-set bars; ``restated_year``: a best figure of
    another year yields to the asked year's statement of it (asked_year_statement; not for claims)."""
    # A figure of another agency or action is not a candidate at all (the prosecutors' 受理 for a
    # question about the courts, 破案 for 立案): the figure asked for may well be the next one.
    # Nor is a figure that counts something else (asks_otherwise).
    figs = [f for f in figs if not asks_otherwise(f)]
    if not figs:
        return Decision(chosen=None, reason="no figure among the passages found (for the agency, action and thing asked)")
    best = figs[0]
    # A ruled-out figure is no answer and no rival. A rank in the wrong unit is a position ("位居第二" for "连续几年"):
    # the figure after it may answer. Any other figure in the wrong unit shows the asked thing measured another
    # way ("同比下降三成" for "多少件"): only its sentence's figure in the asked unit may answer (qa.unit_fit).
    if not unit_ok:
        best = next((f for f in figs if not (f.figure.kind == "rank" and unit_ruled_out(f))), best)
        if unit_ruled_out(best):
            best = asked_unit_beside(best, figs, lambda f: ruled_out(f, False) is None) or best
    # A best figure only in a unit that may count what is asked yields to its number stated in the asked unit.
    best = next((f for f in figs if outmatched(best.features, f.features) and same_number(f.figure, best.figure)
                 and not ruled_out(f, unit_ok)), best)
    if why := ruled_out(best, unit_ok):
        same = asked_year_statement(best, figs, unit_ok) if restated_year and why == "another year" else None
        if same is None:
            return Decision(chosen=None, reason=f"the best figure ({best.figure.text}) is for {why}")
        best = same
    # Another province's document is no rival: a question naming no place that two provinces'
    # papers both answer is answered for one of them, named, and the other listed (qa.where). Nor is the
    # best figure's own rate of change (83308件's "同比减少8.54%"): it says how that figure moved, no other reading.
    rival = next((f for f in figs[1:] if not same_number(f.figure, best.figure) and not ruled_out(f, unit_ok)
                  and same_home(f, best) and not outmatched(f.features, best.features)
                  and not outmatched_percent(f.features, best.features)
                  and not (f.record.rate_of and f.record.rate_of.figure_id in (best.record.id, best.record.aligned))),
                 None)
    if loose:  # the calibrated model weighs score, lead and wording (see decide_answer)
        return Decision(chosen=best, rival=rival, reason=f"score {best.score:.2f}")
    if rival is not None and best.score - rival.score < margin:
        return Decision(chosen=None, reason=f"{best.figure.text} and {rival.figure.text} fit about equally well")
    # The figure's clause must share some of the question's wording. For a claim, whose own
    # figure is further evidence, its sentence may stand in: English metric phrases are short
    # ("... cases"), their sentences are not.
    overlap = best.features.get("metric", 1.0)
    if sentence_ok:
        overlap = max(overlap, best.features.get("context", 0.0))
    if best.score < threshold:
        return Decision(chosen=None, reason=f"the best figure scores {best.score:.2f}, below {threshold}")
    if overlap < thresholds.min_metric:
        return Decision(chosen=None, reason="the best figure's clause shares too little of the wording")
    if best.features.get("known_context", 1.0) < min_context:
        return Decision(chosen=None, reason="the best figure's sentence holds too little of the question")
    lead = f", ahead of the next by {best.score - rival.score:.2f}" if rival else ""
    return Decision(chosen=best, rival=rival, reason=f"score {best.score:.2f}" + lead)


def asked_year_statement(best: ScoredFigure, figs: list[ScoredFigure], unit_ok: bool) -> ScoredFigure | None:
    """A figure of the year asked ranked about as high as ``best`` (another year's), of its agency,
    action (index.roles, named) and unit: the same statement for the year asked, which the calibrated
    model then judges. "91,000 IP cases were accepted … by courts" (2023) outranks 2024's "全省法院
    新收…83308件" for "How many IP cases did Guangdong courts accept in 2024?" on English wording
    alone; 2024's "2,249 criminal cases were filed" says nothing of 2023's 1,648 dens destroyed."""
    if (rec := best.record).action is None:
        return None
    # A unitless English best ("692,600 patents were granted") shares the question's unit (admissible)
    return next((f for f in _about_as_high(best, figs) if f.features.get("year", 0.0) > 0
                 and f.record.action == rec.action and f.record.agency == rec.agency and f.figure.unit
                 and (not best.figure.unit or units_compatible(best.figure.unit, f.figure.unit)) and admissible(f, unit_ok)), None)


def calibrated(decision: Decision, model: Model | None, risk: float, extra: dict[str, float] | None = None
               ) -> Decision:
    """A loose decision judged by the fitted model: kept when its probability reaches the bar for
    the risk, else "not found" with the probability as the reason."""
    if decision.chosen is None or model is None:
        return decision
    x = features(decision.chosen, decision.rival, decision.chosen.features.get("role_match", 0.0)) | (extra or {})
    p = probability(model, x)
    need = bar(model, risk)
    if p < need:
        return Decision(chosen=None, rival=decision.chosen,
                        reason=f"{decision.chosen.figure.text} is right with probability {p:.2f}, "
                        f"below the {need:.2f} the risk setting asks", confidence=p)
    return decision.model_copy(update={"confidence": p, "reason": decision.reason + f"; probability {p:.2f}"})


def decide_answer(figs: list[ScoredFigure], thresholds: Thresholds, calibration: Calibration | None = None,
                  risk: float = 1.0) -> Decision:
    """The figure that answers a question, or none: with a fitted calibration, the best figure the
    rules allow when its probability of being right reaches the risk's bar; without one, the
    hand-set bars."""
    if calibration is not None:
        loose = trusted(figs, thresholds, 0.0, loose=True)
        if loose.chosen is None:
            return loose
        # As for the rival, another province's copy of the sentence is no other evidence.
        home = [f for f in figs if same_home(f, loose.chosen)]
        return calibrated(loose, calibration.answer, risk, agreement(home, loose.chosen))
    return trusted(figs, thresholds, thresholds.answer, margin=thresholds.margin, min_context=thresholds.min_context)


def claim_source(claimed: Figure, figs: list[ScoredFigure], alone: bool, thresholds: Thresholds,
                 loose: bool = False) -> Decision:
    """The source figure a claimed figure is judged against, or none (not found); ``loose``: by
    the rules only (the calibrated model then judges the verdict, see claim_verdict)."""
    # The figure in the claimed unit first: "punitive damages were applied in 62 cases" is
    # about the case count, not the largest award beside it. Only when the documents give
    # none in that unit is a figure in another one checked (a scale or unit error).
    decision = None
    if (swapped := _unit_swapped(claimed, figs)) is not None:
        return Decision(chosen=swapped, rival=None, reason=f"score {swapped.score:.2f}; it states the claimed number")
    if claimed.unit:
        decision = trusted([f for f in figs if not unit_ruled_out(f)], thresholds, thresholds.verify,
                           sentence_ok=True, unit_ok=True, loose=loose, restated_year=False)
    if decision is None or decision.chosen is None:
        decision = trusted(figs, thresholds, thresholds.verify, sentence_ok=True, unit_ok=True, loose=loose,
                           restated_year=False)
    # A fraction's value ("by nearly a third") fits many figures near it: no evidence of which is the claim's.
    if rough(claimed.text):
        return decision
    if decision.chosen is not None and not alone:
        neighbour = claimed_neighbour(claimed, decision.chosen, figs)
        if neighbour is not None:
            return Decision(chosen=neighbour, rival=decision.rival,
                            reason=decision.reason + "; the claimed figure stands beside it")
    if decision.chosen is not None and not values_match(claimed, decision.chosen.figure):
        stated = better_fitting_statement(claimed, decision.chosen, figs,
                                          decision.chosen.features.get("role_match", 0.0) + 0.5)
        # Tied with it, the ranking cannot tell the two apart: the one stating the claimed value is it. Not
        # its own sentence's other figure: that is another metric's (分别上升64.29%、68.24%: cases, suspects).
        start, end = sentence_bounds(decision.chosen.chunk.text, decision.chosen.figure.start)
        apart = [f for f in figs if f.chunk.id != decision.chosen.chunk.id or not start <= f.figure.start < end]
        stated = stated or better_fitting_statement(claimed, decision.chosen, apart,
                                                    decision.chosen.features.get("role_match", 0.0), span=TIE)
        if stated is not None:
            return Decision(chosen=stated, rival=decision.rival,
                            reason=decision.reason + "; a figure of the agency and action claimed states the value")
    top = next((f for f in figs if not asks_otherwise(f)), None) if decision.chosen is None else None
    if top is not None and ruled_out(top, True) is not None:
        # The best figure is the claimed metric in another year or place (ruled out): the claimed
        # value in the claimed year, of the agency and action claimed, further down is the same
        # statement for the year the claim names.
        stated = better_fitting_statement(claimed, top, figs, max(1.0, top.features.get("role_match", 0.0)))
        if stated is not None:
            return Decision(chosen=stated, rival=None, reason=f"score {stated.score:.2f}; the claimed value, of the "
                            "agency and action claimed, below a figure of another year or place")
    return decision


def _unit_swapped(claimed: Figure, figs: list[ScoredFigure]) -> ScoredFigure | None:
    """A figure the rules leave, ranked about as high as the best, that states the claimed number in
    another unit ("15,766 tons" for 15,766 batches seized, index.figures.restated_number; 超21亿元
    for 超21亿美元, index.figures.dimensions.other_currency): the claim
    misreports that figure's unit, and a figure in the claimed unit further down ("3 special
    actions", "1,379.9 tons" destroyed) is another metric. The best itself may be its neighbour
    (3314万件 beside 15766批次). None where any admissible figure states the claimed number in the
    claimed unit: that one is the claim's."""
    if not claimed.unit or (top := next((f for f in figs if admissible(f, True)), None)) is None:
        return None
    swapped = next((f for f in _about_as_high(top, figs) if admissible(f, True) and f.figure.unit
                    and not units_compatible(claimed.unit, f.figure.unit)
                    and not generic_restatement(claimed.unit, f.figure.unit)
                    and (restated_number(claimed, f.figure) or other_currency(claimed, f.figure))), None)
    if swapped is None:
        return None
    stated_as_claimed = any(same_number(f.figure, claimed) and f.figure.unit
                            and units_compatible(claimed.unit, f.figure.unit) and admissible(f, True) for f in figs)
    return None if stated_as_claimed else swapped


def better_fitting_statement(claimed: Figure, best: ScoredFigure, figs: list[ScoredFigure], roles: float,
                             span: float = STATEMENT_SPAN) -> ScoredFigure | None:
    """A figure with the claimed value whose clause names at least ``roles`` of the agency and
    action the claim names (qa.rank role_match), ranked about as high as ``best``: the one the claim
    is about. "Guangdong courts accepted 83,308 IP cases" shares more words with "Prosecutorial
    organs … accepted 228 cases …, including 34 cases with procuratorial advice to the courts" than
    with "all courts across the province received 83,308 new IPR cases"; the courts' accepting is
    what it claims, and judging it against the 34 called a true claim false. A figure of the
    claimed value in another unit, year, place or role is no such figure (ruled out, role_conflict)."""
    return next((f for f in _about_as_high(best, figs, span)
                 if f.features.get("role_match", 0.0) >= roles and values_match(claimed, f.figure)
                 and units_compatible(claimed.unit, f.figure.unit) and admissible(f, True)), None)


def _about_as_high(best: ScoredFigure, figs: list[ScoredFigure], span: float = STATEMENT_SPAN) -> Iterator[ScoredFigure]:
    """The figures near the top (``figs`` ranked, best first) scored within ``span`` of ``best``."""
    for f in figs[:NEIGHBOUR_DEPTH]:
        if f.score < best.score - span:
            return
        yield f


def claimed_neighbour(claimed: Figure, best: ScoredFigure, figs: list[ScoredFigure]) -> ScoredFigure | None:
    """In a claim of several figures ("办结…2282宗，同比增长11.81%"), the source sentence that
    states one of them may state the others beside it: a figure of that sentence with the
    claimed value, in a compatible unit, is the one this part of the claim is about. Same
    value alone is not enough: a swapped pair ("1,265 suspects in 1,854 cases") differs in unit.
    The figure must also be of another unit than the one found: of two case counts in a sentence
    ("…800 cases, and prosecuted 2,061 suspects in 1,155 cases") the ranking has already
    chosen the one for the claimed metric. Nor may its clause name another agency or action than
    the claim's part ("approved the arrest of … in 1,155 cases": 1,155 cases were prosecuted)."""
    s, e = sentence_bounds(best.chunk.text, best.figure.start)
    for f in figs[:NEIGHBOUR_DEPTH]:
        if (f.chunk.id == best.chunk.id and s <= f.figure.start < e and admissible(f, True)
                and other_kind(claimed.unit, f.figure.unit, best.figure.unit) and values_match(claimed, f.figure)):
            return f
    return None


def judge(claimed: Figure, best: ScoredFigure, claim_years: list[int],
          other_years: list[ScoredFigure], source: str | None = None) -> tuple[VerdictLabel, str]:
    """Verdict and a one-line explanation for a claimed figure against the source figure;
    ``source`` names the document (its title), else its file name is used."""
    found = best.figure
    year = best.year
    what = best.metric.strip() or "this figure"
    source = source or best.chunk.source
    gives, shown = f"{source} gives {with_bound(found)} ({format_value(found.value, found.unit)}) for “{what}”", with_bound(claimed)
    if restates_item(claimed, found.unit) or (best.record.lang == "zh" and loosely_restates(claimed, found)):
        claimed = claimed.model_copy(update={"unit": found.unit})
    if claimed.unit and found.unit and not units_compatible(claimed.unit, found.unit) \
            and not generic_restatement(claimed.unit, found.unit):
        return "contradicted", f"{gives}; the claim's unit ({claimed.unit}) does not match ({found.unit})."
    if claim_years and year not in claim_years:
        return "contradicted", f"{gives} for {year}, not for {', '.join(map(str, claim_years))}."
    if generic_restatement(claimed.unit, found.unit):
        claimed = claimed.model_copy(update={"unit": found.unit})  # 4870个 restates 4870名
    if values_match(*target_values(claimed, best)):
        return "supported", f"{gives}; the claimed {shown} matches."
    if power := scale_off(claimed, found):
        return "contradicted", f"{gives}; the claimed {shown} is off by a factor of 10^{power} (scale)."
    for other in other_years:
        if values_match(claimed, other.figure):
            return "contradicted", f"{gives}; the claimed {shown} is the figure for {other.year}."
    return "contradicted", f"{gives}; the claimed {shown} does not match."


def target_values(claimed: Figure, best: ScoredFigure) -> tuple[Figure, Figure]:
    """The claimed and source figures as a claim about a plan's target is judged: a target's "≥83"
    is the number 83 (the bound is what a target is, not a hedge), so a claimed "75.07分以上" misstates
    it, though 83 is above 75.07. Other figures as they are."""
    found = best.figure
    if best.record.plan == "target" and claimed.qualifier and found.qualifier:
        return claimed.model_copy(update={"qualifier": None}), found.model_copy(update={"qualifier": None})
    return claimed, found
