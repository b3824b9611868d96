"""What a bare English figure of a claim counts when its noun stands before it, not after.

English often names the counted thing first: "Batches of infringing goods seized by customs in
2024 totalled 14,420", "the number of seized batches fell to 14,420" — the same 14,420 batches as
"seized 14,420 batches". A figure the parser gives no unit (nothing counted follows it) takes:

- the unit of the first count noun of its clause's subject, where a linking verb joins that
  subject to it ("totalled", "were", "rose to"; index/lexicon/counted_before_en.tsv); an action
  verb there ("customs officers seized 14,420") makes the noun before it the actor;
- the unit of the last count before it where it is a part of that one ("5,067 companies, of
  which 4,931 were small and medium-sized", "3,945 IP cases worth RMB 82.5 million … 167 of them"),
  or where the noun it counts is left out after it ("accepted 91,000 IP cases, concluded 95,000").

A figure left bare is judged as before (an empty unit fits every unit). With a unit, a source
figure counting something else (人 for 批次) is a different metric, never a contradiction.
Also which source unit a claimed figure's unit may stand for (other_kind, restates_item).
Pure functions over the claim's text and its figures.
"""

from __future__ import annotations

import re

from index.figures import (
    Figure,
    counts_beings,
    general_classifier,
    normalize_unit,
    unit_named_in,
    units_compatible,
)
from index.figures.dimensions import COUNT, dimension
from index.lexicon import patterns_by_kind
from index.ontology import acting_on
from index.roles import CLAUSE_END, actions_in
from index.text import detect_lang
from qa.unit_fit import measure_noun_restates


def _patterns() -> dict[str, re.Pattern[str]]:
    return patterns_by_kind("counted_before_en.tsv")


def _clause_before(text: str, start: int, floor: int) -> str:
    """The words of a figure's clause before it, from ``floor`` (the end of the figure before)."""
    at = floor
    for m in CLAUSE_END.finditer(text, floor, start):
        at = m.end()
    return text[at:start]


def counted_unit(text: str, figures: list[Figure], i: int) -> str:
    """The unit the words before figure ``i`` of an English claim name for it (see the module), or ""."""
    fig = figures[i]
    p = _patterns()
    previous = figures[i - 1] if i > 0 else None
    whole_before = text[previous.end if previous else 0:fig.start].rstrip()
    if p["subset before"].search(whole_before) or p["subset after"].match(text, fig.end):
        # A part of the last figure that counts things ("3,945 cases worth RMB 82.5 million …
        # 167 of them": cases, not yuan).
        whole = next((f for f in reversed(figures[:i]) if f.unit and dimension(f) == COUNT), None)
        if whole is not None:
            return whole.unit
    before = _clause_before(text, fig.start, previous.end if previous else 0).rstrip()
    bound = p["bound"].search(before)
    if bound:
        before = before[:bound.start()].rstrip()
    link = p["link"].search(before)
    if link:
        return unit_named_in(before[:link.start()])
    elided = p["elided after"].match(text, fig.end)
    counts = [f for f in figures[:i] if f.kind == "quantity" and f.unit and dimension(f) == COUNT]
    if elided and _BARE_COUNT.fullmatch(fig.text) and len({normalize_unit(f.unit) for f in counts}) == 1 \
            and (elided.group().rstrip().endswith("ones") or _acts_on(before, " ".join(f.text for f in counts))):
        # The noun left out after it is the counts' before it ("…91,000 IP cases, concluded 95,000"), where
        # they all count one thing ("…1,265 cases involving 1,854 suspects, and indicted 1,779": cases or
        # people, none) and the verb right before it acts on that thing ("filed 1,926 cases and arrested
        # 4,870": suspects, not cases; "compared with 91,000", "deployed 43,667": no action on cases).
        return counts[-1].unit
    return ""


_BARE_COUNT = re.compile(r"\d{1,3}(?:,\d{3})*|\d+")  # a whole number alone: "8.85 billion" is an amount


def _acts_on(before: str, counted: str) -> bool:
    """An action ends the words before a figure whose object the ``counted`` figures' words name
    (index/lexicon/action_objects_en.tsv: "concluded" acts on cases, disputes …)."""
    acts = actions_in(before)
    return bool(acts) and not before[acts[-1].end:].strip() and bool(acting_on(acts[-1].ids, counted))


def with_counted_units(text: str, figures: list[Figure]) -> list[Figure]:
    """An English claim's stated figures, each bare quantity given the unit its words before name."""
    out: list[Figure] = []
    for i, fig in enumerate(figures):
        unit = counted_unit(text, out + figures[i:], i) if fig.kind == "quantity" and not fig.unit else ""
        out.append(fig.model_copy(update={"unit": unit}) if unit else fig)
    return out


def other_kind(claimed: str, unit: str, found: str) -> bool:
    """A figure in ``unit`` may stand for a claimed figure in ``claimed`` beside a found one
    in ``found``: it has the claimed unit (both bare, or compatible and named) and not the
    found one's. An empty unit is compatible with any, so it never passes for a named one."""
    if not claimed:
        return not unit and bool(found)
    return bool(unit) and units_compatible(claimed, unit) and not units_compatible(unit, found)


# Classifiers of documents and items a source may use where an English claim's noun gave 项 (保单 单, 份, 条; simplified).
_ITEM_CLASSIFIERS = frozenset({"单", "份", "条", "个"})


def restates_item(claimed: Figure, unit: str, pairing: bool = False) -> bool:
    """An English noun's unit is the lexicon's guess of the classifier, which the source may write otherwise:
    "143 … liability policies" (项) restates 143單, "252 pieces" (件) 252條 (units.may_count_as). ``pairing``: by
    value alone (qa.claim_parts), where 个 (43个 workstations beside 12單 policies) is no evidence, nor a guess."""
    classifiers = _ITEM_CLASSIFIERS - {"个"} if pairing else _ITEM_CLASSIFIERS
    return detect_lang(claimed.text) == "en" and (claimed.unit == "项" and unit in classifiers or not pairing
                                                  and measure_noun_restates(claimed.text, claimed.unit, unit))


def loose_classifier(claimed: Figure) -> bool:
    """A claimed figure's unit is a general classifier, which counts things of many kinds: the English noun's
    guess (units_en.tsv: records, clues → 条; measures → 项) or the claim's own loose word ("欧盟商标数据
    234万条"); not 个, any noun's (units.generic_restatement), nor 次, times. The source may count the same
    things in a measure word of their own (234萬件), so a figure in it is weaker evidence, not ruled out
    (qa.unit_fit), and may restate the claim (loosely_restates)."""
    return claimed.unit != "个" and general_classifier(claimed.unit)


def loose_unit(stated: list[Figure], units: set[str] | None) -> bool:
    """The unit a claim's query asks is its (first) stated figure's own, a loose one (loose_classifier)."""
    return bool(stated) and units == {stated[0].unit} and loose_classifier(stated[0])


def loosely_restates(claimed: Figure, found: Figure) -> bool:
    """A Chinese source figure may state what a claimed figure in a general classifier counts (loose_classifier)
    where it is of the same kind (no rank's 位) and counts items too: in a general classifier or as cases,
    documents or pieces are counted (件, 宗 …); never people, organisations, batches or occurrences."""
    unit = found.unit
    return (loose_classifier(claimed) and found.kind == claimed.kind and bool(unit) and not counts_beings(unit)
            and (general_classifier(unit) or units_compatible(unit, "件")))
