"""The verdicts a claimed figure gets where no source figure judges it: not found for its metric,
a share stated as a fraction (not checked), or a nearest figure that cannot judge it, and why."""

from __future__ import annotations

from index.figures import Figure
from qa.answer import figure_out
from qa.frame import QueryFrame
from qa.rank import ScoredFigure
from qa.types import Verdict


def unjudged(info: QueryFrame, claimed: Figure, retrieved: list[str]) -> Verdict:
    """"Not found": no source figure for the claimed one's metric."""
    return Verdict(claim=info.text, lang=info.lang, verdict="not_found",  # type: ignore[arg-type]
                   claimed=figure_out(claimed, info.lang), found=None,
                   explanation="The documents do not give a figure for this claim's metric"
                   + (f" in {', '.join(map(str, info.years))}." if info.years else "."),
                   citations=[], retrieved=retrieved)


def share_unchecked(info: QueryFrame, claimed: Figure) -> Verdict:
    """"Not found": a share stated as a fraction ("more than half of the cases", 约占四分之一) is not
    checked; which whole it is a share of, no source figure says (index.figures.fractions)."""
    return Verdict(claim=info.text, lang=info.lang, verdict="not_found",  # type: ignore[arg-type]
                   claimed=figure_out(claimed, info.lang), found=None,
                   explanation=f"The share “{claimed.text}” is not checked: the documents state shares as "
                   "numbers, and which whole this one is a share of no figure says.", citations=[], retrieved=[])


def cannot_judge(info: QueryFrame, claimed: Figure, best: ScoredFigure, why: str, retrieved: list[str]) -> Verdict:
    """"Not found": the nearest source figure cannot judge the claimed one, and why."""
    return Verdict(claim=info.text, lang=info.lang, verdict="not_found",  # type: ignore[arg-type]
                   claimed=figure_out(claimed, info.lang), found=None,
                   explanation=f"The nearest source figure ({best.figure.text}) cannot judge it: {why}.",
                   citations=[], retrieved=retrieved)
