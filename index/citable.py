"""What a citation needs from each document, saved by ``qa index`` so no question re-reads or
re-cleans a document: its clean text and paragraphs (``clean/<doc id>.json``) and, per clean
character, the raw-file span it came from (``clean/<doc id>.npy``, two int32 rows);
and the table of documents (``documents.json``: each one's metadata and the places its title
names), which the API reads instead of the corpus folder.

A document is read on its first citation and kept.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.places import ancestors, document_place
from index.problems import IndexDamaged
from index.records import RawSpan
from index.types import Chunk, CleanDoc, DocMeta, Paragraph

CLEAN_DIR = "clean"
DOCUMENTS_FILE = "documents.json"
FORMAT = 1


@dataclass(frozen=True)
class DocumentInfo:
    meta: DocMeta
    places: frozenset[str]  # its place (metadata, else its title) and the places containing it


def document_info(meta: DocMeta) -> DocumentInfo:
    place = document_place(meta)
    return DocumentInfo(meta, frozenset((place, *ancestors(place))) if place else frozenset())


def _replace(path: Path, write: object) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp{path.suffix}")
    try:
        write(tmp)  # type: ignore[operator]
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def write_citable(folder: Path, docs: Mapping[str, tuple[DocMeta, CleanDoc]]) -> None:
    """Every document's clean text and character map, then the table of documents (last: a
    table that names a document vouches for its files)."""
    clean = folder / CLEAN_DIR
    clean.mkdir(parents=True, exist_ok=True)
    for doc_id, (_, doc) in docs.items():
        spans = np.array([doc.raw_starts, doc.raw_ends], dtype=np.int32).reshape(2, len(doc.text))
        _replace(clean / f"{doc_id}.npy", lambda p, a=spans: np.save(p, a))
        body = {"format": FORMAT, "doc_id": doc.doc_id, "encoding": doc.encoding, "text": doc.text,
                "paragraphs": [p.model_dump() for p in doc.paragraphs]}
        _replace(clean / f"{doc_id}.json",
                 lambda p, b=body: p.write_text(json.dumps(b, ensure_ascii=False), encoding="utf-8"))
    table = {"format": FORMAT, "documents": [m.model_dump() for m, _ in docs.values()]}
    _replace(folder / DOCUMENTS_FILE,
             lambda p: p.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8"))


def read_documents(folder: Path) -> dict[str, DocumentInfo]:
    """The table of documents of a build; IndexDamaged when missing or unreadable."""
    path = folder / DOCUMENTS_FILE
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        if table.get("format") != FORMAT:
            raise ValueError(f"format {table.get('format')!r}")
        metas = [DocMeta.model_validate(m) for m in table["documents"]]
    except FileNotFoundError as e:
        raise IndexDamaged(f"The table of documents {path} is missing: run `qa index` to rebuild it.") from e
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise IndexDamaged(f"The table of documents {path} is damaged ({type(e).__name__}): "
                           "run `qa index` to rebuild it.") from e
    return {m.id: document_info(m) for m in metas}


class CleanDocs:
    """doc id → its CleanDoc, read from the build on first use (thread-safe)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / CLEAN_DIR
        self._docs: dict[str, CleanDoc] = {}
        self._lock = threading.Lock()

    def __call__(self, doc_id: str) -> CleanDoc:
        with self._lock:
            if doc_id not in self._docs:
                self._docs[doc_id] = self._read(doc_id)
            return self._docs[doc_id]

    def _read(self, doc_id: str) -> CleanDoc:
        base = self.folder / doc_id
        try:
            body = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
            spans = np.load(base.with_suffix(".npy"), mmap_mode="r")
            if body.get("format") != FORMAT or spans.ndim != 2 or spans.shape != (2, len(body["text"])):
                raise ValueError("its text and its character map disagree")
            paragraphs = [Paragraph.model_validate(p) for p in body["paragraphs"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise IndexDamaged(f"The clean text of {doc_id} in {self.folder} is missing or damaged "
                               f"({type(e).__name__}): run `qa index` to rebuild it.") from e
        # Not validated again (written by the build from a validated CleanDoc): a read is a few
        # milliseconds, where cleaning the document again took tens.
        return CleanDoc.model_construct(doc_id=body["doc_id"], encoding=body["encoding"], text=body["text"],
                                        raw_starts=spans[0].tolist(), raw_ends=spans[1].tolist(),
                                        paragraphs=paragraphs)


def raw_spans_of(docs: Mapping[str, tuple[DocMeta, CleanDoc]]) -> RawSpan:
    """Where a span of a chunk's text lies in its raw file, from documents cleaned once by the build."""

    def span(chunk: Chunk, start: int, end: int) -> tuple[int, int]:
        if chunk.doc_id not in docs:
            return chunk.raw_start, chunk.raw_end
        return docs[chunk.doc_id][1].raw_span(chunk.start + start, chunk.start + end)

    return span
