"""A comparison of two years' figures at the journalist's desk (``qa.desk`` calls ``compare``): both
years' figures found under the rules and the calibrated bar of ``ask`` (or tied by the later
figure's stated rate, qa.corroborate), of one metric, and the change between them."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from index.figures import format_value, with_bound
from index.rate_ties import rate_words
from index.records import sentence_bounds
from qa.answer import figure_out, normalized
from qa.calibration import bar
from qa.compare import (
    StatedRate,
    asked_direction,
    bare_change,
    change,
    figures_mismatch,
    names_rate_of_growth,
    rates_agree,
    stated_direction,
    stated_rate,
    states_year_on_year,
)
from qa.conversation import Reading
from qa.corroborate import RISK_FACTOR, corroborated, same_wording
from qa.decide import trusted
from qa.desk_continuity import wording_key
from qa.desk_ranked import Ranked, Shown, not_found_tail, year_figure, years_reported
from qa.frame import search_words
from qa.intent import level_words
from qa.rank import ScoredFigure
from qa.rate_answer import answer_with_rate, change_way, own_rate, stated_for
from qa.terms import metric_terms
from qa.types import Answer, Comparison

if TYPE_CHECKING:
    from qa.api import QA


def compare(qa: QA, reading: Reading, t0: float) -> tuple[Answer, Shown]:
    """Two years' figures for one metric and the change between them; not answered unless both are
    found, for the same metric, agency, action and place."""
    ranked = Ranked(qa, reading.for_years([]))
    years = reading.years
    if len(years) != 2:
        years = years_reported(ranked.figs, qa.rerank_weights.year)[-2:]
    ranked.compared = list(years)
    zh = reading.lang == "zh"
    if len(years) != 2:
        base, level, _ = ranked.answer(t0)
        # One year's change asked ("同比增长多少") of a figure reported for that year only: its stated change.
        asked = ranked.frame.years or []
        if len(asked) == 1 and level is not None and level.year == asked[0] and base.status == "answered" \
                and (rate := _level_s_own_rate(qa, reading, level, base, t0)):
            return rate.model_copy(update={"seconds": time.perf_counter() - t0, "question": reading.turn}), \
                Shown(list(asked))
        comparison = Comparison(years=years, missing=[], note="the documents give this figure for one year or none")
        text = ("文件没有给出两个年份的这个数字，无法比较。" if zh
                else "The documents do not give this figure for two years, so there is nothing to compare. ")
        return _comparison_answer(base, comparison, text + not_found_tail(zh), [], t0, reading), Shown(years)
    earlier, later = years
    after_answer, after = ranked.for_year(later)
    unit = [after.figure.unit] if after is not None and after.figure.unit else None
    before_answer, before = ranked.for_year(earlier, unit)
    if before is None or after is None:
        before, after, before_answer, after_answer = _tied_by_rate(qa, ranked, earlier, later, before_answer,
                                                                   after_answer, before, after)
    if (before is None) != (after is None):
        before, after, before_answer, after_answer = _tied_by_wording(qa, ranked, earlier, later, before_answer,
                                                                      after_answer, before, after)
    if before is None and after is None:
        before, after, before_answer, after_answer = _both_by_wording(qa, ranked, (earlier, later),
                                                                      (before_answer, after_answer))
    missing = [y for y, f in ((earlier, before), (later, after)) if f is None]
    # Asked by what percent a figure changed over one year, a rate the later year's document states may answer.
    rate = None
    in_percent = "%" in (ranked.frame.units or [])
    later_level: tuple[Answer, ScoredFigure | None] | None = None
    if later - earlier == 1 and in_percent and after_answer.status == "answered":
        if missing == [earlier]:
            rate = _own_stated_rate(qa, ranked, later, after_answer) or _the_change_itself(reading, after, after_answer)
        elif before is not None and after is not None:
            rate = _rate_itself(ranked, (before, after), after_answer)
    elif later - earlier == 1 and missing == [earlier] and after is not None and after_answer.status == "answered":
        rate = _level_s_own_rate(qa, reading, after, after_answer, t0)
    elif later - earlier == 1 and in_percent and after is None:
        # No rate of the later year found as such ("By what percentage did new IP cases fall in 2024 compared
        # with 2023?"): the level it is a rate of, found in any unit, and the rate its sentence states beside it.
        later_level = level_answer, level = _level_for(qa, ranked, later)
        if level is not None:
            rate = _level_s_own_rate(qa, reading, level, level_answer, t0)
    if rate is not None:
        return rate.model_copy(update={"seconds": time.perf_counter() - t0, "question": reading.turn}), Shown([later])
    if in_percent and before is None and after is None and not rate_words().ratio.search(ranked.frame.text):
        # Asked in percent, and no year's rate found: the change between the two years' levels, found in any
        # unit, where both are ("专利授权量2024年比2023年变化了百分之几" of 69.26万件 and 70.37萬件); not of a
        # ratio or share asked ("调撤率变化了几个百分点"), whose level is a percent and a count's change no answer.
        after_answer, after = later_level or _level_for(qa, ranked, later)
        before_answer, before = _level_for(qa, ranked, earlier)
        missing = [y for y, f in ((earlier, before), (later, after)) if f is None]
    mismatch = figures_mismatch(before, after) if before is not None and after is not None else None
    if missing or mismatch or before is None or after is None:
        which = ("、".join(f"{y}年" for y in missing) if zh else " and ".join(map(str, missing)))
        if missing:
            text = (f"没有找到{which}的这个数字，无法比较。" if zh
                    else f"The documents do not give this figure for {which}, so there is no comparison. ")
        else:
            text = ("两个年份找到的数字不是同一指标，无法比较。" if zh
                    else f"The figures found for the two years are not of one metric ({mismatch}); no comparison. ")
        comparison = Comparison(years=years, missing=missing, note=mismatch or f"not found for {which}")
        related = [a.citations[0] for a in (before_answer, after_answer) if a.citations]
        return _comparison_answer(after_answer, comparison, text + not_found_tail(zh), related, t0, reading,
                                  status="not_found"), Shown(years)
    diff, pct = change(before.figure.value, after.figure.value)
    stated = own_rate(qa, after)
    agrees = rates_agree(before.figure, after.figure, stated.pct, stated.figure) if stated else None
    from_ = year_figure(qa, earlier, before, before_answer)
    to = year_figure(qa, later, after, after_answer)
    comparison = Comparison.model_validate({
        "years": years, "from": from_, "to": to, "change": diff, "change_pct": pct,
        "stated_change_pct": stated.pct if stated else None, "stated_agrees": agrees,
        "note": _rate_note(stated.pct if stated else None, agrees, zh)})
    answer = _comparison_answer(after_answer, comparison, _comparison_text(comparison, zh), [to.citation, from_.citation],
                                t0, reading, confidence=min(x for x in (from_.confidence, to.confidence, 1.0) if x is not None))
    if later - earlier == 1:  # a rate against the year before heads a comparison of two years in a row only
        answer = _headed_by_stated_rate(qa, reading, answer, stated, agrees)
    return answer, Shown(years)


def _headed_by_stated_rate(qa: QA, reading: Reading, answer: Answer, stated: StatedRate | None,
                           agrees: bool | None) -> Answer:
    """A comparison asked in percent ("比上年减少了多少", "by what percent did … fall") whose later
    year's document states the change itself, in the asked direction and not against the computed
    one: that printed rate is the answer's figure (the computed change, from rounded printed
    figures, is shown beside it: 9.1万件 → 83308件 is -8.45%, the document's -8.54%)."""
    if stated is None or agrees is False or answer.status != "answered":
        return answer
    if "%" not in (qa._analyse(reading.question(), "question").units or []):
        return answer
    if (direction := asked_direction(reading.question())) and direction * stated.pct < 0:
        return answer
    zh = reading.lang == "zh"
    way = change_way(stated.pct, zh)
    head = (f"同比{way}{with_bound(stated.figure, 'zh')}（文件所载）。" if zh
            else f"{way.capitalize()} {with_bound(stated.figure, 'en')} year on year, as the document states. ")
    return answer.model_copy(update={"figure": figure_out(stated.figure), "normalized": normalized(stated.figure),
                                     "answer": head + answer.answer})


