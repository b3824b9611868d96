"""A conversation's turns read in the light of the turns before them: "那2023年呢?" keeps everything
but the year, "And Shenzhen?" swaps the place, "What about prosecutions?" the action, "和去年比呢?"
turns the question into a comparison.

The rule is general, not a list of phrases: a turn is cut into its slots — the years it names
(or a year relative to another: 去年, last year, 最新), the places, agencies and actions, the
comparison it asks for — and what is left are the words that say what is counted. A turn with
no such words of its own is a follow-up: it takes the previous turn's question and puts its own
slots in place of that question's. A turn that names a metric of its own is a new question. Pure
functions over text; word lists are data (relative_years.tsv, comparison_cues.tsv, followup_words.tsv).

jionlp's relative-time parser (``jionlp.parse_time``, 1.5.31) was measured for the relative years
before this was written (in a separate venv; /tmp/dc_jio.py in the report): against a base time it
reads 去年, 前年 and 今年 right (0.2 ms each, after 0.7 s of import and 0.27 s for the first call),
but raises on "last year", "this year", "the year before", "latest" and 最新, reads 最近一年 as the
twelve months before the base time, and gives only 2024 for "2024年比2023年". Here a relative year
is relative to the documents (the latest year they report) or to the previous turn, not to a
clock, and half the questions are English: the table of nine patterns does it, so jionlp is not
a dependency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict

from index.lexicon import rows
from index.places import place_mentions, place_name
from index.roles import actions_in, agencies_in
from index.text import EN_STOPWORDS, Tokenizer, detect_lang, en_stem
from qa.compare_wording import measure_after_cue, names_object, one_year_question
from qa.context import relative_year_mentions
from qa.followup import asks_part, asks_rate, given_for_named_year, shift_year, with_previous, year_written
from qa.refill import ASKING, counted_run, own_span, replace_counted, same_kind
from qa.terms import EN_BOUND_WORDS
from qa.years import plan_spans

SlotKind = Literal["year", "relative", "compare", "filler", "place", "agency", "action"]
Latest = Literal["latest"]

# A year a text names: "2024年" (not the 年 of 年底/年末, which says stock), "2024", "in 2024".
_ZH_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?:年(?![底末])(?:的|度)?)?(?![\d.%件人家项个宗起批万亿元名])")
_EN_YEAR = re.compile(r"(?:\b(?:in|during|for|from|to|and|between|of|than)\s+)?\b((?:19|20)\d\d)\b", re.IGNORECASE)
# The words that ask how many or how much, which say what unit, not what is counted (its measure
# word only: "多少知识产权案件" counts 知识产权案件).
_ASKING = ASKING
PROVINCE = re.compile(r"广东省|廣東省|广东|廣東|全省|\bGuangdong(?:'s)?\b|\bthe province\b", re.IGNORECASE)


@dataclass(frozen=True)
class Slot:
    """One thing a text names, and where: ``value`` is the year, the relative offset ("latest" for
    the latest the documents report), the place, or the agency/action ids."""

    start: int
    end: int
    kind: SlotKind
    value: object


@cache
def _table(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), second) for pattern, second in rows(name, 2))


def relative_years(text: str) -> list[Slot]:
    return [Slot(start, end, "relative", offset) for start, end, offset in relative_year_mentions(text)]


def slots_in(text: str) -> list[Slot]:
    """Everything a text names that a follow-up can leave out or change, in order."""
    lang = detect_lang(text)
    out = [Slot(m.start(), m.end(), "year", int(m.group(1))) for m in (_ZH_YEAR if lang == "zh" else _EN_YEAR).finditer(text)]
    if lang == "zh":  # a Chinese question may still write an English year phrase, and the reverse
        out += [Slot(m.start(), m.end(), "year", int(m.group(1))) for m in _EN_YEAR.finditer(text)
                if not any(s.start < m.end() and m.start() < s.end for s in out)]
    out += relative_years(text)
    for pattern, _ in _table("comparison_cues.tsv"):
        out += [Slot(m.start(), m.end(), "compare", m.group()) for m in pattern.finditer(text)
                if m.end() > m.start() and not names_object(text, m.end())]
    spans = plan_spans(text)  # "between 2016 and 2020": one year slot, the plan's, no comparison
    out = [s for s in out if s.kind not in ("year", "compare") or not any(a < s.end and s.start < b for a, b, _ in spans)
           ] + [Slot(a, b, "year", year) for a, b, year in spans]
    for pattern, _ in _table("followup_words.tsv"):
        out += [Slot(m.start(), m.end(), "filler", m.group()) for m in pattern.finditer(text) if m.end() > m.start()]
    agencies = [Slot(m.start, m.end, "agency", m.ids) for m in agencies_in(text)]
    # A place name running into an agency's words ends where they start ("广州市场监管部门": 广州).
    out += [Slot(s, min([e, *(a.start for a in agencies if s < a.start < e)]), "place", name)
            for s, e, name in place_mentions(text)]
    out += agencies
    # 全省, the province: Guangdong, where no agency or place name holds the words ("全省呢?" after 深圳).
    out += [Slot(m.start(), m.end(), "place", "guangdong") for m in PROVINCE.finditer(text)
            if not any(s.kind in ("place", "agency") and s.start < m.end() and m.start() < s.end for s in out)]
    out += [Slot(m.start, m.end, "action", m.ids) for m in actions_in(text)]
    return sorted(out, key=lambda s: (s.start, -s.end))


def cut_spans(text: str, spans: list[tuple[int, int]], put: dict[int, str] | None = None) -> str:
    """``text`` without the spans (overlapping ones merged); ``put``: text to put at a span's start."""
    out, at = [], 0
    for s, e in sorted(spans):
        if e <= at:
            continue
        s = max(s, at)
        out.append(text[at:s])
        out.append((put or {}).get(s, ""))
        at = e
    out.append(text[at:])
    return re.sub(r"\s{2,}", " ", "".join(out)).strip()


