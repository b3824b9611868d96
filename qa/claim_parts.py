"""A claim of several figures, taken apart: each figure's own words, its agency, and the source
figure it pairs with in the sentence that states the claim's first figure.

A news sentence restates one source sentence ("2024年广东公安共立…2249件,破案1926件"): once its
first figure is found there, each further figure is about the figure of that sentence that counts
the same thing — the same action (破案 ↔ 破案), else the one figure of its unit left. A further
figure that equals it is supported; one that differs was changed ("破案2653件") and is
contradicted. Where no figure of that sentence pairs with it for sure, it is looked up on its own.
Pure functions over the claim's text and the ranked figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from index.figures import Figure, neighbour_bounds, units_compatible, values_match
from index.ip_kinds import figure_kinds, kind_conflict
from index.ontology import ontology
from index.qualifiers import asked_qualifiers, qualifiers_in
from index.records import record_id, sentence_bounds
from index.roles import action_conflict, roles_at
from index.text import en_tokens
from qa.claim_rules import starting_figure
from qa.claim_units import other_kind, restates_item
from qa.decide import admissible, asks_otherwise, ruled_out
from qa.frame import QueryFrame, own_span
from qa.rank import ScoredFigure


def own_action(text: str, figures: list[Figure], claimed: Figure) -> str | None:
    """The action a figure's own clause of the claim names (index.roles), None where it names none."""
    left, right = own_span(text, figures, claimed)
    return roles_at(text, claimed.start, claimed.end, left, right, asking=True)[1]


def _same_action(a: str | None, b: str | None) -> bool:
    group = ontology().group
    return a is not None and b is not None and group.get(a, a) == group.get(b, b)


def _unit_fits(claimed: Figure, found: ScoredFigure) -> bool:
    """The found figure is of the claimed figure's kind, in a compatible unit (an English source
    figure's the noun before it names: index.records.named_unit); a bare number pairs only with a
    bare one (an empty unit would otherwise fit every unit)."""
    if claimed.kind != found.figure.kind:
        return False
    unit = found.figure.unit or found.record.named_unit
    if not claimed.unit or not unit:
        return not claimed.unit and not unit
    return units_compatible(claimed.unit, unit) or restates_item(claimed, unit, pairing=True)


def _matches(claimed: Figure, found: ScoredFigure) -> bool:
    """The found figure states the claimed value (in its own classifier, where the claim's 项 is an
    English noun's guess of it: decide.restates_item)."""
    if restates_item(claimed, found.figure.unit, pairing=True):
        claimed = claimed.model_copy(update={"unit": found.figure.unit})
    return values_match(claimed, found.figure)


def _in_sentence(anchor: ScoredFigure, f: ScoredFigure, whole: bool) -> bool:
    """``f`` stands in the anchor's sentence: to its "；" or, ``whole``, to its "。", which may run on
    into the next chunk of the document ("…共立知识产权刑事案件2249件,同比增长5.8%;" | "破案1926件,…")."""
    text = anchor.chunk.text
    s, e = sentence_bounds(text, anchor.figure.start, whole=whole)
    if f.chunk.id == anchor.chunk.id:
        return s <= f.figure.start < e
    last = text.rstrip()[-1:]
    if not whole or e < len(text.rstrip()) or last in "。！？!?." or f.chunk.doc_id != anchor.chunk.doc_id:
        return False
    # The next chunk: it starts where the anchor's ends (chunks may overlap a little).
    if not anchor.chunk.raw_start < f.chunk.raw_start <= anchor.chunk.raw_end + 2:
        return False
    _, first_end = sentence_bounds(f.chunk.text, 0, whole=True)
    return f.figure.start < first_end


def sentence_mates(anchor: ScoredFigure, figs: list[ScoredFigure], taken: frozenset[str],
                   whole: bool = False) -> list[ScoredFigure]:
    """The figures of the anchor's source sentence (``whole``: see _in_sentence), best ranked
    first, but the anchor and those already paired with another figure of the claim."""
    return [f for f in figs if _in_sentence(anchor, f, whole) and f.record.id != anchor.record.id
            and f.record.id not in taken]


