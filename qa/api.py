"""The library API that the CLI, the app and the eval suite all call: load once, then ask/verify."""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Sequence
from typing import Any, Literal

from index.figures import Figure, units_compatible, values_match
from index.partners import claimed_joint_roles
from index.places import document_place, place_name
from index.problems import IndexProblem
from index.rate_ties import described_unit
from index.settings import Settings
from index.types import Chunk, CleanDoc
from qa.answer import answer_text, cite, figure_out, find_linked, normalized, not_found_text, other_way_note
from qa.article import check_article
from qa.audit_types import AuditReport
from qa.by_place import place_answer, read_places
from qa.calibration import Calibration, load_calibration
from qa.claim_check import check_parts
from qa.claim_rules import actions_to_clause_end, names_nothing
from qa.claim_units import loose_unit
from qa.decide import Decision, Thresholds, claim_source, decide_answer
from qa.frame import QueryError, QueryFrame, analyse, part_roles, stated_change, stated_level
from qa.heap import loading
from qa.intent import claimed_units
from qa.pipeline import NumericReranker, run
from qa.rank import RerankWeights, ScoredFigure
from qa.retrieve import FusionWeights, HybridRetriever, LoadedIndex
from qa.spelling import Speller, understood_words
from qa.spelling_zh import ZhSpeller
from qa.types import (
    Answer,
    ArticleCheck,
    ChatTurn,
    Check,
    Citation,
    DocumentRow,
    FigureRow,
    IndexStatus,
    Verdict,
)
from qa.verify import claimed_figure
from qa.where import figure_place, lead, place_out, provinces_with_figure, which_place
from qa.years import years_in


class QAError(Exception):
    """A problem the user can fix: bad input, or a missing/stale index. The message says how."""