def metric_words(text: str, tokenizer: Tokenizer, slots: list[Slot] | None = None) -> list[str]:
    """The words of a text that say what is counted: what is left when its slots, the words that
    ask how many, and the question's function words (by part of speech) are taken out."""
    slots = slots_in(text) if slots is None else slots
    rest = _ASKING.sub(" ", PROVINCE.sub(" ", cut_spans(text, [(s.start, s.end) for s in slots], {})))
    if detect_lang(text) == "zh" or re.search(r"[\u3400-\u9fff]", rest):
        words = [w for w in tokenizer.zh(rest) if not re.fullmatch(r"[\W\d_a-zA-Z]+", w)]
        fillers = tokenizer.function_words(rest)  # 一共, 那个, 现在: say nothing about what is counted
        words = [w for w in words if w not in fillers]
    else:
        words = []
    words += [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", rest)
              if w.lower() not in EN_STOPWORDS and en_stem(w.lower()) not in EN_BOUND_WORDS]
    # A year-on-year rate is a metric of its own ("How much was that up year on year?" asks for a
    # percentage, not the figure before it), though its words are common ones.
    words += [m.group() for p, kind in _table("year_on_year.tsv") if kind == "marker" for m in p.finditer(rest)]
    return words


class Reading(BaseModel):
    """A turn as understood: the question to answer and what it asks of the years."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    turn: str  # what the user typed
    lang: Literal["zh", "en"]  # the turn's language (the assumption is written in it)
    core: str  # the question without its years, relative years and comparison words, in ``core_lang``
    core_lang: Literal["zh", "en"]
    years: list[int]  # the years named or resolved from the conversation, ascending
    relative: int | Latest | None = None  # a relative year the conversation could not resolve
    comparison: bool = False
    followup: bool = False
    rate: bool = False  # it asks the year-on-year rate of the previous turn's figure ("同比增长多少?")
    seen_years: list[int] = []  # every year the conversation has named so far, in order
    written: str | None = None  # a question of its own with the year it means written in (from the conversation, or relative to its own)

    def question(self) -> str:
        """The question as understood: the turn itself, or a follow-up written out in full."""
        if not self.followup:
            return self.written or self.turn
        core = self.core
        if self.comparison and len(self.years) == 2:
            a, b = self.years
            what = _ASKING.sub("", core).strip(" ?？。.")
            if self.core_lang == "zh":
                return f"{b}年比{a}年{what}变化多少?"
            return f"{what}: how did it change from {a} to {b}?"
        return self.for_years(self.years)

    def for_years(self, years: list[int]) -> str:
        """The question asked of some years only (one year of a comparison or of a list)."""
        return with_years(self.core, self.core_lang, years)


def with_years(core: str, lang: str, years: list[int]) -> str:
    """A question without years given them: "2023年…?" / "… in 2023?"."""
    core = core.rstrip("?？。. ")
    if not years:
        return core + "?"
    if lang == "zh":
        return "和".join(f"{y}年" for y in years) + core + "?"
    return f"{core} in {' and '.join(str(y) for y in years)}?"


def role_form(kind: str, ids: frozenset[str], lang: str) -> str | None:
    """How the ontology writes an agency or action in one language (its first form there)."""
    table = rows("agencies.tsv", 3) if kind == "agency" else [(i, f, o) for i, f, o in rows("actions.tsv", 3)]
    for row in table:
        rid, form = row[0], (row[2] if kind == "agency" else row[1])
        if rid in ids and form.isascii() == (lang == "en"):
            return form
    return None


def _render(slot: Slot, text: str, lang: str) -> str:
    """A turn's slot written into a question in ``lang``."""
    own = text[slot.start : slot.end]
    if detect_lang(own) == lang or (lang == "en") == own.isascii():
        return own
    if slot.kind == "place":
        return place_name(str(slot.value), lang)
    return role_form(slot.kind, slot.value, lang) or own  # type: ignore[arg-type]


