"""The persisted keyword index: BM25 over our own tokens (index.keywords.chunk_tokens), one
sparse index per language, built by ``qa index`` and memory-mapped at query time.

Scoring is Okapi BM25 exactly as the hand loop it replaces (rank_bm25's ``BM25Okapi``, k1=1.2,
b=0.5): term frequency ``tf·(k1+1) / (tf + k1·(1−b+b·dl/avgdl))``, IDF ``ln((N−df+.5)/(df+.5))``
with a word in more than half the chunks floored at 0.25 × the mean IDF. bm25s's own IDF variants
differ there (``robertson`` clips those words to 0, ``lucene`` adds 1 inside the log) and so
would reorder the list the fused ranking reads: the score matrix is computed here and handed to
bm25s, which saves it; the query side reads its files memory-mapped (StoredScores, no bm25s
import) and scores a query as a sum of columns, as bm25s does.

Each language's index lives in ``keywords/<lang>/`` beside the chunks, with ``keywords/meta.json``
(format, the key it was built for, the chunk positions of each language's rows) and
``keywords/idf.json`` (the IDF of every word over all chunks, which the figure ranking weighs
words with). Filters are weight masks over a language's rows, so a filtered query ranks only
what it may return.
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

log = logging.getLogger(__name__)

KEYWORDS_DIR = "keywords"
META_FILE = "meta.json"
IDF_FILE = "idf.json"
FORMAT = 1
K1 = 1.2
B = 0.5
EPSILON = 0.25
LANGS = ("zh", "en")


def okapi_idf(df: Sequence[int], n_docs: int, epsilon: float = EPSILON) -> np.ndarray:
    """rank_bm25's BM25Okapi IDF: a word in more than half the documents gets epsilon × the mean.
    Computed as it does, word by word in first-seen order (math.log, a running sum), so the
    scores agree to the last bit and ties between chunks stay ties."""
    idf = [math.log(n_docs - d + 0.5) - math.log(d + 0.5) for d in df]
    total = 0.0
    for value in idf:
        total += value
    eps = epsilon * (total / len(idf)) if idf else 0.0
    return np.array([eps if value < 0 else value for value in idf], dtype=np.float64)


def okapi_scores(corpus_tokens: Sequence[Sequence[str]], k1: float = K1, b: float = B
                 ) -> tuple[Any, dict[str, int]]:
    """(CSC matrix documents × words of each word's BM25 weight in each document, vocabulary)."""
    import scipy.sparse as sp

    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    tfs: list[int] = []
    lengths = np.array([len(toks) for toks in corpus_tokens], dtype=np.int64)
    for d, toks in enumerate(corpus_tokens):
        counts: dict[int, int] = {}
        for t in toks:
            i = vocab.setdefault(t, len(vocab))
            counts[i] = counts.get(i, 0) + 1
        rows += [d] * len(counts)
        cols += list(counts)
        tfs += list(counts.values())
    n_docs = len(corpus_tokens)
    row = np.asarray(rows, dtype=np.int64)
    col = np.asarray(cols, dtype=np.int64)
    tf = np.asarray(tfs, dtype=np.float64)
    idf = okapi_idf(np.bincount(col, minlength=len(vocab)).tolist(), n_docs)
    avgdl = (int(lengths.sum()) / n_docs if n_docs else 0.0) or 1.0
    # The hand loop's expression, operation for operation.
    weight = idf[col] * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[row] / avgdl)))
    matrix = sp.csc_matrix((weight, (row, col)), shape=(n_docs, max(1, len(vocab))), dtype=np.float64)
    return matrix, vocab


