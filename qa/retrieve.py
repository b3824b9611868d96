"""Hybrid retrieval: dense (Chroma, per language) + BM25 (jieba + English stems + figures), fused.

Measured on this corpus (see README): the model prefers chunks in the question's own language,
so dense retrieval runs once per language and the lists are merged; BM25 gets the question's
terms in both languages through the glossary, and figures as normalised value tokens
(47,800 and 4.78万 are both ``#47800``), so an English question meets a Chinese-only figure.
The lists are fused by weighted reciprocal rank, with weights set by measurement.
"""

from __future__ import annotations

import logging
import math
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from rank_bm25 import BM25Okapi

from index.build import check_manifest, open_store, read_chunks, read_manifest
from index.glossary import Glossary
from index.keywords import load_derived, raw_spans, value_token
from index.meaning import read_vectors
from index.records import FigureRecord
from index.settings import Settings
from index.text import Tokenizer
from index.types import Chunk, Manifest
from qa.frame import QueryFrame

RRF_K = 20

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FusionWeights:
    dense_same: float = 1.0  # dense list in the question's language
    dense_other: float = 1.0  # dense list in the other language
    bm25_same: float = 1.0
    bm25_other: float = 1.0


@dataclass
class LoadedIndex:
    """Everything query time needs, loaded once: chunks, BM25, glossary, the vector store."""

    settings: Settings
    manifest: Manifest
    chunks: list[Chunk]
    by_id: dict[str, Chunk]
    glossary: Glossary
    bm25: dict[str, tuple[BM25Okapi, list[int]]]  # per language: the index and its chunk positions
    idf: dict[str, float]
    store: Any
    tokenizer: Tokenizer
    records: list[FigureRecord]
    records_by_chunk: dict[str, list[FigureRecord]]
    # Unit vectors of the records' descriptions, one row a record (index.meaning), or None for an
    # index built without them; ``record_row``: record id → row.
    meanings: Any
    record_row: dict[str, int]
    _embedder: Any = field(default=None, repr=False)

    @classmethod
    def load(cls, settings: Settings) -> LoadedIndex:
        manifest = check_manifest(settings, read_manifest(settings))
        # Load the model on a second thread while this one builds BM25 and the glossary: the
        # two take about as long, and the machine has two cores (cold start ≈ max, not sum).
        from index.build import load_embedder

        embedder = load_embedder(settings)
        warm = threading.Thread(target=embedder.embed_queries, args=(["warm up"],), daemon=True)
        warm.start()
        # Importing chromadb reads some 400 modules from disk (about 2 s on a cold cache): that
        # waiting overlaps with the tokenizing below when it happens on a thread of its own.
        opener = ThreadPoolExecutor(max_workers=1)
        store_future = opener.submit(open_store, settings)
        chunks_path = settings.index_dir / manifest.chunks_file
        chunks = read_chunks(chunks_path)
        # The tokenized corpus and the figure records are built by `qa index` beside the chunks
        # (see index.keywords): tokenizing it all again on every start took about 2 s.
        lexicon, records = load_derived(chunks_path, chunks, raw_spans(settings.corpus_dir))
        # This index's own tokenizer, taught the words it was built with (jieba's global
        # dictionary is never touched).
        tokenizer = Tokenizer(lexicon.domain_words)
        glossary = Glossary.with_mined(lexicon.mined_pairs, tokenizer)
        corpus_tokens = lexicon.corpus_tokens
        glossary.set_senses(lexicon.word_senses)
        bm25 = {}
        for lang in ("zh", "en"):
            positions = [i for i, c in enumerate(chunks) if c.lang == lang]
            if positions:
                bm25[lang] = (BM25Okapi([corpus_tokens[i] for i in positions], k1=1.2, b=0.5), positions)
        n = len(chunks)
        df: dict[str, int] = {}
        for toks in corpus_tokens:
            for t in set(toks):
                df[t] = df.get(t, 0) + 1
        idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        store = store_future.result()
        opener.shutdown()
        warm.join()
        by_chunk: dict[str, list[FigureRecord]] = {}
        for r in records:
            by_chunk.setdefault(r.chunk_id, []).append(r)
        found = read_vectors(chunks_path.parent, len(records))
        if found is None:
            log.warning("no figure meanings in %s (run `qa index`); figures are matched by words only",
                        chunks_path.parent)
        return cls(settings, manifest, chunks, {c.id: c for c in chunks}, glossary, bm25, idf, store, tokenizer,
                   records, by_chunk, found[0] if found is not None else None,
                   {r.id: i for i, r in enumerate(records)}, embedder)

    def records_of(self, chunk_id: str) -> list[FigureRecord]:
        """The figure records of a chunk, in the chunk's order."""
        return self.records_by_chunk.get(chunk_id, [])

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from index.build import load_embedder

            self._embedder = load_embedder(self.settings)
        return self._embedder

    def idf_of(self, token: str) -> float:
        return self.idf.get(token, math.log(1 + len(self.chunks)))

    def corpus_idf_of(self, token: str) -> float:
        """As idf_of, but 0 for a word the corpus never uses: no passage can cover it."""
        return self.idf.get(token, 0.0)


