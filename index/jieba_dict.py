"""jieba's dictionary as a file query time looks words up in, instead of loading it whole.

A `jieba.Tokenizer` keeps its whole prefix dictionary in a dict (about half a million words and
prefixes) and jieba.posseg a second one of the words' tags: loading both costs a cold start
about 1.8 s of CPU and 160 MB, and a question then looks up a few hundred of those entries.
``qa index`` writes them once into ``jieba_dict.sqlite`` beside the chunks (sealed with the other
query files, index.query_files); query time opens it read-only and looks each word up when jieba
asks (`WordTable`, a mapping jieba reads as it reads its dict). A word taught to the tokenizer
(``add_word``) stays in memory on top of the file.

The file carries the key of the dictionary it was made from — the SHA-256 of jieba's dict.txt and
jieba's version — so a changed dictionary is never read through a stale file: the reader refuses
it (IndexDamaged) and ``qa index`` writes it again. Nothing here builds the file at query time.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from index.problems import IndexDamaged

JIEBA_DICT_FILE = "jieba_dict.sqlite"
FORMAT = 2  # 2: jieba.posseg's HMM tables too (index.pos_tags.StoredHmm)


def dictionary_path() -> Path:
    """The dictionary jieba.Tokenizer() loads by default."""
    import jieba

    return Path(jieba.DEFAULT_DICT_NAME if os.path.isabs(jieba.DEFAULT_DICT_NAME)
                else Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)


def dictionary_key(path: Path | None = None) -> str:
    """What the file is made from: the dictionary's bytes, jieba's version and this format."""
    h = hashlib.sha256(f"jieba-dict-{FORMAT}-{metadata.version('jieba')}\0".encode())
    with open(path or dictionary_path(), "rb") as f:
        h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def _stored_key(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


# key → a file this process wrote: a second build in the process (tests, an app's reindex) copies it.
_written: dict[str, Path] = {}


def write_jieba_dict(folder: Path, previous: Sequence[Path] = (),
                     intact: Callable[[Path], bool] = lambda _p: True) -> Path:
    """``folder/jieba_dict.sqlite`` for jieba's current dictionary: hard-linked from a previous
    build's folder where that one was made from the same dictionary and is ``intact`` (its build's
    seal vouches for it), else written (about 2 s of CPU)."""
    key = dictionary_key()
    target = folder / JIEBA_DICT_FILE
    tmp = folder / f".{JIEBA_DICT_FILE}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    try:
        for old in previous:
            source = old / JIEBA_DICT_FILE
            if source.is_file() and _stored_key(source) == key and intact(source):
                try:
                    os.link(source, tmp)
                    os.replace(tmp, target)
                    return target
                except OSError:
                    tmp.unlink(missing_ok=True)
        mine = _written.get(key)
        if mine is not None and mine.is_file() and _stored_key(mine) == key and intact(mine):
            shutil.copyfile(mine, tmp)  # a copy: another data folder's file is no business of this one
        else:
            _write(tmp, key)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _written[key] = target
    return target


def _write(path: Path, key: str) -> None:
    import jieba

    # The prefix dictionary exactly as jieba makes it, the tags exactly as jieba.posseg reads them,
    # from a tokenizer of its own: the dictionary a default Tokenizer() loads (dictionary_key's
    # dict.txt), whatever jieba's global tokenizer may have been pointed at.
    own = jieba.Tokenizer()
    freq, total = own.gen_pfdict(own.get_dict_file())
    tags: dict[str, str] = {}
    with own.get_dict_file() as f:
        for line in f:
            parts = line.strip().decode("utf-8").split(" ")
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    con = sqlite3.connect(path)
    try:
        # Written to a temporary name and moved into place: no journal needed.
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        with con:
            con.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL, tag TEXT) WITHOUT ROWID")
            con.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            # In key order: the table's B-tree is filled front to back.
            con.executemany("INSERT INTO words VALUES (?, ?, ?)",
                            ((w, freq[w], tags.get(w)) for w in sorted(freq)))
            con.executemany("INSERT INTO meta VALUES (?, ?)",
                            [("key", key), ("total", str(total)), ("words", str(len(freq)))])
            _write_hmm(con)
    finally:
        con.close()


def _write_hmm(con: sqlite3.Connection) -> None:
    """jieba.posseg's HMM (index.pos_tags.hmm_tables): start and transition probabilities whole,
    each character's states and emission probabilities as a row, so a question reads only its own
    characters' (the pickled tables take 0.1 s of CPU to load). A state (B, n) is written "B,n"."""
    from index.pos_tags import hmm_tables, state_name

    char_states, start, trans, emit = hmm_tables()
    by_char: dict[str, dict[str, float]] = {}
    for state, probs in emit.items():
        for char, p in probs.items():
            by_char.setdefault(char, {})[state_name(state)] = p
    con.execute("CREATE TABLE hmm (char TEXT PRIMARY KEY, states TEXT, emit TEXT NOT NULL) WITHOUT ROWID")
    con.executemany("INSERT INTO hmm VALUES (?, ?, ?)",
                    ((c, json.dumps([list(st) for st in char_states[c]]) if c in char_states else None,
                      json.dumps(by_char.get(c, {}))) for c in sorted(set(by_char) | set(char_states))))
    con.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("hmm_start", json.dumps({state_name(k): v for k, v in start.items()})),
        ("hmm_trans", json.dumps({state_name(k): {state_name(y): p for y, p in v.items()} for k, v in trans.items()}))])


