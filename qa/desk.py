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
from typing import TYPE_CHECKING

from qa.assumption import assumed
from qa.compare import figures_mismatch
from qa.context import split_question
from qa.conversation import Reading, read_turns, relative_years
from qa.decide import same_number, trusted
from qa.desk_compare import compare
from qa.desk_continuity import continued
from qa.desk_ranked import Ranked, Shown, not_found_tail, one_figure, year_figure, years_reported
from qa.frame import QueryError, validate_text
from qa.rank import ScoredFigure
from qa.rate_answer import rate_answer
from qa.short_years import full_years
from qa.types import Answer, ChatTurn
from qa.years import years_in

if TYPE_CHECKING:
    from qa.api import QA


def _readings(qa: QA, question: object, history: Sequence[str]) -> list[Reading]:
    """Every turn as understood after the ones before it, the question last."""
    from qa.api import QAError

    try:
        # As typed, less what would hide a slot from the reading: "24年" is 2024年, "sovled" is solved
        # (the frame mends the question's typos too, but the turn's slots are read before it).
        return read_turns((qa.speller.correct(full_years(validate_text(turn))) for turn in [*history, question]),
                          qa.index.glossary.tokenizer)
    except QueryError as e:
        raise QAError(str(e)) from e


def _read(qa: QA, question: object, history: Sequence[str]) -> Reading:
    return _readings(qa, question, history)[-1]


def _previous(qa: QA, earlier: list[Reading]) -> Shown | None:
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
            shown.after(before)
        _store(memo, keys[n], shown)
    return shown


def _memo(qa: QA) -> dict[tuple[str, ...], Shown]:
    return qa.__dict__.setdefault("_shown_memo", {})  # type: ignore[no-any-return]


def _store(memo: dict[tuple[str, ...], Shown], key: tuple[str, ...], shown: Shown) -> None:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = shown


def _remember(qa: QA, readings: list[Reading], shown: Shown) -> None:
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
        shown.after(previous)
    # Remembered as the next turn's earlier turns will be read (qa.desk._previous).
    _remember(qa, readings, shown)
    return ChatTurn(**(answer.model_dump() | {"question": reading.turn}), resolved_question=reading.question(),
                    followup=reading.followup,
                    assumed=assumed(reading, qa.index.glossary.tokenizer, shown.years, shown.latest))


def _answer(qa: QA, reading: Reading, t0: float, previous: Shown | None = None) -> tuple[Answer, Shown]:
    """A turn's answer; ``previous``: what the turn before gave, for a follow-up."""
    before = previous.figure if previous is not None else None
    given = previous.given if previous is not None else []
    discussed = previous.discussed if previous is not None else []
    if reading.rate and before is not None:
        answer = rate_answer(qa, reading.turn, reading.lang, before, previous.confidence if previous else None, t0)
        return answer, Shown([before.year])
    if reading.comparison:
        return compare(qa, reading, t0)
    if _asks_years(reading) and (each := _each_year(qa, reading, t0)) is not None:
        return each
    frame = qa._analyse(reading.question(), "question")
    # A question that names its year (or a plan: 十四五 stands for 2025) is answered as it is.
    if frame.years and (reading.years or reading.relative is None):
        found = None
        if discussed:
            # A follow-up does not ask again for a figure the conversation has just given ("其中行政
            # 裁决类多少件?" after the total, "How many of those …") or held back: it is no answer,
            # and no rival.
            passages, figs = qa.candidates(frame, qa.rerank_weights)
            found = (passages, [f for f in figs if not any(same_number(f.figure, g.figure) for g in discussed)])
        answer, best, figs = qa.answer_frame(frame, t0, found)
        if best is None and given:
            answer, best = continued(qa, answer, figs, given, frame.years)
        if best is None and reading.written:
            # "And valid registered trademarks at the end of that year?" as typed, naming no year:
            # its answer serves where it is for the year the conversation gave.
            plain, shown = _without_year(qa, reading.model_copy(update={"written": None}), t0, given)
            if plain.status == "answered" and shown.figure is not None and shown.figure.year in reading.years:
                return plain, shown
        held = trusted(figs, qa.thresholds, 0.0, loose=True).chosen if best is None and answer.withheld else None
        return answer, Shown(reading.years or frame.years, figure=best, confidence=answer.confidence, held=held)
    return _without_year(qa, reading, t0, given)


