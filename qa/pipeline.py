"""The question's path: the hybrid retriever (a ``BaseRetriever``) finds passages, the numeric
reranker (a ``BaseNodePostprocessor``) scores every figure record of them and orders the passages
by their best figure. ``ask`` and ``verify`` run exactly this. The two stages have llama-index's
interfaces (qa.stages) without importing it; qa.llama wraps them for a llama-index pipeline.

The frame travels in the query bundle (``FrameBundle``), so neither stage analyses the text
again, and the reranker leaves its figure ranking in the bundle for the decision. Measured
(`make bench`): the two llama-index calls add about 0.3 ms a question over calling the scoring
functions directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from index.records import FigureRecord
from qa.frame import QueryFrame
from qa.rank import RerankWeights, ScoredFigure, rank_figures
from qa.retrieve import HybridRetriever, LoadedIndex
from qa.stages import BaseNodePostprocessor, NodeWithScore, QueryBundle
from qa.terms import QuestionIdf


@dataclass
class FrameBundle(QueryBundle):
    """A llama-index query bundle that carries the question's frame, and the figures ranked."""

    frame: QueryFrame | None = None
    ranked: list[ScoredFigure] = field(default_factory=list)
    documents: frozenset[str] | None = None  # the documents the search looked in (None: all)


@dataclass
class NumericReranker(BaseNodePostprocessor):
    """Scores every figure record of the retrieved chunks (qa.rank) and orders the chunks by
    their best figure; the figures, best first, are left in the bundle's ``ranked``."""

    index: Any  # LoadedIndex
    weights: RerankWeights = field(default_factory=RerankWeights)
    meaning_top: int = 10  # see MEANING_TOP; 0: no candidates by meaning
    # Ablation: rank figures some other way (e.g. the first figure of each chunk).
    rank: Callable[..., list[ScoredFigure]] | None = None

    def _postprocess_nodes(self, nodes: list[NodeWithScore],
                           query_bundle: QueryBundle | None = None) -> list[NodeWithScore]:
        frame = getattr(query_bundle, "frame", None)
        if frame is None:
            return nodes
        idx: LoadedIndex = self.index
        cands = [(idx.by_id[n.node.node_id], n.score or 0.0) for n in nodes]
        meaning_of = None
        if idx.meanings is not None and query_bundle is not None and query_bundle.embedding is not None:
            meaning_of, nearest = meanings(idx, query_bundle.embedding, self.meaning_top,
                                           getattr(query_bundle, "documents", None))
            # The figures nearest in meaning are candidates even where no passage search found
            # their sentence (a paraphrase shares no word with it).
            held = {c.id for c, _ in cands}
            for chunk_id in nearest:
                if chunk_id not in held:
                    cands.append((idx.by_id[chunk_id], 0.0))
                    held.add(chunk_id)
        if self.rank is not None:
            ranked = self.rank(frame, cands, idx.records_of)
        else:
            # The IDF memoised for this question (qa.terms.QuestionIdf): looked up once a word.
            ranked = rank_figures(frame, cands, idx.records_of, QuestionIdf(idx.idf_of), self.weights,
                                  QuestionIdf(idx.corpus_idf_of), meaning_of)
        if isinstance(query_bundle, FrameBundle):
            query_bundle.ranked = ranked
        best: dict[str, float] = {}
        for sf in ranked:
            best.setdefault(sf.chunk.id, sf.score)
        by_id = {n.node.node_id: n for n in nodes}
        ordered = [NodeWithScore(node=by_id[cid].node, score=s) for cid, s in best.items() if cid in by_id]
        return ordered + [n for n in nodes if n.node.node_id not in best]


# How many of the figures nearest in meaning join the candidates, and how far (in cosine) below
# the nearest one a figure's meaning still counts (see meanings).
MEANING_TOP = 10
MEANING_SPAN = 0.06


def meanings(idx: LoadedIndex, embedding: Sequence[float], top_n: int = MEANING_TOP,
             documents: frozenset[str] | None = None) -> tuple[Callable[[FigureRecord], float], list[str]]:
    """How near each record is in meaning to the question, 0..1 (1 for the nearest, 0 at
    MEANING_SPAN below it), and the chunk ids of the MEANING_TOP nearest records; ``documents``:
    the only documents whose records count (None: all)."""
    q = np.asarray(embedding, dtype=np.float32)
    q /= np.linalg.norm(q) or 1.0
    if documents is None:
        sims = idx.meanings @ q
        top = np.argsort(-sims)[:top_n] if top_n else np.zeros(0, dtype=np.int64)
    else:
        # Only the documents' own rows are read and sorted (a province's 800 of 16,000 at 20x):
        # the others are -2, below any cosine, as before.
        own = np.flatnonzero(idx.record_in(documents))
        sims = np.full(len(idx.meanings), -2.0, dtype=np.float32)
        sims[own] = idx.meanings[own] @ q
        top = own[np.argsort(-sims[own])[:top_n]] if top_n else np.zeros(0, dtype=np.int64)
    best = float(sims.max()) if len(sims) else 0.0
    top = top[sims[top] > -2.0]
    rows = idx.record_row

    def meaning_of(rec: FigureRecord) -> float:
        return max(0.0, 1.0 - (best - float(sims[rows[rec.id]])) / MEANING_SPAN)

    return meaning_of, [idx.figures.chunk_id_at(int(i)) for i in top]


def run(retriever: HybridRetriever, reranker: NumericReranker, frame: QueryFrame
        ) -> tuple[list[tuple[str, float]], list[ScoredFigure]]:
    """Retrieve and rerank one frame: (chunk id, fused score) best first, and the figures ranked."""
    bundle = FrameBundle(query_str=frame.text, frame=frame)
    nodes = retriever.retrieve(bundle)
    reranker.postprocess_nodes(nodes, bundle)
    return [(n.node.node_id, n.score or 0.0) for n in nodes], bundle.ranked
