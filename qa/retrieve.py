"""Hybrid retrieval: dense (Chroma, per language) + BM25 (jieba + English stems + figures), fused.

Both lists come from indexes ``qa index`` built (the vectors in Chroma, the keyword index in
``keywords/``, memory-mapped): loading reads files and tokenizes nothing. Metadata filters
(index.filters: year, place, document, language) go into each search — a ``where`` clause for
Chroma, a weight mask for BM25 — rather than thinning the lists afterwards.

Measured on this corpus (see README): the model prefers chunks in the question's own language,
so dense retrieval runs once per language and the lists are merged; BM25 gets the question's
terms in both languages through the glossary, and figures as normalised value tokens
(47,800 and 4.78万 are both ``#47800``), so an English question meets a Chinese-only figure.
The lists are fused by weighted reciprocal rank, with weights set by measurement.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from index.build import check_manifest, open_store, read_manifest
from index.check import checked_chunks
from index.citable import CleanDocs, DocumentInfo, read_documents
from index.figures import Figure, values_match
from index.filters import ChunkTable, SearchFilter, allows_nothing, chroma_where, documents_for_places
from index.glossary import Glossary
from index.jieba_dict import JIEBA_DICT_FILE, JiebaDict
from index.keyword_index import KeywordIndex
from index.keywords import load_for_query, value_token
from index.meaning import read_vectors
from index.record_table import RecordTable
from index.records import FigureRecord
from index.settings import Settings
from index.text import Tokenizer
from index.types import Chunk, Manifest
from qa.frame import QueryFrame
from qa.stages import BaseRetriever, NodeWithScore, QueryBundle, TextNode

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
    """Everything query time needs, loaded once: chunks, the keyword index, glossary, the vector
    store, the documents' table and (on first citation) their clean text."""

    settings: Settings
    manifest: Manifest
    chunks: list[Chunk]
    by_id: dict[str, Chunk]
    glossary: Glossary
    keywords: KeywordIndex
    store: Any
    tokenizer: Tokenizer
    # The figure records, each chunk's parsed when first read (index.record_table).
    figures: RecordTable
    # Unit vectors of the records' descriptions, one row a record (index.meaning), or None for an
    # index built without them.
    meanings: Any
    documents: dict[str, DocumentInfo] = field(default_factory=dict)
    clean: Any = None  # doc id → CleanDoc (index.citable.CleanDocs)
    table: ChunkTable | None = None
    pinyin: dict[str, frozenset[str]] = field(default_factory=dict)  # for the Chinese speller (index.pinyin)
    _embedder: Any = field(default=None, repr=False)
    _figure_places: dict[str, frozenset[frozenset[str]]] | None = field(default=None, repr=False)
    _document_place: dict[str, str | None] = field(default_factory=dict, repr=False)
    # What questions ask again and again of this index, kept for as long as it is loaded (a
    # rebuilt index is a new LoadedIndex: nothing carries over). Bounded: see _remember.
    _places_docs: dict[frozenset[str], frozenset[str] | None] = field(default_factory=dict, repr=False)
    _docs_mask: dict[frozenset[str], Any] = field(default_factory=dict, repr=False)
    _doc_chunks: dict[str, list[Chunk]] | None = field(default=None, repr=False)
    _by_value: tuple[list[float], list[Figure]] | None = field(default=None, repr=False)
    _allowed: dict[tuple[SearchFilter, frozenset[str] | None, str | None], tuple[str, ...]] = field(
        default_factory=dict, repr=False)

    @classmethod
    def load(cls, settings: Settings) -> LoadedIndex:
        manifest = check_manifest(settings, read_manifest(settings))
        # Load the model on a second thread while this one builds BM25 and the glossary: the
        # two take about as long, and the machine has two cores (cold start ≈ max, not sum).
        from index.query_embed import query_embedder

        chunks_path = settings.index_dir / manifest.chunks_file
        embedder = query_embedder(settings, chunks_path.parent)  # no fastembed: index.query_embed
        # Importing chromadb reads some 400 modules from disk (about 2 s on a cold cache): that
        # waiting overlaps with the tokenizing below when it happens on a thread of its own.
        opener = ThreadPoolExecutor(max_workers=2)
        # A missing or stale query tokenizer is an IndexDamaged, raised here by result() below.
        warm = opener.submit(embedder.embed_queries, ["warm up"])
        store_future = opener.submit(open_store, settings)
        chunks = checked_chunks(settings, manifest)  # a damaged line is an IndexDamaged naming it
        # Built by `qa index` beside the chunks (index.keywords); a missing or stale part is an
        # IndexDamaged naming the fix, never rebuilt inside a question.
        lexicon, figures, keywords = load_for_query(chunks_path)
        documents = read_documents(chunks_path.parent)
        # This index's own tokenizer, taught the words it was built with (jieba's global
        # dictionary is never touched).
        # jieba's dictionary is looked up in the file `qa index` stored, not loaded whole.
        tokenizer = Tokenizer(lexicon.domain_words, JiebaDict(chunks_path.parent / JIEBA_DICT_FILE))
        glossary = Glossary.with_mined(lexicon.mined_pairs, tokenizer)
        glossary.set_senses(lexicon.word_senses)
        glossary.short_forms = lexicon.short_forms
        store = store_future.result()
        warm.result()
        opener.shutdown()
        found = read_vectors(chunks_path.parent, len(figures))
        if found is None:
            log.warning("no figure meanings in %s (run `qa index`); figures are matched by words only",
                        chunks_path.parent)
        return cls(settings, manifest, chunks, {c.id: c for c in chunks}, glossary, keywords, store, tokenizer,
                   figures, found[0] if found is not None else None, documents, CleanDocs(chunks_path.parent),
                   ChunkTable([c.year for c in chunks], [c.doc_id for c in chunks], [c.lang for c in chunks]),
                   lexicon.pinyin, embedder)

    def records_of(self, chunk_id: str) -> list[FigureRecord]:
        """The figure records of a chunk, in the chunk's order."""
        return self.figures.of_chunk(chunk_id)

    @property
    def records(self) -> list[FigureRecord]:
        """Every figure record, in order (all parsed: the Figures tab, the audit)."""
        return self.figures.all()

    @property
    def record_row(self) -> Mapping[str, int]:
        """Record id → its row (of ``meanings``)."""
        return self.figures.rows

    def record_at(self, row: int) -> FigureRecord:
        return self.figures.at(row)

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from index.build import load_embedder

            self._embedder = load_embedder(self.settings)
        return self._embedder

    @property
    def idf(self) -> dict[str, float]:
        return self.keywords.idf

    def idf_of(self, token: str) -> float:
        return self.keywords.idf_of(token)

    def corpus_idf_of(self, token: str) -> float:
        """As idf_of, but 0 for a word the corpus never uses: no passage can cover it."""
        return self.keywords.idf.get(token, 0.0)

    def documents_for(self, places: frozenset[str]) -> frozenset[str] | None:
        """The documents that can answer a question about ``places`` (index.filters.
        documents_for_places), or None when all can: the searches look only among these, so at
        20 provinces' papers a Guangdong question's candidates are not crowded out by copies."""
        if not places:
            return None
        if places in self._places_docs:
            return self._places_docs[places]
        if self._figure_places is None:
            self._figure_places = self.figures.doc_places
            self._document_place = {c.doc_id: c.place for c in self.chunks}
        return _remember(self._places_docs, places,
                         documents_for_places(places, self._figure_places, self._document_place))

    def record_in(self, documents: frozenset[str]) -> Any:
        """A boolean array, one entry a record (rows of ``meanings``): is it from ``documents``?
        (Read-only: it is kept for the next question that looks in the same documents.)"""
        held = self._docs_mask.get(documents)
        if held is not None:
            return held
        mask = np.isin(self.figures.row_docs(), sorted(documents))
        mask.flags.writeable = False
        return _remember(self._docs_mask, documents, mask)

    def chunk_ids_allowed(self, f: SearchFilter, documents: frozenset[str] | None, lang: str | None
                          ) -> tuple[str, ...] | None:
        """The ids of the chunks in ``lang`` (None: either) that ``f`` allows, in the chunks' order;
        ``documents``: f.documents(...). None when the index has no chunk table. Kept for the next
        question that searches with the same filter (a handful of places and two languages)."""
        if self.table is None:
            return None
        key = (f, documents, lang)
        held = self._allowed.get(key)
        if held is None:
            mask = self.table.mask(f, documents)
            keep = np.ones(len(self.chunks), dtype=bool) if mask is None else mask > 0
            if lang is not None:
                keep &= self.table.langs == lang
            held = _remember(self._allowed, key, tuple(self.chunks[i].id for i in np.flatnonzero(keep)))
        return held

    def chunks_in(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document, in the chunks' order."""
        if self._doc_chunks is None:
            by_doc: dict[str, list[Chunk]] = {}
            for c in self.chunks:
                by_doc.setdefault(c.doc_id, []).append(c)
            self._doc_chunks = by_doc
        return self._doc_chunks.get(doc_id, [])

    def states_value(self, claimed: Figure) -> bool:
        """Whether any figure of the corpus bears out the claimed one by value and unit alone
        (index.figures.values_match), whatever it counts. A bound or rounded claim is borne out only
        within twice or half its value, so only those are tried."""
        if self._by_value is None:
            figs = sorted((self.by_id[r.chunk_id].figures[r.index] for r in self.records
                           if r.kind in ("quantity", "percent", "rank")), key=lambda f: f.value)
            self._by_value = ([f.value for f in figs], figs)
        values, figs = self._by_value
        low, high = sorted((claimed.value * 0.45, claimed.value * 2.2))
        return any(values_match(claimed, f) for f in figs[bisect_left(values, low):bisect_right(values, high)])

    def doc_places(self, doc_id: str) -> frozenset[str]:
        info = self.documents.get(doc_id)
        return info.places if info is not None else frozenset()


# Distinct place sets or document sets a process keeps answers for; past it, they are forgotten
# and made again (a question asks a handful: 广东, 深圳, 广州 …).
MEMO_SIZE = 256


def _remember(memo: dict[Any, Any], key: Any, value: Any) -> Any:
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value


def query_tokens(frame: QueryFrame, lang: str) -> list[str]:
    """The frame's search words for chunks in ``lang``, plus the figures it states as value tokens."""
    return frame.search_words.get(lang, []) + [value_token(f.value) for f in frame.figures]


# The most chunks a filtered search may allow and still be one query for both languages. Chroma's
# cost lies in its filter, not in the distances: at 20x, two per-language queries among a
# province's 315 chunks took 18 ms CPU, one query returning all 315 (split by language here) 10.
ONE_QUERY_MAX = 1000


def dense_lists(idx: LoadedIndex, vector: Any, depth: int, f: SearchFilter, documents: frozenset[str] | None,
                mask: np.ndarray | None) -> dict[str, list[str]]:
    """Each language's ``depth`` nearest chunks among those the filter allows, nearest first.
    Where the filter allows only a few documents' chunks, one query returns every one of them in
    order of distance, and each language's list is its first ``depth``: the lists two queries of
    one language each return, for the cost of one."""
    langs = [lang for lang in ("zh", "en") if not allows_nothing(f, lang, documents)]
    allowed = int(np.count_nonzero(mask)) if mask is not None else len(idx.chunks)
    if documents is not None and len(langs) == 2 and 0 < allowed <= ONE_QUERY_MAX:
        out: dict[str, list[str]] = {lang: [] for lang in langs}
        for cid, _ in _search_all(idx, vector, allowed, f, documents):
            ids = out.get(idx.by_id[cid].lang)
            if ids is not None and len(ids) < depth:
                ids.append(cid)
        return out
    return {lang: [cid for cid, _ in idx.store.query(idx.manifest.collection, vector, depth,
                                                     where=chroma_where(f, lang, documents))] for lang in langs}


def _search_all(idx: LoadedIndex, vector: Any, allowed: int, f: SearchFilter,
                documents: frozenset[str] | None) -> list[tuple[str, float]]:
    """Every chunk ``f`` allows, nearest first. The filter goes into Chroma's query as the allowed
    chunks' ids, which the chunk table gives, rather than as a ``where`` clause: the same search
    (bench/chroma_filter.py: the same ids and distances for every dev question at 20x), without
    Chroma reading each chunk's metadata to find them (at 20x, a province's 315 chunks: CPU 11 ->
    8 ms). Only here, where all allowed chunks are returned: a top-k search among a few thousand
    (a language's, k=30) gave, with ids, the same lists in one process but in some processes missed
    a chunk the where clause found (HNSW is approximate), so it keeps the where clause."""
    ids = idx.chunk_ids_allowed(f, documents, None) if getattr(idx, "table", None) is not None else None
    if ids is None:
        return idx.store.query(idx.manifest.collection, vector, allowed,  # type: ignore[no-any-return]
                               where=chroma_where(f, None, documents))
    return idx.store.query(idx.manifest.collection, vector, allowed, ids=ids)  # type: ignore[no-any-return]


class HybridRetriever(BaseRetriever):
    """Dense per language + BM25, fused by weighted reciprocal rank."""

    def __init__(self, index: LoadedIndex, *, depth: int = 30, weights: FusionWeights | None = None,
                 filters: SearchFilter | None = None) -> None:
        self.index = index
        self.depth = depth
        self.weights = weights or FusionWeights()
        self.filters = filters or SearchFilter()

    def rank(self, frame: QueryFrame, vector: Any = None, filters: SearchFilter | None = None
             ) -> list[tuple[str, float]]:
        """(chunk id, fused score), best first; ``vector``: the question's, if already embedded;
        ``filters``: what the search may return (default: the retriever's own)."""
        idx = self.index
        f = filters if filters is not None else self.filters
        documents = f.documents(idx.doc_places, list(idx.documents)) if not f.empty else None
        mask = idx.table.mask(f, documents) if idx.table is not None and not f.empty else None
        lists: list[tuple[float, list[str]]] = []
        if vector is None:
            vector = idx.embedder.embed_queries([frame.text])[0]
        for lang, ids in dense_lists(idx, vector, self.depth, f, documents, mask).items():
            w = self.weights.dense_same if lang == frame.lang else self.weights.dense_other
            lists.append((w, ids))
        for lang in idx.keywords.langs:
            if allows_nothing(f, lang, documents):
                continue
            hits = idx.keywords.search(lang, query_tokens(frame, lang), self.depth, mask)
            w = self.weights.bm25_same if lang == frame.lang else self.weights.bm25_other
            lists.append((w, [idx.chunks[pos].id for pos, _ in hits]))
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
        f = self.place_filter(frame)
        # The reranker's candidates by meaning come from the same documents.
        query_bundle.documents = f.doc_ids  # type: ignore[attr-defined]
        return [to_node(self.index.by_id[cid], score) for cid, score in self.rank(frame, vector, f)]

    def place_filter(self, frame: QueryFrame) -> SearchFilter:
        """The retriever's filter, narrowed to the documents that can answer the frame's places."""
        docs = self.index.documents_for(frame.places)
        if docs is None:
            return self.filters
        own = self.filters.doc_ids
        return self.filters.model_copy(update={"doc_ids": docs if own is None else own & docs})


def to_node(chunk: Chunk, score: float) -> NodeWithScore:
    node = TextNode(node_id=chunk.id, text=chunk.text, metadata={"doc_id": chunk.doc_id, "lang": chunk.lang,
                                                               "year": chunk.year})
    return NodeWithScore(node=node, score=score)
