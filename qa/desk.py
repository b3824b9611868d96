"""The journalist's desk on top of one question's answer: a turn of a conversation read after the
turns before it, a comparison of two years' figures, and a question that names no year (or a
relative one: 去年, last year, 最新) read against the years the documents report.

Every figure shown here is the figure ``QA.answer_frame`` chose for one year under the rules and
the calibrated bar of ``ask``: a comparison is made only when both years' figures are found, for
the same metric, agency, action and place; a question without a year gets each year's figure,
labelled, when the documents give it for several, and the one year's when they give one.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from index.figures import format_value
from qa.answer import figure_out, normalized
from qa.assumption import assumed
from qa.compare import change, measure_mismatch, rates_agree, stated_rate
from qa.conversation import Reading, read_turns
from qa.corroborate import corroborated
from qa.decide import role_conflict, ruled_out, same_number, trusted
from qa.frame import QueryError, validate_text
from qa.rank import ScoredFigure, rescored
from qa.rate_answer import rate_answer
from qa.types import Answer, ChatTurn, Comparison, YearFigure

if TYPE_CHECKING:
    from qa.api import QA

# How many of the best figures of a question without a year are looked at for the years the
# documents report for it, and how far below the best one a figure may score and still count: a
# question for one year moves a figure of that year up by the year weight and the others down
# by as much (qa.rank), so a figure within twice the weight could answer for its own year.
YEAR_DEPTH = 10


def _readings(qa: QA, question: object, history: Sequence[str]) -> list[Reading]:
    """Every turn as understood after the ones before it, the question last."""
    from qa.api import QAError

    try:
        return read_turns((validate_text(turn) for turn in [*history, question]), qa.index.glossary.tokenizer)
    except QueryError as e:
        raise QAError(str(e)) from e


def _read(qa: QA, question: object, history: Sequence[str]) -> Reading:
    return _readings(qa, question, history)[-1]


def _previous(qa: QA, earlier: list[Reading]) -> _Shown | None:
    """What the turn before the last gave (its figure and confidence), each earlier turn answered
    as it was in the conversation; None without an earlier turn. Only the turns since the last
    question of its own are answered: what came before it is not carried over."""
    start = max((i for i, r in enumerate(earlier) if not r.followup), default=0)
    turns = earlier[start:]
    # A chat sends its history with every turn: the turns answered for the last one are looked up,
    # not answered again (a follow-up would cost one answer more per earlier follow-up).
    memo = _memo(qa)
    keys = [tuple(r.model_dump_json() for r in turns[:n + 1]) for n in range(len(turns))]
    done = max((n + 1 for n in range(len(turns)) if keys[n] in memo), default=0)
    shown = memo[keys[done - 1]] if done else None
    for n in range(done, len(turns)):
        reading = turns[n]
        before = shown if reading.followup else None
        _, shown = _answer(qa, reading, time.perf_counter(), before)
        if before is not None:  # what the conversation gave since its last question of its own
            shown.given = [*before.given, *shown.given]
        _store(memo, keys[n], shown)
    return shown


def _memo(qa: QA) -> dict[tuple[str, ...], _Shown]:
    return qa.__dict__.setdefault("_shown_memo", {})  # type: ignore[no-any-return]


def _store(memo: dict[tuple[str, ...], _Shown], key: tuple[str, ...], shown: _Shown) -> None:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = shown


def _remember(qa: QA, readings: list[Reading], shown: _Shown) -> None:
    start = max((i for i, r in enumerate(readings) if not r.followup), default=0)
    _store(_memo(qa), tuple(r.model_dump_json() for r in readings[start:]), shown)


_MEMO_SIZE = 512  # earlier turns remembered per QA (a reloaded index is a new QA: none)


def ask(qa: QA, question: object) -> Answer:
    """``QA.ask``: a question on its own."""
    answer, _ = _answer(qa, _read(qa, question, ()), time.perf_counter())
    return answer


def chat(qa: QA, question: object, history: Sequence[str]) -> ChatTurn:
    """``QA.chat``: a turn after the earlier ones."""
    t0 = time.perf_counter()
    readings = _readings(qa, question, history)
    reading = readings[-1]
    previous = _previous(qa, readings[:-1]) if reading.followup else None
    answer, shown = _answer(qa, reading, t0, previous)
    if previous is not None:
        shown.given = [*previous.given, *shown.given]
    # Remembered as the next turn's earlier turns will be read (qa.desk._previous).
    _remember(qa, readings, shown)
    return ChatTurn(**(answer.model_dump() | {"question": reading.turn}), resolved_question=reading.question(),
                    followup=reading.followup,
                    assumed=assumed(reading, qa.index.glossary.tokenizer, shown.years, shown.latest))


class _Shown:
    """The years an answer ended up being for, for the assumption line."""

    def __init__(self, years: list[int] | None = None, latest: bool = False, figure: ScoredFigure | None = None,
                 confidence: float | None = None) -> None:
        self.years = years
        self.latest = latest
        self.figure = figure  # the one figure answered, if any (a follow-up's "that", "其中")
        self.confidence = confidence
        self.given = [figure] if figure is not None else []  # with the figures the turns before gave


def _answer(qa: QA, reading: Reading, t0: float, previous: _Shown | None = None) -> tuple[Answer, _Shown]:
    """A turn's answer; ``previous``: what the turn before gave, for a follow-up."""
    before = previous.figure if previous is not None else None
    given = previous.given if previous is not None else []
    if reading.rate and before is not None:
        answer = rate_answer(qa, reading.turn, reading.lang, before, previous.confidence if previous else None, t0)
        return answer, _Shown([before.year])
    if reading.comparison:
        return _compare(qa, reading, t0)
    frame = qa._analyse(reading.question(), "question")
    # A question that names its year (or a plan: 十四五 stands for 2025) is answered as it is.
    if frame.years and (reading.years or reading.relative is None):
        found = None
        if given:
            # A follow-up does not ask again for a figure the conversation has just given ("其中行政
            # 裁决类多少件?" after the total, "How many of those …"): it is no answer, and no rival.
            passages, figs = qa.candidates(frame, qa.rerank_weights)
            found = (passages, [f for f in figs if not any(same_number(f.figure, g.figure) for g in given)])
        answer, best, _ = qa.answer_frame(frame, t0, found)
        return answer, _Shown(reading.years or frame.years, figure=best, confidence=answer.confidence)
    return _without_year(qa, reading, t0)


