"""Thin adapter around Chroma: collections of chunk vectors, embedded or on a server.

We always pass vectors ourselves; a collection is created with no embedding function, so
Chroma's default one (which downloads a model) is never used.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

COLLECTION_PREFIX = "chunks_"


class ChunkStore:
    """Vectors by chunk id, one Chroma collection per index build."""

    def __init__(self, *, path: Path | None = None, url: str | None = None) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        # Telemetry would try to reach the network; this machine has none.
        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if url:
            parsed = urlparse(url)
            self._client: Any = chromadb.HttpClient(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=chroma_settings,
            )
            self.location = url
        elif path is not None:
            path.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            self.location = str(path)
        else:
            raise ValueError("ChunkStore needs a path (embedded) or a url (server)")

    def collections(self) -> list[str]:
        names = [c if isinstance(c, str) else c.name for c in self._client.list_collections()]
        return sorted(n for n in names if n.startswith(COLLECTION_PREFIX))

    def _collection(self, name: str, create: bool = False) -> Any:
        if create:
            return self._client.create_collection(
                name=name, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
        return self._client.get_collection(name=name, embedding_function=None)

    def create(self, name: str) -> None:
        self._collection(name, create=True)

    def add(self, name: str, ids: Sequence[str], vectors: Sequence[Sequence[float]],
            metadatas: Sequence[dict[str, str | int]], batch: int = 512) -> None:
        col = self._collection(name)
        for i in range(0, len(ids), batch):
            col.add(ids=list(ids[i : i + batch]), embeddings=[list(v) for v in vectors[i : i + batch]],
                    metadatas=list(metadatas[i : i + batch]))

    def vectors(self, name: str, ids: Sequence[str]) -> dict[str, list[float]]:
        """Stored vectors for those ids that exist in collection ``name``."""
        if not ids:
            return {}
        col = self._collection(name)
        got = col.get(ids=list(ids), include=["embeddings"])
        return {i: [float(x) for x in v] for i, v in zip(got["ids"], got["embeddings"], strict=True)}

    def count(self, name: str) -> int:
        return int(self._collection(name).count())

    def query(self, name: str, vector: Sequence[float], k: int,
              where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks."""
        col = self._collection(name)
        res = col.query(query_embeddings=[list(vector)], n_results=k, where=where, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def drop(self, name: str) -> None:
        with contextlib.suppress(Exception):  # already gone is fine
            self._client.delete_collection(name=name)