def pair_in_sentence(claimed: Figure, action: str | None, qualifiers: frozenset[str], anchor: ScoredFigure,
                     figs: list[ScoredFigure], taken: frozenset[str], anchor_sure: bool
                     ) -> tuple[ScoredFigure, str] | None:
    """The figure of the anchor's sentence that one further figure of a claim is about, and why;
    or None where none pairs with it for sure.

    ``action``: the action the figure's own words name; ``qualifiers``: the metric qualifiers they
    name (发明专利 …); ``anchor_sure``: the claim's first figure
    was found there with its value (only then may a differing figure be called changed).
    A figure of that sentence with the claimed value pairs when it is of a compatible unit and no
    other year, place, qualifier, agency or action. A figure with another value pairs (and the
    claim's figure is contradicted) only when it is the one figure of the sentence that counts
    the same thing: the one with the same action, or, where the claim's words name none, the one
    figure of that unit left in the sentence (of a bare number, the one left whose own words name
    the same qualifiers: "692,600 patents, 186,800 of them invention patents")."""
    def fits(f: ScoredFigure) -> bool:
        return admissible(f, True) and _unit_fits(claimed, f)

    near = [f for f in sentence_mates(anchor, figs, taken) if fits(f)]
    # Past a "；" a sentence turns to another statistic ("批准逮捕…同比上升64.29%；起诉…同比上升
    # 61.73%"): there only a figure of the same action pairs.
    acting = [f for f in sentence_mates(anchor, figs, taken, whole=True)
              if fits(f) and _same_action(action, f.record.action)]
    # An equal figure pairs only where it cannot be another metric's that happens to share the
    # value's unit: of its action, the one figure of its unit, or of a unit the anchor's is not
    # ("…1854人…1265件": the claimed 1,265 cases beside the found 1,854 suspects). Two case counts
    # with no action between them ("行政裁决类1433件,出具维权意见类9012件") are told apart by the
    # ranking, not by the value.
    same = [f for f in acting + near if _matches(claimed, f)
            and (f in acting or len(near) == 1 or other_kind(claimed.unit, f.figure.unit, anchor.figure.unit))]
    if same:
        return same[0], "it stands in the sentence of the claim's first figure"
    # The claimed value, qualified as the first figure's source is, where the figure's own words name no
    # qualifier ("The plan's target for Madrid registrations in force was 6,000, and the province ended
    # the period with 8,862": the row's 完成值 8862, both of Madrid marks in force).
    restating = [f for f in sentence_mates(anchor, figs, taken) if _matches(claimed, f)
                 and (_unit_fits(claimed, f) or not claimed.unit) and _qualified_as(anchor, f)]
    if not qualifiers and len(restating) == 1:
        return restating[0], "it stands in the sentence of the claim's first figure, of the same metric"
    # Past the "；", the claimed value of the very qualifiers the claim's own words name ("…32.93萬件,
    # 其中,一般作品登記5.49萬件;計算機軟件作品登記27.44萬件" for "including 274,400 computer software
    # works"): the claim restates that figure, not the one of its unit before the "；".
    if qualifiers:
        named = [f for f in sentence_mates(anchor, figs, taken, whole=True)
                 if fits(f) and _matches(claimed, f) and f.record.metric_qualifiers == qualifiers]
        if named:
            return named[0], "it stands, as the claim qualifies it, in the sentence of the claim's first figure"
        # The claimed value, qualified by all the figure's own words name and by the first figure's, a part
        # of that figure's whole ("792,300 valid invention patents, of which 367,700 counted as high-value"
        # for "高价值发明专利36.77万件"): a qualifier of the whole the part's source leaves out rules it out
        # no more. One of its own beyond both is another metric ("108,700 invention patents … granted to
        # strategic industrial clusters" for "692,600 patents, of which 108,700 invention patents").
        within = [f for f in sentence_mates(anchor, figs, taken, whole=True)
                  if _matches(claimed, f) and _unit_fits(claimed, f) and qualifiers <= f.record.metric_qualifiers
                  and f.record.metric_qualifiers - qualifiers <= anchor.record.metric_qualifiers
                  and ruled_out(f, True) in (None, "a differently qualified metric") and not asks_otherwise(f)]
        if len(within) == 1:
            return within[0], "it stands, as the claim qualifies it, in the sentence of the claim's first figure"
    if not anchor_sure:
        return None
    if action is not None:
        if len(acting) == 1:
            return acting[0], "the same action in the sentence of the claim's first figure"
        return None
    # The one figure of its unit there: one the rules leave out (another year, qualifier) still
    # counts, as the claim's figure may be that one, misread ("351,000" of 35.1万件 with 2015 as
    # its base year is not 12.0件).
    of_unit = [f for f in sentence_mates(anchor, figs, taken) if _unit_fits(claimed, f)]
    if len(near) == 1 and len(of_unit) == 1 \
            and (claimed.unit or (qualifiers and qualifiers == near[0].record.metric_qualifiers)):
        return near[0], "the one figure of its unit in the sentence of the claim's first figure"
    return None


