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
from qa.corroborate import RISK_FACTOR, metric_key, same_wording
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
    """The figure is printed in the sentence of one the conversation gave (or in its translation),
    or is the next or last figure its document prints before or after it (``next_stated``)."""
    mine = _sentences(qa, fig)
    return any(mine & _sentences(qa, g) or next_stated(qa, fig, g) for g in given)


def next_stated(qa: QA, fig: ScoredFigure, given: ScoredFigure) -> bool:
    """Nothing but rates stands between the two figures in their document, in one language, and
    they name no two agencies: "全省共立知识产权刑事案件2249件,同比增长5.8%;破案1926件" (the index cuts
    the clauses into two passages), "… 2,249 IPR-related criminal cases were filed …, up 5.8%.
    1,926 cases were solved …"."""
    a, b = fig.record, given.record
    if a.doc_id != b.doc_id or a.lang != b.lang or a.id == b.id or (a.agency and b.agency and a.agency != b.agency):
        return False
    low, high = sorted((a.raw_start, b.raw_start))
    between = [r for r in qa.index.records if r.doc_id == a.doc_id and r.lang == a.lang and low < r.raw_start < high]
    return all(r.kind == "percent" for r in between)


def wording_key(qa: QA, fig: ScoredFigure) -> str | None:
    """A figure's own metric words (qa.corroborate.metric_key), in Chinese where its translation gives them."""
    other = fig.record.aligned
    row = qa.index.record_row.get(other) if other else None
    return metric_key(fig.record, qa.index.record_at(row) if row is not None else None)


def reworded(qa: QA, fig: ScoredFigure, given: list[ScoredFigure]) -> bool:
    """The figure is another year's of one the conversation gave, printed under the very same
    metric words ("那2023年呢?" after 83308件: 9.1萬件, both 法院新收各类知识产权案件): the documents'
    yearly wording ties the two, as it does a comparison's (qa.desk_compare)."""
    key = wording_key(qa, fig)
    return any(same_wording(g, fig, wording_key(qa, g), key) for g in given)


def continued(qa: QA, answer: Answer, figs: list[ScoredFigure], given: list[ScoredFigure],
              years: list[int] | None) -> tuple[Answer, ScoredFigure | None]:
    """The answer, or the figure it held back answered where the conversation vouches for it;
    ``years``: those asked (None: any, for a question naming none)."""
    if answer.status == "answered" or answer.withheld is None or answer.confidence is None or not given \
            or qa.calibration is None or answer.confidence < bar(qa.calibration.answer, RISK_FACTOR * qa.risk):
        return answer, None
    held = trusted(figs, qa.thresholds, 0.0, loose=True).chosen
    if held is None or (years is not None and held.year not in years):
        return answer, None
    if beside(qa, held, given):
        note = "; the figure stands in the sentence of the one the conversation just gave"
    elif reworded(qa, held, given):
        note = "; the figure is printed under the metric words of the one the conversation just gave"
    else:
        return answer, None
    citation = qa.cite(held.chunk, held.index)
    return answer.model_copy(update={
        "status": "answered", "figure": figure_out(held.figure), "normalized": normalized(held.figure),
        "answer": lead(figure_place(held), answer.lang) + answer_text(held, answer.lang, citation), "citations": [citation],
        "related": [], "withheld": None, "reason": answer.reason + note}), held