def _tied_by_rate(qa: QA, ranked: Ranked, earlier: int, later: int, before_answer: Answer, after_answer: Answer,
                  before: ScoredFigure | None, after: ScoredFigure | None
                  ) -> tuple[ScoredFigure | None, ScoredFigure | None, Answer, Answer]:
    """Two years' figures, one or both held back by the bar, answered together where the later
    one's stated year-on-year rate ties them (qa.corroborate); else as they were."""
    def choice(year: int, units: list[str] | None, answer: Answer, chosen: ScoredFigure | None
               ) -> ScoredFigure | None:
        if chosen is not None:
            return chosen
        if answer.withheld is None:
            return None
        held = trusted(ranked.year_figures(year, units)[2], qa.thresholds, 0.0, loose=True).chosen
        return held if held is not None and held.year == year else None

    late = choice(later, None, after_answer, after)
    early = choice(earlier, [late.figure.unit] if late is not None and late.figure.unit else None,
                   before_answer, before)
    if early is None or late is None or qa.calibration is None:
        return before, after, before_answer, after_answer
    stated = own_rate(qa, late)
    if not corroborated(early, before_answer.confidence, late, after_answer.confidence, stated,
                        qa.calibration.answer, qa.risk):
        return before, after, before_answer, after_answer
    def released(answer: Answer, fig: ScoredFigure) -> Answer:
        note = "; answered with the other year's figure: the stated year-on-year rate ties the two"
        return answer if answer.status == "answered" else answer.model_copy(update={
            "status": "answered", "withheld": None, "reason": answer.reason + note,
            "citations": [qa.cite(fig.chunk, fig.index)]})

    return early, late, released(before_answer, early), released(after_answer, late)


