"""What the journalist's desk (qa.desk, qa.desk_compare) shares: one question's figures ranked
once and re-scored for each year, the years the documents report a figure for, and what an answer
ended up showing (its years, its figure) for the turns after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.answer import figure_out, normalized
from qa.conversation import with_years
from qa.decide import admissible
from qa.rank import ScoredFigure, rescored
from qa.types import Answer, YearFigure

if TYPE_CHECKING:
    from qa.api import QA


# How many of the best figures of a question without a year are looked at for the years the
# documents report for it, and how far below the best one a figure may score and still count: a
# question for one year moves a figure of that year up by the year weight and the others down
# by as much (qa.rank), so a figure within twice the weight could answer for its own year.
YEAR_DEPTH = 10


class Shown:
    """The years an answer ended up being for, for the assumption line."""

    def __init__(self, years: list[int] | None = None, latest: bool = False, figure: ScoredFigure | None = None,
                 confidence: float | None = None, held: ScoredFigure | None = None) -> None:
        self.years = years
        self.latest = latest
        self.figure = figure  # the one figure answered, if any (a follow-up's "that", "其中")
        self.confidence = confidence
        self.given = [figure] if figure is not None else []  # with the figures the turns before gave
        # What the turns were about: the figures given and those held back by the bar (a follow-up
        # asks about something else than either: "惠及多少家企业?" after the amount, held or not).
        self.discussed = [f for f in (figure, held) if f is not None]

    def after(self, before: Shown) -> None:
        """Carry on what the turns before gave and discussed."""
        self.given = [*before.given, *self.given]
        self.discussed = [*before.discussed, *self.discussed]


class Ranked:
    """One question's passages and figures, ranked once; each year's answer re-scores them."""

    def __init__(self, qa: QA, question: str, compared: list[int] | None = None) -> None:
        self.qa = qa
        self.question = question
        self.frame = qa._analyse(question, "question")
        self.passages, self.figs = qa.candidates(self.frame, qa.rerank_weights)
        # A comparison's two years: the other year's figures are the other side of the comparison,
        # not a sign that the documents lack this year's (see ``without``).
        self.compared = compared or []

    def answer(self, t0: float | None = None) -> tuple[Answer, ScoredFigure | None, list[ScoredFigure]]:
        return self.qa.answer_frame(self.frame, t0, (self.passages, self.figs))

    def for_year(self, year: int, units: list[str] | None = None) -> tuple[Answer, ScoredFigure | None]:
        """The answer for one year (in ``units``, where given): the question's figures ranked as for
        the question naming that year, then the decision of ``ask``; where that finds nothing, the
        question asked of that year alone (its own passages: the other year's document may word
        the metric otherwise, and a search naming the year finds its sentences)."""
        answer, best, _ = self.year_figures(year, units)
        if (best is None or best.year != year) and self.compared:
            alone, chosen, _ = self.year_figures(year, units, alone=True)
            if chosen is not None and chosen.year == year:
                return alone, chosen
        return answer, (best if best is not None and best.year == year else None)

    def year_figures(self, year: int, units: list[str] | None = None, *, alone: bool = False
                     ) -> tuple[Answer, ScoredFigure | None, list[ScoredFigure]]:
        """``for_year`` with the figures as ranked for that year (for a choice held back); one
        figure for the year even where provinces differ (qa.by_place lists places, not years);
        ``alone``: searched for anew as the question naming that year."""
        update = {"years": [year], **({"units": units} if units else {})}
        if alone:
            frame = self.qa._analyse(with_years(self.question, self.frame.lang, [year]), "question")
            frame = frame.model_copy(update=update)
            passages, figs = self.qa.candidates(frame, self.qa.rerank_weights)
        else:
            frame = self.frame.model_copy(update=update)
            passages, figs = self.passages, rescored(self.figs, frame, self.qa.rerank_weights)
        return self.qa.answer_frame(frame, None, (passages, self.without(figs, year)), by_place=False)

    def without(self, figs: list[ScoredFigure], year: int) -> list[ScoredFigure]:
        """The figures less those of a comparison's other year: a question comparing two years
        matches both years' sentences, and the other year's figure ranking first (a rule-out,
        "for another year", in a question of one year) says nothing of whether this year's is
        printed. A figure of any third year still counts."""
        other = [y for y in self.compared if y != year]
        return [f for f in figs if f.year not in other] if year in self.compared else figs


def years_reported(figs: list[ScoredFigure], weight: float) -> list[int]:
    """The years the documents may give a question's figure for: those of its best figures that
    the rules do not rule out, within reach of the best one (see YEAR_DEPTH)."""
    allowed = [f for f in figs[: YEAR_DEPTH * 3] if admissible(f, False)][:YEAR_DEPTH]
    if not allowed:
        return []
    top = allowed[0].score
    return sorted({f.year for f in allowed if f.score >= top - 2 * weight})


def one_figure(a: ScoredFigure, b: ScoredFigure) -> bool:
    """Two years' answers that are one figure: the same value in one document (its two languages'
    sentences may date it differently: "ODR平台自2021年…" and the English "the platform")."""
    return a.record.doc_id == b.record.doc_id and a.figure.value == b.figure.value


def year_figure(qa: QA, year: int, best: ScoredFigure, answer: Answer) -> YearFigure:
    return YearFigure(year=year, figure=figure_out(best.figure, answer.lang), normalized=normalized(best.figure),
                      citation=answer.citations[0] if answer.citations else qa.cite(best.chunk, best.index),
                      confidence=answer.confidence)


def not_found_tail(zh: bool) -> str:
    from qa.answer import not_found_text

    return not_found_text("zh" if zh else "en")