def read_turns(turns: Iterable[str], tokenizer: Tokenizer) -> list[Reading]:
    """Every turn of a conversation as understood after the ones before it."""
    out: list[Reading] = []
    for turn in turns:
        out.append(read_turn(turn, out[-1] if out else None, tokenizer))
    return out


def read_turn(turn: str, previous: Reading | None, tokenizer: Tokenizer) -> Reading:
    """The turn as understood after the ones before it (``previous``: the last turn's reading)."""
    lang = "zh" if detect_lang(turn) == "zh" else "en"
    slots = slots_in(turn)
    if previous is not None:
        # "惠及多少家企业?", "how many companies": what follows the words that ask is what is counted,
        # not who acted.
        asked = [m.end() for m in _ASKING.finditer(turn)]
        slots = [s for s in slots if not (s.kind == "agency" and any(0 <= s.start - e <= 1 for e in asked))]
    years = sorted({int(s.value) for s in slots if s.kind == "year"})  # type: ignore[call-overload]
    relative = next((s.value for s in slots if s.kind == "relative"), None)
    compare = any(s.kind == "compare" for s in slots)
    seen = [*(previous.seen_years if previous else []), *years]
    own_words = metric_words(turn, tokenizer, slots) if previous is not None else []
    rate = previous is not None and not years and asks_rate(turn, own_words)
    if previous is not None and own_words and (_asks_within(turn, slots, own_words)
                                               or _another_year(turn, slots, own_words, previous, years)):
        # "发明专利呢?", "其中中小企业呢?", "What was the amount in dispute?": a metric of its own, asked
        # of the year, place and agency before it; "其中…", "of those": of what it counted, too
        # (qa.followup); "那2020年基期值呢?": of all it asked, in the year named now.
        core = cut_spans(turn, [(s.start, s.end) for s in slots if s.kind in ("compare", "filler", "year", "relative")])
        context = [_render(s, previous.core, lang) for s in slots_in(previous.core)
                   if s.kind in ("place", "agency") or (s.kind == "action" and lang == "en")]
        if years or asks_part(turn, lang):
            core = with_previous(previous.core, previous.core_lang, core, lang, context,
                                 metric_words(previous.core, tokenizer))
        else:
            core = _refill(previous, turn, slots, own_words, lang, context, tokenizer) or (
                ("".join(context) + core) if lang == "zh" else (f"{core.rstrip('?. ')} ({', '.join(context)})?"
                                                               if context else core))
        asked = years or previous.years
        return Reading(turn=turn, lang=lang, core=core, core_lang=lang, years=asked,  # type: ignore[arg-type]
                       relative=previous.relative, comparison=compare, followup=True, rate=rate,
                       seen_years=[*seen, *(y for y in asked if y not in seen)])
    if previous is None or own_words:
        # A question of its own (it says what it counts): nothing is carried over.
        cuts = [(s.start, s.end) for s in slots if s.kind in ("year", "relative", "compare", "filler")]
        measure = measure_after_cue(turn, [(s.start, s.end) for s in slots if s.kind == "compare"]) if compare else None
        core = cut_spans(turn, cuts + _joining_years(turn, slots) + ([measure] if measure else []))
        if compare:
            core = one_year_question(core, lang, turn[measure[0] : measure[1]] if measure else "")
        written = None  # the question asked with the year it means written in ("that year", "the year before")
        if relative is not None and len(years) == 1:  # "2024年和去年比": the year before the one named
            # "…concluded 88,462 cases in 2024 — how many the year before?": the named year's figure is given
            given = not compare and given_for_named_year(turn, *(next((x.start, x.end) for x in slots if x.kind == k)
                                                                 for k in ("year", "relative")))
            years = [shift_year(years[0], relative)] if given else sorted({years[0], shift_year(years[0], relative)})
            written, relative = with_years(core, lang, years) if given else None, None
        elif isinstance(relative, int) and not years and previous is not None and previous.years:
            # "And valid trademarks at the end of that year?": a year relative to the conversation's.
            years, relative = [shift_year(previous.years[-1], relative)], None
            written = year_written(turn, next((s.start, s.end) for s in slots if s.kind == "relative"), years[0], lang)
        context = [_render(s, previous.core, lang) for s in slots_in(previous.core) if s.kind in ("place", "agency")] \
            if previous is not None and _refers_back(turn, slots) and lang == previous.core_lang else []
        if context:  # "And how many disputes did they mediate that year?": who and where are the previous question's
            core = ("".join(context) + core) if lang == "zh" else f"{core.rstrip('?. ')} ({', '.join(context)})?"
        return Reading(turn=turn, lang=lang, core=core or turn, core_lang=lang, years=years,  # type: ignore[arg-type]
                       relative=relative, comparison=compare and len(years) != 1, seen_years=seen,  # type: ignore[arg-type]
                       followup=bool(context), written=written)
    before = previous.years
    if years:
        new_years = years
    elif relative is not None and before:
        new_years = [shift_year(before[-1], relative)]
    else:
        new_years = before
    if compare:
        # "和去年比呢?": the year asked before and the one named now; "哪一年更多?": the last two years named.
        new_years = sorted(set(before) | set(new_years)) if new_years != before else sorted(set(seen))
        new_years = new_years[-2:]
    unresolved = relative if relative is not None and not before else None
    if not years and relative is None:
        unresolved = previous.relative
    seen = [*seen, *(y for y in new_years if y not in seen)]
    return Reading(turn=turn, lang=lang, core=_swap(previous, turn, slots), core_lang=previous.core_lang,  # type: ignore[arg-type]
                   years=sorted(set(new_years)), relative=unresolved,  # type: ignore[arg-type]
                   comparison=compare or (previous.comparison and not years and relative is None),
                   followup=True, rate=rate, seen_years=seen)