class _Ranked:
    """One question's passages and figures, ranked once; each year's answer re-scores them."""

    def __init__(self, qa: QA, question: str) -> None:
        self.qa = qa
        self.frame = qa._analyse(question, "question")
        self.passages, self.figs = qa.candidates(self.frame, qa.rerank_weights)

    def answer(self, t0: float | None = None) -> tuple[Answer, ScoredFigure | None, list[ScoredFigure]]:
        return self.qa.answer_frame(self.frame, t0, (self.passages, self.figs))

    def for_year(self, year: int, units: list[str] | None = None) -> tuple[Answer, ScoredFigure | None]:
        """The answer for one year (in ``units``, where given): the question's figures ranked as for
        the question naming that year, then the decision of ``ask``."""
        answer, best, _ = self.year_figures(year, units)
        return answer, (best if best is not None and best.year == year else None)

    def year_figures(self, year: int, units: list[str] | None = None
                     ) -> tuple[Answer, ScoredFigure | None, list[ScoredFigure]]:
        """``for_year`` with the figures as ranked for that year (for a choice held back); one
        figure for the year even where provinces differ (qa.by_place lists places, not years)."""
        frame = self.frame.model_copy(update={"years": [year], **({"units": units} if units else {})})
        figs = rescored(self.figs, frame, self.qa.rerank_weights)
        return self.qa.answer_frame(frame, None, (self.passages, figs), by_place=False)


def _years_reported(figs: list[ScoredFigure], weight: float) -> list[int]:
    """The years the documents may give a question's figure for: those of its best figures that
    the rules do not rule out, within reach of the best one (see YEAR_DEPTH)."""
    allowed = [f for f in figs[: YEAR_DEPTH * 3] if not role_conflict(f) and not ruled_out(f, False)][:YEAR_DEPTH]
    if not allowed:
        return []
    top = allowed[0].score
    return sorted({f.year for f in allowed if f.score >= top - 2 * weight})


def _one_figure(a: ScoredFigure, b: ScoredFigure) -> bool:
    """Two years' answers that are one figure: the same value in one document (its two languages'
    sentences may date it differently: "ODR平台自2021年…" and the English "the platform")."""
    return a.record.doc_id == b.record.doc_id and a.figure.value == b.figure.value


