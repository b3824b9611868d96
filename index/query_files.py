"""The files query time reads beside the chunks, written together and sealed: ``query_files.json``
lists each one with its SHA-256 and the key it was built for (index.keywords.derived_key), so
``qa index`` and ``qa doctor`` know them intact by hashing a few megabytes — no parsing, no
import of the search libraries — and a reader still refuses what does not load.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from index.citable import CLEAN_DIR, DOCUMENTS_FILE, write_citable
from index.jieba_dict import JIEBA_DICT_FILE
from index.keyword_index import KEYWORDS_DIR, KeywordIndex
from index.keywords import LEXICON_FILE, RECORDS_FILE, Lexicon, write_derived
from index.problems import IndexDamaged
from index.query_tokenizer import QUERY_TOKENIZER_FILE, QUERY_TOKENIZER_META
from index.record_table import TABLE_FILE as RECORD_TABLE_FILE
from index.records import FigureRecord
from index.types import CleanDoc, DocMeta

SEAL_FILE = "query_files.json"
FORMAT = 1


def _digest(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _files(folder: Path) -> list[Path]:
    listed = [folder / LEXICON_FILE, folder / RECORDS_FILE, folder / RECORD_TABLE_FILE, folder / DOCUMENTS_FILE,
              folder / JIEBA_DICT_FILE]
    # The query tokenizer is written for the real model only (a fake embedder has no tokenizer).
    listed += [p for p in (folder / QUERY_TOKENIZER_FILE, folder / QUERY_TOKENIZER_META) if p.is_file()]
    for sub in (KEYWORDS_DIR, CLEAN_DIR):
        listed += sorted(p for p in (folder / sub).rglob("*") if p.is_file())
    return listed


def write_query_files(folder: Path, lexicon: Lexicon, records: list[FigureRecord], keywords: KeywordIndex,
                      cleaned: Mapping[str, tuple[DocMeta, CleanDoc]]) -> None:
    """Glossary, records, keyword index, the documents' table and clean text, then the seal (over
    those, jieba's stored dictionary (index.jieba_dict) and the query tokenizer (index.query_tokenizer), written before)."""
    write_derived(folder, lexicon, records, keywords)
    write_citable(folder, cleaned)
    seal = {"format": FORMAT, "key": lexicon.key, "chunks": keywords.n_chunks,
            "files": {str(p.relative_to(folder)): _digest(p) for p in _files(folder)}}
    tmp = folder / f".{SEAL_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(seal, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / SEAL_FILE)


def check_sealed(folder: Path, key: str) -> int:
    """The number of chunks the sealed files cover; IndexDamaged naming the first file that is
    missing, changed or built for other chunks or code."""
    fix = "run `qa index` to rebuild it"
    try:
        seal = json.loads((folder / SEAL_FILE).read_text(encoding="utf-8"))
        files = seal["files"]
        chunks = int(seal["chunks"])
        if seal.get("format") != FORMAT or not isinstance(files, dict):
            raise ValueError("unknown format")
    except FileNotFoundError as e:
        raise IndexDamaged(f"The list of query files {folder / SEAL_FILE} is missing: {fix}.") from e
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IndexDamaged(f"The list of query files {folder / SEAL_FILE} is damaged: {fix}.") from e
    if seal.get("key") != key:
        raise IndexDamaged(f"The keyword index and figure records in {folder} were built by other code or for "
                           f"other chunks: {fix}.")
    for name, digest in files.items():
        path = folder / name
        try:
            same = _digest(path) == digest
        except FileNotFoundError:
            raise IndexDamaged(f"{path} is missing: {fix}.") from None
        except OSError as e:
            raise IndexDamaged(f"{path} cannot be read ({e.strerror or e}): {fix}.") from e
        if not same:
            raise IndexDamaged(f"{path} is damaged (changed since `qa index` wrote it): {fix}.")
    return chunks


def sealed_intact(path: Path) -> bool:
    """Whether the seal of ``path``'s build folder lists it with the hash it has now."""
    try:
        files = json.loads((path.parent / SEAL_FILE).read_text(encoding="utf-8"))["files"]
        return bool(files[path.name] == _digest(path))
    except (OSError, ValueError, KeyError, TypeError):
        return False