def _qualified_as(anchor: ScoredFigure, f: ScoredFigure) -> bool:
    """``f`` is ruled out only by qualifiers, and they are the anchor's own (one metric's two figures)."""
    others = {k: v for k, v in f.features.items() if k != "qualifier"}
    return (f.features.get("qualifier", 0.0) < 0 and ruled_out(replace(f, features=others), True) is None
            and not asks_otherwise(f) and bool(anchor.record.metric_qualifiers)
            and f.record.metric_qualifiers == anchor.record.metric_qualifiers)


# How far down the ranking a figure with the claimed value still makes a contradiction unsafe.
VALUE_DEPTH = 5


def value_elsewhere(claimed: Figure, best: ScoredFigure, figs: list[ScoredFigure]) -> ScoredFigure | None:
    """A figure ranked near the top, other than ``best``, that states the claimed value in a fitting
    unit and names no other year, place, qualifier, agency or action; None where there is none.
    A figure of a claim looked up by its own clause ("…and registered 824,500 trademarks") is then
    not contradicted by ``best`` (a count of 3 trademark cases): the documents give its value for a
    metric the ranking found nearly as fitting, which may be what the claim means."""
    return next((f for f in _stating(claimed, best, figs) if _unit_fits(claimed, f) or not f.figure.unit), None)


def _stating(claimed: Figure, best: ScoredFigure, figs: list[ScoredFigure]) -> Iterator[ScoredFigure]:
    """The figures ranked near the top, other than ``best``, that state the claimed value and are
    not ruled out."""
    return (f for f in figs[:VALUE_DEPTH] if f is not best and _matches(claimed, f) and admissible(f, True))


def value_in_sentence(claimed: Figure, action: str | None, own_words: str, claim_kinds: frozenset[str],
                      anchor: ScoredFigure) -> bool:
    """The claimed value stands in the whole source sentence another figure of the claim was found
    in (``anchor``), in a compatible unit, as a figure whose own action does not conflict with
    ``action`` (the claimed figure's own), nor another kind of right than the claim's nor other
    qualifiers than its ``own_words`` name (the patent disputes' 11.81% for a claim about trademark
    cases, general works' 4.95万件 for software). A news sentence restates one source sentence, so a
    contradiction of that claimed figure by some other source figure is then unsafe: "技术与创新支持
    中心(TISC)13家" beside "公共服务节点21家" is the sentence's 13家, not the 11家 a lookup by its
    words found; "结收比106.19%" past the "；" is not the 31.17% beside 11337件."""
    text, figs = anchor.chunk.text, anchor.chunk.figures
    s, e = sentence_bounds(text, anchor.figure.start, whole=True)
    for f, metric in zip(figs, anchor.chunk.metrics, strict=True):
        if not (s <= f.start < e and values_match(claimed, f)):
            continue
        # a bare claimed number is no unit's; a claimed unit meets an incompatible one only
        if (f.unit and not claimed.unit) or (claimed.unit and f.unit and not units_compatible(claimed.unit, f.unit)):
            continue
        found_action = roles_at(text, f.start, f.end, *neighbour_bounds(figs, f.start, f.end, len(text)))[1]
        if action and found_action and action_conflict(frozenset({action}), found_action):
            continue
        ls, le = sentence_bounds(text, f.start)
        if kind_conflict(claim_kinds, figure_kinds(metric, text[ls:le])) \
                or not asked_qualifiers(own_words, question=False) <= qualifiers_in(metric):
            continue
        return True
    return False


VALUE_SENTENCE_DEPTH = 60  # the claim's ranked candidates whose sentences are looked through


def value_sentence(stated: Sequence[Figure], figs: list[ScoredFigure]) -> list[ScoredFigure | None]:
    """Of the sentences of the claim's best-ranked candidate figures, the one stating the values of
    most of the claim's figures, two at least, each in a fitting unit or stated bare (a small count
    such as "two bases" aside, which any sentence may state): for each claimed figure, the figure of that
    sentence stating its value, else None. A news sentence restates one source sentence, and
    that is more likely the one stating its values than the one its first figure's words find
    ("The two bases … in 2024 … trained 1,530 person-times": the two bases stand beside the
    cumulative 5776人次 first, the 2024 figures a sentence later)."""
    found: dict[tuple[str, int], dict[int, ScoredFigure]] = {}
    for f in figs[:VALUE_SENTENCE_DEPTH]:
        start, _ = sentence_bounds(f.chunk.text, f.figure.start, whole=True)
        mates = found.setdefault((f.chunk.id, start), {})
        for i, claimed in enumerate(stated):
            # (a bare claimed number, "ran 29 training sessions", may be any unit's here: the sentence is
            # only located by it, and pairs with a figure only as pair_in_sentence allows)
            if (i not in mates and f not in mates.values() and _matches(claimed, f)
                    and (not claimed.unit or _unit_fits(claimed, f))):
                mates[i] = f
    best = max(found.values(), key=lambda m: sum(1 for i in m if _distinctive(stated[i])), default={})
    if sum(1 for i in best if _distinctive(stated[i])) < 2:
        return [None] * len(stated)
    return [best.get(i) for i in range(len(stated))]


