"""Figure records read per chunk at query time, through the row table ``qa index`` writes beside them.

``figures.jsonl`` holds one record a line (index.keywords). Validating all of them made a cold
start pay for every figure of the corpus before its first question: 0.5-0.6 s of CPU at 20×
(16,290 records, 28 MB), where a question reads the records of a few hundred chunks. The table
(``figures.rows.json``) gives, in the records' order, each chunk's rows and document, each row's
figure index and byte span in ``figures.jsonl``, and each document's place sets (what
``index.filters.documents_for_places`` reads); it is written with the records, under the same key.
A reader loads the table (milliseconds) and maps the records file; a chunk's records are parsed the
first time something asks for them, and kept. Nothing here derives anything from the text.
"""

from __future__ import annotations

import json
import mmap
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from index.problems import IndexDamaged
from index.records import FigureRecord

TABLE_FILE = "figures.rows.json"
FORMAT = 1


def record_lines(key: str, fmt: int, records: Sequence[FigureRecord]) -> tuple[bytes, dict[str, Any]]:
    """The records file's bytes (a header line, then one record a line) and its row table."""
    header = (json.dumps({"format": fmt, "key": key}) + "\n").encode()
    lines = [(r.model_dump_json() + "\n").encode() for r in records]
    offsets = [len(header)]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    chunks: list[str] = []
    starts: list[int] = []
    chunk_docs: list[str] = []
    places: dict[str, set[tuple[str, ...]]] = {}
    for row, r in enumerate(records):
        if not chunks or chunks[-1] != r.chunk_id:
            chunks.append(r.chunk_id)
            starts.append(row)
            chunk_docs.append(r.doc_id)
        places.setdefault(r.doc_id, set()).add(tuple(sorted(r.places)))
    if len(set(chunks)) != len(chunks):
        raise ValueError("figure records must come chunk by chunk")
    starts.append(len(records))
    table = {"format": FORMAT, "key": key, "size": offsets[-1], "chunks": chunks, "chunk_docs": chunk_docs,
             "starts": starts, "indexes": [r.index for r in records], "offsets": offsets,
             "doc_places": {d: sorted(s) for d, s in places.items()}}
    return header + b"".join(lines), table


class RecordRows(Mapping[str, int]):
    """Record id ("<chunk id>:<index>") → row, from the table (no dict of every id is built)."""

    def __init__(self, table: RecordTable) -> None:
        self._t = table

    def __getitem__(self, record_id: str) -> int:
        row = self._t.parsed_rows.get(record_id)
        if row is not None:
            return row
        chunk_id, _, index = record_id.rpartition(":")
        span = self._t.span(chunk_id)
        if span is not None and index.isdigit():
            i = int(index)
            for row in range(*span):
                if self._t.indexes[row] == i:
                    return row
        raise KeyError(record_id)

    def __iter__(self) -> Iterator[str]:
        for c, (start, end) in zip(self._t.chunks, self._t.spans(), strict=True):
            for row in range(start, end):
                yield f"{c}:{self._t.indexes[row]}"

    def __len__(self) -> int:
        return len(self._t)


