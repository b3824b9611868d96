"""Synthetic chunks and figure records for fast tests of ranking and the decision: no model,
no index, no Chroma. Sentences are written like the corpus's."""

from __future__ import annotations

from functools import cache

from index.attach import attach_figures
from index.glossary import Glossary
from index.records import FigureRecord, figure_records
from index.types import Chunk
from qa.frame import QueryFrame, analyse
from qa.rank import RerankWeights, ScoredFigure, rank_figures


@cache
def glossary() -> Glossary:
    return Glossary.load()


def chunk(text: str, *, cid: str, lang: str = "zh", year: int = 2024, section: tuple[str, ...] = ("概况",),
          doc: str = "doc", place: str | None = None) -> Chunk:
    c = Chunk(id=cid, doc_id=doc, source=f"{doc}.txt", lang=lang, year=year, place=place, section=list(section),
              paragraph=1,
              text=text, search_text=text, start=0, end=len(text), raw_start=0, raw_end=len(text))
    return attach_figures([c])[0]


class Corpus:
    """A few chunks, their records, and the ranking of their figures for a question."""

    def __init__(self, *chunks: Chunk) -> None:
        self.chunks = list(chunks)
        self.records = figure_records(self.chunks, glossary().tokenizer)
        self.by_chunk: dict[str, list[FigureRecord]] = {}
        for r in self.records:
            self.by_chunk.setdefault(r.chunk_id, []).append(r)

    def frame(self, text: str, what: str = "question") -> QueryFrame:
        return analyse(text, what, glossary())

    def rank(self, frame: QueryFrame, weights: RerankWeights | None = None) -> list[ScoredFigure]:
        # Every chunk retrieved alike, so the figures' own features decide; a flat IDF.
        cands = [(c, 1.0) for c in self.chunks]
        return rank_figures(frame, cands, lambda cid: self.by_chunk.get(cid, []), lambda t: 1.0, weights)