def _year_figure(qa: QA, year: int, best: ScoredFigure, answer: Answer) -> YearFigure:
    return YearFigure(year=year, figure=figure_out(best.figure), normalized=normalized(best.figure),
                      citation=answer.citations[0] if answer.citations else qa.cite(best.chunk, best.index),
                      confidence=answer.confidence)


def _without_year(qa: QA, reading: Reading, t0: float) -> tuple[Answer, _Shown]:
    """A question that names no year, or a relative one the conversation could not place: each
    year's figure where the documents give it for several, the latest year's for "latest", "去年"."""
    ranked = _Ranked(qa, reading.question())
    first, best, figs = ranked.answer(t0)
    years = _years_reported(figs, qa.rerank_weights.year)
    if len(years) <= 1 and reading.relative is None:
        return first, _Shown([best.year] if best is not None else None)
    found: list[tuple[int, Answer, ScoredFigure]] = []
    for year in sorted(years, reverse=True):
        units = [found[0][2].figure.unit] if found and found[0][2].figure.unit else None
        answer, chosen = ranked.for_year(year, units)
        if chosen is None or any(_one_figure(chosen, f) for _, _, f in found):
            continue
        if not found or measure_mismatch(found[0][2].record, chosen.record) is None:
            found.append((year, answer, chosen))
    if reading.relative is None and len(found) < 2:
        # One year's figure or none: the question's own answer stands (its calibrated decision has
        # already weighed the other years' figures as rivals); the figure found for one year
        # serves only where that answer is "not found".
        if found and first.status != "answered":
            year, answer, _ = found[0]
            return answer.model_copy(update={"seconds": time.perf_counter() - t0, "question": reading.turn}), \
                _Shown([year])
        return first, _Shown([best.year] if best is not None else None)
    if reading.relative is not None:
        latest = max(years) if years else None
        if not found:
            if best is not None and (latest is None or best.year == latest):
                return first, _Shown([best.year], latest=True)
            # Not found for the latest year is still an answer about that year: say which.
            return _not_found(qa, first, reading, [latest] if latest else [], t0), \
                _Shown([latest] if latest else None, latest=latest is not None)
        # 去年, last year, 最新: the latest year the documents report; 前年 the one before it.
        offset = reading.relative if isinstance(reading.relative, int) else -1
        want = (latest or found[0][0]) + min(0, offset + 1)
        pick = next((f for f in found if f[0] == want), None)
        if pick is None:
            return _not_found(qa, first, reading, [want], t0), _Shown([want])
        year, answer, _ = pick
        return answer.model_copy(update={"seconds": time.perf_counter() - t0, "question": reading.turn}), \
            _Shown([year], latest=year == latest)
    listed = [_year_figure(qa, y, b, a) for y, a, b in sorted(found)]
    zh = reading.lang == "zh"
    lines = [f"{y.year}年：{y.figure.text}" if zh else f"{y.year}: {y.figure.text}" for y in listed]
    note = ("问题没有说明年份，文件给出了多个年份的数字：" if zh
            else "The question names no year and the documents give this figure for several: ")
    return first.model_copy(update={
        "status": "answered", "figure": None, "normalized": None, "by_year": listed, "by_place": [],
        "answer": note + ("；" if zh else "; ").join(lines) + ("。" if zh else "."),
        "citations": [y.citation for y in reversed(listed)], "related": [], "withheld": None,
        "confidence": min((y.confidence for y in listed if y.confidence is not None), default=None),
        "reason": "each year's figure, the question naming none", "seconds": time.perf_counter() - t0,
    }), _Shown([y.year for y in listed])


def _not_found(qa: QA, first: Answer, reading: Reading, years: list[int], t0: float) -> Answer:
    zh = reading.lang == "zh"
    which = "、".join(f"{y}年" for y in years) if zh else ", ".join(map(str, years))
    text = (f"没有找到{which}的这个数字。" if zh else f"The documents do not give this figure for {which}. ")
    return first.model_copy(update={"status": "not_found", "figure": None, "normalized": None, "citations": [],
                                    "answer": text + _not_found_tail(zh), "seconds": time.perf_counter() - t0})


