"""Thin adapter around Chroma: collections of chunk vectors, embedded or on a server.

We always pass vectors ourselves; a collection is created with no embedding function, so
Chroma's default one (which downloads a model) is never used.

Every Chroma or network error leaves this module as a ``StoreProblem`` (or ``IndexDamaged``
for a missing collection) whose one-line message names the store and what to do.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from index.offline import go_offline
from index.problems import IndexDamaged, StoreDamaged, StoreProblem

COLLECTION_PREFIX = "chunks_"
# SQLite allows 32,766 variables per statement, and Chroma's get() binds one per id: asking
# for more ids at once failed ("too many SQL variables") and made large corpora re-embed all.
GET_BATCH = 5000
SQLITE_FILE = "chroma.sqlite3"
_SEGMENT_DIR = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _one_line(e: BaseException) -> str:
    lines = str(e).strip().splitlines()
    return f"{type(e).__name__}: {lines[0][:200]}" if lines else type(e).__name__


class ChunkStore:
    """Vectors by chunk id, one Chroma collection per index build."""

    def __init__(self, *, path: Path | None = None, url: str | None = None) -> None:
        go_offline()
        import chromadb

        self._handles: dict[str, Any] = {}  # collection name → Chroma's handle (see _collection)
        from chromadb.config import Settings as ChromaSettings

        # Telemetry would try to reach the network; this machine has none.
        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        self.path = path
        self.url = url
        if url:
            parsed = urlparse(url)
            self.location = url
            with self._guard():
                self._client: Any = chromadb.HttpClient(
                    host=parsed.hostname or "127.0.0.1",
                    port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https",
                    settings=chroma_settings,
                )
        elif path is not None:
            self.location = str(path)
            _check_writable(path)
            if not (path / SQLITE_FILE).exists():
                _forget_system(str(path))  # the folder was deleted under a client of this process
            try:
                with self._guard():
                    self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            except StoreProblem:
                _forget_system(str(path))  # chromadb caches a system even when it failed to start
                raise
        else:
            raise ValueError("ChunkStore needs a path (embedded) or a url (server)")

    @contextlib.contextmanager
    def _guard(self, collection: str | None = None) -> Iterator[None]:
        """Turn Chroma's and the network's exceptions into one-line problems naming the store."""
        try:
            yield
        except (IndexDamaged, StoreProblem):
            raise
        except Exception as e:  # classified below, re-raised with a message
            raise self._problem(e, collection) from e

    def _problem(self, e: Exception, collection: str | None) -> Exception:
        text = str(e)
        name = type(e).__name__
        if collection and (name == "NotFoundError" or "does not exist" in text):
            return IndexDamaged(
                f"Collection {collection} is missing from the Chroma store at {self.location}: "
                "run `qa index` to rebuild it (an app started before that rebuild must be restarted)."
            )
        if self.url and (isinstance(e, ConnectionError | OSError) or "connect" in text.lower()
                         or type(e).__module__.startswith(("httpx", "httpcore"))):
            return StoreProblem(
                f"Cannot reach the Chroma server at {self.url} (QA_CHROMA_URL; {_one_line(e)}): start it "
                "(`chroma run --path DIR --port N`) or unset QA_CHROMA_URL to use the embedded store."
            )
        if "readonly" in text.lower() or "read-only" in text.lower():
            return StoreProblem(_read_only(Path(self.location)))
        return StoreDamaged(
            f"The Chroma store at {self.location} is damaged or unreadable ({_one_line(e)}): "
            "run `qa index` to set it aside and rebuild the index (`qa doctor` shows its state)."
        )

    def collections(self) -> list[str]:
        with self._guard():
            names = [c if isinstance(c, str) else c.name for c in self._client.list_collections()]
        return sorted(n for n in names if n.startswith(COLLECTION_PREFIX))

    def _collection(self, name: str, create: bool = False) -> Any:
        with self._guard(name):
            if create:
                self._handles.pop(name, None)
                return self._client.create_collection(
                    name=name, embedding_function=None, metadata={"hnsw:space": "cosine"}
                )
            # Looking a collection up costs a question a few ms a search; a build's collection has
            # a name of its own (index.build.collection_name), so a handle is dropped only with it.
            held = self._handles.get(name)
            if held is None:
                held = self._handles[name] = self._client.get_collection(name=name, embedding_function=None)
            return held

    def create(self, name: str) -> None:
        self._collection(name, create=True)

    def add(self, name: str, ids: Sequence[str], vectors: Sequence[Sequence[float]],
            metadatas: Sequence[dict[str, str | int]], batch: int = 512) -> None:
        col = self._collection(name)
        with self._guard(name):
            for i in range(0, len(ids), batch):
                # float(): a float32 row (index.embed_chunks) gives numpy scalars, which Chroma refuses.
                col.add(ids=list(ids[i : i + batch]), embeddings=[[float(x) for x in v] for v in vectors[i : i + batch]],
                        metadatas=list(metadatas[i : i + batch]))

    def vectors(self, name: str, ids: Sequence[str]) -> dict[str, list[float]]:
        """Stored vectors for those ids that exist in collection ``name``."""
        return {i: v for i, (v, _) in self.records(name, ids).items()}

    def records(self, name: str, ids: Sequence[str]) -> dict[str, tuple[list[float], dict[str, Any]]]:
        """(vector, metadata) for those ids that exist in collection ``name``, fetched in batches."""
        if not ids:
            return {}
        col = self._collection(name)
        out: dict[str, tuple[list[float], dict[str, Any]]] = {}
        with self._guard(name):
            for i in range(0, len(ids), GET_BATCH):
                got = col.get(ids=list(ids[i : i + GET_BATCH]), include=["embeddings", "metadatas"])
                for cid, v, meta in zip(got["ids"], got["embeddings"], got["metadatas"], strict=True):
                    out[cid] = ([float(x) for x in v], dict(meta or {}))
        return out

    def count(self, name: str) -> int:
        col = self._collection(name)
        with self._guard(name):
            return int(col.count())

    def query(self, name: str, vector: Sequence[float], k: int, where: dict[str, Any] | None = None,
              ids: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks; ``where``: a metadata filter;
        ``ids``: the only chunks it may return (Chroma's own ``ids`` argument: the same search
        among the same chunks, without reading every chunk's metadata to find them)."""
        if ids is not None and not ids:
            return []  # no chunk may be returned (Chroma reads an empty list as no filter on some paths)
        col = self._collection(name)
        with self._guard(name):
            res = col.query(query_embeddings=[list(vector)], n_results=k, where=where,
                            ids=list(ids) if ids is not None else None, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def drop(self, name: str) -> None:
        self._handles.pop(name, None)
        with contextlib.suppress(Exception):  # already gone is fine
            self._client.delete_collection(name=name)

    def sweep_segments(self) -> list[str]:
        """Delete segment folders no collection uses (Chroma leaves a dropped collection's
        vectors on disk). Embedded stores only; call with the build lock held."""
        if self.path is None or not (self.path / SQLITE_FILE).is_file():
            return []
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.path / SQLITE_FILE}?mode=ro", uri=True)) as db:
                live = {str(row[0]) for row in db.execute("SELECT id FROM segments")}
        except sqlite3.Error:
            return []  # an unknown schema: leave the folders alone rather than guess
        removed = []
        for d in self.path.iterdir():
            if d.is_dir() and _SEGMENT_DIR.match(d.name) and d.name not in live:
                shutil.rmtree(d, ignore_errors=True)
                removed.append(d.name)
        return removed