def locatable(stated: Sequence[Figure]) -> bool:
    """Whether a claim states values enough for value_sentence to locate a sentence by: two
    distinctive ones (a single figure, or one beside small counts, locates none)."""
    return sum(map(_distinctive, stated)) >= 2


def _distinctive(claimed: Figure) -> bool:
    """A value few sentences state by chance: ten or more, or with a fraction."""
    return claimed.value >= 10 or claimed.value != int(claimed.value)


def reports_disagree(verdicts: list[str], sources: Sequence[ScoredFigure | None], years: Sequence[int] = ()) -> bool:
    """A claim of several figures none of which is found supported, whose contradictions come from
    different documents: a news sentence restates one report, so the pairings disagree about which,
    and none is sure enough to call the claim false ("Insurers … provided 1,830 companies with 143 …
    policies worth RMB 226 million" against the 2023 paper's 500余家 companies given guidance and
    the 2024 paper's case value). Contradictions from different sentences of one report stand: one
    figure of "closed 50,932 IP cases through mediation …, and damages … totaled RMB 88.5 million"
    may be paired wrongly and the other still be false; so do those of a claim naming two years
    (``years``), whose figures each year's report gives."""
    if len(verdicts) < 2 or "supported" in verdicts or len(set(years)) > 1:
        return False
    return len({s.record.doc_id for s, v in zip(sources, verdicts, strict=True)
                if s is not None and v == "contradicted"}) > 1


def value_elsewhere_why(claimed: Figure, best: ScoredFigure, figs: list[ScoredFigure], as_named: bool = False
                        ) -> str | None:
    """Why ``best`` cannot contradict the claimed figure where value_elsewhere finds it stated, or None;
    ``as_named``: only where the claim's words fit that figure's metric and sentence as well as best's
    ("investigated nearly 4,000 IP cases": 3,945 IPR cases investigated, not the 370 copyright cases). A
    swapped metric names best's better, and stays a contradiction ("审结知识产权刑事案件47.7万件": 刑事 fits
    1.2万件; "存案数同比减少了8.54%": 存案 stands in 31.17%'s sentence part, not in 8.54%'s)."""
    other = value_elsewhere(claimed, best, figs)
    if other is None or as_named and any(other.features.get(k, 0.0) < best.features.get(k, 0.0)
                                         for k in ("metric", "context")):
        return None
    return f"the documents give the claimed {claimed.text} as {other.figure.text} for “{other.metric.strip()}”"


def value_beside_why(claimed: Figure, best: ScoredFigure, figs: list[ScoredFigure]) -> str | None:
    """Why ``best`` cannot contradict the claimed figure: a figure of its own sentence, ranked near the
    top, states the claimed value in a fitting unit and the claim's words fit its metric as well as
    best's ("took on 228 civil supervision cases" against "accepted 228 cases …, including 34 cases
    with procuratorial advice": the two metrics tie, and the claim restates the first). For a claim
    that names no action (qa.claim_check): one that names it tells the two apart by it ("存案数同比减少
    了8.54%" swaps the intake's fall for the pending cases'). A swapped metric names the contradicting
    figure's better than the one with its value, and stays a contradiction ("审结知识产权刑事案件
    47.7万件": 刑事 fits 1.2万件 better)."""
    s, e = sentence_bounds(best.chunk.text, best.figure.start, whole=True)
    for f in _stating(claimed, best, figs):
        # a later figure's metric borrows the lead's words ("广州知识产权法院共新收 | 审结"): only its own
        # part tells it apart, so only the sentence's lead figure can stand beside on a tie
        if (f.chunk.id == best.chunk.id and s <= f.figure.start < e and _unit_fits(claimed, f)
                and " | " not in f.record.metric and f.features.get("metric", 0.0) >= best.features.get("metric", 0.0)):
            return (f"the same sentence gives the claimed {claimed.text} as {f.figure.text} for "
                    f"“{f.metric.strip()}”, which the claim names as well")
    return None


