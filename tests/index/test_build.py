"""The build is incremental, safe against interruption, and refuses a stale index."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.build import build_index, check_manifest, read_chunks, read_manifest
from index.problems import IndexMissing, IndexStale
from index.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture
def workspace(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    return Settings(corpus_dir=corpus, data_dir=tmp_path / "data", embedder="fake")


def _qa(settings: Settings, *args: str, env: dict[str, str] | None = None, **kw) -> subprocess.Popen:
    full_env = {**os.environ, "QA_CORPUS_DIR": str(settings.corpus_dir), "QA_DATA_DIR": str(settings.data_dir),
                "QA_EMBEDDER": "fake", **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "qa", *args], env=full_env, cwd=PROJECT_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _stored_ids(settings: Settings) -> set[str]:
    from index.build import open_store

    manifest = read_manifest(settings)
    assert manifest is not None
    store = open_store(settings)
    chunks = read_chunks(settings.index_dir / manifest.chunks_file)
    ids = [c.id for c in chunks]
    assert store.count(manifest.collection) == len(ids)
    return set(store.vectors(manifest.collection, ids))


def test_second_build_embeds_nothing(workspace):
    first = build_index(workspace)
    assert first.status == "built" and first.embedded > 200 and first.reused == 0
    second = build_index(workspace)
    assert second.status == "up-to-date" and second.embedded == 0
    assert second.manifest.build_id == first.manifest.build_id


def test_changing_one_document_reembeds_that_document_alone(workspace):
    first = build_index(workspace)
    path = workspace.corpus_dir / "gd-ip-protection-2024.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("存案11337件", "存案11338件"), encoding="utf-8")
    second = build_index(workspace)
    assert second.status == "built"
    # Its chunks are embedded together, as a fresh build would (index.embed_chunks); the others reused.
    changed = [c for c in read_chunks(workspace.index_dir / second.manifest.chunks_file)
               if c.doc_id == "gd-ip-protection-2024"]
    assert second.embedded == len(changed) < sum(first.chunks.values()) / 2
    assert second.reused == sum(first.chunks.values()) - len(changed)
    assert any("11338" in c.text for c in read_chunks(workspace.index_dir / second.manifest.chunks_file))


def test_removed_document_leaves_no_stale_chunks(workspace):
    build_index(workspace)
    meta_path = workspace.corpus_dir / "metadata.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["documents"] = [d for d in meta["documents"] if d["id"] != "gd-ip-top10-events-2024"]
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    (workspace.corpus_dir / "gd-ip-top10-events-2024.txt").unlink()
    report = build_index(workspace)
    chunks = read_chunks(workspace.index_dir / report.manifest.chunks_file)
    assert not any(c.doc_id == "gd-ip-top10-events-2024" for c in chunks)
    assert _stored_ids(workspace) == {c.id for c in chunks}
    assert "gd-ip-top10-events-2024" not in report.manifest.documents


def test_bad_files_are_skipped_by_name_and_nothing_is_lost(workspace):
    first = build_index(workspace)
    meta_path = workspace.corpus_dir / "metadata.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    template = {k: v for k, v in meta["documents"][1].items()}
    for name, data in [("empty.txt", b""), ("blob.txt", bytes(range(256)) * 64)]:
        (workspace.corpus_dir / name).write_bytes(data)
        meta["documents"].append({**template, "id": name[:-4], "file": name})
    # A Big5 copy of the Guangzhou news item must be read as the same text.
    gz = (workspace.corpus_dir / "gz-ip-admin-protection-2023.txt").read_text(encoding="utf-8")
    big5_text = gz.split("\n")[0]
    (workspace.corpus_dir / "gz-big5.txt").write_bytes(big5_text.encode("big5", errors="ignore"))
    meta["documents"].append({**template, "id": "gz-big5", "file": "gz-big5.txt"})
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    (workspace.corpus_dir / "stray.txt").write_text("no metadata for me", encoding="utf-8")

    report = build_index(workspace)
    skipped = dict(report.skipped)
    assert "empty" in skipped["empty.txt"]
    assert "binary" in skipped["blob.txt"]
    assert "metadata" in skipped["stray.txt"]
    assert "gz-big5" in report.manifest.documents
    chunks = read_chunks(workspace.index_dir / report.manifest.chunks_file)
    assert sum(1 for c in chunks if c.doc_id != "gz-big5") == sum(first.chunks.values())
    assert any(c.doc_id == "gz-big5" and "廣州市在全國133個" in c.text for c in chunks)


def test_cli_warns_with_the_file_name(workspace):
    (workspace.corpus_dir / "stray.bin").write_bytes(b"\x00\x01")
    proc = _qa(workspace, "index", "--quiet")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "stray.bin" in out + err
    assert "5 documents" in out


def test_interrupted_build_leaves_previous_index_usable(workspace):
    first = build_index(workspace)
    before = _stored_ids(workspace)
    # Force a full re-embed that is slow enough to kill half-way.
    proc = _qa(workspace, "index", "--force", "--quiet", env={"QA_FAKE_EMBED_DELAY": "0.3"})
    time.sleep(2.5)
    assert proc.poll() is None, "build finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    manifest = read_manifest(workspace)
    assert manifest is not None and manifest.build_id == first.manifest.build_id
    assert check_manifest(workspace, manifest) == manifest
    assert _stored_ids(workspace) == before
    # The next build completes and clears the half-written collection.
    again = build_index(workspace, force=True)
    from index.build import open_store

    assert set(open_store(workspace).collections()) <= {again.manifest.collection, first.manifest.collection}


def test_stale_or_missing_index_says_to_reindex(workspace):
    with pytest.raises(IndexMissing, match="qa index"):
        check_manifest(workspace, read_manifest(workspace))
    build_index(workspace)
    manifest = read_manifest(workspace)
    path = workspace.corpus_dir / "gz-ip-admin-protection-2023.txt"
    path.write_bytes(path.read_bytes() + "\n補充。".encode())
    with pytest.raises(IndexStale, match="corpus .* changed.*qa index"):
        check_manifest(workspace, manifest)
    stale = manifest.model_copy(update={"pipeline_version": "clean-0+chunk-0"})
    with pytest.raises(IndexStale, match="qa index"):
        check_manifest(workspace, stale)
    other_model = manifest.model_copy(update={"model_hash": "0" * 64})
    with pytest.raises(IndexStale, match="model"):
        check_manifest(workspace, other_model)


def test_build_runs_with_network_blocked(workspace, tmp_path):
    """Every outbound connection raises: the build must not need one."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(
        "import socket\n"
        "_orig = socket.socket.connect\n"
        "def _deny(self, address):\n"
        "    host = address[0] if isinstance(address, tuple) else str(address)\n"
        "    if isinstance(address, tuple) and host not in ('127.0.0.1', '::1', 'localhost'):\n"
        "        raise OSError(f'network blocked in test: {address}')\n"
        "    return _orig(self, address)\n"
        "socket.socket.connect = _deny\n"
        "socket.create_connection = lambda *a, **k: (_ for _ in ()).throw(OSError('network blocked'))\n"
    )
    env = {"PYTHONPATH": f"{guard}{os.pathsep}{PROJECT_ROOT}", "HF_HUB_OFFLINE": "1"}
    proc = _qa(workspace, "index", "--quiet", env=env)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "Index built" in out