class JiebaDict:
    """A read-only connection to a build's ``jieba_dict.sqlite``, shared by the lookups of one
    tokenizer (and its part-of-speech tagger) from any thread."""

    def __init__(self, path: Path, key: str | None = None) -> None:
        fix = "run `qa index` to rebuild it"
        if not path.is_file():
            raise IndexDamaged(f"jieba's dictionary file {path} is missing: {fix}.")
        try:
            self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self._con.execute("SELECT name, value FROM meta").fetchall())
            self.total = int(meta["total"])
            self.n_words = int(meta["words"])
        except (sqlite3.Error, KeyError, ValueError) as e:
            raise IndexDamaged(f"jieba's dictionary file {path} is damaged ({e}): {fix}.") from e
        if meta.get("key") != (key or dictionary_key()):
            self._con.close()
            raise IndexDamaged(f"jieba's dictionary file {path} was made from another dictionary: {fix}.")
        self.path = path
        self._lock = threading.Lock()
        # jieba asks ``frag in FREQ`` and then ``FREQ[frag]``, and a tagger asks again: the recent
        # answers are kept (a bounded number, as an app asks for as long as it runs).
        self.lookup = lru_cache(maxsize=1 << 16)(self._lookup)

    def _lookup(self, word: str) -> tuple[int, str | None] | None:
        with self._lock:
            row = self._con.execute("SELECT freq, tag FROM words WHERE word = ?", (word,)).fetchone()
        return (int(row[0]), row[1]) if row is not None else None

    def hmm_meta(self) -> tuple[str, str]:
        """(start, transition) probabilities of the HMM, as JSON (index.pos_tags.StoredHmm)."""
        with self._lock:
            found = dict(self._con.execute(
                "SELECT name, value FROM meta WHERE name IN ('hmm_start', 'hmm_trans')").fetchall())
        return found["hmm_start"], found["hmm_trans"]

    def hmm_char(self, char: str) -> tuple[str | None, str] | None:
        """A character's HMM states and emission probabilities, as JSON; None if the HMM has neither."""
        with self._lock:
            row = self._con.execute("SELECT states, emit FROM hmm WHERE char = ?", (char,)).fetchone()
        return (row[0], row[1]) if row is not None else None

    def rows(self) -> Iterator[tuple[str, int, str | None]]:
        with self._lock:
            found = self._con.execute("SELECT word, freq, tag FROM words").fetchall()
        yield from found


class WordTable(MutableMapping[str, Any]):
    """jieba's ``FREQ`` (word or prefix → frequency) or posseg's ``word_tag_tab`` (word → tag),
    read from the file on each lookup; what is set (a taught word) is kept in memory over it."""

    def __init__(self, source: JiebaDict, column: str) -> None:
        self._source = source
        self._tags = column == "tag"
        self._own: dict[str, Any] = {}

    def _stored(self, word: str) -> Any:
        row = self._source.lookup(word)
        if row is None:
            return None
        return row[1] if self._tags else row[0]

    def __getitem__(self, word: str) -> Any:
        if word in self._own:
            return self._own[word]
        found = self._stored(word) if isinstance(word, str) else None
        if found is None:
            raise KeyError(word)
        return found

    def get(self, word: str, default: Any = None) -> Any:
        try:
            return self[word]
        except KeyError:
            return default

    def __contains__(self, word: object) -> bool:
        return word in self._own or (isinstance(word, str) and self._stored(word) is not None)

    def __setitem__(self, word: str, value: Any) -> None:
        self._own[word] = value

    def __delitem__(self, word: str) -> None:
        raise TypeError("jieba's stored dictionary is read-only")  # jieba never deletes; del_word sets 0

    def update(self, other: Any = (), /, **kw: Any) -> None:
        for k, v in dict(other, **kw).items():
            self[k] = v

    def __iter__(self) -> Iterator[str]:
        stored = (w for w, n, tag in self._source.rows() if (tag if self._tags else n) is not None)
        yield from self._own
        yield from (w for w in stored if w not in self._own)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def stored_tables(source: JiebaDict) -> tuple[Mapping[str, int], Mapping[str, str]]:
    """(jieba's FREQ, posseg's word_tag_tab), both read from ``source``."""
    return WordTable(source, "freq"), WordTable(source, "tag")
