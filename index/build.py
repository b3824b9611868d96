"""Building the index: corpus → clean → chunk → embed → Chroma, incrementally and safely.

Safety: every build writes a new collection and a new chunks file, and only when both are
complete does it replace ``manifest.json`` (write to a temporary file, fsync, ``os.replace``).
A build killed part-way leaves the previous manifest — and so the previous index — untouched;
its half-written collection is collected by the next build.

Incremental: a build copies from the previous collection the vectors of documents whose chunks'
embedded texts (``index.embed_chunks.embed_keys``: search texts, titles and section paths
included) are all unchanged, and embeds the other documents whole. When the corpus, the code's pipeline version and the model are all
unchanged and the index is intact (``index.check``), nothing is done; a damaged part is rebuilt.

Sharing: a build drops only collections its own data folder created (``builds/<id>`` is the
record) and no reader holds (``index.leases``): other data folders on the same Chroma server
and a running app's build are left alone.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from index.attach import attach_figures
from index.check import is_sound
from index.chunk import chunk_document
from index.citable import raw_spans_of
from index.clean import clean_document
from index.corpus import corpus_fingerprint, read_corpus
from index.embed_chunks import LazyPassages, embed_documents, embed_keys
from index.glossary import Glossary
from index.jieba_dict import write_jieba_dict
from index.keywords import build_derived, derived_key
from index.leases import builds_in_use
from index.meaning import build_meanings
from index.meaning_gloss import record_gloss
from index.parts import DocumentParts
from index.problems import IndexMissing, IndexProblem, IndexStale, StoreDamaged
from index.query_files import sealed_intact, write_query_files
from index.query_tokenizer import write_for_build
from index.settings import Settings
from index.types import Chunk, CleanDoc, DocMeta, Manifest
from index.version import pipeline_version

log = logging.getLogger(__name__)

PIPELINE_VERSION = pipeline_version()  # a hash of the stage code and word lists (index/version.py)
MANIFEST_FILE = "manifest.json"
BUILDS_DIR = "builds"


@dataclass(frozen=True)
class BuildReport:
    status: str  # "built" | "repaired" | "up-to-date"
    documents: int
    chunks: dict[str, int]
    embedded: int
    reused: int
    seconds: float
    skipped: list[tuple[str, str]]
    manifest: Manifest
    repairs: list[str] = field(default_factory=list)

    def summary(self) -> str:
        per_lang = ", ".join(f"{n} {lang}" for lang, n in sorted(self.chunks.items()))
        head = {"up-to-date": "Index is up to date", "repaired": "Index repaired"}.get(self.status, "Index built")
        lines = [f"repaired: {r}" for r in self.repairs] + [
            (f"{head}: "
             f"{self.documents} documents, {sum(self.chunks.values())} chunks ({per_lang}); "
             f"embedded {self.embedded}, reused {self.reused}; {self.seconds:.1f} s"),
        ]
        lines += [f"skipped {name}: {reason}" for name, reason in self.skipped]
        return "\n".join(lines)


# --- model identity ----------------------------------------------------------------------------


def model_identity(settings: Settings) -> tuple[str, str]:
    """(model id, hash) of the embedder the settings select, without loading it."""
    if settings.embedder == "fake":
        return "fake-sha256-384", "fake"
    manifest = settings.model_dir / "model.json"
    if not manifest.is_file():
        raise IndexMissing(
            f"The embedding model is not built ({manifest} is missing): run `make model` "
            "(or `python -m index.model_export`), then `qa index`."
        )
    from index.embed import MODEL_FILES

    try:
        digest = json.loads(manifest.read_text())["files"][MODEL_FILES[settings.model_variant]]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IndexProblem(
            f"The model manifest {manifest} is unreadable ({type(e).__name__}: {e}): "
            "rebuild the model with `make model` (or `python -m index.model_export`), then `qa index`."
        ) from e
    return f"multilingual-e5-small-{settings.model_variant}", str(digest)


def load_embedder(settings: Settings):  # type: ignore[no-untyped-def]
    from index.embed import E5Embedder, FakeEmbedder

    if settings.embedder == "fake":
        return FakeEmbedder()
    return E5Embedder(settings.model_dir, variant=settings.model_variant, threads=settings.threads)


# --- manifest ----------------------------------------------------------------------------------


def read_manifest(settings: Settings) -> Manifest | None:
    path = settings.index_dir / MANIFEST_FILE
    if not path.is_file():
        return None
    try:
        return Manifest.model_validate_json(path.read_text())
    except ValueError as e:
        raise IndexStale(f"{path} is unreadable ({e}); run `qa index` to rebuild the index") from e


def check_manifest(settings: Settings, manifest: Manifest | None) -> Manifest:
    """The manifest, if the index matches this code, model and corpus; else a clear error."""
    if manifest is None:
        raise IndexMissing(f"No index at {settings.index_dir}: run `qa index` to build it.")
    problems = []
    if manifest.pipeline_version != PIPELINE_VERSION:
        problems.append(f"built by cleaning/chunking {manifest.pipeline_version}, code is {PIPELINE_VERSION}")
    model_id, model_hash = model_identity(settings)
    if (manifest.model_id, manifest.model_hash) != (model_id, model_hash):
        problems.append(f"built with model {manifest.model_id} ({manifest.model_hash[:12]}), "
                        f"settings select {model_id} ({model_hash[:12]})")
    if manifest.corpus_fingerprint != corpus_fingerprint(settings.corpus_dir):
        problems.append(f"the corpus in {settings.corpus_dir} changed since the index was built")
    if problems:
        raise IndexStale("The index is stale: " + "; ".join(problems) + ". Run `qa index` to reindex.")
    return manifest


def _write_manifest(settings: Settings, manifest: Manifest) -> None:
    path = settings.index_dir / MANIFEST_FILE
    tmp = path.with_suffix(f".tmp-{manifest.build_id}")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(manifest.model_dump_json(indent=2))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)  # atomic: readers see the old manifest or the new one, never half


@contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise IndexProblem(f"Another `qa index` is running on {index_dir}; wait for it to finish.") from e
        yield


# --- chunks file -------------------------------------------------------------------------------


def write_chunks(path: Path, chunks: list[Chunk]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(c.model_dump_json() + "\n" for c in chunks)
        f.flush()
        os.fsync(f.fileno())


def read_chunks(path: Path) -> list[Chunk]:
    with open(path, encoding="utf-8") as f:
        return [Chunk.model_validate_json(line) for line in f if line.strip()]


def open_store(settings: Settings):  # type: ignore[no-untyped-def]
    from index.store import ChunkStore

    if settings.chroma_url:
        return ChunkStore(url=settings.chroma_url)
    return ChunkStore(path=settings.index_dir / "chroma")


# --- the build ---------------------------------------------------------------------------------


def make_chunks(settings: Settings) -> tuple[list[Chunk], dict[str, str], list[tuple[str, str]],
                                             dict[str, tuple[DocMeta, CleanDoc]]]:
    """Clean and chunk every readable document: (chunks, doc id → file hash, skipped, doc id →
    (metadata, clean document))."""
    corpus = read_corpus(settings.corpus_dir, settings.max_doc_mb)
    chunks: list[Chunk] = []
    cleaned: dict[str, tuple[DocMeta, CleanDoc]] = {}
    for doc in corpus.documents:
        clean = clean_document(doc.text, doc.meta, doc.encoding)
        cleaned[doc.meta.id] = (doc.meta, clean)
        chunks += attach_figures(chunk_document(clean, doc.meta))
    docs = {d.meta.id: d.sha256 for d in corpus.documents}
    for name, reason in corpus.skipped:
        log.warning("skipped %s: %s", name, reason)
    return chunks, docs, corpus.skipped, cleaned


def build_index(
    settings: Settings,
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Build or update the index; return what was done."""
    t0 = time.perf_counter()
    with _build_lock(settings.index_dir):
        fingerprint = corpus_fingerprint(settings.corpus_dir)
        model_id, model_hash = model_identity(settings)
        old = _readable_manifest(settings)
        store, repairs = _open_store_repairing(settings)
        same_inputs = (
            old is not None
            and old.corpus_fingerprint == fingerprint
            and old.pipeline_version == PIPELINE_VERSION
            and (old.model_id, old.model_hash) == (model_id, model_hash)
            and _same_store(old.chroma, settings)
        )
        if old is not None and same_inputs and not force:
            # "Up to date" only for an index that is intact: a cut chunks file or a lost
            # collection would otherwise be reported fine and fail at the first question.
            repairs += is_sound(settings, old, store)
            if not repairs:
                return BuildReport("up-to-date", len(old.documents), old.chunk_counts, 0, 0,
                                   time.perf_counter() - t0, old.skipped, old)
        for problem in repairs:
            log.warning("repairing: %s", problem)

        chunks, docs, skipped, cleaned = make_chunks(settings)
        in_use = builds_in_use(settings.index_dir)
        _collect_garbage(settings, store, keep=_keep(old, in_use))

        reusable: dict[str, np.ndarray] = {}
        keys = embed_keys(chunks)
        # The previous build's vectors (chunks and figure meanings) are reused only where it used this
        # model and the build is not forced.
        reuse_vectors = old is not None and (old.model_id, old.model_hash) == (model_id, model_hash) and not force
        if old is not None and reuse_vectors:
            try:
                records = store.records(old.collection, [c.id for c in chunks])
                reusable = {cid: np.asarray(v, dtype=np.float32)
                            for cid, (v, meta) in records.items() if meta.get("embed") == keys[cid]}
            except IndexProblem as e:  # a missing old collection just means re-embed
                log.warning("previous vectors unavailable (%s); embedding everything", e)
        # One model for chunks and figure meanings, let go of while the corpus-sized steps run.
        embed = LazyPassages(lambda: load_embedder(settings))
        # Tests of interrupted builds slow the fake embedder down to kill it mid-way.
        delay = float(os.environ.get("QA_FAKE_EMBED_DELAY", "0")) if settings.embedder == "fake" else 0.0
        vectors, embedded = embed_documents(chunks, reusable, embed, progress=progress, delay=delay)
        embed.release()

        build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        collection = collection_name(build_id)
        chunks_file = f"{BUILDS_DIR}/{build_id}/chunks.jsonl"
        # The build's folder exists before its collection: it is this data folder's proof of
        # ownership, so a half-written collection is collected here and nowhere else.
        write_chunks(settings.index_dir / chunks_file, chunks)
        # The keyword index, glossary, figure records and what citations quote (index.keywords,
        # index.citable), so no question has to make them; each document's tokens and records
        # reused from the previous build where it is unchanged (index.parts).
        chunks_path = settings.index_dir / chunks_file
        previous = [settings.index_dir / Path(old.chunks_file).parent] if old is not None else []
        lexicon, records, keywords = build_derived(derived_key(chunks_path), chunks, raw_spans_of(cleaned),
                                                   DocumentParts(chunks_path.parent, previous), docs)
        # jieba's dictionary as query time looks words up in it (index.jieba_dict), before the seal.
        write_jieba_dict(chunks_path.parent, previous, sealed_intact)
        if settings.embedder != "fake":  # e5's tokenizer cut to the questions' pieces (index.query_tokenizer)
            write_for_build(settings.model_dir, (c.text for c in chunks), chunks_path.parent)
        write_query_files(chunks_path.parent, lexicon, records, keywords, cleaned)
        # What each figure means, embedded (index.meaning); the previous build's vectors reused.
        # Each description carries its metric in the other language too (index.meaning_gloss).
        gloss = record_gloss(Glossary.with_mined(lexicon.mined_pairs))
        del lexicon, keywords, cleaned  # written: room for the model, should the meanings need it
        # Another model's (or a forced build's) vectors are not reused, as the chunks' are not.
        build_meanings(chunks_path.parent, records, embed, previous if reuse_vectors else [], gloss)
        embed.release()
        store.create(collection)
        store.add(
            collection,
            [c.id for c in chunks],
            [vectors[c.id] for c in chunks],
            [{"doc_id": c.doc_id, "lang": c.lang, "year": c.year, "kind": c.kind, "embed": keys[c.id]}
             for c in chunks],
        )
        if store.count(collection) != len(chunks):
            raise IndexProblem(f"Chroma stored {store.count(collection)} of {len(chunks)} chunks; index not replaced")
        manifest = Manifest(
            build_id=build_id,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            build_seconds=round(time.perf_counter() - t0, 2),
            corpus_fingerprint=fingerprint,
            documents=docs,
            model_id=model_id,
            model_hash=model_hash,
            model_variant=settings.model_variant if settings.embedder == "e5" else "fake",
            pipeline_version=PIPELINE_VERSION,
            collection=collection,
            chunks_file=chunks_file,
            chroma=_chroma_location(settings),
            chunk_counts=dict(Counter(c.lang for c in chunks)),
            skipped=skipped,
        )
        _write_manifest(settings, manifest)
        # Keep the previous build one generation (a `qa ask` may have just loaded it) and every
        # build a live reader (an app, a `--file` run) still holds.
        _collect_garbage(settings, store, keep=_keep(old, builds_in_use(settings.index_dir)) | {collection})
        store.sweep_segments()
        return BuildReport("repaired" if repairs else "built", len(docs), manifest.chunk_counts, embedded,
                           len(chunks) - embedded, time.perf_counter() - t0, skipped, manifest, repairs)


