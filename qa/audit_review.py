"""The audit's second tier, "needs review": pairs that probably count one thing, but not surely.

The confident tier (qa.audit) pairs two figures only when every slot of what they count agrees
(kind, unit, places, metric qualifiers, period, agency, action, and in one language the wording
of the metric). A near-miss is dropped there; here it is kept, *if* a journalist should look:

* **hard slots** still agree: kind, year (the same, or the rate's base year), metric qualifiers (PCT, invention …), the period where
  both say it, no hedge (超/约/余: its reach is not stated), no "other N" count, units of one
  group (件/宗/起; 人/名); a place, an agency or an action that both sides name must be the same.
* **one or two soft slots** differ, each named in the finding's ``reasons``: the measure word in
  one language (起 vs 件: the paper may have changed what it counts), the metric worded otherwise
  (in one language: at least ``REVIEW_OVERLAP`` of the shorter phrase's words shared, but not
  all), an agency, an action or a place named on one side only. Synonyms of an action already
  share one id (index/lexicon/actions.tsv); two ids are two actions, never a near-miss.
* **the figures are close**: they disagree beyond the printed rounding, but by at most
  ``REVIEW_GAP`` of the larger (a year-on-year rate off by a few points; a translation's digit
  slip). Two figures far apart are more likely two statistics than one misprinted; two that
  agree leave nothing to check.
* **nothing surer was found**: a rate or a figure the confident tier compared is not reviewed
  again, and a figure is reviewed against one counterpart only (several that disagree among
  themselves are no evidence).

The rule is one for all pairs; there is no list of cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.figures import units_compatible
from index.records import FigureRecord
from index.types import Chunk
from qa.audit_common import (
    METRIC_OVERLAP,
    Titles,
    base_year_figures,
    free_by_section,
    linked_figures,
    metric_overlap,
    partial_count,
    same_statistic,
    unit_of,
)
from qa.audit_findings import implied_base, translation_finding, year_on_year_finding
from qa.audit_types import AuditFinding
from qa.rates import Direction, value_range

# (rate, figure, direction, base year), as qa.audit ties them
RateTie = tuple[FigureRecord, FigureRecord, Direction, int]

# At least this share of the shorter metric phrase's words shared, in one language, for a pair whose
# wording differs to be reviewed: "2023年全省共立侵犯知识产权犯罪案件" / "全省共立知识产权刑事案件" share
# 5 of 8 (知识产权, 共立, 案件 …). Below a third the phrases name different things.
REVIEW_OVERLAP = 1 / 3
# At most two slots may differ: three unknowns leave nothing to say the figures count one thing.
MAX_SOFT = 2
# The largest gap between the two figures' ranges, as a share of the larger figure, for a pair to be
# shown: a quarter covers a rate stated on a revised base or a mistyped digit in a four-digit
# count; beyond it the two figures are more likely two statistics (filed vs solved) than one.
REVIEW_GAP = 0.25


@dataclass(frozen=True)
class Difference:
    """A soft slot in which two figures differ, in words (English and Chinese)."""

    slot: str  # metric | unit | agency | action | place
    en: str
    zh: str


_SLOT_ZH = {"agency": "机构", "action": "行为", "place": "地点"}


def differences(a: FigureRecord, b: FigureRecord) -> list[Difference] | None:
    """The soft slots in which ``a`` and ``b`` differ, or None when a hard slot differs (see the
    module's rule; years are the caller's). An empty list: the same statistic by the slots alone."""
    if a.kind != b.kind or a.kind not in ("quantity", "percent"):
        return None
    if a.bound is not None or b.bound is not None or partial_count(a) or partial_count(b):
        return None
    if a.metric_qualifiers != b.metric_qualifiers or (a.period and b.period and a.period != b.period):
        return None
    ua, ub = unit_of(a), unit_of(b)
    if not units_compatible(ua, ub):
        return None
    out: list[Difference] = []
    if a.lang == b.lang and ua != ub:
        if not (ua and ub):
            return None  # a bare number against a counted one: nothing says they count alike
        out.append(Difference("unit", f"measure word {ua} vs {ub}", f"量词不同({ua} / {ub})"))
    for slot, x, y in (("agency", a.agency or "", b.agency or ""), ("action", a.action or "", b.action or ""),
                       ("place", "、".join(sorted(a.places)), "、".join(sorted(b.places)))):
        if x == y:
            continue
        if x and y:
            return None  # two agencies, two actions, two places: two statistics
        out.append(Difference(slot, f"{slot} named on one side only ({x or y})", f"仅一方写明{_SLOT_ZH[slot]}({x or y})"))
    if a.lang == b.lang:
        shared = metric_overlap(a, b)
        if shared < REVIEW_OVERLAP:
            return None
        if shared < 1:
            n = min(len(a.metric_tokens), len(b.metric_tokens))
            k = len(a.metric_tokens & b.metric_tokens)
            out.append(Difference("metric", f"metric worded otherwise: “{a.metric}” vs “{b.metric}” "
                                            f"({k} of {n} words shared)",
                                  f"指标措辞不同:“{a.metric}” / “{b.metric}”({n}个词中{k}个相同)"))
    elif a.agency is None and b.agency is None or a.action is None and b.action is None:
        return None  # across languages the roles are all that ties the two; one side must name each
    return out


def reviewable(a: FigureRecord, b: FigureRecord) -> list[Difference] | None:
    """The differences that put a pair in the review tier: one or two soft slots, and not a pair
    the confident tier already takes (``same_statistic``)."""
    found = differences(a, b)
    if not found or len(found) > MAX_SOFT or same_statistic(a, b, roles_required=a.lang != b.lang):
        return None
    # In one language a wording that passes the confident tier's bar is no reason on its own.
    if [d.slot for d in found] == ["metric"] and metric_overlap(a, b) >= METRIC_OVERLAP:
        return None
    return found


def gap(expected: tuple[float, float], found: tuple[float, float]) -> float:
    """How far apart two ranges are, as a share of the larger end (0 when they overlap)."""
    apart = max(expected[0] - found[1], found[0] - expected[1], 0.0)
    top = max(abs(expected[1]), abs(found[1]), abs(expected[0]), abs(found[0]))
    return apart / top if top else 0.0


def close(expected: tuple[float, float], found: tuple[float, float]) -> bool:
    """Disagreeing beyond the printed rounding, but by at most ``REVIEW_GAP``."""
    return 0 < gap(expected, found) <= REVIEW_GAP




def _reviewed(f: AuditFinding, found: list[Difference], g: float) -> AuditFinding:
    pct = f"{g:.1%}"
    return f.model_copy(update={
        "tier": "review",
        "reasons": [d.en for d in found] + [f"the figures are {pct} apart beyond the printed rounding"],
        "reasons_zh": [d.zh for d in found] + [f"两数相差{pct}(已扣除印刷舍入)"],
    })


def review_translation(chunks: dict[str, Chunk], records: Sequence[FigureRecord], titles: Titles) -> list[AuditFinding]:
    """Chinese and English figures of one paper's linked sections that the confident tier left out
    (a slot differs) and that disagree closely, each the other's only such counterpart."""
    free, by_section = free_by_section(chunks, records)

    def confident(r: FigureRecord) -> bool:
        return any(same_statistic(r, o, roles_required=True) for o in linked_figures(r, chunks, by_section))

    def partners(r: FigureRecord) -> list[FigureRecord]:
        return [o for o in linked_figures(r, chunks, by_section) if not confident(o) and reviewable(r, o)]

    out = []
    for zh in (r for r in free if r.lang == "zh" and not confident(r)):
        found = partners(zh)
        if len(found) != 1 or [x.id for x in partners(found[0])] != [zh.id]:
            continue
        en = found[0]
        a, b = value_range(zh.text, zh.value), value_range(en.text, en.value)
        diff = reviewable(zh, en)
        if diff and close(a, b):
            out.append(_reviewed(translation_finding(zh, en, titles, sure=False), diff, gap(a, b)))
    return out


def review_year_on_year(ties: Sequence[RateTie], records: Sequence[FigureRecord], titles: Titles) -> list[AuditFinding]:
    """Rates whose base year has no figure the confident tier would pair, but one figure in the
    rate's language that probably counts the same thing and does not fit the rate closely."""
    out = []
    for rate, fig, direction, base in ties:
        pool = [o for o in base_year_figures(fig, base, records) if o.lang == fig.lang]
        if any(same_statistic(fig, o, roles_required=False) for o in pool):
            continue  # the confident tier compared this rate (or found it ambiguous)
        diffs = {o.id: d for o in pool if (d := reviewable(fig, o))}
        others = [o for o in pool if o.id in diffs]
        if not others or len({o.value for o in others}) != 1:
            continue
        other = others[0]
        implied = implied_base(rate, fig, direction)
        if implied is None:
            continue
        found = value_range(other.text, other.value)
        if close(implied, found):
            f = year_on_year_finding(rate, fig, other, direction, base, implied, titles, sure=False)
            out.append(_reviewed(f, diffs[other.id], gap(implied, found)))
    return out
