"""Figure meanings (index.meaning): vectors written and read back, reused across builds."""

from __future__ import annotations

import numpy as np

from index.meaning import HASHES_FILE, embed_records, read_vectors, write_vectors
from index.records import FigureRecord


def test_vectors_read_back_whole_or_not_at_all(tmp_path) -> None:
    vectors = np.eye(3, dtype=np.float32)
    write_vectors(tmp_path, vectors, ["a", "b", ""])
    found = read_vectors(tmp_path)
    assert found is not None and found[1] == ["a", "b", ""] and np.array_equal(found[0], vectors)
    assert read_vectors(tmp_path, 3) is not None
    assert read_vectors(tmp_path, 4) is None  # another build's records
    (tmp_path / HASHES_FILE).write_text("not json", encoding="utf-8")
    assert read_vectors(tmp_path) is None  # damaged: ignored, never an exception
    assert read_vectors(tmp_path / "missing") is None


def _record(i: int, metric: str) -> FigureRecord:
    return FigureRecord.model_validate({
        "id": f"c:{i}", "chunk_id": "c", "index": i, "doc_id": "d", "source": "d.txt", "lang": "zh", "section": [],
        "text": f"{i}件", "value": i, "unit": "件", "kind": "quantity", "start": 0, "end": 2, "quote": "",
        "quote_start": 0, "raw_start": 0, "raw_end": 0, "metric": metric, "clause": "", "qualifiers": frozenset(),
        "metric_qualifiers": frozenset(), "year": 2024, "metric_tokens": frozenset(), "context_tokens": frozenset(),
        "action_tokens": frozenset(), "segment_tokens": frozenset()})


def test_a_figures_meaning_depends_on_its_own_description_alone(tmp_path) -> None:
    # The int8 model quantizes over a batch: a model whose vectors move with their batch-mates stands
    # for it. Each description goes alone, so another figure's new wording moves no other vector.
    calls: list[int] = []

    def embed(texts: list[str]) -> list[list[float]]:
        calls.append(len(texts))
        return [[float(len(t)), float(sum(map(len, texts))), 1.0] for t in texts]

    before = [_record(1, "受理案件"), _record(2, "审结案件")]
    after = [_record(1, "受理案件"), _record(2, "审结各类知识产权案件"), _record(3, "调解案件")]
    v1, keys1, n1 = embed_records(before, embed)
    v2, keys2, n2 = embed_records(after, embed)
    assert set(calls) == {1} and (n1, n2) == (2, 3)
    assert np.array_equal(v1[0], v2[0]) and keys1[0] == keys2[0]
    write_vectors(tmp_path, v1, keys1)
    calls.clear()
    _, _, reused = embed_records(after, embed, previous=[tmp_path])
    assert reused == 2 and calls == [1, 1]  # the unchanged description is reused, the two new ones embedded
