"""Bounded embedding (index.embed.length_batches, index.embed_chunks): what goes to the model at once."""

from __future__ import annotations

import numpy as np
import pytest

from index.embed import MAX_TOKENS, FakeEmbedder, length_batches
from index.embed_chunks import LazyPassages, embed_chunks, embed_documents, embed_keys
from index.types import Chunk


def _flat(batches: list[list[int]]) -> list[int]:
    return sorted(i for b in batches for i in b)


def test_short_texts_go_max_texts_at_a_time_shortest_first() -> None:
    lengths = [12, 5, 30, 7, 9]
    batches = length_batches(lengths, max_texts=2, max_tokens=4096)
    assert batches == [[1, 3], [4, 0], [2]]


def test_long_texts_are_bounded_by_padded_tokens() -> None:
    # Each batch is padded to its longest text: 3 × 40 = 120 fits 128, a fourth would not.
    lengths = [40, 40, 40, 40, 40, 10]
    batches = length_batches(lengths, max_texts=32, max_tokens=128)
    assert batches == [[5, 0, 1], [2, 3, 4]]
    for b in batches:
        assert len(b) * max(lengths[i] for i in b) <= 128


def test_a_text_over_the_budget_goes_alone_and_counts_only_up_to_the_window() -> None:
    lengths = [3000, 600, 20, 20]
    batches = length_batches(lengths, max_texts=32, max_tokens=1024)
    # 600 and 3000 both count as 512 (the model truncates beyond it): the two fit 1024 exactly.
    assert MAX_TOKENS == 512 and batches == [[2, 3], [1, 0]]
    assert length_batches([5000], 32, 100) == [[0]]


def test_every_text_lands_in_exactly_one_batch() -> None:
    rng = np.random.default_rng(7)
    lengths = [int(n) for n in rng.integers(1, 700, size=300)]
    batches = length_batches(lengths, max_texts=32, max_tokens=4096)
    assert _flat(batches) == list(range(300))
    for b in batches:
        longest = max(min(lengths[i], MAX_TOKENS) for i in b)
        assert len(b) <= 32 and (len(b) == 1 or len(b) * longest <= 4096)


def test_no_texts_no_batches() -> None:
    assert length_batches([], 32, 4096) == []


def _chunk(i: int) -> Chunk:
    text = f"第{i}段 text {i}"
    return Chunk(id=f"c{i}", doc_id="d", source="d.txt", lang="zh", year=2024, section=[], paragraph=i,
                 text=text, search_text=text, start=0, end=len(text), raw_start=0, raw_end=len(text))


def test_embed_chunks_calls_in_batches_and_keeps_the_vectors_exactly() -> None:
    fake = FakeEmbedder()
    calls: list[int] = []
    seen: list[tuple[int, int]] = []

    def embed(texts: list[str]) -> list[list[float]]:
        calls.append(len(texts))
        return [[float(np.float32(x)) for x in v] for v in fake.embed_passages(texts)]

    chunks = [_chunk(i) for i in range(70)]
    vectors = embed_chunks(chunks, embed, batch=32, progress=lambda done, total: seen.append((done, total)))
    assert calls == [32, 32, 6]
    assert seen == [(32, 70), (64, 70), (70, 70)]
    assert list(vectors) == [c.id for c in chunks]
    for c in chunks:
        want = [float(np.float32(x)) for x in fake.vector(c.search_text)]
        assert vectors[c.id].dtype == np.float32 and vectors[c.id].tolist() == want  # float32 loses nothing


def _doc_chunk(doc: str, i: int, text: str = "") -> Chunk:
    text = text or f"{doc} 第{i}段"
    return Chunk(id=f"{doc}-{i}", doc_id=doc, source=f"{doc}.txt", lang="zh", year=2024, section=[], paragraph=i,
                 text=text, search_text=text, start=0, end=len(text), raw_start=0, raw_end=len(text))


def _mates_move(texts: list[str]) -> list[list[float]]:
    """Like int8: a text's vector depends on what else is in its call."""
    mates = float(sum(len(t) for t in texts))
    return [[float(len(t)), mates] for t in texts]


