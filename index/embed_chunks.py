"""Embedding a build's passages without holding more of the model than one step needs.

A build's peak memory was the model, not the corpus: the chunks were embedded by one onnxruntime
session, and the figure meanings (index.meaning) by a second one loaded while the first was still
held, each keeping the memory of its largest batch (2.3 GB for the real corpus's 315 chunks).
Now one embedder is loaded on first use, released once the chunks are embedded — the keyword index
and figure records made next grow with the corpus — and loaded again only when figure meanings need
embedding. Each batch's size is bounded in tokens as well as texts (index.embed.MAX_BATCH_TOKENS).

A document's chunks go to the model together and with no other document's (``embed_documents``):
the int8 model quantizes activations over a whole run, so a vector moves a little with its
batch-mates, and batches that crossed documents made a document's vectors depend on what else the
corpus held (a 20x corpus moved a Guangdong figure's meaning across the answer bar) and on
whether the build was fresh or incremental. Now a document's vectors depend on that document
alone: a changed document is embedded whole, an unchanged one reused whole.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from index.types import Chunk

EMBED_BATCH = 32  # chunks per call: the progress bar moves this often


class LazyPassages:
    """``embed_passages`` of an embedder loaded on first use (a build that reuses every vector never
    loads the model); ``release`` drops it, and the next call loads it again."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load
        self._embedder: Any = None
        self.loads = 0

    def __call__(self, texts: list[str]) -> list[list[float]]:
        if self._embedder is None:
            self._embedder = self._load()
            self.loads += 1
        return self._embedder.embed_passages(texts)  # type: ignore[no-any-return]

    def release(self) -> None:
        """Give back the model's memory (its weights, tokenizer and onnxruntime's arena)."""
        if self._embedder is None:
            return
        self._embedder = None
        gc.collect()  # the session may sit in a reference cycle; its memory goes only with it
        _trim_heap()


def _trim_heap() -> None:
    """Return freed heap to the system: glibc keeps it otherwise, and Python's own objects (made next,
    in their own mapped arenas) cannot use it — 375 of the 545 MB freed with the model came back."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim, nothing lost
        pass


def batch_mate_keys(texts: Sequence[str]) -> dict[str, str]:
    """Text → a key naming it and its batch-mates (all of ``texts``: one document's): what its
    vector was computed from, for chunks here and figure meanings (index.meaning) alike."""
    mates = hashlib.sha256("\0".join(texts).encode()).hexdigest()
    return {t: hashlib.sha256(f"{mates}\n{t}".encode()).hexdigest()[:16] for t in texts}


def _by_document(chunks: Sequence[Chunk]) -> dict[str, list[Chunk]]:
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    return by_doc


def embed_keys(chunks: Sequence[Chunk]) -> dict[str, str]:
    """Chunk id → what its vector was computed from: its search text (title and section path
    included: the chunk id covers only the display text, so a changed heading kept the id and,
    keyed by it, reused a stale vector) and its document's other chunks, its batch-mates."""
    keys: dict[str, str] = {}
    for part in _by_document(chunks).values():
        of_text = batch_mate_keys([c.search_text for c in part])
        keys.update((c.id, of_text[c.search_text]) for c in part)
    return keys


def embed_documents(chunks: Sequence[Chunk], reusable: dict[str, np.ndarray],
                    embed: Callable[[list[str]], list[list[float]]], *,
                    progress: Callable[[int, int], None] | None = None,
                    delay: float = 0.0) -> tuple[dict[str, np.ndarray], int]:
    """(chunk id → vector, how many chunks were embedded now): each document whose chunks all have a
    ``reusable`` vector keeps them; any other is embedded whole, in calls of its own chunks only."""
    by_doc = _by_document(chunks)
    changed = {doc for doc, part in by_doc.items() if any(c.id not in reusable for c in part)}
    total = sum(len(by_doc[doc]) for doc in changed)
    vectors = {c.id: reusable[c.id] for doc, part in by_doc.items() if doc not in changed for c in part}
    done = 0
    for part in (part for doc, part in by_doc.items() if doc in changed):
        step = None if progress is None else (lambda n, _t, base=done: progress(base + n, total))
        vectors |= embed_chunks(part, embed, progress=step, delay=delay)
        done += len(part)
    return vectors, total


def embed_chunks(chunks: Sequence[Chunk], embed: Callable[[list[str]], list[list[float]]], *,
                 batch: int = EMBED_BATCH, progress: Callable[[int, int], None] | None = None,
                 delay: float = 0.0) -> dict[str, np.ndarray]:
    """Chunk id → the vector of its search text, ``batch`` chunks per call to ``embed``.

    Kept as float32, what the model computes and the store keeps: a quarter of the memory of
    Python floats (5,900 chunks: 9 MB, not 73), and the same numbers. ``delay``: seconds to wait
    before each call (tests slow a fake embedder down to kill a build part-way)."""
    vectors: dict[str, np.ndarray] = {}
    for i in range(0, len(chunks), batch):
        if delay:
            time.sleep(delay)
        part = chunks[i : i + batch]
        for c, v in zip(part, embed([c.search_text for c in part]), strict=True):
            vectors[c.id] = np.asarray(v, dtype=np.float32)
        if progress:
            progress(i + len(part), len(chunks))
    return vectors
