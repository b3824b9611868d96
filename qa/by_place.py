"""Questions and claims that name no place, over documents of several provinces: each place's
figure, labelled, as a question naming no year gets each year's (qa.desk ``by_year``).

A question that names a place is answered for it (qa.decide rules the other places out). One that
names none is read against each province whose documents give a figure that fits it about as well
as the best (within qa.where's AMBIGUITY_SPAN, not ruled out, of the agency and action asked): each
province's figures are decided on their own, by the same rules and calibrated bar as ``ask``, as if
its documents were the corpus. Then:

- no province has a figure that passes, or only one province fits, or all that pass give one
  value: the one answer, plainly (the place it is for named, qa.where);
- several pass with different values, or one passes while other provinces' figures fit as well
  but are not sure enough: each passing place's figure, labelled, the others named, and the
  question which place is meant. Choosing one would answer a Guangdong reader with Jiangsu's
  figure.

A claim naming no place is supported only when its figure matches one place's source figure, and
the verdict says which place; another province's different figure never contradicts it: where
none matches, the verdict is "not found", with each place's figure listed.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.figures import Figure
from index.places import home_province, place_name
from qa.answer import figure_out, normalized
from qa.decide import Decision, same_number
from qa.frame import QueryFrame
from qa.rank import RerankWeights, ScoredFigure
from qa.types import Answer, PlaceFigure, Verdict
from qa.where import figure_place, fitting_provinces, place_out

if TYPE_CHECKING:
    from qa.api import QA

Decide = Callable[[list[ScoredFigure]], Decision]
DEFAULT_WEIGHTS = RerankWeights()


@dataclass(frozen=True)
class PlaceChoice:
    """One province's figures (best first) and the decision on them alone."""

    province: str | None  # None: documents that name no place
    figs: list[ScoredFigure]
    decision: Decision


@dataclass(frozen=True)
class PlaceReading:
    """How a question naming no place is answered: ``listed`` each place's choice where several
    give different figures; else ``decision``, the one answer."""

    decision: Decision
    listed: list[PlaceChoice]
    held: list[str | None] = dataclasses.field(default_factory=list)  # provinces whose figure is not sure enough


def _province(fig: ScoredFigure) -> str | None:
    return _home_province(fig.chunk.place)


@functools.lru_cache(maxsize=1024)
def _home_province(document: str | None) -> str | None:
    """index.places.home_province, kept: the place table is fixed data, a document's place one of a few."""
    return home_province(document)


def place_groups(frame: QueryFrame, figs: list[ScoredFigure], unit_ok: bool = False,
                 weights: RerankWeights = DEFAULT_WEIGHTS) -> dict[str | None, list[ScoredFigure]]:
    """For a question naming no place: the figures by their document's province, for each province
    with a figure that fits within AMBIGUITY_SPAN of the best fitting one (best province first);
    empty when the question names a place or fewer than two provinces give such a figure."""
    provinces = fitting_provinces(frame, figs, unit_ok=unit_ok)
    if sum(p is not None for p in provinces) < 2:
        return {}
    # Each figure's province found once (not once for each province: 19 provinces × 500 figures).
    by_province: dict[str | None, list[ScoredFigure]] = {}
    for f in figs:
        by_province.setdefault(_province(f), []).append(f)
    return {p: _as_own_corpus(by_province.get(p, []), weights) for p in provinces}


