"""Figure meanings (index.meaning): vectors written and read back, reused across builds."""

from __future__ import annotations

import numpy as np

from index.meaning import HASHES_FILE, read_vectors, write_vectors


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