class RecordTable:
    """The figure records of one build, each chunk's parsed on first use (see the module docstring)."""

    def __init__(self, path: Path, table: dict[str, Any]) -> None:
        self.path = path
        self.chunks: list[str] = table["chunks"]
        self.chunk_docs: list[str] = table["chunk_docs"]
        self._starts: list[int] = table["starts"]
        self.indexes: list[int] = table["indexes"]
        self._offsets: list[int] = table["offsets"]
        self._first = {c: i for i, c in enumerate(self.chunks)}
        self.doc_places: dict[str, frozenset[frozenset[str]]] = {
            d: frozenset(frozenset(p) for p in sets) for d, sets in table["doc_places"].items()}
        self._parsed: dict[str, list[FigureRecord]] = {}
        self.parsed_rows: dict[str, int] = {}  # record id → row, for the records parsed so far
        self._lock = threading.Lock()
        self._map: mmap.mmap | None = None
        self._chunk_rows: Any = None
        self._row_docs: Any = None
        self.rows = RecordRows(self)

    @classmethod
    def load(cls, folder: Path, key: str, records_file: str) -> RecordTable | None:
        """The table for the records file ``folder/records_file`` built under ``key``; None when
        missing, unreadable, for another key or for another records file."""
        try:
            table = json.loads((folder / TABLE_FILE).read_text(encoding="utf-8"))
            if not isinstance(table, dict) or table.get("format") != FORMAT or table.get("key") != key:
                return None
            path = folder / records_file
            if path.stat().st_size != table["size"] or len(table["offsets"]) != len(table["indexes"]) + 1:
                return None
            return cls(path, table)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def __len__(self) -> int:
        return len(self.indexes)

    def span(self, chunk_id: str) -> tuple[int, int] | None:
        i = self._first.get(chunk_id)
        return None if i is None else (self._starts[i], self._starts[i + 1])

    def spans(self) -> Iterator[tuple[int, int]]:
        return zip(self._starts, self._starts[1:], strict=False)

    def of_chunk(self, chunk_id: str) -> list[FigureRecord]:
        """The chunk's records in its order (parsed once; the same objects every time)."""
        held = self._parsed.get(chunk_id)
        if held is not None:
            return held
        span = self.span(chunk_id)
        if span is None:
            return []
        return self._parse(chunk_id, *span)

    def _parse(self, chunk_id: str, start: int, end: int) -> list[FigureRecord]:
        with self._lock:
            held = self._parsed.get(chunk_id)
            if held is not None:
                return held
            if self._map is None:
                with open(self.path, "rb") as f:
                    self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            data = self._map[self._offsets[start]:self._offsets[end]]
            try:
                records = [FigureRecord.model_validate_json(line) for line in data.splitlines()]
            except ValidationError as e:
                raise IndexDamaged(f"The figure records in {self.path} are damaged (chunk {chunk_id}): "
                                   "run `qa index` to rebuild them.") from e
            if len(records) != end - start:
                raise IndexDamaged(f"The figure records in {self.path} do not match their table: "
                                   "run `qa index` to rebuild them.")
            for row, r in enumerate(records, start):
                self.parsed_rows[r.id] = row
            self._parsed[chunk_id] = records
            return records

    def at(self, row: int) -> FigureRecord:
        """The record of one row (a row of the records' meaning vectors)."""
        c = self.chunk_at(row)
        return self.of_chunk(self.chunks[c])[row - self._starts[c]]

    def chunk_at(self, row: int) -> int:
        """The position in ``chunks`` of the chunk a row belongs to."""
        if self._chunk_rows is None:
            self._chunk_rows = np.asarray(self._starts[1:], dtype=np.int64)
        return int(np.searchsorted(self._chunk_rows, row, side="right"))

    def chunk_id_at(self, row: int) -> str:
        return self.chunks[self.chunk_at(row)]

    def row_docs(self) -> np.ndarray:
        """Each row's document id (read-only)."""
        if self._row_docs is None:
            counts = [b - a for a, b in self.spans()]
            docs = np.repeat(np.asarray(self.chunk_docs), counts)
            docs.flags.writeable = False
            self._row_docs = docs
        return self._row_docs  # type: ignore[no-any-return]

    def all(self) -> list[FigureRecord]:
        """Every record, in order (parses whatever is not parsed yet)."""
        return [r for c in self.chunks for r in self.of_chunk(c)]


def write_record_files(folder: Path, records_file: str, key: str, fmt: int, records: Sequence[FigureRecord],
                       write: Any) -> None:
    """The records file and its table, each written by ``write(path, bytes)`` (atomic), table last."""
    data, table = record_lines(key, fmt, records)
    write(folder / records_file, data)
    write(folder / TABLE_FILE, json.dumps(table, ensure_ascii=False).encode())


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