def _held(qa: QA, ranked: Ranked, year: int, answer: Answer, units: list[str] | None) -> ScoredFigure | None:
    """The figure a year's answer held back, where its probability reaches the risk-RISK_FACTOR bar."""
    if qa.calibration is None or answer.withheld is None or answer.confidence is None \
            or answer.confidence < bar(qa.calibration.answer, RISK_FACTOR * qa.risk):
        return None
    for alone in (False, True):
        held = trusted(ranked.year_figures(year, units, alone=alone)[2], qa.thresholds, 0.0, loose=True).chosen
        if held is not None and held.year == year and held.figure.value == answer.withheld.value:
            return held
    return None


def _both_by_wording(qa: QA, ranked: Ranked, years: tuple[int, int], answers: tuple[Answer, Answer]
                     ) -> tuple[ScoredFigure | None, ScoredFigure | None, Answer, Answer]:
    """Both years' figures held back by the bar: answered together where each reaches the bar of a
    risk RISK_FACTOR times higher and the two are printed under the same metric words, one metric
    by every slot (qa.corroborate.same_wording), as one answered figure and the other held are."""
    late = _held(qa, ranked, years[1], answers[1], None)
    early = _held(qa, ranked, years[0], answers[0], [late.figure.unit] if late and late.figure.unit else None)
    if early is None or late is None or not same_wording(late, early, wording_key(qa, late), wording_key(qa, early)):
        return None, None, answers[0], answers[1]
    note = "; answered with the other year's figure: both are printed under the same metric words"

    def released(answer: Answer, fig: ScoredFigure) -> Answer:
        return answer.model_copy(update={"status": "answered", "withheld": None, "reason": answer.reason + note,
                                         "citations": [qa.cite(fig.chunk, fig.index)]})

    return early, late, released(answers[0], early), released(answers[1], late)


def _tied_by_wording(qa: QA, ranked: Ranked, earlier: int, later: int, before_answer: Answer, after_answer: Answer,
                     before: ScoredFigure | None, after: ScoredFigure | None
                     ) -> tuple[ScoredFigure | None, ScoredFigure | None, Answer, Answer]:
    """One year's figure answered and the other's held back by the bar: answered together where the
    held one is printed under the same metric words in its year's document and its probability
    still reaches the bar of a risk RISK_FACTOR times higher (qa.corroborate.same_wording)."""
    anchor = after if after is not None else before
    year, answer = (earlier, before_answer) if before is None else (later, after_answer)
    if anchor is None or qa.calibration is None or answer.withheld is None or answer.confidence is None \
            or answer.confidence < bar(qa.calibration.answer, RISK_FACTOR * qa.risk):
        return before, after, before_answer, after_answer
    units = [anchor.figure.unit] if anchor.figure.unit else None
    held = trusted(ranked.year_figures(year, units)[2], qa.thresholds, 0.0, loose=True).chosen
    if held is None or held.year != year or not same_wording(anchor, held, wording_key(qa, anchor), wording_key(qa, held)):
        return before, after, before_answer, after_answer
    note = "; answered with the other year's figure: both are printed under the same metric words"
    released = answer.model_copy(update={"status": "answered", "withheld": None, "reason": answer.reason + note,
                                         "citations": [qa.cite(held.chunk, held.index)]})
    return (held, after, released, after_answer) if before is None else (before, held, before_answer, released)


