"""index.check.checked_chunks: query time parses the chunks once, and a damaged file is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.check import check_chunks_file, checked_chunks, quick_check
from index.problems import IndexDamaged
from index.settings import Settings
from index.types import Chunk, Manifest


def _chunk(n: int) -> Chunk:
    return Chunk(id=f"c{n}", doc_id="doc", source="doc.txt", lang="zh", year=2024, section=[], paragraph=n + 1,
                 text=f"第{n}段", search_text=f"第{n}段", start=0, end=3, raw_start=0, raw_end=3)


def _setup(tmp_path: Path, lines: list[str], count: int) -> tuple[Settings, Manifest]:
    settings = Settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data", embedder="fake")
    path = settings.index_dir / "builds" / "b" / "chunks.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    manifest = Manifest.model_construct(chunks_file="builds/b/chunks.jsonl", chunk_counts={"zh": count})
    return settings, manifest


def test_the_chunks_are_read_as_written(tmp_path: Path) -> None:
    chunks = [_chunk(n) for n in range(3)]
    settings, manifest = _setup(tmp_path, [c.model_dump_json() for c in chunks], 3)
    assert checked_chunks(settings, manifest) == chunks
    assert check_chunks_file(settings, manifest) == 3


def test_a_line_cut_mid_way_is_named_by_the_loader_not_only_by_the_doctor(tmp_path: Path) -> None:
    good = _chunk(0).model_dump_json()
    settings, manifest = _setup(tmp_path, [good, good[: len(good) // 2]], 2)
    quick_check(settings, manifest)  # counts lines only: the loader parses them
    with pytest.raises(IndexDamaged, match=r"damaged at line 2 .*run `qa index`"):
        checked_chunks(settings, manifest)


def test_a_missing_line_is_caught_before_loading(tmp_path: Path) -> None:
    settings, manifest = _setup(tmp_path, [_chunk(0).model_dump_json()], 2)
    with pytest.raises(IndexDamaged, match="holds 1 chunks, the manifest says 2"):
        quick_check(settings, manifest)
