"""A claim's figures checked one by one (QA.verify): the first looked up on its own, the others
paired in its source sentence where one there is theirs (qa.claim_parts), each judged against its
source figure unless that figure cannot judge it (qa.claim_rules), or place by place where the claim
names no place and provinces differ (qa.by_place)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from index.figures import Figure, values_match
from index.figures.fractions import share_word
from index.places import ancestors, level, place_name, province_of
from qa.answer import figure_out
from qa.by_place import claim_by_place
from qa.calibration import claim_features
from qa.claim_clauses import ClaimClause, claim_clauses, clause_frame
from qa.claim_parts import (
    locatable,
    named_better,
    of_its_own_year,
    own_action,
    pair_in_sentence,
    reports_disagree,
    same_figure,
    start_of_change,
    value_beside_why,
    value_elsewhere_why,
    value_in_sentence,
    value_sentence,
)
from qa.claim_rules import (
    bare_beside,
    direction_flipped,
    joint_places,
    not_comparable,
    other_counted,
    other_institution,
    other_measure,
    starting_figure,
)
from qa.claim_verdicts import cannot_judge, share_unchecked, unjudged
from qa.decide import Decision, calibrated, judge
from qa.frame import QueryFrame, own_span
from qa.rank import ScoredFigure
from qa.types import Verdict
from qa.where import figure_place, place_out
from qa.whole_place import nation_wide, province_wide

_LOCAL = ("city", "district")  # index.places levels of a city's own report
# A source figure whose metric the claim's words barely name (rank's ``metric`` below this) contradicts a
# claimed figure only where no figure near the top states the claimed value: "帮厂商多赚了四十多亿元"
# names neither 技术交易额 (8亿元) nor 经济效益 (超40亿元); "…up 152.4% and 227.2% respectively from
# end-2015" is not contradicted by the copyright industries' 8.7% while 152.4% ranks near the top.
# The swapped metrics of dev claims name the contradicting figure's at 0.43 or more ("审结知识产权刑事案件47.7万件" against 1.2万件).
WEAK_METRIC = 0.2

if TYPE_CHECKING:
    from qa.api import QA


def check_parts(qa: QA, info: QueryFrame, stated: list[Figure]) -> list[Verdict]:
    """Each figure of a claim checked. The first is looked up on its own; the others first in
    its source sentence (a news sentence restates one source sentence: "办结…2282宗，同比增长
    11.81%"), else on their own clause's words with the claim's year, place and leading agency
    (qa.claim_clauses). A figure not found so is looked for again in the sentence of
    the first figure found supported ("其中行政裁决类1433件,出具维权意见类9012件": 9012件 finds it)."""
    clauses = claim_clauses(info.read_text, stated, _content(qa)) if len(stated) > 1 else [None]
    first, anchor = check_one(qa, info, stated[0], alone=len(stated) == 1, clause=clauses[0])
    checks, sources = [first], [anchor if first.verdict != "not_found" else None]

    def sure(v: Verdict) -> float | None:
        return (1.0 if v.confidence is None else v.confidence) if v.verdict == "supported" else None

    for f, clause in zip(stated[1:], clauses[1:], strict=True):
        # A source figure an earlier figure was judged against is taken, unless that figure is a
        # bound or rounding of this one: two words for one quantity ("突破900万件,达906.46万件").
        # Its translation is taken with it: the same figure in the other language.
        taken = frozenset(k for s, c, g in zip(sources, checks, stated, strict=False)
                          if s and c.verdict != "not_found" and not values_match(g, f) for k in same_figure(s))
        # (The anchor itself is never its own sentence's mate; it is taken only where judged.)
        check, source = check_one(qa, info, f, alone=False, anchor=anchor, taken=taken,
                                  anchor_sure=sure(first), clause=clause)
        checks.append(check)
        sources.append(source if check.verdict != "not_found" else None)
    # Every source sentence a figure was found supported in, in the claim's order (a 分别 list's
    # first figure may be found in a table, its rates in the sentence of its second). A figure not
    # found is looked for in each; a contradicted one too, but only its value found there counts:
    # a news sentence runs on through the source's sentences ("received 83,308 new IP cases and
    # concluded 88,462, a clearance-to-receipt ratio of 106.19%": the ratio stands beside 88,462, a
    # sentence after 83,308), so a figure judged against another sentence's was paired wrongly.
    anchors = [i for i, c in enumerate(checks) if c.verdict == "supported" and sources[i]]
    for i, f in enumerate(stated):
        for at in anchors:
            if i == at or checks[i].verdict == "supported":
                continue
            taken = frozenset(k for s in sources if s is not None for k in same_figure(s))
            again, source = check_one(qa, info, f, alone=False, anchor=sources[at], taken=taken,
                                      anchor_sure=sure(checks[at]), clause=clauses[i], pair_only=True)
            if again.verdict == "supported" or (again.verdict != "not_found" and checks[i].verdict == "not_found"):
                checks[i], sources[i] = again, source
    # (the claim's own candidates are searched only where its values could locate a sentence: not for
    # every single claim not found supported)
    if locatable(stated) and not all(c.verdict == "supported" for c in checks):
        _restated_sentence(qa, info, stated, clauses, checks, sources)
    # A source figure one of the claim's figures is supported by (or its translation) judges no
    # other: the claim restated it, so a contradiction against it was a wrong pairing.
    restated = {k for s, c in zip(sources, checks, strict=True) if s and c.verdict == "supported"
                for k in same_figure(s)}
    for i, (s, c) in enumerate(zip(sources, checks, strict=True)):
        if s and c.verdict == "contradicted" and direction_flipped(info.read_text, stated[i], s):
            continue  # its own figure, claimed gone the other way
        if s and c.verdict == "contradicted" and same_figure(s) & restated:
            checks[i] = cannot_judge(info, stated[i], s, "another figure of the claim restates it", c.retrieved)
        elif s and c.verdict == "contradicted" and any(
                value_in_sentence(stated[i], own_action(info.read_text, info.figures, stated[i]),
                                  info.read_text[own_span(info.read_text, info.figures, stated[i])[0]:stated[i].end],
                                  info.kinds, anchor)
                for at in anchors if at != i and (anchor := sources[at]) is not None):
            checks[i] = cannot_judge(info, stated[i], s, "the claimed value stands in the source sentence the "
                                      "claim restates", c.retrieved)
    if reports_disagree([c.verdict for c in checks], sources, info.years):
        checks = [cannot_judge(info, f, s, "the claim's other figures are contradicted by another report's",
                                c.retrieved) if s is not None and c.verdict == "contradicted" else c
                  for f, c, s in zip(stated, checks, sources, strict=True)]
    return [c.model_copy(update={"claim": info.text}) for c in checks]


def _restated_sentence(qa: QA, info: QueryFrame, stated: list[Figure], clauses: Sequence[ClaimClause | None],
                       checks: list[Verdict], sources: list[ScoredFigure | None]) -> None:
    """Each figure not found supported, looked for once more in the source sentence stating most of
    the claim's values (qa.claim_parts.value_sentence), its equal value only: found there, it is
    supported (in place)."""
    _, figs = qa.candidates(info, qa.verify_weights)
    mates = value_sentence(stated, figs)
    for i, f in enumerate(stated):
        anchor = next((m for j, m in enumerate(mates) if m is not None and j != i), None)
        if anchor is None or checks[i].verdict == "supported":
            continue
        taken = frozenset(k for s in sources if s is not None for k in same_figure(s))
        again, source = check_one(qa, info, f, alone=False, anchor=anchor, taken=taken, clause=clauses[i],
                                  pair_only=True)
        if again.verdict == "supported":
            checks[i], sources[i] = again, source


def _content(qa: QA) -> Callable[[str], bool]:
    """Whether words name anything a figure may count: a word of two or more letters that is no
    function word (the tokenizer's; "1854人" and "同比" name nothing)."""
    tok = qa.index.glossary.tokenizer

    def content(words: str) -> bool:
        function = tok.function_words(words)
        return any(len(t) > 1 and t not in function for t in tok.both(words))

    return content


def check_one(qa: QA, info: QueryFrame, claimed: Figure, alone: bool, anchor: ScoredFigure | None = None,
              taken: frozenset[str] = frozenset(), anchor_sure: float | None = None,
              clause: ClaimClause | None = None, pair_only: bool = False) -> tuple[Verdict, ScoredFigure | None]:
    """The verdict on one figure of a claim, looked up with that figure's unit (in the sentence
    of ``anchor``, the source figure of the claim's first figure, where one there pairs with
    it: qa.claim_parts; ``taken``: that sentence's figures paired already; ``anchor_sure``: the
    probability that the first figure's verdict, supported, is right), and the source figure
    it was judged against. ``clause``: the figure's own words in a claim of several
    (qa.claim_clauses): where it pairs with none in the anchor's sentence, or its metric is one
    of a 分别 list, it is looked up by them; ``pair_only``: only a pair in the anchor's sentence."""
    claim = info
    if share_word(info.read_text, claimed):
        return share_unchecked(info, claimed), None
    own = clause_frame(claim, clause, qa._analyse(clause.query, "claim")) if clause is not None else None
    info = own if own is not None and clause is not None and clause.listed else qa.claim_query(info, claimed, alone)
    ranked, figs = qa.candidates(info, qa.verify_weights)
    figs = _no_shares(figs)
    retrieved = [cid for cid, _ in ranked]
    paired = None
    if anchor is not None:
        action = own_action(claim.read_text, claim.figures, claimed)
        if clause is not None and clause.listed and own is not None:
            action = next(iter(own.actions), None)
        paired = pair_in_sentence(claimed, action, info.qualifiers, anchor, figs, taken, anchor_sure is not None)
    if paired is None and pair_only:
        return unjudged(info, claimed, retrieved), None
    if paired is not None and own is not None and (
            why := named_better(claimed, paired[0], lambda: qa.candidates(own, qa.verify_weights)[1])):
        return cannot_judge(info, claimed, paired[0], why, retrieved), None
    whole = None
    if paired is None and own is not None and info is not own:
        # Not in the anchor's sentence: looked up by its own clause (its metric may stand in
        # another sentence or document than the claim's first figure's).
        whole = (info, figs, retrieved)
        info = own
        ranked, figs = qa.candidates(info, qa.verify_weights)
        figs = _no_shares(figs)
        retrieved = [cid for cid, _ in ranked]
    if paired is None and info is own:
        # Each figure of a claim counts something of its own: a source figure another of its
        # figures was found for is not this one's ("专利和商标授权量分别为69.26万件和82.45万件").
        figs = [f for f in figs if f.record.id not in taken]
    if paired is not None:
        source = Decision(chosen=paired[0], reason=paired[1])
    elif (placed := claim_by_place(info, claimed, figs, lambda fs: qa.claim_source(claimed, fs, alone),
                                   lambda d, fs: judged(qa, claim, info, claimed, d, fs, retrieved),
                                   qa.verify_weights)) is not None:
        return placed
    else:
        source = qa.claim_source(claimed, figs, alone)
    verdict = judged(qa, claim, info, claimed, source, figs, retrieved, paired is not None, anchor_sure,
                     by_clause=paired is None and info is own)
    return _reconciled(qa, claim, claimed, alone, verdict, whole, taken, figs) if whole is not None else verdict


def _reconciled(qa: QA, claim: QueryFrame, claimed: Figure, alone: bool, verdict: tuple[Verdict, ScoredFigure | None],
                whole: tuple[QueryFrame, list[ScoredFigure], list[str]], taken: frozenset[str],
                own_figs: list[ScoredFigure]) -> tuple[Verdict, ScoredFigure | None]:
    """The verdict on a figure looked up by its own clause, read together with the whole claim's
    reading (its words, the figure's own roles):

    - both choose the same source figure: the surer of the two (two lookups agreeing is evidence
      the fitted model sees only one side of: "而2023年全省办理此类案件为9686件,其中裁决类1433宗" —
      its own clause says little of what 1433宗 counts, the whole claim says it);
    - otherwise a figure either reading finds supported is (its value stands for its metric)
      ("2023年这一数字为2306.71亿元,同比增幅达137.75%": the rate's own words found a 调撤率, the
      whole claim the rate of 2306.71亿元), unless the whole claim reads the own clause's figure as
      another metric's of its 分别 list, or the own clause (``own_figs``: its ranking) names another
      figure of the whole claim's source sentence clearly better (a swapped metric: "took in 16,100
      pre-examination requests and 52,300 protection cases" found 1.61万件 by value; not found);
    - two contradictions against different source figures are no pair matched with confidence:
      not found. A reading that judges nothing leaves the other's verdict as it is."""
    v, chosen = verdict
    info, figs, retrieved = whole
    figs = [f for f in figs if f.record.id not in taken]
    source = qa.claim_source(claimed, figs, alone)
    # (a figure and its translation are one source figure)
    same = chosen is not None and source.chosen is not None and chosen.record.id in same_figure(source.chosen)
    if v.verdict == "supported" and not same:
        # Unless the whole claim's reading sees that figure as another metric's of a 分别 list (rank's
        # other_item): "351,000 invention patents …, up 227.2%": the rate's own words name no metric,
        # the claim's say 227.2% is the trademarks' rise. (Not its other gates: a plan's base year,
        # which the whole claim's "targets" rules out, is what "from 56.5%" states.)
        mate = next((f for f in figs if chosen is not None and f.record.id == chosen.record.id), None)
        return (cannot_judge(info, claimed, mate, "read with the whole claim, it is another metric's of its list",
                              retrieved), None) if mate is not None and mate.features.get("other_item", 0.0) < 0 \
            else verdict
    other, other_chosen = judged(qa, claim, info, claimed, source, figs, retrieved) if source.chosen \
        else (None, None)
    if other is not None and same and other.verdict in (v.verdict, v.withheld) \
            and (other.confidence or 0.0) > (v.confidence or 0.0):
        return other, other_chosen
    if other is not None and not same and other.verdict == "supported":
        paired = source.chosen
        why = named_better(claimed, paired, lambda: own_figs) if paired is not None else None
        return (cannot_judge(info, claimed, paired, why, retrieved), None) if paired is not None and why \
            else (other, other_chosen)
    if v.verdict == "contradicted" and not same and chosen is not None and other is not None \
            and other.verdict == "contradicted":
        return cannot_judge(claim, claimed, chosen, "the claim's whole wording points to another source figure",
                             v.retrieved), None
    return verdict


def judged(qa: QA, claim: QueryFrame, info: QueryFrame, claimed: Figure, source: Decision,
           figs: list[ScoredFigure], retrieved: list[str], paired: bool = False,
           anchor_sure: float | None = None, by_clause: bool = False) -> tuple[Verdict, ScoredFigure | None]:
    """The verdict on a claimed figure of ``claim`` (asked as ``info``) against the source
    figure chosen (``source``) among ``figs``, and that figure; ``paired``: chosen in the
    sentence of the claim's first figure, as sure as that (``anchor_sure``); ``by_clause``: looked
    up by its own clause's words, where a figure near the top with the claimed value makes a
    contradiction unsafe (qa.claim_parts.value_elsewhere; otherwise only one whose metric and
    sentence the claim's words fit as well)."""
    best = source.chosen
    left, right = own_span(claim.read_text, claim.figures, claimed)
    clause_text = claim.read_text[left:right]
    why_not = not_comparable(f"{claim.context} {claim.read_text}", clause_text, info.years,
                             best.chunk, best.record, restated=paired and values_match(claimed, best.figure),
                             figure_at=(claimed.start - left, claimed.end - left)) \
        if best else None
    if best is not None and why_not is not None:
        return cannot_judge(info, claimed, best, why_not, retrieved), None
    if best is None:
        return unjudged(info, claimed, retrieved), None
    if (why_not := _local_report(info, best, clause_text) or _part_of_place(info, best, clause_text)) is not None:
        return cannot_judge(info, claimed, best, why_not, retrieved), None
    same_metric_other_years = [
        f for f in figs[:20]
        if f is not best and f.features.get("metric", 0) >= best.features.get("metric", 0) * 0.8
        and f.year != best.year
    ]
    verdict, explanation = judge(claimed, best, info.years, same_metric_other_years,
                                 source=qa._source_name(best.chunk))
    if verdict == "contradicted" and (own := of_its_own_year(claimed, clause_text, info.years,
                                                             same_metric_other_years)):
        best, verdict, explanation = own, *judge(claimed, own, info.years, [], source=qa._source_name(own.chunk))
    elif verdict == "contradicted" and (start := start_of_change(claim, claimed, info.years, best, figs[:20])):
        best, verdict, explanation = start, *judge(claimed, start, [start.year], [], source=qa._source_name(start.chunk))
    elif verdict == "contradicted" and info.years and best.year == max(info.years) \
            and starting_figure(claim.read_text, claimed, claim.figures):
        # the start of a stated change ("从15766批次降至14420批次") against the later year's figure: no pair
        return cannot_judge(info, claimed, best, "it is where the change starts, the source figure the later year's",
                            retrieved), None
    if verdict == "supported" and (other := other_counted(claimed, clause_text, best.figure,
                                                          best.record.metric)):
        # The claimed sum is the source's, for another thing (fines for the value of the goods
        # involved): a metric swapped, which the value alone cannot show.
        return cannot_judge(info, claimed, best, other, retrieved), None
    if verdict == "contradicted":
        why_not = ((None if paired else bare_beside(qa.index.glossary, claim, claimed, best))
                   or other_measure(claimed, best.figure)
                   or other_counted(claimed, clause_text, best.figure, best.record.metric)
                   or other_institution(clause_text, best.chunk, best.record)
                   or joint_places(claim.read_text, best.record)
                   or value_elsewhere_why(claimed, best, figs,
                                          as_named=not by_clause and best.features.get("metric", 0.0) >= WEAK_METRIC)
                   or (value_beside_why(claimed, best, figs) if len(claim.figures) == 1 and not info.actions else None)
                   or (_agency_unknown(info, best) if by_clause else None)
                   or _part_of_place(info, best, clause_text, contradicted=True))
        if why_not:
            return cannot_judge(info, claimed, best, why_not, retrieved), None
    # The source's rate, claimed the other way: as sure as the value's match, and false.
    value_agrees = verdict == "supported"
    if value_agrees and (flipped := direction_flipped(claim.read_text, claimed, best)):
        verdict, explanation = "contradicted", f"{explanation.rsplit(';', 1)[0]}; {flipped}."
    confidence = None
    if paired and anchor_sure is not None:
        # Paired in the sentence where the claim's first figure was found with its value: the
        # pair is as sure as that sentence is (the fitted model knows nothing of pairing).
        confidence = anchor_sure if qa.calibration is not None else None
    elif qa.calibration is not None:
        sure = calibrated(source, qa.calibration.claim, qa.risk,
                          claim_features(value_agrees, claim.assumed, best.features,
                                         verdict == "contradicted" and qa.index.states_value(claimed)))
        confidence = sure.confidence
        if sure.chosen is None:
            return Verdict(claim=info.text, lang=info.lang, verdict="not_found",  # type: ignore[arg-type]
                           claimed=figure_out(claimed, info.lang), found=None, confidence=confidence, withheld=verdict,
                           explanation=f"Not sure enough to call it {verdict}: {sure.reason}.",
                           citations=[], retrieved=retrieved), best
    return Verdict(claim=info.text, lang=info.lang, verdict=verdict,  # type: ignore[arg-type]
                   claimed=figure_out(claimed, info.lang), found=figure_out(best.figure, info.lang), explanation=explanation,
                   citations=[qa._cite(best.chunk, best.index)], confidence=confidence,
                   place=place_out(p) if (p := figure_place(best)) else None,
                   retrieved=[best.chunk.id] + [c for c in retrieved if c != best.chunk.id]), best


def _local_report(info: QueryFrame, best: ScoredFigure, clause: str = "") -> str | None:
    """Why a figure of a city's own report cannot judge a claim about another place (the province
    it is in), or None where it can. A question may be answered with a city's figure, named as the
    city's (qa.where); a claim about the province is neither borne out nor refuted by the city's
    count. A province's paper is not read so: a city named beside its figures is often a mere
    neighbour of the province's own count ("…广州开发区…平台,收集更新1.88亿条全球专利数据")."""
    report = best.chunk.place
    # "全省…" names no place: the whole is the province of the report's city ("全省2023年办结…2282宗")
    places = info.places or (frozenset(filter(None, [province_of(report)])) if report and province_wide(clause)
                             else frozenset())
    if not places or not report or level(report) not in _LOCAL or report in places or places & best.record.places:
        return None
    return f"the source figure is {place_name(report, 'en')}'s, a part of the place the claim names"


def _part_of_place(info: QueryFrame, best: ScoredFigure, clause: str, contradicted: bool = False) -> str | None:
    """Why a figure of a part of the place a claim names (the Guangzhou IP Court's 14,200 cases
    concluded, for a claim about Guangdong's courts; Shenzhen's 1796宗 for "广东全省…1796宗") can
    neither bear it out nor contradict it, or None where it can: the part's count is not the whole's.
    Only where the figure's own clause in the claim (``clause``) says it is about the whole province, or
    a named body is its actor and the verdict would be a contradiction: the province's paper often names
    a city beside the province's own count (its 20支 securitisation products beside Shenzhen's and
    Shaoguan's firsts), so a figure's places alone are no proof."""
    places = best.record.places
    if nation_wide(clause) and not info.places - {"china"} and places and "china" not in places \
            and not nation_wide(best.record.quote):
        # "全国…同比增长近一半", "Nationwide … rose by nearly half": the province's figure is not the country's
        # (a claim naming its province or city is about that: "Guangdong's 2023 nationwide campaign")
        return f"the source figure is {_named(places)}'s; the claim is about the whole country"
    if not info.places or not places or not (contradicted and best.record.bodies or province_wide(clause)) \
            or info.places & places or not all(info.places & set(ancestors(p)) for p in places):
        return None
    return f"the source figure is {_named(places)}'s, a part of the place the claim names"


def _named(places: frozenset[str]) -> str:
    return ", ".join(sorted(place_name(p, "en") for p in places))


def _no_shares(figs: list[ScoredFigure]) -> list[ScoredFigure]:
    """The candidates but a source's share stated as a fraction (约占全国总量一半): it judges no number."""
    return [f for f in figs if not share_word(f.chunk.text, f.figure)]


def _agency_unknown(info: QueryFrame, best: ScoredFigure) -> str | None:
    """Why a figure looked up by its own clause, which names who acted ("…copyright authorities …
    handled 730 cases"), cannot be contradicted by a source figure whose clause names no one (167
    cases "transferred to judicial authorities"): the figure must be the same agency's; None where
    it can."""
    if not info.agencies or best.record.agency is not None:
        return None
    return f"the claim's figure is of {', '.join(sorted(info.agencies))}, {best.figure.text} names no agency"