def _rate_itself(ranked: Ranked, found: tuple[ScoredFigure, ScoredFigure], after_answer: Answer) -> Answer | None:
    """A comparison asking by what percent a figure changed over a year, where what was found for each
    year is itself a year-on-year rate ("质押融资额比上一年增长了百分之多少": 2024's 同比增长49.74%, 2023's
    137.75%): the later year's rate answers it, not the two rates' difference, which nobody asked; unless
    the question names a rate of growth ("增速比上一年低了多少" asks that difference). None otherwise."""
    if not all(f.record.change for f in found) or names_rate_of_growth(ranked.question):
        return None
    return after_answer.model_copy(update={"reason": after_answer.reason + "; the year's own year-on-year rate"})


def _level_for(qa: QA, ranked: Ranked, year: int) -> tuple[Answer, ScoredFigure | None]:
    """The figure the question is about in ``year``, in any unit, under the calibrated bar, looked for
    by the words that name it: those asking the change are none of its own (qa.intent.level_words)."""
    frame, glossary = ranked.frame, qa.index.glossary
    words = level_words(frame.match_text or frame.read_text)
    frame = frame.model_copy(update={
        "years": [year], "units": None, "text": level_words(frame.text), "match_text": words,
        "terms": metric_terms(words, frame.lang, glossary), "search_words": search_words(words, frame.lang, glossary)})
    passages, figs = qa.candidates(frame, qa.rerank_weights)
    answer, chosen, _ = qa.answer_frame(frame, None, (passages, ranked.without(figs, year)), by_place=False)
    found = answer.status == "answered" and chosen is not None and chosen.year == year and chosen.figure.unit != "%"
    return answer, chosen if found else None


def _own_stated_rate(qa: QA, ranked: Ranked, later: int, rate_answer: Answer) -> Answer | None:
    """A comparison with the year before that asks by what percent a figure changed, where the earlier
    year's figure is not printed: the year-on-year rate the later year's sentence pairs with the figure
    itself ("新收…83308件,同比减少8.54%" for "比上一年少了百分之多少"). Two decisions must agree: the
    rate ``ask`` answers for the later year in percent, and the figure the question is about, chosen
    in any unit under the calibrated bar, whose own stated rate (qa.compare.stated_rate) it must be,
    not a rate of another figure of its sentence (审结…结收比106.19%,同比提高2.36%). None otherwise:
    the comparison is then not found, as before."""
    if rate_answer.figure is None:
        return None
    counted = _level_for(qa, ranked, later)[1]
    if counted is None:
        return None
    stated = stated_rate(counted.chunk, counted.index)
    quoted = rate_answer.citations[0].quote if rate_answer.citations else ""
    if stated is None or rate_answer.figure.value != stated.figure.value or stated.figure.text not in quoted \
            or counted.figure.text not in quoted:
        return None
    # "比上一年少了百分之多少" of a figure that rose 5.8% has no answer in the 5.8%
    if (asked := asked_direction(ranked.question)) and asked * stated.pct < 0:
        return None
    return rate_answer.model_copy(update={
        "reason": rate_answer.reason + f"; the rate stated for {counted.figure.text}, the figure asked about"})


def _level_s_own_rate(qa: QA, reading: Reading, level: ScoredFigure, level_answer: Answer, t0: float
                      ) -> Answer | None:
    """A comparison with the year before asked in percent ("比上年涨了多少", "减少了多少 percent") whose
    years' question found the later year's level (under the bar) and no earlier one: the rate the
    level's own sentence states beside it (qa.rate_answer: "办理商标行政处罚案件1568宗,案件数量同比增加12.24%"),
    or the figure found itself where it is that year's change ("新收涉KTV著作权侵权案件同比下降超三成").
    None where the question asks in a count's unit ("多了多少件"), or its direction is not the rate's."""
    asked = qa._analyse(reading.question(), "question")
    # in percent, or in no unit at all where it asks a rise or fall ("同比增长多少?", not "分别是多少?"):
    # the change a document states is a rate
    direction = asked_direction(reading.question())
    if "%" not in (asked.units or ["%"]) or (not asked.units and not direction):
        return None
    if level.figure.unit == "%":
        return _the_change_itself(reading, level, level_answer)
    found = stated_for(qa, level)
    if found is None or (direction and direction * found[0].pct < 0):
        return None
    answer = answer_with_rate(qa, reading.turn, reading.lang, level, found, level_answer.confidence, t0)
    return answer.model_copy(update={"reason": f"the year-on-year rate stated for {level.figure.text}, the "
                                               "figure asked about (the earlier year's is not printed)"})