def _not_found_tail(zh: bool) -> str:
    from qa.answer import not_found_text

    return not_found_text("zh" if zh else "en")


def _compare(qa: QA, reading: Reading, t0: float) -> tuple[Answer, _Shown]:
    """Two years' figures for one metric and the change between them; not answered unless both are
    found, for the same metric, agency, action and place."""
    ranked = _Ranked(qa, reading.for_years([]))
    years = reading.years
    if len(years) != 2:
        years = _years_reported(ranked.figs, qa.rerank_weights.year)[-2:]
    zh = reading.lang == "zh"
    if len(years) != 2:
        base = ranked.answer(t0)[0]
        comparison = Comparison(years=years, missing=[], note="the documents give this figure for one year or none")
        text = ("文件没有给出两个年份的这个数字，无法比较。" if zh
                else "The documents do not give this figure for two years, so there is nothing to compare. ")
        return _comparison_answer(base, comparison, text + _not_found_tail(zh), [], t0, reading), _Shown(years)
    earlier, later = years
    after_answer, after = ranked.for_year(later)
    unit = [after.figure.unit] if after is not None and after.figure.unit else None
    before_answer, before = ranked.for_year(earlier, unit)
    if before is None or after is None:
        before, after, before_answer, after_answer = _tied_by_rate(qa, ranked, earlier, later, before_answer,
                                                                   after_answer, before, after)
    missing = [y for y, f in ((earlier, before), (later, after)) if f is None]
    mismatch = measure_mismatch(before.record, after.record) if before is not None and after is not None else None
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
        return _comparison_answer(after_answer, comparison, text + _not_found_tail(zh), related, t0, reading,
                                  status="not_found"), _Shown(years)
    diff, pct = change(before.figure.value, after.figure.value)
    stated = stated_rate(after.chunk, after.index) or _aligned_rate(qa, after)
    agrees = rates_agree(before.figure, after.figure, stated.pct, stated.figure) if stated else None
    from_ = _year_figure(qa, earlier, before, before_answer)
    to = _year_figure(qa, later, after, after_answer)
    comparison = Comparison.model_validate({
        "years": years, "from": from_, "to": to, "change": diff, "change_pct": pct,
        "stated_change_pct": stated.pct if stated else None, "stated_agrees": agrees,
        "note": _rate_note(stated.pct if stated else None, agrees, zh)})
    return _comparison_answer(after_answer, comparison, _comparison_text(comparison, zh), [to.citation, from_.citation],
                              t0, reading, confidence=min(x for x in (from_.confidence, to.confidence, 1.0) if x is not None)), \
        _Shown(years)


def _tied_by_rate(qa: QA, ranked: _Ranked, earlier: int, later: int, before_answer: Answer, after_answer: Answer,
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
    stated = stated_rate(late.chunk, late.index) or _aligned_rate(qa, late)
    if not corroborated(early, before_answer.confidence, late, after_answer.confidence, stated,
                        qa.calibration.answer, qa.risk):
        return before, after, before_answer, after_answer
    def released(answer: Answer, fig: ScoredFigure) -> Answer:
        note = "; answered with the other year's figure: the stated year-on-year rate ties the two"
        return answer if answer.status == "answered" else answer.model_copy(update={
            "status": "answered", "withheld": None, "reason": answer.reason + note,
            "citations": [qa.cite(fig.chunk, fig.index)]})

    return early, late, released(before_answer, early), released(after_answer, late)


def _aligned_rate(qa: QA, fig: ScoredFigure) -> Any:
    """The rate the other language's sentence states for the same figure (the Chinese pairs rates
    with figures in order where the English translation reorders them)."""
    other = fig.record.aligned
    row = qa.index.record_row.get(other) if other else None
    if row is None:
        return None
    rec = qa.index.records[row]
    return stated_rate(qa.index.by_id[rec.chunk_id], rec.index)


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
    if zh:
        which = f"{more.year}年更多。" if more else "两年相同。"
        return (f"{a.year}年：{a.figure.text}；{b.year}年：{b.figure.text}。变化：{delta}（{pct}），{which}{c.note}")
    which = f"{more.year} is higher." if more else "The two years are equal."
    return f"{a.year}: {a.figure.text}; {b.year}: {b.figure.text}. Change: {delta} ({pct}). {which} {c.note}"


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
