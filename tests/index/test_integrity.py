"""Issue 15: an index is called up to date only when intact; vectors follow the embedded text;
no build drops a collection a reader holds; dropped collections leave nothing on disk."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from index.build import build_index, open_store, read_chunks, read_manifest
from index.check import inspect
from index.embed import FakeEmbedder
from index.leases import builds_in_use, hold
from index.settings import Settings
from tests.support import make_workspace


@pytest.fixture
def built(tmp_path: Path) -> Settings:
    settings = make_workspace(tmp_path)
    build_index(settings)
    return settings


def _chunks_path(settings: Settings) -> Path:
    manifest = read_manifest(settings)
    assert manifest is not None
    return settings.index_dir / manifest.chunks_file


def _damage_chunks_empty(settings: Settings) -> None:
    _chunks_path(settings).write_text("")


def _damage_chunks_cut(settings: Settings) -> None:
    path = _chunks_path(settings)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut mid-line, as a full disk or a kill would


def _damage_chroma_deleted(settings: Settings) -> None:
    import shutil

    shutil.rmtree(settings.index_dir / "chroma")


@pytest.mark.parametrize("damage", [_damage_chunks_empty, _damage_chunks_cut, _damage_chroma_deleted])
def test_a_broken_index_is_not_up_to_date_but_repaired(built: Settings, damage) -> None:  # type: ignore[no-untyped-def]
    damage(built)
    health = inspect(built)
    assert not health.ok and "qa index" in health.problems[0]
    report = build_index(built)  # no --force needed
    assert report.status == "repaired", report.summary()
    assert "Index repaired" in report.summary()
    assert inspect(built).ok
    assert build_index(built).status == "up-to-date"


def test_a_corrupt_chroma_database_is_set_aside_and_rebuilt(built: Settings) -> None:
    db = built.index_dir / "chroma" / "chroma.sqlite3"
    data = db.read_bytes()
    db.write_bytes(b"garbage!" * 1000 + data[8000:])
    health = inspect(built)
    assert not health.ok and "damaged" in " ".join(health.problems)
    for force in (True, False):  # --force used to fail with a traceback as well
        report = build_index(built, force=force)
        assert report.status in ("repaired", "up-to-date")
    aside = [p for p in built.index_dir.iterdir() if p.name.startswith("chroma.damaged-")]
    assert len(aside) == 1 and (aside[0] / "chroma.sqlite3").read_bytes()[:8] == b"garbage!"  # nothing lost
    assert inspect(built).ok


@pytest.mark.parametrize("edit", ["heading", "title"])
def test_a_changed_heading_or_title_is_re_embedded(built: Settings, edit: str) -> None:
    if edit == "heading":
        path = built.corpus_dir / "gd-ip-protection-2024.txt"
        text = path.read_text(encoding="utf-8")
        assert "从严加强知识产权司法保护" in text
        path.write_text(text.replace("从严加强知识产权司法保护", "全面加强知识产权司法保护"), encoding="utf-8")
    else:
        meta_path = built.corpus_dir / "metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        for d in meta["documents"]:
            if d["id"] == "gd-ip-top10-events-2024":
                d["title_zh"] += "(修订)"
                d["title_en"] += " (revised)"
        meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    report = build_index(built)
    assert report.embedded > 0
    manifest = report.manifest
    chunks = read_chunks(built.index_dir / manifest.chunks_file)
    stored = open_store(built).vectors(manifest.collection, [c.id for c in chunks])
    fake = FakeEmbedder()
    stale = [c.id for c in chunks if stored[c.id] != pytest.approx(fake.vector(c.search_text), abs=1e-6)]
    assert stale == [], f"{len(stale)} chunks keep the vector of their old text"


def test_a_collection_a_reader_holds_survives_two_builds(built: Settings) -> None:
    first = read_manifest(built)
    assert first is not None
    lease = hold(built.index_dir, first.build_id)
    assert lease is not None
    assert builds_in_use(built.index_dir) == {first.build_id}
    build_index(built, force=True)
    third = build_index(built, force=True).manifest
    store = open_store(built)
    assert first.collection in store.collections()  # the app reading it still can
    assert store.count(first.collection) == sum(first.chunk_counts.values())
    lease.release()
    build_index(built, force=True)
    names = open_store(built).collections()
    assert first.collection not in names and third.collection in names


def test_a_dead_readers_lease_does_not_keep_a_build(built: Settings) -> None:
    first = read_manifest(built)
    assert first is not None
    readers = built.index_dir / "readers"
    readers.mkdir(exist_ok=True)
    (readers / f"{first.build_id}.999999.dead").write_text("")  # left by a killed app
    assert builds_in_use(built.index_dir) == set()
    assert list(readers.iterdir()) == []


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_dropped_collections_leave_no_folders(built: Settings) -> None:
    for _ in range(3):
        build_index(built, force=True)
    chroma = built.index_dir / "chroma"
    folders = {p.name for p in chroma.iterdir() if p.is_dir() and _UUID.match(p.name)}
    with sqlite3.connect(chroma / "chroma.sqlite3") as db:
        live = {row[0] for row in db.execute("SELECT id FROM segments")}
    assert len(open_store(built).collections()) == 2  # current and previous
    assert folders <= live, f"{len(folders - live)} folders of dropped collections left on disk"


def test_vector_reuse_works_above_sqlites_variable_limit(tmp_path: Path) -> None:
    from index.store import ChunkStore

    store = ChunkStore(path=tmp_path / "chroma")
    store.create("chunks_big")
    n = 33_000  # SQLite allows 32,766 variables per statement
    ids = [f"c{i}" for i in range(n)]
    store.add("chunks_big", ids, [[1.0, float(i % 7), 0.5] for i in range(n)], [{"lang": "zh"}] * n, batch=5000)
    got = store.vectors("chunks_big", ids)
    assert len(got) == n and got["c32999"] == pytest.approx([1.0, 32999 % 7, 0.5])


def test_an_oversized_corpus_file_is_refused_by_name(tmp_path: Path) -> None:
    settings = make_workspace(tmp_path, max_doc_mb=0.05)
    report = build_index(settings)
    skipped = dict(report.skipped)
    assert "gd-ip-plan-14th-fyp.txt" in skipped  # 64 KB, over a 0.05 MB limit
    assert "0.05 MB limit" in skipped["gd-ip-plan-14th-fyp.txt"] and "QA_MAX_DOC_MB" in skipped["gd-ip-plan-14th-fyp.txt"]
    assert "gd-ip-plan-14th-fyp" not in report.manifest.documents and len(report.manifest.documents) == 4