def _bm25(matrix: Any = None, vocab: dict[str, int] | None = None) -> Any:
    import bm25s

    # ``method="atire"`` is bm25s's name for this term-frequency form; its IDF is never computed
    # here (the weights come from okapi_scores). float64: the fused ranking reads the order, and
    # float32 would tie chunks the hand loop told apart.
    model = bm25s.BM25(k1=K1, b=B, method="atire", idf_method="atire", dtype="float64", int_dtype="int64",
                       backend="numpy")
    if matrix is not None:
        model.scores = {"data": matrix.data, "indices": matrix.indices, "indptr": matrix.indptr,
                        "num_docs": matrix.shape[0]}
        model.vocab_dict = dict(vocab or {})
        model.nonoccurrence_array = None  # only BM25L and BM25+ have one
    return model


class StoredScores:
    """A language's index as bm25s saved it (``BM25.save``: the eager score matrix as CSC arrays,
    one column a word, its vocabulary and parameters), read with numpy alone and scored as
    bm25s's numpy backend scores it (``get_scores_from_ids``: each query word's column added in,
    then the weight mask). Importing bm25s brings in scipy: about 0.35 s of CPU at every cold start
    for three arrays it hands to numpy. ``qa index`` still builds and saves with bm25s."""

    def __init__(self, folder: Path, mmap: bool = True) -> None:
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method") in ("bm25l", "bm25+"):  # they add a non-occurrence array: never built here
            raise ValueError(f"{folder.name}: bm25s method {params.get('method')} is not read here")
        self.vocab_dict: dict[str, int] = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        mode: Literal["r"] | None = "r" if mmap else None
        self.scores: dict[str, Any] = {
            name: np.load(folder / f"{name}.csc.index.npy", mmap_mode=mode) for name in ("data", "indices", "indptr")}
        self.scores["num_docs"] = params["num_docs"]
        self.dtype = np.dtype(params.get("dtype", "float32"))
        self.int_dtype = np.dtype(params.get("int_dtype", "int32"))

    def get_tokens_ids(self, tokens: list[str]) -> list[int]:
        return [self.vocab_dict[t] for t in tokens if t in self.vocab_dict]

    def get_scores_from_ids(self, ids: list[int], weight_mask: np.ndarray | None = None) -> np.ndarray:
        data, indices, indptr = self.scores["data"], self.scores["indices"], self.scores["indptr"]
        query = np.asarray(ids, dtype=self.int_dtype)
        if int(query.max(initial=0)) >= len(indptr) - 1:
            raise ValueError("a query word id is beyond the index's vocabulary")
        starts, ends = indptr[query], indptr[query + 1]
        scores = np.zeros(self.scores["num_docs"], dtype=self.dtype)
        for start, end in zip(starts, ends, strict=True):
            np.add.at(scores, indices[start:end], data[start:end])
        if weight_mask is not None:
            scores *= weight_mask
        return scores


@dataclass
class LanguageIndex:
    model: Any  # a bm25s.BM25 (as built) or StoredScores (as loaded)
    positions: np.ndarray  # row → position of its chunk in the chunks file

    def scores(self, tokens: Sequence[str], mask: np.ndarray | None = None) -> np.ndarray:
        """Each row's BM25 score for the query tokens (a repeated token counts again, as in the
        hand loop); rows outside ``mask`` (0/1 per row) score 0."""
        ids = self.model.get_tokens_ids(list(tokens))
        n = self.positions.size
        if not ids or n == 0:
            return np.zeros(n)
        return np.asarray(self.model.get_scores_from_ids(ids, weight_mask=mask), dtype=np.float64)


