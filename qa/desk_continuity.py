"""A follow-up's figure held back by the calibrated bar, answered where the conversation vouches for
it (qa.desk calls ``continued``): the figure is printed in the very sentence (or its translation)
of a figure the conversation has just given. A short follow-up asks about what was just discussed
("惠及多少家企业?", "how many items was that?", "发明专利呢?"), and the documents state related
figures together ("查扣侵权商品15766批、数量3314万件"): that the best figure for it sits beside
the one given is evidence the model, fitted on questions asked alone, never saw.

As with a comparison the stated rate ties (qa.corroborate), it is answered only when its
probability still reaches the bar of a risk ``RISK_FACTOR`` times higher, it is the best figure
the rules leave (never one further down), and it is for the year asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.answer import answer_text, figure_out, normalized
from qa.calibration import bar
from qa.corroborate import RISK_FACTOR
from qa.decide import trusted
from qa.rank import ScoredFigure
from qa.types import Answer
from qa.where import figure_place, lead

if TYPE_CHECKING:
    from qa.api import QA


def _sentences(qa: QA, fig: ScoredFigure) -> set[tuple[str, int]]:
    """Where a figure's sentence is: its own, and its translation's where the index aligns one."""
    out = {(fig.record.chunk_id, fig.record.quote_start)}
    row = qa.index.record_row.get(fig.record.aligned) if fig.record.aligned else None
    if row is not None:
        other = qa.index.record_at(row)
        out.add((other.chunk_id, other.quote_start))
    return out


def beside(qa: QA, fig: ScoredFigure, given: list[ScoredFigure]) -> bool:
    """The figure is printed in the sentence of one the conversation gave (or in its translation)."""
    mine = _sentences(qa, fig)
    return any(mine & _sentences(qa, g) for g in given)


def continued(qa: QA, answer: Answer, figs: list[ScoredFigure], given: list[ScoredFigure],
              years: list[int]) -> tuple[Answer, ScoredFigure | None]:
    """The answer, or the figure it held back answered where the conversation vouches for it."""
    if answer.status == "answered" or answer.withheld is None or answer.confidence is None or not given \
            or qa.calibration is None or answer.confidence < bar(qa.calibration.answer, RISK_FACTOR * qa.risk):
        return answer, None
    held = trusted(figs, qa.thresholds, 0.0, loose=True).chosen
    if held is None or held.year not in years or not beside(qa, held, given):
        return answer, None
    citation = qa.cite(held.chunk, held.index)
    note = "; the figure stands in the sentence of the one the conversation just gave"
    return answer.model_copy(update={
        "status": "answered", "figure": figure_out(held.figure), "normalized": normalized(held.figure),
        "answer": lead(figure_place(held), answer.lang) + answer_text(held, answer.lang, citation), "citations": [citation],
        "related": [], "withheld": None, "reason": answer.reason + note}), held
