"""Stated rates of change and the figures they describe, read once at index time from a chunk's
text and its figure records.

"批准逮捕…案件1265件1854人,同比分别上升64.29%、68.24%" ties 64.29% to 1265件 and 68.24% to 1854人;
"新收…案件83308件,同比减少8.54%" ties 8.54% (down) to 83308件. A rate is tied only where the text
says so without doubt: a direction word, and either one rate right after one figure or, with an explicit
base (同比, 较2015年末, year-on-year), as many rates as figures with 分别/respectively. Only a rate with a
base says what the year before was ("存案11337件,大幅减少31.17%" is tied, of no base year). The change of a
ratio (调撤率同比上升4.89%) is never tied: it may be in percentage points.

A tied rate is its figure's change, so it is done by whoever did the figure: "立…案件2249件,同比增长5.8%"
names no action of its own, but 5.8% is the filed cases' rise, no answer about solved ones (lend_roles); a
translation's rate describes what the Chinese one does (follow_translation). Claims and questions are read
the same way at query time: the figure a claim's rate follows, and the unit of what it is the change of
(described_figure, described_unit: "1854人,同比上升64.29%" is a rise of people), and the count a question asks the
change of ("惠及企业数同比增长多少": 家; asked_count_unit). A rate of another unit's figure answers neither
(describes_other, read by qa.rank's other_item gate).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, ConfigDict

from index.figures.model import Figure
from index.figures.units import unit_group, units_compatible
from index.lexicon import alternation, rows
from index.roles import actions_in

if TYPE_CHECKING:  # records read rates at index time (lend_roles): the type only, no cycle
    from index.records import FigureRecord

Direction = Literal[1, -1]

# Where a list of figures a rate can describe ends: a sentence, or a "；" clause.
_SEGMENT_END = re.compile(r"[。！？；;\n]|\.(?=\s|[A-Z])")
# What may join the rates of one list: "64.29%、68.24%", "64.29% and 68.24%".
_RATE_JOIN = re.compile(r"\s*(?:、|和|与|及|,|，|and)\s*", re.IGNORECASE)
# A base year written out: "较2015年末", "比2020年", "over 2015", "compared with the end of 2015".
_BASE_YEAR = re.compile(r"(?:较|比|較|與|与)\s*((?:19|20)\d\d)\s*年|(?:over|compared with|than|from)\s+(?:the end of\s+)?"
                        r"((?:19|20)\d\d)\b", re.IGNORECASE)


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
    base_year: int | None  # None: the text states no base ("存案11337件,大幅减少31.17%"), no year-on-year arithmetic
    group: int = 0  # the rates of one list ("同比分别上升64.29%、68.24%") share it


class RateOf(BaseModel):
    """On a rate's record: the figure it describes (its record's id), ``direction`` up (1) or down (-1)
    on ``base_year``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    figure_id: str
    direction: Direction
    base_year: int | None  # None where the text states no base: the change is the figure's, of no known year
    unit: str = ""  # the figure's
    mixed: bool = False  # its list's rates describe figures of other units too ("1265件1854人,同比分别上升…")


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