@dataclass
class KeywordIndex:
    """One BM25 index per language and the IDF table, as built for one chunks file (``key``)."""

    key: str
    n_chunks: int
    langs: dict[str, LanguageIndex]
    idf: dict[str, float]

    @classmethod
    def build(cls, key: str, chunk_langs: Sequence[str], corpus_tokens: Sequence[Sequence[str]]) -> KeywordIndex:
        if len(chunk_langs) != len(corpus_tokens):
            raise ValueError(f"{len(chunk_langs)} chunks but {len(corpus_tokens)} token lists")
        langs = {}
        for lang in LANGS:
            positions = np.array([i for i, lg in enumerate(chunk_langs) if lg == lang], dtype=np.int64)
            if positions.size:
                matrix, vocab = okapi_scores([corpus_tokens[i] for i in positions])
                langs[lang] = LanguageIndex(_bm25(matrix, vocab), positions)
        # The IDF the figure ranking weighs a question's words with: over all chunks, both languages.
        n = len(corpus_tokens)
        df: dict[str, int] = {}
        for toks in corpus_tokens:
            for t in set(toks):
                df[t] = df.get(t, 0) + 1
        idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        return cls(key, n, langs, idf)

    def search(self, lang: str, tokens: Sequence[str], k: int, mask: np.ndarray | None = None
               ) -> list[tuple[int, float]]:
        """(chunk position, score) of the ``k`` best chunks in ``lang`` with a positive score, best
        first, ties in chunk order; ``mask``: 0/1 per chunk of the whole chunks file."""
        index = self.langs.get(lang)
        if index is None:
            return []
        row_mask = None if mask is None else np.asarray(mask, dtype=np.float64)[index.positions]
        scores = index.scores(tokens, row_mask)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(int(index.positions[i]), float(scores[i])) for i in order if scores[i] > 0]

    def idf_of(self, token: str) -> float:
        return self.idf.get(token, math.log(1 + self.n_chunks))

    # --- files -----------------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Into ``folder/keywords``, replaced whole: written beside it, then renamed into place."""
        target = folder / KEYWORDS_DIR
        tmp = folder / f".{KEYWORDS_DIR}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            tmp.mkdir(parents=True)
            for lang, index in self.langs.items():
                index.model.save(str(tmp / lang), show_progress=False)
            (tmp / IDF_FILE).write_text(json.dumps(self.idf, ensure_ascii=False), encoding="utf-8")
            # meta.json last: its key vouches for the rest.
            meta = {"format": FORMAT, "key": self.key, "n_chunks": self.n_chunks,
                    "positions": {lang: index.positions.tolist() for lang, index in self.langs.items()}}
            (tmp / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
            shutil.rmtree(target, ignore_errors=True)
            os.replace(tmp, target)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    @classmethod
    def load(cls, folder: Path, key: str, mmap: bool = True) -> KeywordIndex:
        """The index saved in ``folder/keywords`` for ``key``; KeywordIndexProblem (saying what is
        wrong) when it is missing, from another build, or damaged."""
        root = folder / KEYWORDS_DIR
        try:
            meta = json.loads((root / META_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError as e:
            raise KeywordIndexProblem(f"the keyword index {root} is missing") from e
        except (OSError, ValueError) as e:
            raise KeywordIndexProblem(f"the keyword index {root} is unreadable ({type(e).__name__})") from e
        if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("key") != key:
            raise KeywordIndexProblem(f"the keyword index {root} was built by other code or for other chunks")
        try:
            langs = {}
            for lang, positions in meta["positions"].items():
                model = StoredScores(root / lang, mmap=mmap)
                index = LanguageIndex(model, np.asarray(positions, dtype=np.int64))
                indptr = model.scores["indptr"]
                if model.scores["num_docs"] != index.positions.size or len(indptr) != max(1, len(model.vocab_dict)) + 1 \
                        or int(indptr[-1]) != model.scores["data"].shape[0]:
                    raise ValueError(f"{lang} matrix does not match its vocabulary or rows")
                langs[lang] = index
            idf = json.loads((root / IDF_FILE).read_text(encoding="utf-8"))
            n_chunks = int(meta["n_chunks"])
            if not isinstance(idf, dict) or sum(i.positions.size for i in langs.values()) != n_chunks:
                raise ValueError("its parts disagree on the number of chunks")
        except (OSError, ValueError, KeyError, TypeError, IndexError) as e:
            raise KeywordIndexProblem(f"the keyword index {root} is damaged ({type(e).__name__}: "
                                      f"{str(e).splitlines()[0][:120] if str(e) else ''})") from e
        return cls(key, n_chunks, langs, idf)


class KeywordIndexProblem(Exception):
    """The keyword index files cannot be used; the message says why (without the fix)."""