def of_its_own_year(claimed: Figure, own_text: str, years: list[int], same_metric: list[ScoredFigure]
                    ) -> ScoredFigure | None:
    """Of a claim that reads several years ("一般作品登记4.95万件,较2023年的5.49万件"), the figure of
    the same metric for the year the claimed figure's own words name (``own_text``: "较2023年的5.49万件")
    that it equals: the claim states that year's figure, which is no contradiction. A figure whose
    own words name no year is not moved to another year (two years' figures swapped stay wrong)."""
    if len(years) < 2:
        return None
    return next((f for f in same_metric if f.year in years and f.year is not None and str(f.year) in own_text
                 and values_match(claimed, f.figure)), None)


_YEAR = re.compile(r"(?:19|20)\d\d年?")


def start_of_change(claim: QueryFrame, claimed: Figure, years: list[int], best: ScoredFigure,
                     figs: list[ScoredFigure]) -> ScoredFigure | None:
    """Of a claim stating a change ("from 56.5% to 60% by 2025"), where the claimed figure is the
    start (qa.claim_rules.starting_figure): the figure of a year before the one the claim names
    whose metric is the chosen figure's, the one with the claimed value if there is one, else one of
    an earlier year the claim names, else the latest. The latest year named is the later figure's
    ("from 2020's 56.5% to 60% by 2025"). (A plan's table names each column's year in its figures'
    metric: "商标品牌发展指数 2020年" is "… 2025年"'s metric, years aside.)"""
    if not years or not starting_figure(claim.read_text, claimed, claim.figures):
        return None
    metric = _YEAR.sub("", best.record.metric).strip()
    earlier = sorted((f for f in figs if f.year is not None and f.year < max(years)
                      and _YEAR.sub("", f.record.metric).strip() == metric),
                     key=lambda f: (f.year not in years, -f.year))
    return next((f for f in earlier if values_match(claimed, f.figure)), earlier[0] if earlier else None)


def same_figure(source: ScoredFigure) -> frozenset[str]:
    """A source figure's record and the other language's record of the same figure."""
    return frozenset(filter(None, (source.record.id, source.record.aligned)))


def named_better(claimed: Figure, paired: ScoredFigure, own_ranking: Callable[[], list[ScoredFigure]]) -> str | None:
    """Why a figure of the source sentence that states the claimed value cannot support it, or None:
    the claimed figure's own words (``own_ranking``: the ranking by its own clause, made only for a
    pair that states the claimed value) name another figure of that sentence, in a fitting unit,
    clearly better ("with a contract turnover of 263.6 billion yuan" beside "成交额2845.47亿元,技术交易额
    2636.10亿元": turnover is 成交额). A swapped metric, which the value alone cannot show; not found,
    as a pairing by value is no reading of the words."""
    if not _matches(claimed, paired) or not paired.record.metric.strip():
        return None  # (a source figure whose own words were not read is named no worse than another)
    own_figs = own_ranking()
    same = same_figure(paired)
    mine = next((f.features.get("metric", 0.0) for f in own_figs if f.record.id in same), 0.0)
    s, e = sentence_bounds(paired.chunk.text, paired.figure.start, whole=True)
    # the sentence's figures, and their translations: the claim's words may name a twin better
    sentence = {record_id(paired.chunk.id, i) for i, g in enumerate(paired.chunk.figures) if s <= g.start < e}
    # An English figure's own noun: "52,300 rights-protection cases" beside "accepted 52,300 pre-examination
    # applications and 16,100 IPR protection cases" names the 16,100 (their metric phrase is one for both)
    nouns, paired_nouns = _nouns(claimed.text), _nouns(paired.figure.text)
    for i, f in enumerate(own_figs):
        if f.record.id in same or f.record.aligned in same or not ({f.record.id, f.record.aligned} & sentence):
            continue
        if not (_unit_fits(claimed, f) and admissible(f, True)):
            continue
        if i < 3 and f.features.get("metric", 0.0) >= max(0.3, 2 * mine):
            return f"the claim's words name {f.figure.text} (“{f.metric.strip()}”) of the same sentence better"
        if nouns and paired_nouns and not nouns & paired_nouns and nouns & _nouns(f.figure.text):
            return f"the claim's {claimed.text} names {f.figure.text} of the same sentence, not {paired.figure.text}"
    return None


# The number of an English figure's text, with its scale word: what is left is the noun it counts
_NUMBER_LEAD = re.compile(r"^[^A-Za-z]*(?:(?:hundred|thousand|million|billion)\b)?", re.IGNORECASE)


def _nouns(text: str) -> frozenset[str]:
    """The stems of the words an English figure's text counts ("52,300 rights-protection cases" → right,
    protect, cas); none for a Chinese one."""
    return frozenset(en_tokens(_NUMBER_LEAD.sub("", text).replace("-", " "))) if text.isascii() else frozenset()
