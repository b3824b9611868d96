"""Comparing one metric's figures for two years: the change, the change in percent, the rate the
later figure's own sentence states (同比增长 x%, "a year-on-year decrease of x%"), and whether the
two agree within the rounding of the printed figures and rate. Pure functions over figures and
figure records; the word list is data (index/lexicon/year_on_year.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from index.figures import Figure, units_compatible
from index.lexicon import rows
from index.ontology import ontology
from index.qualifiers import change_words
from index.records import FigureRecord, sentence_bounds
from index.types import Chunk
from qa.rank import ScoredFigure
from qa.where import figure_place


@cache
def _words() -> dict[str, re.Pattern[str]]:
    by_kind: dict[str, list[str]] = {}
    for pattern, kind in rows("year_on_year.tsv", 2):
        by_kind.setdefault(kind, []).append(f"(?:{pattern})")
    return {kind: re.compile("|".join(patterns), re.IGNORECASE) for kind, patterns in by_kind.items()}


def last_direction(text: str) -> int:
    """+1 or -1: the way the last rise or fall word in ``text`` says (year_on_year.tsv); 0 where none."""
    words = _words()
    ends = [(m.end(), sign) for sign, kind in ((1, "up"), (-1, "down")) for m in words[kind].finditer(text)
            if m.end() > m.start()]
    return max(ends)[1] if ends else 0


# What may stand between a direction word and its rate ("减少了8.54%", "增长约5.8%", "decreased by 8.54%", "a
# decrease of 8.54%"): only a word right beside the rate is read. "taken up … 8.54% lower", "提高结案效率存案压降31.17%"
# and "growth fell from 137.75% to 49.74%" say nothing of the rate's own direction.
DIRECTION_REACH = {"zh": 10, "en": 36}
_DIRECTION_GAP = re.compile(r"(?:了|约|約|达|達|近|超|逾|\s|\bby\b|\bof\b|\babout\b|\bnearly\b|\bsome\b|"
                            r"\baround\b|\broughly\b|\bover\b)*", re.IGNORECASE)
# A rate of growth named before the word makes it the rate's level moving ("增速回落为49.74%", "增幅下降到"), not
# the quantity's; an English word right before the number after an article is an adjective of the level ("grew by a
# lower 49.74%", "a reduced 49.74%"; "a decrease of 8.54%" is a noun), and "up" is a rise only after a copula or on
# its own ("were up 8.54%", ", up 8.54%"), not a verb's particle ("took up / ended up 8.54% fewer").
_RATE_OF_GROWTH = re.compile(r"增速|增幅|增长率|增長率|增长速度|增長速度|\bgrowth rate\b|\brate of growth\b", re.IGNORECASE)
_ARTICLE = re.compile(r"\b(?:a|an|the)\s+$", re.IGNORECASE)
_UP_AFTER = re.compile(r"(?:^|[,(]|\b(?:was|were|is|are|be|been|being|and|or)\b)\s*$", re.IGNORECASE)
# A negation or sign right before the word makes it no direction of the rate (不增反降, 负增长, 并未减少, "did not
# fall", "a negative growth of"), nor is a rate in a respectively list its own word's (分别减少和上升31.17%、4.89%).
_NEGATED = re.compile(r"(?:不|未|没|沒|非|负|負|转|轉|反|无|無|\bnot\b|n't|\bnegative\b|\bno\b|\bnever\b)\W{0,2}$",
                      re.IGNORECASE)
_RESPECTIVELY = re.compile(r"分别|分別|\brespectively\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[，,；;。.!?！？:：]\s")
_ZH_CLAUSE_BREAK = re.compile(r"[，,；;。！？：]")  # Chinese text often uses ASCII commas
_AFTER_EN = re.compile(r"\s*(?:year[- ]on[- ]year\s+)?([a-z]+)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。；;!?！？]|\.(?:\s|$)|$")


def stated_direction(text: str, start: int, end: int) -> int:
    """+1 or -1: the way a change word right beside the percent at ``text[start:end]`` says it went
    (year_on_year.tsv's up / down words, before it with nothing but _DIRECTION_GAP between, or in English
    right after it: "8.54% lower"); 0 where none does, or the word is negated, the rate signed or one of
    a respectively list."""
    zh = not text[max(0, start - 4):start].isascii()
    before = text[max(0, start - DIRECTION_REACH["zh" if zh else "en"]):start]
    breaks = list((_ZH_CLAUSE_BREAK if zh else _CLAUSE_BREAK).finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    rest = _SENTENCE_END.search(text, end)  # always found: it ends at the text's end at the latest
    if text[start - 1:start] in ("-", "−") or text[start:start + 1] in ("-", "−") \
            or _RESPECTIVELY.search(before + text[end:rest.start() if rest else end]):
        return 0
    words = _words()
    after = _AFTER_EN.match(text, end)
    if after and not zh:  # "8.54% lower": the word after an English rate says first
        word = after.group(1)
        ups, downs = bool(words["up"].fullmatch(word)), bool(words["down"].fullmatch(word))
        if ups != downs:
            return 1 if ups else -1
    for sign, kind in ((1, "up"), (-1, "down")):
        for m in words[kind].finditer(before):
            if not _DIRECTION_GAP.fullmatch(before, m.end()) or m.end() == m.start():
                continue
            ahead = before[:m.start()]
            if _NEGATED.search(ahead) or _RATE_OF_GROWTH.search(ahead) or (
                    not zh and ((not before[m.end():].strip() and _ARTICLE.search(ahead))
                                or (m.group().lower() == "up" and not _UP_AFTER.search(ahead)))):
                return 0
            return sign
    return 0


def states_year_on_year(text: str) -> bool:
    """The text says it compares with the year before (year_on_year.tsv's markers: 同比, 比上一年, "year on
    year", "than in 2023")."""
    return bool(_words()["marker"].search(text))


def names_rate_of_growth(text: str) -> bool:
    """The text names a rate of growth itself (增速, 增幅, 增长率, "growth rate"), not a quantity that grew."""
    return bool(_RATE_OF_GROWTH.search(text))


def asked_direction(question: str) -> int:
    """+1 or -1: the way a question asks a change went ("比上一年少了百分之多少": -1); 0 where it names
    neither way or both ("增加还是减少了多少"). Words of two characters or more only (新增 is no rise)."""
    up, down = (bool(change_words((kind,)).search(question)) for kind in ("up", "down"))
    return 0 if up == down else 1 if up else -1


def change(before: float, after: float) -> tuple[float, float | None]:
    """(after - before, the change in percent of before; None when before is 0)."""
    diff = after - before
    return diff, (100.0 * diff / before if before else None)


_MANTISSA = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def printed_step(fig: Figure) -> float:
    """The value of one unit in a printed figure's last digit: 9.1万 → 1,000, 8.54% → 0.01,
    33.14 million → 10,000. A whole number without a scale word is an exact count: 800件 → 1
    (the documents print counts in full; "800" is not "about 800")."""
    m = _MANTISSA.search(fig.text.replace("，", ","))
    if not m:
        return 1.0
    mantissa = float(m.group().replace(",", ""))
    scale = fig.value / mantissa if mantissa else 1.0
    decimals = len(m.group(1) or "")
    return scale * 10.0 ** -decimals


def _interval(fig: Figure) -> tuple[float, float]:
    """The values a printed figure stands for: 9.1万 is anything from 90,500 to 91,500."""
    half = printed_step(fig) / 2
    return fig.value - half, fig.value + half


def rates_agree(before: Figure, after: Figure, stated_pct: float, stated: Figure) -> bool | None:
    """Whether a stated year-on-year rate fits the two printed figures: some values the figures and
    the rate could stand for (each rounded as printed) agree. None when it cannot be said (a
    bounded rate or figure: 超三成, 9万余件)."""
    if stated.qualifier or before.qualifier or after.qualifier:
        return None
    b_lo, b_hi = _interval(before)
    a_lo, a_hi = _interval(after)
    if b_lo <= 0:
        return None
    lowest, highest = 100.0 * (a_lo / b_hi - 1), 100.0 * (a_hi / b_lo - 1)
    s_lo, s_hi = _interval(stated)
    sign = 1.0 if stated_pct >= 0 else -1.0
    s_lo, s_hi = sorted((sign * s_lo, sign * s_hi))
    return s_lo <= highest + 1e-9 and lowest <= s_hi + 1e-9


@dataclass(frozen=True)
class StatedRate:
    pct: float  # signed: a fall is negative
    figure: Figure  # the printed rate


def stated_rate(chunk: Chunk, index: int) -> StatedRate | None:
    """The year-on-year rate a chunk's sentence states for its ``index``-th figure: the rate right
    after it ("83308件,同比减少8.54%"), or, after a run of figures, the rate in the same place of a
    "respectively" list ("1265件1854人,同比分别上升64.29%、68.24%"). None where the sentence pairs
    no rate with it (a rate of another figure in between: "审结88462件,结收比106.19%,同比提高2.36%").
    An English "respectively" list is not trusted: the translation reorders the figures and not
    the rates ("1,854 suspects … 1,265 cases … 64.29% and 68.24%, respectively")."""
    fig = chunk.figures[index]
    s, e = sentence_bounds(chunk.text, fig.start)
    figs = [(i, f) for i, f in enumerate(chunk.figures) if s <= f.start < e and f.kind in ("quantity", "percent")]
    order = [i for i, _ in figs]
    if index not in order:
        return None
    at = order.index(index)
    # The run of plain figures ours belongs to, and the rates that follow it.
    first = at
    while first > 0 and figs[first - 1][1].kind == "quantity":
        first -= 1
    last = at
    while last + 1 < len(figs) and figs[last + 1][1].kind == "quantity":
        last += 1
    run = figs[first : last + 1]
    rates = []
    for _, f in figs[last + 1 :]:
        if f.kind != "percent":
            break
        rates.append(f)
    if not rates:
        return None
    between = chunk.text[run[-1][1].end : rates[0].start]
    words = _words()
    if not words["marker"].search(between) and not bare_change(between, chunk.lang):
        return None
    if len(run) == 1:
        rate = rates[0]
    elif words["respectively"].search(chunk.text[run[-1][1].end : rates[-1].end + 20]) \
            and len(rates) == len(run) and chunk.lang == "zh":
        rate = rates[at - first]
    else:
        return None
    downs = list(words["down"].finditer(between))
    ups = list(words["up"].finditer(between))
    last_down = downs[-1].start() if downs else -1
    last_up = ups[-1].start() if ups else -1
    if last_down < 0 and last_up < 0:
        return None
    sign = -1.0 if last_down > last_up else 1.0
    return StatedRate(pct=sign * rate.value, figure=rate)


# A change right after a year's figure that names no base ("存案11337件,大幅减少31.17%", "…, a sharp decrease
# of 31.17%") is against the year before in a yearly report, as "同比" would say. Only a change word (with
# a degree word, year_on_year.tsv "degree") may stand between: a word of its own names another thing's
# change ("破案率上升10.12%", "其中发明专利增长15.6%"), a base ("比“十二五”末"), a level ("提高至95.3%").
_EN_BARE_GLUE = re.compile(r"(?:an?\s+)?(?P<word>.+?)(?:\s+(?:of|by))?", re.IGNORECASE)


def bare_change(between: str, lang: str) -> bool:
    """The words between a figure and the rate after it are only a rise or fall word ("，大幅减少",
    ", a sharp decrease of", ", down")."""
    words = _words()
    rest = between.strip(" ,，;；")
    if lang == "en":
        glued = _EN_BARE_GLUE.fullmatch(rest)
        rest = glued.group("word") if glued else rest
    if degree := words.get("degree"):
        rest = degree.sub("", rest, count=1).strip()
    if lang != "en":
        rest = rest.removesuffix("了")
    return bool(rest) and bool(words["up"].fullmatch(rest) or words["down"].fullmatch(rest))


def measure_mismatch(a: FigureRecord, b: FigureRecord, places: tuple[str | None, str | None] | None = None
                     ) -> str | None:
    """Why two years' figures are not figures of one metric (then no change is computed), or None;
    ``places``: where each figure is for, where known beyond the places its clause names."""
    if not units_compatible(a.unit, b.unit):
        return f"the units differ ({a.unit or '—'} / {b.unit or '—'})"
    if a.agency and b.agency and a.agency != b.agency:
        return f"the agencies differ ({a.agency} / {b.agency})"
    if a.action and b.action and a.action != b.action:
        group = ontology().group
        if group.get(a.action, a.action) != group.get(b.action, b.action):
            return f"the actions differ ({a.action} / {b.action})"
    if (a.places != b.places) if places is None else (places[0] != places[1]):
        return "the places differ"
    if a.period and b.period and a.period != b.period:
        return "one is a stock, the other a flow"
    if a.plan != b.plan:
        return "one is a plan target"
    if a.metric_qualifiers != b.metric_qualifiers:
        return "the metrics are qualified differently"
    return None


def figures_mismatch(a: ScoredFigure, b: ScoredFigure) -> str | None:
    """``measure_mismatch`` of two found figures, each for the place it is for (qa.where): a
    clause naming the province ("the Guangdong Administration for Market Regulation …") and one
    naming none ("省市场监管局…") in the province's own papers are for one place."""
    return measure_mismatch(a.record, b.record, (figure_place(a), figure_place(b)))