def _without_year(qa: QA, reading: Reading, t0: float, given: list[ScoredFigure] | None = None
                  ) -> tuple[Answer, Shown]:
    """A question that names no year, or a relative one the conversation could not place: each
    year's figure where the documents give it for several, the latest year's for "latest", "去年";
    ``given``: the figures the conversation gave (a follow-up's held figure beside one is answered)."""
    ranked = Ranked(qa, reading.question())
    first, best, figs = ranked.answer(t0)
    if best is None and given and reading.relative is None:
        first, best = continued(qa, first, figs, given, None)
        if best is not None:
            return first, Shown([best.year], figure=best, confidence=first.confidence)
    years = years_reported(figs, qa.rerank_weights.year)
    if len(years) <= 1 and reading.relative is None:
        return first, Shown([best.year] if best is not None else None, figure=best, confidence=first.confidence)
    found: list[tuple[int, Answer, ScoredFigure]] = []
    for year in sorted(years, reverse=True):
        units = [found[0][2].figure.unit] if found and found[0][2].figure.unit else None
        answer, chosen = ranked.for_year(year, units)
        if chosen is None or any(one_figure(chosen, f) for _, _, f in found):
            continue
        if not found or figures_mismatch(found[0][2], chosen) is None:
            found.append((year, answer, chosen))
    if reading.relative is None and len(found) < 2:
        # One year's figure or none: the question's own answer stands (its calibrated decision has
        # already weighed the other years' figures as rivals); the figure found for one year
        # serves only where that answer is "not found".
        if found and first.status != "answered":
            year, answer, chosen = found[0]
            return answer.model_copy(update={"seconds": time.perf_counter() - t0, "question": reading.turn}), \
                Shown([year], figure=chosen, confidence=answer.confidence)
        return first, Shown([best.year] if best is not None else None, figure=best, confidence=first.confidence)
    if reading.relative is not None:
        latest = max(years) if years else None
        if not found:
            if best is not None and (latest is None or best.year == latest):
                return first, Shown([best.year], latest=True, figure=best, confidence=first.confidence)
            # Not found for the latest year is still an answer about that year: say which.
            return _not_found(qa, first, reading, [latest] if latest else [], t0), \
                Shown([latest] if latest else None, latest=latest is not None)
        # 去年, last year, 最新: the latest year the documents report; 前年 the one before it.
        offset = reading.relative if isinstance(reading.relative, int) else -1
        want = (latest or found[0][0]) + min(0, offset + 1)
        pick = next((f for f in found if f[0] == want), None)
        if pick is None:
            return _not_found(qa, first, reading, [want], t0), Shown([want])
        year, answer, _ = pick
        return answer.model_copy(update={"seconds": time.perf_counter() - t0, "question": reading.turn}), \
            Shown([year], latest=year == latest)
    zh = reading.lang == "zh"
    note = ("问题没有说明年份，文件给出了多个年份的数字：" if zh
            else "The question names no year and the documents give this figure for several: ")
    return _listed(qa, reading, first, found, note, "each year's figure, the question naming none", t0)


def _asks_years(reading: Reading) -> bool:
    """The question itself, not the context pasted before it ("The 2024 report shows a drop. How many
    … in 2023?"), names two or more years, or one and a year relative to it."""
    if len(reading.years) < 2 or reading.followup or reading.comparison:
        return False
    asked = split_question(reading.turn).question
    named = len(years_in(asked))
    return named >= 2 or (named == 1 and bool(relative_years(asked)))


def _each_year(qa: QA, reading: Reading, t0: float) -> tuple[Answer, Shown] | None:
    """A question asking two years without comparing them ("2023年和2024年…各多少件?", "2024年…多少件，
    前一年呢?"): each year's figure, labelled. None where the documents give it for fewer than two of
    them (the question is then answered as it is)."""
    # Each year is searched for anew where the figures ranked for the question lack it (Ranked's compared).
    ranked = Ranked(qa, reading.question(), compared=list(reading.years))
    first, _, _ = ranked.answer(t0)
    found: list[tuple[int, Answer, ScoredFigure]] = []
    for year in sorted(reading.years, reverse=True):
        units = [found[0][2].figure.unit] if found and found[0][2].figure.unit else None
        answer, chosen = ranked.for_year(year, units)
        if chosen is not None and not any(one_figure(chosen, f) for _, _, f in found) \
                and (not found or figures_mismatch(found[0][2], chosen) is None):
            found.append((year, answer, chosen))
    if len(found) < 2:
        return None
    note = "问题问了几个年份，各年的数字：" if reading.lang == "zh" else "The question asks for several years: "
    return _listed(qa, reading, first, found, note, "each year's figure, the question naming several", t0)


def _listed(qa: QA, reading: Reading, first: Answer, found: list[tuple[int, Answer, ScoredFigure]], note: str,
            reason: str, t0: float) -> tuple[Answer, Shown]:
    """Each year's figure, labelled, as one answer."""
    listed = [year_figure(qa, y, b, a) for y, a, b in sorted(found)]
    zh = reading.lang == "zh"
    lines = [f"{y.year}{'年：' if zh else ': '}{y.figure.shown(reading.lang)}" for y in listed]
    return first.model_copy(update={
        "status": "answered", "figure": None, "normalized": None, "by_year": listed, "by_place": [],
        "answer": note + ("；" if zh else "; ").join(lines) + ("。" if zh else "."),
        "citations": [y.citation for y in reversed(listed)], "related": [], "withheld": None,
        "confidence": min((y.confidence for y in listed if y.confidence is not None), default=None),
        "reason": reason, "seconds": time.perf_counter() - t0,
    }), Shown([y.year for y in listed])


def _not_found(qa: QA, first: Answer, reading: Reading, years: list[int], t0: float) -> Answer:
    zh = reading.lang == "zh"
    which = "、".join(f"{y}年" for y in years) if zh else ", ".join(map(str, years))
    text = (f"没有找到{which}的这个数字。" if zh else f"The documents do not give this figure for {which}. ")
    return first.model_copy(update={"status": "not_found", "figure": None, "normalized": None, "citations": [],
                                    "answer": text + not_found_tail(zh), "seconds": time.perf_counter() - t0})
