"""Stated rates of change and the figures they describe, and what a rate implies for the base
year. Pure functions over a chunk's text and its figure records (the audit's raw material).

"批准逮捕…案件1265件1854人,同比分别上升64.29%、68.24%" ties 64.29% to 1265件 and 68.24% to 1854人;
"新收…案件83308件,同比减少8.54%" ties 8.54% (down) to 83308件. A rate is tied only where the text
says so without doubt: an explicit base (同比, 较2015年末, year-on-year), a direction word, and
either one rate right after one figure or as many rates as figures with 分别/respectively. The
change of a ratio (调撤率同比上升4.89%) is never tied: it may be in percentage points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Literal

from index.figures.tables import fold
from index.lexicon import alternation, rows
from index.records import FigureRecord

Direction = Literal[1, -1]

# Where a list of figures a rate can describe ends: a sentence, or a "；" clause.
_SEGMENT_END = re.compile(r"[。！？；;\n]|\.(?=\s|[A-Z])")
# What may join the rates of one list: "64.29%、68.24%", "64.29% and 68.24%".
_RATE_JOIN = re.compile(r"\s*(?:、|和|与|及|,|，|and)\s*", re.IGNORECASE)
# A base year written out: "较2015年末", "比2020年", "over 2015", "compared with the end of 2015".
_BASE_YEAR = re.compile(r"(?:较|比|較|與|与)\s*((?:19|20)\d\d)\s*年|(?:over|compared with|than|from)\s+(?:the end of\s+)?"
                        r"((?:19|20)\d\d)\b", re.IGNORECASE)
_MANTISSA = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class RateWords:
    base: re.Pattern[str]
    up: re.Pattern[str]
    down: re.Pattern[str]
    respective: re.Pattern[str]
    ratio: re.Pattern[str]


def _pattern(forms: list[str]) -> re.Pattern[str]:
    # English forms are whole words ("up" must not match "update"); Chinese ones are substrings.
    return alternation(forms)


@cache
def rate_words() -> RateWords:
    table: dict[str, list[str]] = {}
    for kind, form in rows("rate_words.tsv", 2):
        table.setdefault(kind, []).append(form)
    return RateWords(*(_pattern(table.get(k, [])) for k in ("base", "up", "down", "respective", "ratio")))


@dataclass(frozen=True)
class RateTie:
    """A stated rate and the figure it describes: the figure is ``rate`` % up (1) or down (-1)
    on ``base_year``."""

    rate_id: str
    figure_id: str
    direction: Direction
    base_year: int


def _direction(before: str, after: str) -> Direction | None:
    """The last direction word before the rate, else the first after it ("up 2.36%" / "a 5.8% rise")."""
    w = rate_words()
    found = [(m.start(), 1) for m in w.up.finditer(before)] + [(m.start(), -1) for m in w.down.finditer(before)]
    if found:
        return 1 if max(found)[1] == 1 else -1
    found = [(m.start(), 1) for m in w.up.finditer(after)] + [(m.start(), -1) for m in w.down.finditer(after)]
    if found:
        return 1 if min(found)[1] == 1 else -1
    return None


def _base_year(before: str, after: str, figure_year: int) -> int | None:
    if m := _BASE_YEAR.search(before):
        return int(m.group(1) or m.group(2))
    if rate_words().base.search(before) or rate_words().base.search(after):
        return figure_year - 1
    return None


def tie_rates(text: str, records: Sequence[FigureRecord]) -> list[RateTie]:
    """The rates of one chunk (``text``) tied to the figures they describe (records in text order)."""
    recs = sorted(records, key=lambda r: r.start)
    w = rate_words()
    ties: list[RateTie] = []
    i = 0
    while i < len(recs):
        if recs[i].kind != "percent" or recs[i].bound is not None:
            i += 1
            continue
        group = [i]
        while (group[-1] + 1 < len(recs) and recs[group[-1] + 1].kind == "percent"
               and _RATE_JOIN.fullmatch(text[recs[group[-1]].end : recs[group[-1] + 1].start])):
            group.append(group[-1] + 1)
        i = group[-1] + 1
        first, last = recs[group[0]], recs[group[-1]]
        seg_start = max([0] + [m.end() for m in _SEGMENT_END.finditer(text, 0, first.start)])
        # The figures of its segment after any earlier percent: those the rate can describe.
        earlier = [k for k in range(group[0]) if recs[k].start >= seg_start]
        after_percent = [k for k in earlier if all(recs[j].kind != "percent" for j in earlier if j >= k)]
        if not after_percent or recs[after_percent[-1]].kind != "quantity":
            continue
        gap = text[recs[after_percent[-1]].end : first.start]
        seg_end = _SEGMENT_END.search(text, last.end)
        nxt = min([r.start for r in recs[group[-1] + 1 :]] + [seg_end.start() if seg_end else len(text)])
        after = text[last.end : nxt]
        if w.ratio.search(gap):
            continue
        direction = _direction(gap, after)
        base = _base_year(gap, after, recs[after_percent[-1]].year)
        if direction is None or base is None:
            continue
        quantities = [k for k in after_percent if recs[k].kind == "quantity"]
        if w.respective.search(gap) or w.respective.search(after):
            if len(quantities) != len(group) or len(quantities) != len(after_percent):
                continue
            targets = quantities
        elif len(group) == 1:
            targets = [after_percent[-1]]
        else:
            continue
        for k, g in zip(targets, group, strict=True):
            if recs[k].bound is None:
                ties.append(RateTie(recs[g].id, recs[k].id, direction, base))
    return ties


def printed_step(text: str, value: float) -> float:
    """The value of one unit in the last printed place, in the figure's base unit: "1265件" → 1,
    "4.78万件" → 100, "2306.71亿元" → 1e6, "64.29%" → 0.01. A figure printed in words ("八") → 1."""
    m = _MANTISSA.search(fold(text))
    if not m:
        return 1.0
    mantissa = m.group().replace(",", "")
    _, _, frac = mantissa.partition(".")
    place = Decimal(1).scaleb(-len(frac))
    mv = Decimal(mantissa)
    factor = Decimal(repr(value)) / mv if mv else Decimal(1)
    return float(place * factor)


def printed_range(text: str, value: float) -> tuple[float, float]:
    """Every value that prints as ``text``: half a unit of the last printed place either side
    (for a rate: "64.29%" is any rate from 64.285 to 64.295)."""
    half = printed_step(text, value) / 2
    return value - half, value + half


def value_range(text: str, value: float) -> tuple[float, float]:
    """The values a printed figure allows: a whole number written out in full ("1265件", "1,156
    suspects") is a count, exact; one with decimals or a scale word ("4.78万件", "8亿元") is rounded
    at its last printed place."""
    m = _MANTISSA.search(fold(text))
    if m and "." not in m.group() and float(m.group().replace(",", "")) == value:
        return value, value
    return printed_range(text, value)


def implied_range(value: tuple[float, float], rate: tuple[float, float], direction: Direction) -> tuple[float, float]:
    """The base-year values a figure in ``value`` that is ``rate`` % up or down on it allows:
    base = figure / (1 ± rate/100), at the ends of both printed ranges."""
    ends = [v / (1 + direction * r / 100) for v in value for r in rate if 1 + direction * r / 100 > 0]
    if not ends:
        raise ValueError(f"a fall of {rate[0]}% or more implies no base value")
    return min(ends), max(ends)


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


_LAST_NUMBER = re.compile(r"\d[\d,.]*\s*(%|％|percent\b|per cent\b)?", re.IGNORECASE)
# How far a rate may stand from the ratio it changes ("结收比106.19%,同比提高2.36%", "ratio of 106.19%, up 2.36%").
RATIO_REACH = 14


def changes_a_ratio(before: str) -> bool:
    """A rate of change whose sentence up to it (``before``) says it is a ratio's or a share's change: a ratio's
    noun since the last number before it ("调撤结案50932件,调撤率同比上升", "the solution rate rising by"), or a
    percent level right before it, a rise or fall said between ("结收比106.19%,同比提高"; not the second rate of a list,
    "分别上升64.29%、"). Such a rise answers no question about a count's."""
    w = rate_words()
    last = max(_LAST_NUMBER.finditer(before), key=lambda m: m.start(), default=None)
    since = before[last.end():] if last else before
    if w.ratio.search(since):
        return True
    # Only where a rise or fall is said between them: "同比分别上升64.29%、68.24%" lists two rates, each a change.
    return last is not None and last.group(1) is not None and len(since.strip()) <= RATIO_REACH \
        and bool(w.up.search(since) or w.down.search(since) or w.base.search(since))
