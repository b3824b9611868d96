"""When a source figure cannot judge one figure of a claim, whatever its value: the verdict is
``contradicted`` only when a figure for the same metric, agency, year and place disagrees, so a
figure that counts something else (a plan's target for an actual count, a yearly count for a
quarter) is no evidence either way and the part is
``not_found``. Pure functions over the claim's text and the source figure's record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from itertools import pairwise

from index.figures import Figure, number_matches, restated_number, units_compatible
from index.figures.dimensions import COUNT, dimension, other_class, same_dimension
from index.figures.fractions import multiple_word, rough
from index.figures.pieces import counted_head
from index.figures.tables import EN_UNITS
from index.figures.units import may_count_as, occurrences_of
from index.glossary import Glossary
from index.ip_kinds import without_kinds
from index.lexicon import alternation, rows, words
from index.ontology import ontology
from index.places import level, locating, place_mentions, places_in
from index.plans import names_base_year, plan_role
from index.records import FigureRecord, sentence_bounds
from index.roles import agencies_in, role_spans
from index.text import en_stem, en_tokens
from index.types import Chunk
from qa.compare import last_direction, stated_direction, states_year_on_year
from qa.frame import QueryFrame, own_span
from qa.rank import ScoredFigure
from qa.unit_fit import names_counted_noun
from qa.years import plan_years

# A clause ends as index.roles.CLAUSE_END says, but a comma before a year is no thousands mark
# ("报告显示,2022年…"; "1,156" is one number).
_CLAUSE_END = re.compile(r"[。！？!?\n；;，]|,(?!\d{3}(?:\D|$))|\.\s")
# A result word of a claim's own clause (plan_result_words.txt: "ended", 结果): see not_comparable.
_RESULT_WORDS = alternation(words("plan_result_words.txt"))


@cache
def _part_year_re() -> re.Pattern[str]:
    # English forms are whole words ("q1", not the letters of "hq1"); Chinese ones any substring.
    return alternation(words("part_year_periods.txt"))


def part_of_year(text: str) -> bool:
    """The text names a part of a year (一季度, 上半年, "first quarter"), not a whole one."""
    return bool(_part_year_re().search(text))


_ALREADY = re.compile(r"\balready\b|已经|已經", re.IGNORECASE)
# Words that set or intend a figure rather than report one reached: "规划已经提出…2500亿元", "has already
# set", "到2020年…要达到6000件", "was to reach 6,000 by 2020".
_INTENT = re.compile(r"要|将|將|计划|計劃|提出|明确|明確|设定|設定|目标|目標|力争|力爭|预期|預期"
                     r"|\b(?:plans? to|planned|aims?|aimed|set|sets|targets?|targeted|goals?|will|would|was to|were to"
                     r"|is to|are to|expects?|expected|calls? for|called for|intends?|intended)\b", re.IGNORECASE)
_DATED_TARGET = re.compile(r"到(20\d\d)年|\bby (20\d\d)\b", re.IGNORECASE)


def _reached_dates_out(text: str, year: int) -> str:
    """The text without the "到2020年" / "by 2020" whose year is not after ``year``."""
    return _DATED_TARGET.sub(lambda m: " " if int(m.group(1) or m.group(2)) <= year else m.group(), text)


def not_comparable(claim_text: str, own_text: str, years: list[int], chunk: Chunk, rec: FigureRecord,
                   restated: bool = False, figure_at: tuple[int, int] = (0, 0)) -> str | None:
    """Why the source figure ``rec`` (of ``chunk``) says nothing about a claim's figure, or None;
    ``years``: the years the claim is about;
    ``own_text``: the claim's words of that figure (qa.frame.own_span), whose own plan word wins
    ("目标为6000件,实际完成8862件"), the claimed figure at ``figure_at`` (start, end) in it; ``restated``: the source figure states the claimed value in the
    sentence another figure of the claim was found in, where a result word of the figure's own clause
    (plan_result_words.txt) says it is the result though the claim's "target" is another figure's
    ("The plan's target … was 6,000, and the province ended the period with 8,862": the row's 完成值
    8862). Without one, the claim's word stands for the list ("targets … were 6,000 and 8,862").

    - A plan's target is no evidence about an actual count, nor a result about a target.
    - A figure for a whole year says nothing about a quarter or a half of one.
    """
    # "By 2020 Guangdong held 351,000 …" about a paper of 2020 reports what was reached: a date is a
    # target's only where it is after the source's year ("到2025年…达到", "by 2025").
    # Not where the claim's words set or intend the figure ("到2020年…要达到", "planned … by 2020").
    intent = bool(_INTENT.search(claim_text))
    as_written, whole = own_text, claim_text
    if not intent:
        own_text, claim_text = _reached_dates_out(own_text, chunk.year), _reached_dates_out(claim_text, chunk.year)
    # "has already raised RMB 250 billion during the 14th Five-Year Plan period": a result claimed,
    # which a plan's target cannot support, whatever year the plan's name stands for (not "the plan
    # has already set …").
    claim_plan = plan_role(own_text, "") or ("actual" if restated and _RESULT_WORDS.search(own_text) else None) \
        or ("actual" if _ALREADY.search(own_text) and not intent else None) or plan_role(own_text, claim_text)
    if claim_plan is None and plan_years(claim_text) and years and min(years) > chunk.year:
        # "十四五规划要求2025年…达到…": of a plan, a year after its document was written is its target.
        claim_plan = "target"
    if claim_plan == "target" and names_base_year(as_written, whole, *figure_at):
        # "up from 13.5 in 2020" of a plan's 2025 target: the base it starts from, a result.
        claim_plan = "actual"
    if rec.plan == "target" and claim_plan != "target":
        return "the source figure is a plan's target, the claim states an actual figure"
    if rec.plan == "actual" and claim_plan == "target":
        return "the claim states a plan's target, the source figure is a result"
    if part_of_year(claim_text) and not part_of_year(rec.quote):
        return "the claim is about part of a year, the source figure about a whole one"
    return None


def joint_places(claim_text: str, rec: FigureRecord) -> str | None:
    """Why a source figure counted for several places together ("广东、深圳、佛山分中心累计为500余家
    企业…") cannot contradict a claim about some of them alone ("Shenzhen has guided nearly 2,000
    companies"), or None: the joint count is no count of the claim's place. Cities and districts
    only: every place the claim names counts, partners included, and a province-level one (the
    corpus's own, Hong Kong, Macao) is left out on both sides, as a claim often leaves its province
    unsaid ("Joint operations with Hong Kong and Macao customs netted 3,849 batches")."""
    def below_province(places: frozenset[str]) -> frozenset[str]:
        return frozenset(p for p in places if level(p) != "province")

    claimed, counted = below_province(locating(places_in(claim_text))), below_province(rec.places)
    if claimed and claimed < counted and _listed_together(rec.clause):
        return f"the source figure counts {', '.join(sorted(claimed))} together with {', '.join(sorted(counted - claimed))}"
    return None


# Between two places of one list: "广东、深圳、佛山", "Shenzhen and Foshan".
_PLACE_LIST_GAP = re.compile(r"\s*(?:[、,，/&]|和|及|与|與|and)\s*", re.IGNORECASE)


def _listed_together(clause: str) -> bool:
    """Whether a clause lists places side by side (what counts them together), not one place and
    another where it acted ("深圳海关在东莞查获…")."""
    found = place_mentions(clause)
    return any(_PLACE_LIST_GAP.fullmatch(clause[a[1]:b[0]]) for a, b in pairwise(found))


def other_measure(claimed: Figure, found: Figure) -> str | None:
    """Why a source figure in a unit the claimed one cannot be compared with says nothing against
    it, or None where it can: a contradiction needs the same metric. Figures of different
    dimensions (a duration and a count, a rank and a count, a share and a sum: index.figures.
    dimensions) never measure one thing ("30个工作日" against "两个年度"). Of one dimension, a unit
    the claim does not share is a unit error only when the number is the source's own (US$8.85
    billion for RMB 8.85 billion, 1,854 cases for 1,854 people); with another number too, the
    two are most likely different metrics that both count something; of two dimensions, only when
    it is the source's exact number of three or more digits ("15,766 tons" for 15,766 batches)."""
    if not same_dimension(claimed, found) and not restated_number(claimed, found):
        return (f"the claimed {claimed.text} measures a {dimension(claimed)}, "
                f"{found.text} a {dimension(found)}: not the same metric")
    if (claimed.unit and found.unit and not units_compatible(claimed.unit, found.unit)
            and not number_matches(claimed, found)):
        return f"the claimed {claimed.text} and {found.text} count different things (units, figures both differ)"
    if claimed.unit and not units_compatible(claimed.unit, found.unit) and occurrences_of(found.unit, (claimed.unit,)):
        # "trained 5,776 people" for 5776人次: loose wording of the same count, not a figure misreported
        return f"{found.text} counts occurrences of what the claimed {claimed.text} counts"
    if claimed.unit and not units_compatible(claimed.unit, found.unit) and may_count_as(found.unit, (claimed.unit,)):
        # "transferred 1,701 patents" for 1701项 (results): a general classifier may count what the claim's
        # noun counts; the same number is loose wording or another count, no misreported figure
        return f"{found.text}'s general classifier may count what the claimed {claimed.text} counts"
    return None


def other_counted(claimed: Figure, own_text: str, found: Figure, metric: str) -> str | None:
    """Why a source figure of the claimed one's dimension says nothing against it, or None: its
    ``metric`` (its record's metric phrase) names only other classes of that dimension than the
    claim's own words (a sum of money for damages against one for insurance cover:
    index.figures.dimensions.other_class). Either side naming none leaves the metric to the
    ranking, as before."""
    dim = dimension(claimed) or dimension(found)
    differ = other_class(dim, without_kinds(own_text), without_kinds(metric)) if dim else None
    if differ is None:
        return None
    mine, theirs = (", ".join(sorted(c)) for c in differ)
    return f"the claimed {claimed.text} is a {dim} figure for {mine}, the source's {found.text} for {theirs}"


# A named body of the whole province (广东省知识产权局, "Guangdong's procuratorates") counts what
# the province's figures count: only a body below it (a city's court, a tribunal, a commission)
# makes a figure another body's.
_PROVINCE_PREFIXES = ("广东", "廣東", "省", "guangdong", "the guangdong", "the province")


def named_institutions(text: str) -> frozenset[str]:
    """The named institutions below the province a text names (深圳知识产权法庭, 广州仲裁委员会 …:
    agencies of kind ``named:*``)."""
    kinds = ontology().agency_kind
    return frozenset(i for m in agencies_in(text) for i in m.ids
                     if kinds.get(i, i) != i and not text[m.start:m.end].lower().startswith(_PROVINCE_PREFIXES))


def other_institution(own_text: str, chunk: Chunk, rec: FigureRecord) -> str | None:
    """Why a differing source figure cannot contradict a claim's figure whose own clause names a
    named institution ("深圳知识产权法庭当年审结4200件"), or None: the source passage, up to the
    figure's sentence, must name that institution too, or it may well be another body's count.
    Only the figure's own clause counts: "某市知识产权局发布的报告显示,…" names who published it."""
    clauses = [c for c in _CLAUSE_END.split(own_text) if c.strip()]
    named = named_institutions(clauses[-1]) if clauses else frozenset()
    _, end = sentence_bounds(chunk.text, rec.start)
    if named and not named & named_institutions(" ".join(chunk.section) + " " + chunk.text[:end]):
        return "the source passage does not name the institution the claim names"
    return None


@cache
def _change_words() -> dict[str, re.Pattern[str]]:
    table = rows("change_words.tsv", 2)
    return {kind: re.compile("|".join(p for p, k in table if k == kind), re.IGNORECASE) for kind in ("from", "to")}


# How many characters of a claim's words may stand between the "from" word and the starting figure
# ("从2020年的13.5件"), and between the starting figure and the later one ("提高到2025年的20件").
_CHANGE_REACH = 16


def starting_figure(claim_text: str, claimed: Figure, figures: list[Figure]) -> bool:
    """Whether the claimed figure is where a stated change starts ("from 56.5% to 60% by 2025"):
    a "from" word shortly before it, a "to" word between it and the claim's next figure. The year
    the claim names beside the later figure is that one's, not the starting figure's."""
    words = _change_words()
    later = [f for f in figures if f.start >= claimed.end]
    if not later:
        return False
    between = claim_text[claimed.end:later[0].start]
    floor = max([0, claimed.start - _CHANGE_REACH] + [f.end for f in figures if f.end <= claimed.start])
    before = claim_text[floor:claimed.start]
    return (len(between) <= _CHANGE_REACH and not _CLAUSE_END.search(between)
            and bool(words["to"].search(between)) and bool(words["from"].search(before)))


_REPORTING_EN = frozenset(en_stem(w) for w in words("reporting_words_en.txt"))


def names_nothing(info: QueryFrame, nouns: Callable[[str], frozenset[str]]) -> bool:
    """Whether a claim says nothing its figures count beyond their measure words: no agency, action
    or qualifier, and in Chinese no noun but the measure words ("共有50人"), in English no content
    word but the figures' unit nouns, places and words of reporting or rounding ("In 2024 there
    were 50 cases in total", index/lexicon/reporting_words_en.txt). Such a claim matches any
    sentence that shares its verb or unit; it is not judged."""
    if info.agencies or info.actions or info.qualifiers:
        return False
    measure = {f.unit for f in info.figures if f.unit}
    if info.lang == "zh":
        return not (nouns(info.text) - measure)
    text = info.text
    for begin, end, _ in reversed(place_mentions(text)):
        text = text[:begin] + " " + text[end:]
    unit_nouns = {en_stem(noun) for noun, (unit, _) in EN_UNITS.items() if unit in measure}
    return not (set(en_tokens(text)) - unit_nouns - _REPORTING_EN)


def bare_beside(glossary: Glossary, claim: QueryFrame, claimed: Figure, best: ScoredFigure) -> str | None:
    """Why a claim's figure written with no unit cannot be contradicted by a source figure with a
    unit it was not paired with, or None where it can: what it counts is its neighbour's, beside
    other figures ("…3,945 cases …, and passed 167 of them to…"), unless it counts a noun of its own
    that the source figure, a count, counts too ("9,120 rights-protection opinions" for "9,012 cases of
    rights protection opinion issuance"; never 6.57亿元 for "1,701 conversions"), nor, alone, by an English
    count that counts another ("34.78 million fakes" against 14,420 batches); or a noun no unit names
    ("drew 108 nominations") where the source figure names a counted noun the claim does not use
    (两个案例: qa.rank's ``counted``)."""
    if claimed.unit or not best.figure.unit:
        return None
    head = counted_head(claim.read_text, claimed.end)
    text = best.chunk.text
    own_noun = head is not None and dimension(best.figure) == COUNT and names_counted_noun(
        head, best.record.lang, best.record.metric, text[best.figure.end : sentence_bounds(text, best.figure.start)[1]],
        glossary)
    if len(claim.figures) >= 2 and not own_noun:
        return f"the claimed {claimed.text} names no unit, and {best.figure.text} is not the figure it stands beside"
    if head is not None and best.record.lang == "en" and dimension(best.figure) == COUNT and not own_noun:
        # alone too: "34.78 million fakes" are no count of "14,420 batches of infringing goods"
        return f"the claimed {claimed.text} counts {head}, {best.figure.text} does not"
    if head and best.features.get("counted", 0.0) < 0:
        return f"the claimed {claimed.text} counts a noun no unit names, {best.figure.text} what the claim does not name"
    return None


def direction_flipped(claim_text: str, claimed: Figure, found: ScoredFigure) -> str | None:
    """How a claimed change of the source's value goes the other way ("比上一年减少了5.8%" where the source
    says 同比增长5.8%, "fell 8.54%" for a rise), or None: a year-on-year rate (index.records.change), a
    claim that says it compares with the year before, and a direction both sentences state right beside the
    rate (qa.compare.stated_direction) that disagree."""
    if found.figure.kind != "percent" or not found.record.change:
        return None
    if rough(claimed.text):
        # A change stated as a multiple or fraction says which way by its own words: "doubled", "fell by
        # nearly a third", 减少了近一半 (its lead: the words back to the clause's start).
        lead = re.split(r"[,，;；。!?、]", claim_text[max(0, claimed.start - 40):claimed.start])[-1]
        said = last_direction(lead) or (1 if multiple_word(claimed.text) else 0)
    elif not states_year_on_year(claim_text):
        return None  # only a claim that says it compares with the year before states which way it went
    else:
        said = stated_direction(claim_text, claimed.start, claimed.end)
    source = stated_direction(found.chunk.text, found.figure.start, found.figure.end)
    if not source and rough(claimed.text):
        # The source's way in its metric's words where none stands right beside it ("同比分别上升64.29%、
        # 68.24%", "representing year-on-year increases of"): a fraction states no number to confuse it with.
        source = last_direction(found.record.metric)
    if not said or not source or said == source:
        return None
    way = {1: "rose", -1: "fell"}
    return f"the source says it {way[source]} {found.figure.text}; the claim says it {way[said]}"


def actions_to_clause_end(claim: QueryFrame, claimed: Figure) -> frozenset[str]:
    """The actions a claim of one figure names up to the end of that figure's clause: a clause after
    it with no figure of its own compares or comments ("closed 88,462 IP cases, more than the new
    cases they took in": closed, not took in); words in the figure's clause are kept, before or after
    it ("resolved 47.4% of cases through mediation or withdrawal"). All the claim's where it names
    none so far."""
    _, end = own_span(claim.read_text, claim.figures, claimed)
    spans = role_spans(claim.read_text)[1]
    named = frozenset(a for a, found in spans.items() if any(s < end for s, _ in found))
    return named or claim.actions
