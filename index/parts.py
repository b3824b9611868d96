"""Per document, what tokenizing it made: its chunks' BM25 tokens and its figure records, saved in
``parts/<doc id>.json`` beside the chunks under a key, so the next build reuses the part of every
document whose key is unchanged (hard-linked from the previous build, not written again) and
tokenizes only the documents that changed.

The key holds everything the part is made from: the document's file hash and chunks, the
tokenizer's whole vocabulary (the corpus's marked terms and the glossary's — a new term anywhere
can split a word anywhere, so it re-tokenizes every document), the pipeline version and the
versions of jieba and the dictionary package. Figure records are aligned within a document only
(index.records._align), so a document's records need no other document.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from index.records import FigureRecord
from index.types import Chunk

log = logging.getLogger(__name__)

PARTS_DIR = "parts"
FORMAT = 1

Part = tuple[list[list[str]], list[FigureRecord]]  # per chunk its tokens; the document's records


def part_key(base: str, doc_hash: str, chunks: Sequence[Chunk]) -> str:
    """``base``: what every part shares (code, packages, the tokenizer's vocabulary)."""
    h = hashlib.sha256(f"part-{FORMAT}-{base}-{doc_hash}".encode())
    for c in chunks:
        h.update(c.model_dump_json().encode())
    return h.hexdigest()


def _read(path: Path, key: str) -> Part | None:
    try:
        with path.open(encoding="utf-8") as f:
            head = json.loads(f.readline())
            if head != {"format": FORMAT, "key": key}:
                return None
            tokens = json.loads(f.readline())
            records = [FigureRecord.model_validate_json(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        if path.exists():
            log.warning("ignoring unreadable %s: %s", path, e)
        return None
    if not isinstance(tokens, list):
        return None
    return tokens, records


def _write(path: Path, key: str, part: Part) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as f:
            f.write(json.dumps({"format": FORMAT, "key": key}) + "\n")
            f.write(json.dumps(part[0], ensure_ascii=False) + "\n")
            f.writelines(r.model_dump_json() + "\n" for r in part[1])
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


class DocumentParts:
    """The parts of one build (``folder``), reusing those of ``previous`` builds' folders."""

    def __init__(self, folder: Path | None, previous: Sequence[Path] = ()) -> None:
        self.folder = folder / PARTS_DIR if folder is not None else None
        self.previous = [p / PARTS_DIR for p in previous]
        self.made: list[str] = []  # documents tokenized by this build
        self.reused: list[str] = []

    def get(self, doc_id: str, key: str, make: Callable[[], Part]) -> Part:
        name = f"{doc_id}.json"
        for old in self.previous:
            found = _read(old / name, key)
            if found is not None:
                self.reused.append(doc_id)
                if self.folder is not None:
                    self._link(old / name, self.folder / name, key, found)
                return found
        part = make()
        self.made.append(doc_id)
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write(self.folder / name, key, part)
        return part

    def _link(self, source: Path, target: Path, key: str, part: Part) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
        try:
            target.unlink(missing_ok=True)
            os.link(source, target)  # the same bytes: a hard link costs nothing to write
        except OSError:
            _write(target, key, part)  # another file system, or links not allowed