def _as_own_corpus(figs: list[ScoredFigure], weights: RerankWeights) -> list[ScoredFigure]:
    """A province's figures scored as if its documents were the corpus: the features measured
    against the best candidate of the whole corpus are measured against the province's best. The
    retrieval score is normalised to the best passage: twenty provinces' copies of one sentence push
    each other down the fused ranking by position alone (RRF), and a copy in 12th place missed the
    calibrated bar that the copy in 1st place passed with the same words. Meaning is 1 for the
    nearest record and falls linearly below it (qa.pipeline.meanings), so it shifts up by the
    province's distance from the nearest."""
    if not figs:
        return figs
    top = max(f.features.get("retrieval", 0.0) for f in figs)
    shift = 1.0 - max(f.features.get("meaning", 0.0) for f in figs)
    rescaled = []
    for f in figs:
        r, m = f.features.get("retrieval", 0.0), f.features.get("meaning", 0.0)
        r_own = r / top if top > 0.0 else r
        m_own = min(1.0, m + shift) if m > 0.0 else m  # 0: beyond the span, how far is not known
        lift = weights.retrieval * (r_own - r) + weights.meaning * (m_own - m)
        rescaled.append(dataclasses.replace(f, score=f.score + lift,
                                            features={**f.features, "retrieval": r_own, "meaning": m_own}))
    return sorted(rescaled, key=lambda f: -f.score)


def choices(frame: QueryFrame, figs: list[ScoredFigure], decide: Decide, unit_ok: bool = False,
            weights: RerankWeights = DEFAULT_WEIGHTS) -> list[PlaceChoice]:
    """Each province's decision on its own figures (see place_groups), best province first."""
    return [PlaceChoice(p, fs, decide(fs)) for p, fs in place_groups(frame, figs, unit_ok, weights).items()]


def differ(found: list[PlaceChoice]) -> bool:
    """Whether the places' chosen figures are not all one value."""
    figures = [c.decision.chosen.figure for c in found if c.decision.chosen is not None]
    return any(not same_number(f, figures[0]) for f in figures[1:])


def read_places(frame: QueryFrame, figs: list[ScoredFigure], decision: Decision, decide: Decide,
                weights: RerankWeights = DEFAULT_WEIGHTS) -> PlaceReading:
    """How a question is answered, given ``decision`` (the one over all figures) and ``decide``
    (the same decision on a subset of them); ``weights``: the ranking's (qa.rank)."""
    every = choices(frame, figs, decide, weights=weights)
    found = [c for c in every if c.decision.chosen is not None]
    held = [c.province for c in every if c.decision.chosen is None]
    # One place's figure sure enough while other places' documents have one that fits as well: it
    # is no likelier the place meant, only the surer figure; labelled, with the others named.
    if (len(found) >= 2 and differ(found)) or (len(found) == 1 and any(p is not None for p in held)):
        return PlaceReading(decision=decision, listed=found, held=held)
    # One place's figure, or several places' that agree: that figure (the best place's), plainly.
    # Over all figures the best place's decision is the same one (another province's figure is
    # no rival: qa.decide.trusted), unless it is held back and another place's passes.
    return PlaceReading(decision=found[0].decision if found else decision, listed=[])


def _label(c: PlaceChoice) -> str | None:
    assert c.decision.chosen is not None
    return figure_place(c.decision.chosen) or c.province


def _name(place: str | None, lang: str) -> str:
    if place is None:
        return "未注明地方" if lang == "zh" else "no place named"
    return place_name(place, lang)