def collection_name(build_id: str) -> str:
    return f"chunks_{build_id.replace('T', '_').replace('-', '_')}"


def _keep(old: Manifest | None, in_use: set[str]) -> set[str]:
    return ({old.collection} if old else set()) | {collection_name(b) for b in in_use}


def _open_store_repairing(settings: Settings):  # type: ignore[no-untyped-def]
    """The store, and what was repaired to open it: an embedded store Chroma cannot read is
    moved aside (never deleted: it may be all someone has) and a fresh one is made."""
    try:
        store = open_store(settings)
        store.collections()
        return store, []
    except StoreDamaged as e:
        if settings.chroma_url:
            raise
        folder = settings.index_dir / "chroma"
        aside = folder.with_name(f"chroma.damaged-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}")
        os.replace(folder, aside)
        note = f"{e} — set aside as {aside} (delete it once the new index works)"
        return open_store(settings), [note]


def _same_store(recorded: str, settings: Settings) -> bool:
    """An embedded store is always ``<data folder>/index/chroma``: a data folder moved or
    copied elsewhere still holds its own store, so only a server URL must match exactly."""
    if settings.chroma_url:
        return recorded == settings.chroma_url
    return not recorded.startswith(("http://", "https://"))


def _chroma_location(settings: Settings) -> str:
    return settings.chroma_url or str(settings.index_dir / "chroma")


def _readable_manifest(settings: Settings) -> Manifest | None:
    try:
        return read_manifest(settings)
    except IndexStale:
        return None


def _collect_garbage(settings: Settings, store, keep: set[str]) -> None:  # type: ignore[no-untyped-def]
    """Drop this data folder's collections and chunk files that are not in ``keep``.

    A collection is this folder's when its build folder is here (``builds/<id>``, made before
    the collection): with a shared Chroma server, other data folders' collections are
    never touched. An embedded store belongs to this folder alone, so all its collections do.
    """
    builds = settings.index_dir / BUILDS_DIR
    ours = {collection_name(d.name): d for d in builds.iterdir()} if builds.is_dir() else {}
    embedded = not settings.chroma_url
    for name in store.collections():
        if name not in keep and (embedded or name in ours):
            store.drop(name)
    for name, d in ours.items():
        if name not in keep:
            if not embedded and name in store.collections():
                continue  # the drop failed (server away): keep the proof of ownership for next time
            shutil.rmtree(d, ignore_errors=True)