def test_same_code_builds_into_a_chroma_server(tmp_path):
    """QA_CHROMA_URL points the build at a `chroma run` server instead of the embedded store."""
    import socket

    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        pytest.skip("chroma CLI not installed in this environment")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "srv"), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        corpus = tmp_path / "corpus"
        shutil.copytree(CORPUS, corpus)
        settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data", embedder="fake",
                            chroma_url=f"http://127.0.0.1:{port}")
        report = build_index(settings)
        assert report.manifest.chroma == f"http://127.0.0.1:{port}"
        assert not (settings.index_dir / "chroma").exists()  # nothing embedded locally
        assert len(_stored_ids(settings)) == sum(report.chunks.values())
        assert build_index(settings).status == "up-to-date"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_forced_build_embeds_the_figure_meanings_again(workspace, monkeypatch):
    # Another model's vectors (or those a forced build distrusts) are not reused for the meanings,
    # as they are not for the chunks.
    from index import build

    build_index(workspace)
    seen: list[list] = []
    real = build.build_meanings

    def spy(folder, records, embed, previous, gloss=None):  # type: ignore[no-untyped-def]
        seen.append(list(previous))
        return real(folder, records, embed, previous, gloss)

    monkeypatch.setattr(build, "build_meanings", spy)
    build_index(workspace)  # nothing changed: an up-to-date index is not rebuilt
    build_index(workspace, force=True)
    assert seen == [[]]