def _forget_system(identifier: str) -> None:
    """Drop chromadb's per-process cache entry for an embedded store (keyed by its path)."""
    try:
        from chromadb.api.shared_system_client import SharedSystemClient
    except ImportError:
        return
    systems = getattr(SharedSystemClient, "_identifier_to_system", {})
    system = systems.pop(identifier, None)
    getattr(SharedSystemClient, "_identifier_to_refcount", {}).pop(identifier, None)
    if system is not None:
        with contextlib.suppress(Exception):
            system.stop()


def _read_only(path: Path) -> str:
    return (f"The Chroma store at {path} is read-only, and Chroma opens its store for writing even to "
            "search: make the data folder writable (QA_DATA_DIR), or copy it somewhere writable and "
            "point QA_DATA_DIR there.")


def _check_writable(path: Path) -> None:
    """Refuse a read-only store before Chroma sees it: its native code aborts the process
    (exit 134) on a read-only database instead of raising."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-probe-{id(path):x}"
        probe.touch()
        probe.unlink()
        db = path / SQLITE_FILE
        if db.exists():
            with open(db, "r+b"):
                pass
    except PermissionError as e:
        raise StoreProblem(_read_only(path)) from e
    except OSError as e:
        if e.errno in (30,):  # EROFS: a read-only file system
            raise StoreProblem(_read_only(path)) from e
        raise StoreProblem(f"Cannot open the Chroma store at {path} ({_one_line(e)}): check that folder.") from e
