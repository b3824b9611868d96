"""The question's vector without fastembed: e5's ONNX session run directly on the ids of the
trimmed query tokenizer (index.query_tokenizer), pooled and normalized as fastembed does.

A cold start spent about 1.6 s of CPU here through fastembed: importing it (0.3 s, with
huggingface_hub), loading the full tokenizer (1.0 s, 300 MB) and the session (0.4 s). This loads
the session and a tokenizer of 128k pieces instead of 250k, and imports neither fastembed nor
huggingface_hub. Its vectors are fastembed's to the bit (tests/index/test_query_embed.py): the same
session options, inputs, float64 mean pooling and normalization. Anything else, a batch of
several texts, passages or token counts, goes to the full ``E5Embedder``, loaded only then.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from index.embed import MODEL_FILES, QUERY_PREFIX, E5Embedder
from index.offline import quiet_onnxruntime
from index.query_tokenizer import QueryTokenizer, configure_like_fastembed


class QueryEmbedder:
    """``Embedder`` for query time: one question at a time on its own session; the rest through ``full``."""

    def __init__(self, full: E5Embedder, folder: Path, source_digest: str) -> None:
        self.full = full
        self.folder = folder
        self.source_digest = source_digest
        self._session: Any = None
        self._tokenizer: QueryTokenizer | None = None
        self._full_tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.full.model_id

    @property
    def dim(self) -> int:
        return self.full.dim

    def load(self) -> QueryEmbedder:
        """Tokenizer and session now (IndexDamaged / ModelDamaged naming the fix), not at the first question."""
        self._load()
        return self

    def _load(self) -> tuple[QueryTokenizer, Any]:
        with self._lock:
            if self._tokenizer is None:
                # The full tokenizer is read only for a text that needs it, but a model folder
                # without it is damaged all the same: say so now, not in the middle of a question.
                self.full._require("tokenizer.json")
                self._tokenizer = QueryTokenizer.load(self.folder, self.full.model_dir, self.source_digest)
            if self._session is None:
                self._session = _session(self.full)
            return self._tokenizer, self._session

    def _ids(self, tokenizer: QueryTokenizer, text: str) -> list[int]:
        ids = tokenizer.ids(text)
        if ids is not None:
            return ids
        with self._lock:  # a character the trimmed tokenizer lacks: the full one, once per process
            if self._full_tokenizer is None:
                from tokenizers import Tokenizer

                path = self.full.model_dir / "tokenizer.json"
                self._full_tokenizer = configure_like_fastembed(Tokenizer.from_file(str(path)), self.full.model_dir)
            return list(self._full_tokenizer.encode(text).ids)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        if len(texts) != 1:  # fastembed pads a batch, and int8 quantizes over it: its own path
            return self.full.embed_queries(texts)
        tokenizer, session = self._load()
        return [_vector(session, self._ids(tokenizer, QUERY_PREFIX + texts[0]))]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return self.full.embed_passages(texts)

    def token_count(self, texts: list[str]) -> list[int]:
        return self.full.token_count(texts)


def _session(full: E5Embedder) -> Any:
    """The ONNX session as fastembed's ``OnnxModel._load_onnx_model`` makes it on the CPU, less the
    worker threads' spin-waiting."""
    path = full._require(MODEL_FILES[full.variant])
    os.environ["HF_HUB_OFFLINE"] = "1"
    quiet_onnxruntime()
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if full.threads is not None:
        options.intra_op_num_threads = full.threads
        options.inter_op_num_threads = full.threads
    # A question is one short batch a few times a minute: worker threads that spin-wait between
    # runs (onnxruntime's default) burned as much CPU again as the whole question (bench.warm: CPU
    # p50 64 -> 38 ms a question, wall unchanged), and spin against the app's other threads.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"], sess_options=options)


def _vector(session: Any, ids: list[int]) -> list[float]:
    """fastembed's onnx_embed and PooledNormalizedEmbedding post-processing for one text."""
    import numpy as np

    input_ids = np.array([ids], dtype=np.int64)
    mask = np.ones_like(input_ids)
    inputs = {"input_ids": input_ids}
    names = {node.name for node in session.get_inputs()}
    if "attention_mask" in names:
        inputs["attention_mask"] = mask
    if "token_type_ids" in names:
        inputs["token_type_ids"] = np.zeros_like(input_ids)
    hidden = session.run(None, inputs)[0]
    summed = np.sum(hidden, axis=1, where=mask[:, :, np.newaxis].astype(bool), dtype=np.float64)
    pooled = summed / np.maximum(np.sum(mask, axis=1, keepdims=True), 1e-9)
    norm = np.maximum(np.linalg.norm(pooled, ord=2, axis=1, keepdims=True), 1e-12)
    return (pooled / norm).astype(hidden.dtype, copy=False)[0].tolist()  # type: ignore[no-any-return]


def query_embedder(settings: Any, folder: Path) -> Any:
    """The embedder query time uses for an index build folder: ``QueryEmbedder`` over the model,
    or the fake one the tests build with."""
    from index.build import load_embedder
    from index.query_tokenizer import tokenizer_digest

    full = load_embedder(settings)
    if not isinstance(full, E5Embedder):
        return full
    return QueryEmbedder(full, folder, tokenizer_digest(full.model_dir))