# A turn this short (in words that say what is counted) that names no time, place or agency asks
# about something within the question before it; a longer one is a question of its own.
_FEW_WORDS = 3


def _asks_within(turn: str, slots: list[Slot], words: list[str]) -> bool:
    """Whether a turn that names a metric of its own still leans on the turn before it: it names no
    year, place or agency, says few words, and carries a follow-up word (呢, 其中, what about …)."""
    if any(s.kind in ("year", "relative", "place", "agency") for s in slots) or PROVINCE.search(turn):
        return False
    if asks_part(turn, detect_lang(turn)):  # "其中知识产权民事案件呢?": a part of it, however long
        return True
    few = len(_whole(words)) <= _FEW_WORDS
    return few and (any(p.search(turn) for p, _ in _table("followup_markers.tsv")) or len(_whole(words)) <= 2)


def _whole(words: list[str]) -> list[str]:
    """The words not inside another of them: the search tokenizer gives 刑事案件 with 刑事, 案件 and 刑事案,
    which are one word of the question, not four."""
    return [w for w in dict.fromkeys(words) if not any(w != o and w in o for o in words)]


def _refers_back(turn: str, slots: list[Slot]) -> bool:
    """A question of its own that points back at who acted before ("they", 他们) and names no place
    or agency of its own (index/lexicon/actor_pronouns.tsv)."""
    if any(s.kind in ("place", "agency") for s in slots) or PROVINCE.search(turn):
        return False
    return any(p.search(turn) for p, _ in _table("actor_pronouns.tsv"))


# What joins two years ("2023年和2024年"): once the years are cut, it says nothing.
_JOINER = re.compile(r"\s*(?:和|与|與|跟|同|及|至|到|、|,|，|and|or|to)\s*", re.IGNORECASE)