def place_answer(qa: QA, frame: QueryFrame, listed: list[PlaceChoice], retrieved: list[str],
                 t0: float, held: list[str | None] | None = None) -> Answer:
    """Each place's figure, labelled and cited, and the question which place is meant; ``held``:
    the provinces whose documents have a figure for it that is not sure enough (named, not given)."""
    entries = []
    for c in listed:
        best = c.decision.chosen
        assert best is not None
        place = _label(c)
        entries.append(PlaceFigure(place=place_out(place) if place else None, year=best.year,
                                   figure=figure_out(best.figure),
                                   normalized=normalized(best.figure), citation=qa.cite(best.chunk, best.index),
                                   confidence=c.decision.confidence))
    zh = frame.lang == "zh"
    # A question naming no year either: each place's figure says its year too.
    when = (lambda e: "") if frame.years else (lambda e: f"（{e.year}年）" if zh else f" ({e.year})")
    lines = [f"{_name(_label(c), frame.lang)}{'：' if zh else ': '}{e.figure.shown(frame.lang)}{when(e)}"
             for c, e in zip(listed, entries, strict=True)]
    lead = (("问题没有说明地方，多个省份的文件给出了不同的数字：" if zh else
             "The question names no place, and documents of several provinces give different figures: ")
            if len(entries) > 1 else
            ("问题没有说明地方，多个省份的文件都有这一数字：" if zh else
             "The question names no place, and documents of several provinces have this figure: "))
    text = ((lead + "；".join(lines)
             + "。请问您问的是哪个地方？可在问题里写明。") if zh else
            (lead + "; ".join(lines) + ". Which place do you mean? Name it in the question."))
    unsure = [_name(p, frame.lang) for p in held or [] if p is not None]
    if unsure:
        text += (f"（{'、'.join(unsure)}的文件也有相关数字，但不够确定，未列出。）" if zh else
                 f" (The documents of {', '.join(unsure)} have a figure for it too, not sure enough to give.)")
    confidences = [e.confidence for e in entries if e.confidence is not None]
    return Answer(question=frame.text, lang=frame.lang, status="answered", answer=text,  # type: ignore[arg-type]
                  figure=None, normalized=None, citations=[e.citation for e in entries], by_place=entries,
                  ambiguous_places=[place_out(c.province) for c in listed if c.province],
                  retrieved=retrieved, confidence=min(confidences) if confidences else None,
                  reason="each place's figure: the question names no place and the documents of several "
                  "provinces give different figures", seconds=time.perf_counter() - t0)


Judged = tuple[Verdict, ScoredFigure | None]
Judge = Callable[[Decision, list[ScoredFigure]], Judged]


def claim_by_place(frame: QueryFrame, claimed: Figure, figs: list[ScoredFigure], decide: Decide,
                   judge: Judge, weights: RerankWeights = DEFAULT_WEIGHTS) -> Judged | None:
    """The verdict on a claimed figure naming no place, and the source figure it was judged
    against, where the documents of several provinces give a source figure for it; None where the
    claim names a place or only one province's documents give a figure that fits it. ``decide``
    finds the source figure among some figures, ``judge`` gives the verdict against it."""
    found = [c for c in choices(frame, figs, decide, True, weights) if c.decision.chosen is not None]
    if len(found) < 2:
        return judge(found[0].decision, found[0].figs) if found else None
    if not differ(found):
        return judge(found[0].decision, found[0].figs)
    judged = [(c, *judge(c.decision, c.figs)) for c in found]
    verdicts = [(c, v) for c, v, _ in judged]
    entries = [PlaceFigure(place=place_out(p) if (p := _label(c)) else None, year=c.decision.chosen.year,
                           figure=v.found,
                           normalized=normalized(c.decision.chosen.figure), citation=v.citations[0],
                           confidence=v.confidence, verdict=v.verdict)
               for c, v in verdicts if v.found is not None and v.citations and c.decision.chosen is not None]
    where = ", ".join(f"{_name(_label(c), 'en')} {c.decision.chosen.figure.text}"
                      for c in found if c.decision.chosen is not None)
    support = next(((c, v, b) for c, v, b in judged if v.verdict == "supported"), None)
    if support is not None:
        c, v, b = support
        place = _name(_label(c), "en")
        return v.model_copy(update={
            "by_place": entries,
            "explanation": f"{place}: {v.explanation} The claim names no place; the documents give, by place: "
                           f"{where}."}), b
    return Verdict(claim=frame.text, lang=frame.lang, verdict="not_found",  # type: ignore[arg-type]
                   claimed=figure_out(claimed), found=None, citations=[], by_place=entries,
                   retrieved=verdicts[0][1].retrieved,
                   explanation=f"The claim names no place, and the documents of several provinces give different "
                               f"figures for it ({where}); the claimed {claimed.text} matches none. Name the place "
                               "to check it."), None