class QA:
    def __init__(self, index: LoadedIndex, *, fusion: FusionWeights | None = None,
                 rerank: RerankWeights | None = None, verify_rerank: RerankWeights | None = None,
                 thresholds: Thresholds | None = None, use_reranker: bool = True, meaning_top: int = 10,
                 calibration: Calibration | None | Literal["fitted"] = "fitted") -> None:
        self.index = index
        self.retriever = HybridRetriever(index, weights=fusion)
        self.rerank_weights = rerank or RerankWeights()
        # A claim is checked against the figure for the claim's metric and year, chosen without
        # looking at the claimed number: letting the number vote picks a figure of another
        # metric that happens to match (1,265 arrests for a claim about prosecutions) and
        # "supports" a false claim. Measured on the eval claims: 7 false claims supported with
        # the value feature at its answer weight, 3 without; true claims 23 → 21 supported.
        self.verify_weights = verify_rerank or dataclasses.replace(self.rerank_weights, value=0.0)
        self.thresholds = thresholds or Thresholds()
        self.use_reranker = use_reranker
        # The fitted model that decides when a figure or verdict is sure enough (qa.calibration);
        # None: the hand-set bars of Thresholds.
        self.calibration = load_calibration() if calibration == "fitted" else calibration
        self.risk = index.settings.risk
        self.meaning_top = meaning_top
        # The documents' table and clean text come from the build (index.citable): nothing here
        # reads or cleans the corpus.
        self._metas = {doc: info.meta for doc, info in index.documents.items()}
        self._titles = {doc: (m.title_zh, m.title_en) for doc, m in self._metas.items()}

    @classmethod
    def load(cls, settings: Settings | None = None, **kw: object) -> QA:
        settings = settings or Settings.from_env()
        try:
            with loading():  # the collector off while loading, the loaded index frozen (qa.heap)
                return cls(LoadedIndex.load(settings), **kw)  # type: ignore[arg-type]
        except IndexProblem as e:
            raise QAError(str(e)) from e

    # --- shared steps ------------------------------------------------------------------------

    @functools.cached_property
    def speller(self) -> Speller:
        """Mends a question's English typos to the documents' words and those its tables understand
        (qa.spelling)."""
        return Speller.from_texts((c.text for c in self.index.chunks if c.lang == "en"), understood=understood_words)

    @functools.cached_property
    def zh_speller(self) -> ZhSpeller:
        """Mends a question's sound-alike Chinese typos to the documents' words (qa.spelling_zh)."""
        tokenizer = self.index.glossary.tokenizer
        return ZhSpeller(self.index.idf, tokenizer.knows, self.index.pinyin or None,
                         function_words=tokenizer.function_words, segments=tokenizer.zh)

    def _clean(self, doc_id: str) -> CleanDoc:
        return self.index.clean(doc_id)  # type: ignore[no-any-return]

    def _analyse(self, text: object, what: str) -> QueryFrame:
        """The question or claim analysed once, into the frame every later step reads."""
        try:
            return analyse(text, what, self.index.glossary, self.speller, self.zh_speller)
        except QueryError as e:
            raise QAError(str(e)) from e

    def candidates(self, frame: QueryFrame, weights: RerankWeights) -> tuple[list[tuple[str, float]],
                                                                             list[ScoredFigure]]:
        """The passages found for a frame and their figures ranked, by the two stages of qa.pipeline."""
        reranker = NumericReranker(index=self.index, weights=weights, rank=None if self.use_reranker else first_figures, meaning_top=self.meaning_top)
        return run(self.retriever, reranker, frame)

    def cite(self, chunk: Chunk, fig_index: int | None = None) -> Citation:
        """A citation of a chunk's figure (or its first sentence), as answers give them."""
        return self._cite(chunk, fig_index)

    def _cite(self, chunk: Chunk, fig_index: int | None = None) -> Citation:
        fig = chunk.figures[fig_index] if fig_index is not None else None
        linked = find_linked(chunk, self.index.chunks_in(chunk.doc_id), fig)
        return cite(chunk, self._clean, self._titles, fig, linked)

    # --- public API ---------------------------------------------------------------------------

    def ask(self, question: object) -> Answer:
        """The figure a question asks for; a comparison of two years, or each year's figure where
        the question names no year and the documents give several (qa.desk)."""
        from qa.desk import ask

        return ask(self, question)

    def chat(self, question: object, history: Sequence[str] = ()) -> ChatTurn:
        """A turn of a conversation, read in the light of the earlier turns (``history``, oldest
        first, as typed): a follow-up takes what it leaves out from them (qa.conversation)."""
        from qa.desk import chat

        return chat(self, question, history)

    def answer_frame(self, info: QueryFrame, t0: float | None = None,
                     found: tuple[list[tuple[str, float]], list[ScoredFigure]] | None = None, *,
                     by_place: bool = True) -> tuple[Answer, ScoredFigure | None, list[ScoredFigure]]:
        """The answer to one analysed question, the figure chosen (None: not found, or one figure a
        place where the question names none and provinces differ: qa.by_place, unless not
        ``by_place``) and the figures ranked; ``found``: the passages and ranked figures, where
        already made for it (qa.desk)."""
        t0 = time.perf_counter() if t0 is None else t0
        ranked, figs = found or self.candidates(info, self.rerank_weights)
        decision = decide_answer(figs, self.thresholds, self.calibration, self.risk)
        retrieved = [cid for cid, _ in ranked]
        if by_place:
            places = read_places(info, figs, decision,
                                 lambda fs: decide_answer(fs, self.thresholds, self.calibration, self.risk),
                                 self.rerank_weights)
            if places.listed:
                return place_answer(self, info, places.listed, retrieved, t0, places.held), None, figs
            decision = places.decision
        best = decision.chosen
        if best is None:
            related = [self._cite(self.index.by_id[cid]) for cid, _ in ranked[:3]]
            return Answer(question=info.text, lang=info.lang, status="not_found",  # type: ignore[arg-type]
                          answer=not_found_text(info.lang), figure=None, citations=[], related=related,
                          retrieved=retrieved, seconds=time.perf_counter() - t0, reason=decision.reason,
                          confidence=decision.confidence,
                          withheld=figure_out(decision.rival.figure) if decision.confidence is not None
                          and decision.rival is not None else None), None, figs
        citations = [self._cite(best.chunk, best.index)]
        # Further citations only where another passage states the same figure (the other
        # language's translation, a second document): corroboration, never a different number.
        for other in figs[1:]:
            if len(citations) >= 3:
                break
            if other.chunk.id not in {c.chunk_id for c in citations} and other.score >= self.thresholds.answer \
                    and values_match(best.figure, other.figure) and units_compatible(best.figure.unit,
                                                                                     other.figure.unit):
                citations.append(self._cite(other.chunk, other.index))
        place = figure_place(best)
        ambiguous = provinces_with_figure(info, figs, best)
        return Answer(
            question=info.text,
            lang=info.lang,  # type: ignore[arg-type]
            status="answered",
            answer=lead(place, info.lang) + answer_text(best, info.lang, citations[0]) + which_place(ambiguous, info.lang)
            + other_way_note(best, info.text, info.lang),
            place=place_out(place) if place else None,
            ambiguous_places=[place_out(p) for p in ambiguous],
            figure=figure_out(best.figure, info.lang),
            normalized=normalized(best.figure),
            cross_language=best.chunk.lang != info.lang,
            citations=citations,
            retrieved=[best.chunk.id] + [c for c in retrieved if c != best.chunk.id],
            seconds=time.perf_counter() - t0,
            confidence=decision.confidence,
            reason=decision.reason,
        ), best, figs

    def verify(self, claim: object) -> Verdict:
        """Check every figure a claim states; the verdict is the worst of theirs: one
        contradicted figure contradicts the claim, and it is supported only when all are."""
        t0 = time.perf_counter()
        return self.verify_frame(self._analyse(claim, "claim"), t0)

    def verify_frame(self, info: QueryFrame, t0: float | None = None) -> Verdict:
        """``verify`` on a claim already analysed (an article's sentence, with the year or agency
        it left out read from an earlier one: qa.article)."""
        t0 = time.perf_counter() if t0 is None else t0
        main = claimed_figure(info.figures)
        unjudged = (_no_figure(info.lang) if main is None
                    else _says_nothing(info.lang) if names_nothing(info, self.index.glossary.tokenizer.nouns)
                    else None)
        if main is None or unjudged is not None:
            ranked = self.retriever.rank(info)
            return Verdict(claim=info.text, lang=info.lang, verdict="not_found",  # type: ignore[arg-type]
                           claimed=figure_out(main) if main else None, found=None, explanation=unjudged or "",
                           citations=[], retrieved=[cid for cid, _ in ranked], seconds=time.perf_counter() - t0)
        stated = [main] + [f for f in info.figures if f is not main and f.kind in ("quantity", "percent", "rank")]
        checks = check_parts(self, info, stated)
        if info.context and any(c.verdict == "contradicted" for c in checks):
            checks = self._with_background(info, checks)
        decisive = next((c for c in checks if c.verdict == "contradicted"), None) \
            or next((c for c in checks if c.verdict == "not_found"), None) or checks[0]
        explanation = decisive.explanation
        if len(checks) > 1:
            others = [c for c in checks if c is not decisive]
            explanation += " Also checked: " + "; ".join(
                f"{(c.claimed.stated or c.claimed.text) if c.claimed else '?'} {c.verdict.replace('_', ' ')}" for c in others) + "."
        parts = [Check(claimed=c.claimed, found=c.found, verdict=c.verdict, explanation=c.explanation,
                       citations=c.citations, confidence=c.confidence) for c in checks]
        return decisive.model_copy(update={"explanation": explanation, "seconds": time.perf_counter() - t0,
                                           "checks": parts})

    def _with_background(self, info: QueryFrame, checks: list[Verdict]) -> list[Verdict]:
        """A claim found false on its own sentence, read again with its background as part of it:
        "… ran joint operations with Hong Kong and Macao customs in 2023. During those operations
        2,825 batches … were seized" is about the joint operations' 2,825 batches, not the year's
        15,766, though its own sentence's words point there. Where that reading, which knows more,
        finds no figure contradicted, it stands (supported, or not sure enough to call it false);
        where it contradicts one too, the claim's own reading does."""
        try:
            whole = analyse(f"{info.context} {info.text}", "claim", self.index.glossary, self.speller,
                            self.zh_speller, whole=True)
        except QueryError:
            return checks
        figures = [f for f in whole.figures if f.kind in ("quantity", "percent", "rank")]
        if len(figures) != len(checks):
            return checks
        if own := years_in(info.text):
            # The years its own sentence names are the claim's, and its time frame: the background's
            # "published in May 2024" adds no year to "…seized 14,420 batches … in 2023", nor makes it a stock.
            whole = whole.model_copy(update={"years": own, "period": info.period, "at_date": info.at_date})
        again = check_parts(self, whole, figures)
        if not any(c.verdict == "contradicted" for c in again):
            return [c.model_copy(update={"claim": info.text}) for c in again]
        return checks

    def check_article(self, text: object) -> ArticleCheck:
        """Every sentence of an article that states a figure, checked (qa.article)."""
        try:
            return check_article(text, self.index.glossary, self.verify_frame, self.index.idf)
        except QueryError as e:
            raise QAError(str(e)) from e

    @staticmethod
    def claim_query(info: QueryFrame, claimed: Figure, alone: bool) -> QueryFrame:
        """The claim as a query for one of its figures: that figure, in its unit."""
        rate_unit = described_unit(info.read_text, info.figures, claimed)
        if not alone:
            units = claimed_units(claimed, info.read_text)
            return info.model_copy(update={"figures": [claimed], "units": sorted(units) if units else None,
                                           "unit_guessed": loose_unit([claimed], units),
                                           "stated_level": stated_level(info.read_text, info.figures, claimed),
                                           "change": stated_change(info.read_text, info.figures, claimed),
                                           "rate_unit": rate_unit, **part_roles(info, claimed),
                                           **claimed_joint_roles(info.read_text, info.figures, claimed, info.joint,
                                                                 info.named_places, info.places)})
        info = info.model_copy(update={"actions": actions_to_clause_end(info, claimed)})
        if claimed.unit and claimed.unit not in (info.units or [claimed.unit]):
            # The claimed figure's own unit says what it counts: "punitive damages were applied in
            # 62 cases" counts cases, though "damages" alone would ask for money.
            return info.model_copy(update={"units": [claimed.unit], "rate_unit": rate_unit})
        # "起诉人数增长61.73%": a lone rate says whose change it is by the count its words name
        return info.model_copy(update={"rate_unit": rate_unit}) if rate_unit else info

    def claim_source(self, claimed: Figure, figs: list[ScoredFigure], alone: bool) -> Decision:
        """The source figure a claimed figure is judged against (see qa.decide.claim_source)."""
        return claim_source(claimed, figs, alone, self.thresholds, loose=self.calibration is not None)

    def _source_name(self, chunk: Chunk) -> str:
        """How an explanation names a document: its title in the chunk's language."""
        title_zh, title_en = self._titles.get(chunk.doc_id, ("", ""))
        title = title_zh if chunk.lang == "zh" else title_en
        return f"“{title}”" if title else chunk.source

    def figures(self) -> list[FigureRow]:
        """Every figure of the corpus, from the records the index holds (nothing re-parsed)."""
        rows = []
        for r in self.index.records:
            if r.kind not in ("quantity", "percent", "rank"):
                continue
            title_zh, title_en = self._titles.get(r.doc_id, ("", ""))
            rows.append(FigureRow(value=r.value, unit=r.unit, text=r.text, metric=r.metric, year=r.year, lang=r.lang,
                                  doc_id=r.doc_id, title=title_zh if r.lang == "zh" else title_en, source=r.source,
                                  section=" / ".join(r.section), quote=r.quote, period=r.period, plan=r.plan,
                                  places=sorted(place_name(p, "zh") for p in r.places), agency=r.agency, action=r.action,
                                  raw_start=r.raw_start, raw_end=r.raw_end))
        return rows

    def audit(self) -> AuditReport:
        """Where the documents disagree with themselves or each other (qa.audit), from the records."""
        from qa.audit import audit

        return audit(self.index.chunks, self.index.records, self._titles, self.index.manifest.build_id)

    def documents(self) -> list[DocumentRow]:
        """The build's documents (its own table, index.citable), newest year first, with their chunk counts."""
        counts: dict[str, int] = {}
        for c in self.index.chunks:
            counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
        rows = [DocumentRow(id=d, file=m.file, title_zh=m.title_zh, title_en=m.title_en, year=m.year, kind=m.kind,
                            place=document_place(m), languages=list(m.languages), chunks=counts.get(d, 0))
                for d, m in self._metas.items()]
        return sorted(rows, key=lambda r: (-r.year, r.id))

    def status(self) -> IndexStatus:
        m = self.index.manifest
        per_doc: dict[str, int] = {}
        for c in self.index.chunks:
            per_doc[c.doc_id] = per_doc.get(c.doc_id, 0) + 1
        docs: list[dict[str, str | int]] = [{"id": d, "title": self._titles.get(d, ("", ""))[0], "year": self._metas[d].year,
                 "kind": self._metas[d].kind, "chunks": n} for d, n in per_doc.items() if d in self._metas]
        return IndexStatus(documents=docs, chunks=m.chunk_counts, model=f"{m.model_id} ({m.model_hash[:12]})",
                           built_at=m.built_at, build_id=m.build_id)


def _no_figure(lang: str) -> str:
    if lang == "zh":
        return "这句话里没有可核对的数字。"
    return "The claim states no figure to check."


def _says_nothing(lang: str) -> str:
    if lang == "zh":
        return "这句话没有说明数字统计的是什么，无法核对。"
    return "The claim does not say what its figure counts."


def first_figures(frame: QueryFrame, cands: list[tuple[Chunk, float]], records_of: Any, *_: Any) -> list[ScoredFigure]:
    """Ablation: the first figure of the best retrieved chunk, as a plain pipeline would."""
    figs = []
    for chunk, s in cands:
        for rec in records_of(chunk.id):
            if rec.kind in ("quantity", "percent"):
                figs.append(ScoredFigure(chunk, rec, 10.0 + s, {"retrieval": s}))
                break
    return figs