def query_tokens(frame: QueryFrame, lang: str) -> list[str]:
    """The frame's search words for chunks in ``lang``, plus the figures it states as value tokens."""
    return frame.search_words.get(lang, []) + [value_token(f.value) for f in frame.figures]


class HybridRetriever(BaseRetriever):
    """Dense per language + BM25, fused by weighted reciprocal rank."""

    def __init__(self, index: LoadedIndex, *, depth: int = 30, weights: FusionWeights | None = None) -> None:
        super().__init__()
        self.index = index
        self.depth = depth
        self.weights = weights or FusionWeights()

    def rank(self, frame: QueryFrame, vector: Any = None) -> list[tuple[str, float]]:
        """(chunk id, fused score), best first; ``vector``: the question's, if already embedded."""
        idx = self.index
        lists: list[tuple[float, list[str]]] = []
        if vector is None:
            vector = idx.embedder.embed_queries([frame.text])[0]
        for lang in ("zh", "en"):
            hits = idx.store.query(idx.manifest.collection, vector, self.depth, where={"lang": lang})
            w = self.weights.dense_same if lang == frame.lang else self.weights.dense_other
            lists.append((w, [cid for cid, _ in hits]))
        for lang, (bm25, positions) in idx.bm25.items():
            scores = bm25.get_scores(query_tokens(frame, lang))
            order = sorted(range(len(scores)), key=lambda i: -scores[i])[: self.depth]
            w = self.weights.bm25_same if lang == frame.lang else self.weights.bm25_other
            lists.append((w, [idx.chunks[positions[i]].id for i in order if scores[i] > 0]))
        fused: dict[str, float] = {}
        for w, ids in lists:
            for rank, cid in enumerate(ids):
                fused[cid] = fused.get(cid, 0.0) + w / (RRF_K + rank + 1)
        return sorted(fused.items(), key=lambda kv: -kv[1])

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        frame = getattr(query_bundle, "frame", None)
        if frame is None:
            from qa.frame import analyse

            frame = analyse(query_bundle.query_str, glossary=self.index.glossary)
        # The question's vector stays in the bundle: the reranker reads the figures' meanings with it.
        vector = self.index.embedder.embed_queries([frame.text])[0]
        query_bundle.embedding = list(vector)
        return [to_node(self.index.by_id[cid], score) for cid, score in self.rank(frame, vector)]


def to_node(chunk: Chunk, score: float) -> NodeWithScore:
    node = TextNode(id_=chunk.id, text=chunk.text, metadata={"doc_id": chunk.doc_id, "lang": chunk.lang,
                                                               "year": chunk.year})
    return NodeWithScore(node=node, score=score)
