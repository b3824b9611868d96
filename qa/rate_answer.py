"""A follow-up that asks how much the figure just given changed year on year ("How much was that up
year on year?", "同比增长多少?"): the rate that figure's own sentence states beside it
(qa.compare.stated_rate), or, where the translation states it, the other language's sentence.
Nothing is looked up anew: a rate found by searching could be any figure's; and where neither
sentence states one, the answer is "not found", never the figure itself again.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from index.figures import Figure, with_bound
from index.records import record_id
from qa.answer import figure_out, normalized, not_found_text
from qa.compare import StatedRate, stated_rate
from qa.rank import ScoredFigure
from qa.types import Answer

if TYPE_CHECKING:
    from qa.api import QA


def _tied_at_index(qa: QA, fig: ScoredFigure) -> StatedRate | None:
    """The year-on-year rate the index tied to the figure (index.rate_ties) where stated_rate's reading
    of the sentence finds none. (A bare change right after the figure, "存案11337件,大幅减少31.17%",
    stated_rate reads itself: qa.compare.bare_change.)"""
    chunk = fig.chunk
    for i, printed in enumerate(chunk.figures):
        row = qa.index.record_row.get(record_id(chunk.id, i))
        tie = qa.index.record_at(row).rate_of if row is not None else None
        if tie is not None and tie.figure_id == fig.record.id and tie.base_year == fig.record.year - 1:
            return StatedRate(pct=tie.direction * printed.value, figure=printed)
    return None


def own_rate(qa: QA, fig: ScoredFigure) -> StatedRate | None:
    """The year-on-year rate stated for ``fig`` (stated_for), without the figure holding it."""
    found = stated_for(qa, fig)
    return found[0] if found is not None else None


def _unless_a_ratio_s(qa: QA, chunk_id: str, rate: StatedRate | None, figures: list[Figure]) -> StatedRate | None:
    """``rate`` unless its record is a ratio's or a share's change ("调撤结案50932件,调撤率同比上升4.89%": the
    rate's rise, no change of the count beside it; index.rate_ties.changes_a_ratio)."""
    if rate is None:
        return None
    row = qa.index.record_row.get(record_id(chunk_id, figures.index(rate.figure)))
    return None if row is not None and qa.index.record_at(row).ratio_change else rate


def stated_for(qa: QA, fig: ScoredFigure) -> tuple[StatedRate, ScoredFigure] | None:
    """The rate stated for a figure, and the figure whose sentence states it (its own, or its
    translation's)."""
    rate = _unless_a_ratio_s(qa, fig.chunk.id, stated_rate(fig.chunk, fig.index), fig.chunk.figures) or _tied_at_index(qa, fig)
    if rate is not None:
        return rate, fig
    other = fig.record.aligned
    row = qa.index.record_row.get(other) if other else None
    if row is None:
        return None
    rec = qa.index.record_at(row)
    chunk = qa.index.by_id[rec.chunk_id]
    rate = _unless_a_ratio_s(qa, chunk.id, stated_rate(chunk, rec.index), chunk.figures)
    return (rate, ScoredFigure(chunk, rec, fig.score, fig.features)) if rate is not None else None


def rate_answer(qa: QA, turn: str, lang: str, previous: ScoredFigure, confidence: float | None,
                t0: float) -> Answer:
    """The year-on-year rate of ``previous`` (the figure the turn before gave, with its calibrated
    ``confidence``, which the rate shares: the sentence ties the two)."""
    found = stated_for(qa, previous)
    zh = lang == "zh"
    if found is None:
        text = ("文件没有给出这个数字的同比变化率。" if zh
                else "The documents state no year-on-year rate for this figure. ") + not_found_text(lang)
        return Answer(question=turn, lang=lang, status="not_found", answer=text, figure=None,  # type: ignore[arg-type]
                      citations=[], related=[qa.cite(previous.chunk, previous.index)],
                      reason="no rate stated beside the previous turn's figure", seconds=time.perf_counter() - t0)
    return answer_with_rate(qa, turn, lang, previous, found, confidence, t0)


def change_way(pct: float, zh: bool) -> str:
    """The word for which way a stated rate went: 增长 / 减少, up / down."""
    return ("增长" if pct > 0 else "减少") if zh else ("up" if pct > 0 else "down")


def answer_with_rate(qa: QA, turn: str, lang: str, previous: ScoredFigure, found: tuple[StatedRate, ScoredFigure],
                     confidence: float | None, t0: float) -> Answer:
    """``previous``'s rate as stated_for ``found`` it, answered (rate_answer)."""
    rate, holder = found
    zh = lang == "zh"
    citation = qa.cite(holder.chunk, holder.chunk.figures.index(rate.figure))
    way = change_way(rate.pct, zh)
    text = (f"同比{way}{with_bound(rate.figure, lang)}（{with_bound(previous.figure, lang)}）。" if zh
            else f"{with_bound(rate.figure, lang)} {way} year on year ({with_bound(previous.figure, lang)}).")
    return Answer(question=turn, lang=lang, status="answered", answer=text,  # type: ignore[arg-type]
                  figure=figure_out(rate.figure), normalized=normalized(rate.figure),
                  cross_language=holder.chunk.lang != lang, citations=[citation], confidence=confidence,
                  reason="the year-on-year rate stated beside the previous turn's figure",
                  retrieved=[holder.chunk.id], seconds=time.perf_counter() - t0)