def _joining_years(text: str, slots: list[Slot]) -> list[tuple[int, int]]:
    years = [s for s in slots if s.kind == "year"]
    return [(a.end, b.start) for a, b in pairwise(years)
            if b.start > a.end and _JOINER.fullmatch(text[a.end : b.start])]


def _another_year(turn: str, slots: list[Slot], words: list[str], previous: Reading, years: list[int]) -> bool:
    """"那2020年基期值呢?": a short turn with a follow-up word that names another year than the
    previous question's (and no place, agency or comparison) asks its own words of that question."""
    if not years or years == previous.years or not previous.years or PROVINCE.search(turn):
        return False
    if any(s.kind in ("relative", "place", "agency", "compare") for s in slots):
        return False
    whole = _whole(words)
    # One word of its own and no action ("基期2020年是多少?") leans on the question before it with or
    # without a follow-up word; more need one ("那2020年基期值呢?").
    lone = len(whole) <= 1 and not any(s.kind == "action" for s in slots)
    return len(whole) <= _FEW_WORDS and (lone or any(p.search(turn) for p, _ in _table("followup_markers.tsv")))


def _refill(previous: Reading, turn: str, slots: list[Slot], words: list[str], lang: str, context: list[str],
            tokenizer: Tokenizer) -> str | None:
    """A follow-up naming what it counts, read in the previous question (qa.refill): of the same
    kind, in its place; of another unit, as a question about what it counted. None: neither fits."""
    if lang != previous.core_lang:
        return None
    before = previous.core
    if not same_kind(turn, before):
        own = cut_spans(turn, [(s.start, s.end) for s in slots if s.kind in ("filler", "year", "relative", "compare")])
        acts = [_render(s, before, lang) for s in slots_in(before) if s.kind == "action"]
        return with_previous(before, lang, own, lang, [*context, *acts], metric_words(before, tokenizer))
    run = counted_run(before, slots_in(before), metric_words(before, tokenizer), lang)  # type: ignore[arg-type]
    span = own_span(turn, slots, words, lang)  # type: ignore[arg-type]
    if run is None or span is None:
        return None
    asked = _ASKING.search(turn)
    core = replace_counted(before, run, turn[span[0] : span[1]], asked.group() if asked else None)
    rest = [s for s in slots if not span[0] <= s.start < span[1]]
    return _swap(previous.model_copy(update={"core": core}), turn, rest)


def _swap(previous: Reading, turn: str, slots: list[Slot]) -> str:
    """The previous question with the places, agencies and actions this turn names put in place of
    its own (or added where it named none)."""
    base, lang = previous.core, previous.core_lang
    own = [s for s in slots_in(base) if s.kind in ("place", "agency", "action")]
    cuts: list[tuple[int, int]] = []
    put: dict[int, str] = {}
    prefix: list[str] = []
    for kind in ("place", "agency", "action"):
        new = [s for s in slots if s.kind == kind]
        if kind == "agency":  # an agency inside the new action's words is the action's ("全省法院新收")
            new = [s for s in new if not any(a.kind == "action" and a.start <= s.start < a.end for a in slots)]
        if not new:
            continue
        if kind == "place":  # "广州知识产权法院": the agency says where; the old place goes, none is added
            new = [s for s in new if not any(a.kind == "agency" and a.start <= s.start < a.end for a in slots)] \
                or [Slot(-1, -1, "place", "")]
        words = " ".join(dict.fromkeys(_render(s, turn, lang) for s in new if s.start >= 0))
        old = [s for s in own if s.kind == kind]
        province = [(m.start(), m.end()) for m in PROVINCE.finditer(base)] if kind == "place" else []
        if not old and province:  # a city named now replaces the province the question was about
            old = [Slot(a, b, "place", "") for a, b in province]
        if old:
            put[old[0].start] = words + (" " if lang == "en" and words else "")
            cuts += [(s.start, s.end) for s in old]
        elif words:
            prefix.append(words)
    # The unit asked for is a slot too: "多少人?" after "…多少件?" asks for people.
    asked, own_ask = _ASKING.search(turn), _ASKING.search(base)
    if asked and own_ask and (detect_lang(turn) == lang) and asked.group() != own_ask.group():
        put[own_ask.start()] = asked.group()
        cuts.append(own_ask.span())
    core = cut_spans(base, cuts, put)
    if prefix:
        core = ("".join(prefix) + core) if lang == "zh" else f"{core.rstrip('?. ')} ({', '.join(prefix)})?"
    return core