class Placed(Protocol):
    """What tying reads of a figure: a record (FigureRecord) or a claim's figure (described_unit)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def bound(self) -> object: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def year(self) -> int: ...


@dataclass(frozen=True)
class _ClaimFigure:
    id: str
    kind: str
    bound: object
    start: int
    end: int
    year: int


def _own_words(text: str, figures: Sequence[Figure], rate: Figure) -> str:
    """A claim's rate's own words: from the last figure before it in its sentence or "；" clause ("1265件1854人,同比分别
    上升64.29%、68.24%": ",同比分别上升"; "2024年广东起诉人数增长61.73%": the whole clause before it)."""
    start = max([0] + [f.end for f in figures if f.end <= rate.start and f.kind != "year"]
                + [m.end() for m in _SEGMENT_END.finditer(text, 0, rate.start)])
    return text[start:rate.start]


def described_figure(text: str, figures: Sequence[Figure], rate: Figure) -> Figure | None:
    """The figure a claim's stated ``rate`` describes, as tying reads its text (``figures``: the claim's, in order;
    a bound is no matter here): "批准逮捕1265件1854人,同比分别上升64.29%、68.24%" gives 68.24% 1854人; None where none
    is tied, or the rate's own words name an action (they then say what it is of)."""
    placed = [_ClaimFigure(str(i), f.kind, None, f.start, f.end, 0) for i, f in enumerate(figures)]
    at = {p.id: i for i, p in enumerate(placed)}
    tied = next((figures[at[t.figure_id]] for t in tie_rates(text, placed) if figures[at[t.rate_id]].start == rate.start),
                None)
    return None if tied is None or actions_in(_own_words(text, figures, rate)) else tied


def described_unit(text: str, figures: Sequence[Figure], rate: Figure) -> str:
    """The unit of what a claim's ``rate`` is the change of: the count its own words name ("案件1265件,人数同比上升64.29%",
    "起诉人数增长61.73%": people; "with the number of cases up 64.29%": cases), else that of the figure it describes
    (described_figure) where they name no counted thing at all; "" where nothing says, or ``rate`` is no percent (a
    count, "起诉人数3192人", is no one's change)."""
    if rate.kind != "percent":
        return ""
    own = _own_words(text, figures, rate)
    if named := _counted_units(own):
        return _one_unit(named)
    tied = described_figure(text, figures, rate)
    return "" if tied is None or _unit_forms().search(own) else tied.unit


def tie_rates(text: str, records: Sequence[Placed]) -> list[RateTie]:
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
        if direction is None or (base is None and len(group) > 1):
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
                ties.append(RateTie(recs[g].id, recs[k].id, direction, base, group[0]))
    return ties


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


@cache
def _unit_nouns() -> tuple[tuple[str, ...], ...]:
    """(unit, form, how) rows of unit_nouns.tsv."""
    return rows("unit_nouns.tsv", 3)


@cache
def _counted_forms() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """unit → the pattern of a question's words naming a count in it: a "count" form, or a "noun" form with 数 / 数量
    after it or right before its rise or fall ("惠及企业同比增长多少": the enterprises grew) in Chinese, or "number of"
    before it in English."""
    words = rate_words()
    rise_or_fall = rf"(?:(?:{words.base.pattern})\s*)?(?:{words.up.pattern}|{words.down.pattern})"
    out = []
    for unit, form, how in _unit_nouns():
        if how == "count":
            out.append((unit, alternation([form])))
        elif form.isascii():
            out.append((unit, re.compile(rf"\bnumbers? of (?:\w+ ){{0,3}}{re.escape(form)}\b", re.IGNORECASE)))
        else:
            out.append((unit, re.compile(rf"{re.escape(form)}(?:数|數|(?=\s*{rise_or_fall}))", re.IGNORECASE)))
    return tuple(out)


def _counted_units(text: str) -> set[str]:
    return {unit for unit, pattern in _counted_forms() if pattern.search(text)}


def _one_unit(units: set[str]) -> str:
    """The unit all of ``units`` can be counted in ("" where they cannot be one count, or there are none)."""
    first = next(iter(units), "")
    return first if all(units_compatible(first, u) for u in units) else ""


def asked_count_unit(question: str, figures: Sequence[Figure]) -> str:
    """The unit of the count a question asks the change of, where it names one: "惠及企业数同比增长多少" (家), "罚没金额同比
    增长多少" (元), "How much did the number of suspects … rise" (人), or the one figure it states (``figures``: the
    question's, as parsed; "惠及企业5067家,同比增长多少"); "" where it names none, or counts of units that cannot be one."""
    return _one_unit(_counted_units(question) | {f.unit for f in figures if f.kind == "quantity" and f.unit})


@cache
def _unit_forms() -> re.Pattern[str]:
    return alternation([form for _, form, _ in _unit_nouns()])


def _nouns_of(unit: str, tokens: Callable[[str], set[str]]) -> frozenset[str]:
    """The words naming what ``unit`` counts (unit_nouns.tsv, the unit's group)."""
    group = unit_group(unit)
    # A form's own word where the tokenizer keeps it whole: "犯罪嫌疑人" is no "犯罪" (which the cases' words use too)
    return frozenset(t for u, form, _ in _unit_nouns() if u in group for t in ({form} & tokens(form) or tokens(form)))


def lend_roles(text: str, records: Sequence[FigureRecord], tokens: Callable[[str], set[str]]) -> list[FigureRecord]:
    """One chunk's records (``text``: its text; ``tokens``: its search words), each tied rate given the figure it
    describes (``rate_of``), that figure's metric words and, where it names no action of its own, its action; where a list's rates
    describe figures of different units (1265件1854人), each the words naming its own unit's things and the
    others' (item_tokens, other_item_tokens); each rate of change that is a ratio's or a share's marked so
    (``ratio_change``: changes_a_ratio over its sentence up to it)."""
    by_id = {r.id: r for r in records}
    ties = {t.rate_id: t for t in tie_rates(text, records)}
    units: dict[int, set[str]] = {}
    for tie in ties.values():
        units.setdefault(tie.group, set()).add(by_id[tie.figure_id].unit)
    out = []
    for r in records:
        update: dict[str, object] = {}
        if t := ties.get(r.id):
            fig = by_id[t.figure_id]
            others = {u for u in units[t.group] if fig.unit and not units_compatible(u, fig.unit)}
            update["rate_of"] = RateOf(figure_id=t.figure_id, direction=t.direction, base_year=t.base_year,
                                       unit=fig.unit, mixed=bool(others))
            if r.action is None and fig.action:
                update["action"] = fig.action
            # its words are its figure's and a rise's: "存案11337件,大幅减少31.17%" is a fall of pending cases
            update["metric_tokens"] = r.metric_tokens | fig.metric_tokens
            if others:
                own, other = _nouns_of(fig.unit, tokens), frozenset().union(*(_nouns_of(u, tokens) for u in others))
                update["item_tokens"] = r.item_tokens | (own - other)
                update["other_item_tokens"] = r.other_item_tokens | (other - own)
        if r.kind == "percent" and r.change and changes_a_ratio(r.quote[:r.start - r.quote_start]):
            update["ratio_change"] = True
        out.append(r.model_copy(update=update) if update else r)
    return out


def describes_other(claimed_unit: str, rate: FigureRecord) -> bool | None:
    """Whether a source ``rate`` describes a figure of another unit than a claim's rate does (``claimed_unit``:
    described_unit's): "惠及企业5067家,同比增长49.74%" is no restatement of the financing amount's 49.74%, nor is
    "1854人,同比上升64.29%" of the cases' 64.29% in "1265件1854人,同比分别上升64.29%、68.24%". False where the units agree
    in such a list (whose words are no guide: the claim's rate borrows the list's words); else None: nothing says."""
    if not (claimed_unit and rate.rate_of and rate.rate_of.unit):
        return None
    if not units_compatible(claimed_unit, rate.rate_of.unit):
        return True
    return False if rate.rate_of.mixed else None


def follow_translation(records: Sequence[FigureRecord]) -> list[FigureRecord]:
    """Each English rate that translates a tied Chinese one (``aligned``) made to describe what the Chinese one
    does: the translation may reorder a list's figures and keep its rates' order ("approving the arrest of 1,854
    suspects involved in 1,265 … cases, … increases of 64.29% and 68.24% respectively", where 64.29% is the cases'
    rise). Its figure is the translation of the Chinese rate's figure, where the translation gives one."""
    by_id = {r.id: r for r in records}
    english_of = {r.aligned: r.id for r in records if r.lang == "en" and r.aligned}
    out = []
    for r in records:
        zh = by_id.get(r.aligned) if r.lang == "en" and r.aligned else None
        if zh is None or zh.rate_of is None or zh.rate_of.figure_id not in english_of:
            out.append(r)
            continue
        out.append(r.model_copy(update={
            "rate_of": zh.rate_of.model_copy(update={"figure_id": english_of[zh.rate_of.figure_id],
                                                     "unit": by_id[english_of[zh.rate_of.figure_id]].unit}),
            "action": r.action or zh.action, "item_tokens": zh.item_tokens, "other_item_tokens": zh.other_item_tokens}))
    return out