def test_a_documents_vectors_depend_on_that_document_alone() -> None:
    guangdong = [_doc_chunk("gd", i) for i in range(40)]
    others = [_doc_chunk(f"p{k}", i) for k in range(5) for i in range(7)]
    calls: list[set[str]] = []

    def embed(texts: list[str]) -> list[list[float]]:
        calls.append({t.split()[0] for t in texts})
        return _mates_move(texts)

    alone, n_alone = embed_documents(guangdong, {}, embed)
    mixed, n_mixed = embed_documents(others[:10] + guangdong + others[10:], {}, embed)
    assert (n_alone, n_mixed) == (40, 75)
    assert all(len(docs) == 1 for docs in calls)  # no call holds two documents
    assert all(np.array_equal(alone[c.id], mixed[c.id]) for c in guangdong)


def test_an_unchanged_document_is_reused_whole_and_a_changed_one_embedded_whole() -> None:
    old = [_doc_chunk("a", i) for i in range(3)] + [_doc_chunk("b", i) for i in range(3)]
    old_keys = embed_keys(old)
    vectors, _ = embed_documents(old, {}, _mates_move)
    new = old[:5] + [_doc_chunk("b", 2, "b 改过的第三段")]
    new_keys = embed_keys(new)
    assert [new_keys[c.id] == old_keys[c.id] for c in new] == [True, True, True, False, False, False]
    reusable = {cid: v for cid, v in vectors.items() if new_keys[cid] == old_keys[cid]}
    seen: list[tuple[int, int]] = []
    again, embedded = embed_documents(new, reusable, _mates_move, progress=lambda d, t: seen.append((d, t)))
    assert embedded == 3 and seen == [(3, 3)]
    assert all(again[c.id] is vectors[c.id] for c in new[:3])  # reused as they were
    fresh, _ = embed_documents(new, {}, _mates_move)
    assert all(np.array_equal(again[c.id], fresh[c.id]) for c in new)  # incremental = fresh


def test_lazy_passages_loads_on_first_use_and_again_after_release() -> None:
    loaded: list[FakeEmbedder] = []

    def load() -> FakeEmbedder:
        loaded.append(FakeEmbedder())
        return loaded[-1]

    embed = LazyPassages(load)
    assert loaded == []
    embed.release()  # nothing loaded: nothing to do
    first = embed(["a", "b"])
    embed(["c"])
    assert embed.loads == 1
    embed.release()
    assert embed(["a", "b"]) == first and embed.loads == 2


@pytest.mark.parametrize("bad", [{"batch_size": 0}, {"max_batch_tokens": 0}])
def test_e5_embedder_refuses_empty_batches(tmp_path, bad: dict[str, int]) -> None:
    from index.embed import E5Embedder

    with pytest.raises(ValueError):
        E5Embedder(tmp_path, **bad)


_SENTENCE = "2024年全省法院新收各类知识产权案件83308件，审结82596件。Courts concluded 82,596 IP cases. "
_MIXED = [_SENTENCE * n for n in (1, 9, 2, 14, 3, 1, 6, 20)]  # 30 to over 512 tokens


@pytest.mark.integration
def test_fp32_vectors_are_the_same_in_token_bounded_batches(e5_model_dir) -> None:
    from index.embed import E5Embedder

    whole = np.asarray(E5Embedder(e5_model_dir, "fp32", threads=2, max_batch_tokens=10**6).embed_passages(_MIXED))
    bounded = np.asarray(E5Embedder(e5_model_dir, "fp32", threads=2, max_batch_tokens=600).embed_passages(_MIXED))
    assert np.abs(whole - bounded).max() < 1e-6


@pytest.mark.integration
def test_int8_batches_cut_by_tokens_move_vectors_only_within_int8_rounding(e5_model_dir) -> None:
    # Its activations are quantized per batch, so batch-mates move a vector a little: never more
    # than int8 itself moves it from fp32 (cosine 0.993 on the real corpus).
    from index.embed import E5Embedder

    a = np.asarray(E5Embedder(e5_model_dir, "int8", threads=2, max_batch_tokens=10**6).embed_passages(_MIXED))
    b = np.asarray(E5Embedder(e5_model_dir, "int8", threads=2, max_batch_tokens=600).embed_passages(_MIXED))
    cosine = (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    assert cosine.min() > 0.99