def _the_change_itself(reading: Reading, found: ScoredFigure | None, answer: Answer) -> Answer | None:
    """The later year's figure found for a change asked in percent, where it is itself that year's
    change against the year before ("新收涉KTV著作权侵权案件同比下降超三成", "存案11337件,大幅减少31.17%":
    a marker, or a bare change word after the figure before it), not a ratio's, in the asked direction:
    the answer. None otherwise (a rise since 2015, "结收比…同比提高2.36%")."""
    if found is None or found.figure.unit != "%" or not found.record.change or found.record.ratio_change \
            or answer.status != "answered":
        return None
    text, at = found.chunk.text, found.figure.start
    start = sentence_bounds(text, at)[0]
    before = max((f.end for f in found.chunk.figures if start <= f.end <= at), default=start)
    if not (states_year_on_year(text[start:at]) or bare_change(text[before:at], found.chunk.lang)):
        return None
    way = stated_direction(text, at, found.figure.end)
    if not way or ((asked := asked_direction(reading.question())) and asked * way < 0):
        return None
    return answer.model_copy(update={"reason": answer.reason + "; the year's own change"})


def _rate_note(stated: float | None, agrees: bool | None, zh: bool) -> str:
    if stated is None:
        return "文件没有给出同比变化率。" if zh else "No document states a year-on-year rate for this figure."
    if agrees is None:
        return (f"文件所载同比 {stated:+g}%（有约数，无法核对）。" if zh
                else f"The document states {stated:+g}% year on year (a bounded rate: not checked).")
    if agrees:
        return (f"文件所载同比 {stated:+g}%，与计算值在印刷数字的舍入范围内一致。" if zh
                else f"The document states {stated:+g}% year on year; it agrees with the computed change "
                "within the rounding of the printed figures.")
    return (f"文件所载同比 {stated:+g}%，与计算值不一致（超出印刷数字的舍入范围）。" if zh
            else f"The document states {stated:+g}% year on year; it does NOT agree with the computed change, "
            "even allowing for the rounding of the printed figures.")


def _comparison_text(c: Comparison, zh: bool) -> str:
    a, b = c.from_, c.to
    assert a is not None and b is not None and c.change is not None
    unit = b.figure.unit
    pct = f"{c.change_pct:+.2f}%" if c.change_pct is not None else "—"
    sign = "+" if c.change > 0 else "-" if c.change < 0 else ""
    delta = f"{sign}{format_value(abs(c.change), unit)}" + (f" {unit}" if unit and unit not in
                                                            format_value(abs(c.change), unit) else "")
    more = b if b.figure.value > a.figure.value else a if a.figure.value > b.figure.value else None
    was, now = a.figure.shown("zh" if zh else "en"), b.figure.shown("zh" if zh else "en")
    # A bounded figure (超2.5万人) is no exact number: the change is only the printed numbers'.
    bounded = any(x.figure.qualifier for x in (a, b))
    if zh:
        which = f"{more.year}年更多。" if more else "两年相同。"
        rough = "（原文数字带有约数或上下限，变化按所印数字计算，仅为近似。）" if bounded else ""
        return f"{a.year}年：{was}；{b.year}年：{now}。变化：{delta}（{pct}），{which}{rough}{c.note}"
    which = f"{more.year} is higher." if more else "The two years are equal."
    rough = " (A figure is bounded or approximate in the source: the change is the printed numbers', approximate.)" \
        if bounded else ""
    return f"{a.year}: {was}; {b.year}: {now}. Change: {delta} ({pct}). {which}{rough} {c.note}"


def _comparison_answer(base: Answer, comparison: Comparison, text: str, citations: list[Any], t0: float,
                       reading: Reading, *, status: str = "answered", confidence: float | None = None) -> Answer:
    answered = status == "answered" and comparison.from_ is not None
    return base.model_copy(update={
        "status": "answered" if answered else "not_found", "answer": text, "figure": None, "normalized": None,
        "citations": citations if answered else [], "related": [] if answered else citations or base.related,
        "comparison": comparison, "confidence": confidence if answered else base.confidence,
        "withheld": None, "seconds": time.perf_counter() - t0, "question": reading.turn,
        "reason": "both years' figures found for one metric" if answered else comparison.note,
    })
