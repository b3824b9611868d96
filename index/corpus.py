"""Reading the corpus folder: metadata.json plus the documents it describes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from index.clean import UnreadableDocument, decode_bytes
from index.places import table
from index.types import DocMeta

METADATA_FILE = "metadata.json"
# Cleaning and chunking hold several copies of a document with per-character offset maps:
# a 20 MB file took 3.4 GB and hours. The largest document here is 64 KB and a long white
# paper is well under 1 MB, so a file above this is refused by name (QA_MAX_DOC_MB raises it).
MAX_DOCUMENT_MB = 4.0


class CorpusError(ValueError):
    """The corpus folder cannot be read at all (no or invalid metadata)."""


@dataclass(frozen=True)
class RawDocument:
    meta: DocMeta
    text: str  # decoded raw file; all raw offsets are character offsets into this
    encoding: str
    sha256: str


@dataclass(frozen=True)
class CorpusRead:
    documents: list[RawDocument]
    skipped: list[tuple[str, str]]  # (file name, reason)
    metadata_sha256: str


def load_metadata(corpus_dir: Path) -> tuple[list[DocMeta], str]:
    path = corpus_dir / METADATA_FILE
    if not path.is_file():
        raise CorpusError(f"{path} is missing: every corpus needs a metadata file describing its documents")
    data = path.read_bytes()
    try:
        entries = json.loads(data)["documents"]
        metas = [DocMeta(**e) for e in entries]
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        raise CorpusError(f"{path} is not valid: expected {{\"documents\": [...]}} ({e})") from e
    except ValidationError as e:
        raise CorpusError(f"{path} has an invalid document entry: {e}") from e
    ids = [m.id for m in metas]
    if len(set(ids)) != len(ids):
        raise CorpusError(f"{path} lists a document id twice")
    for m in metas:
        if m.place is not None and m.place not in table():
            raise CorpusError(f"{path}: document {m.id} has place {m.place!r}, which is not an id of "
                              "index/lexicon/places.tsv (e.g. guangdong, guangzhou, jiangsu)")
    return metas, hashlib.sha256(data).hexdigest()


def read_corpus(corpus_dir: Path, max_mb: float = MAX_DOCUMENT_MB) -> CorpusRead:
    """Every described document that can be read; the rest, with the reason, in ``skipped``."""
    metas, meta_hash = load_metadata(corpus_dir)
    docs: list[RawDocument] = []
    skipped: list[tuple[str, str]] = []
    described = {m.file for m in metas}
    for meta in metas:
        path = corpus_dir / meta.file
        if not path.is_file():
            skipped.append((meta.file, "listed in metadata.json but the file is missing"))
            continue
        size = path.stat().st_size
        if size > max_mb * 1_000_000:
            reason = (f"{size / 1_000_000:.1f} MB, over the {max_mb:g} MB limit for one document: split it "
                      "into parts (one metadata entry each) or raise QA_MAX_DOC_MB")
            skipped.append((meta.file, reason))
            continue
        try:
            data = path.read_bytes()
        except OSError as e:
            skipped.append((meta.file, f"cannot be read ({e.strerror or e}): check its permissions"))
            continue
        try:
            text, encoding = decode_bytes(data, meta.file)
        except UnreadableDocument as e:
            skipped.append((meta.file, str(e)))
            continue
        docs.append(RawDocument(meta, text, encoding, hashlib.sha256(data).hexdigest()))
    for path in sorted(corpus_dir.iterdir()):
        if path.is_file() and path.name != METADATA_FILE and path.name not in described \
                and not path.name.startswith("."):
            skipped.append((path.name, "has no entry in metadata.json"))
    return CorpusRead(docs, skipped, meta_hash)


def corpus_fingerprint(corpus_dir: Path) -> str:
    """A hash of the metadata and every file's bytes: cheap to recompute at load time."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"The corpus folder {corpus_dir} does not exist: set QA_CORPUS_DIR to the folder "
                          "holding metadata.json and the documents")
    h = hashlib.sha256()
    for path in sorted(corpus_dir.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            h.update(path.name.encode() + b"\0" + _file_digest(path))
    return h.hexdigest()


def _file_digest(path: Path) -> bytes:
    """Streamed (a huge file is refused later by name, not loaded whole here); an unreadable
    file hashes as such, so making it readable counts as a change."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").digest()
    except OSError:
        return b"unreadable"
