"""Part-of-speech tags of a text, as jieba.posseg's ``POSTokenizer.cut`` gives them (jieba 0.42),
over a ``jieba.Tokenizer`` of our own and a tag table we pass in (index.jieba_dict's stored one).

Why not ``jieba.posseg`` itself: importing it builds a module-level tagger over jieba's global
tokenizer, which reads the whole 350,000-line dictionary file (~0.45 s of CPU at every cold start),
although the tagger we use reads its tags from the stored dictionary. This is its cut, step for
step, with the same HMM for the runs of characters no dictionary word covers; the HMM's tables
are read from jieba's own files (``jieba/posseg/*.p``, the tables its ``load_model`` reads) by
``qa index`` into the stored dictionary, and query time reads the rows of a run's characters
(StoredHmm). tests/index/test_pos_tags.py holds it to jieba.posseg's output, tag for tag.
"""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol

_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_HAN_INTERNAL = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_ENG = re.compile("[a-zA-Z0-9]+")
_NUM = re.compile(r"[\.0-9]+")
_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")


class Tagged(NamedTuple):
    word: str
    flag: str


@cache
def hmm_tables() -> tuple[Any, Any, Any, Any]:
    """jieba.posseg's HMM: (character → states, start, transition, emission probabilities)."""
    import jieba

    folder = Path(jieba.__file__).resolve().parent / "posseg"
    out = []
    for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit"):
        with (folder / f"{name}.p").open("rb") as f:
            out.append(pickle.load(f))  # jieba's own package data, as its load_model reads it
    return out[0], out[1], out[2], out[3]


def viterbi(obs: str, states: Any, start_p: Any, trans_p: Any, emit_p: Any) -> list[Any]:
    """jieba.posseg.viterbi's best path: each character's (B/M/E/S, tag) state."""
    v: list[dict[Any, float]] = [{}]
    mem_path: list[dict[Any, Any]] = [{}]
    all_states = trans_p.keys()
    for y in states.get(obs[0], all_states):
        v[0][y] = start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        v.append({})
        mem_path.append({})
        prev_states = [x for x in mem_path[t - 1] if len(trans_p[x]) > 0]
        prev_expect_next = {y for x in prev_states for y in trans_p[x]}
        obs_states = set(states.get(obs[t], all_states)) & prev_expect_next
        if not obs_states:
            obs_states = prev_expect_next if prev_expect_next else all_states
        for y in obs_states:
            prob, state = max((v[t - 1][y0] + trans_p[y0].get(y, _MIN_INF) + emit_p[y].get(obs[t], _MIN_FLOAT), y0)
                              for y0 in prev_states)
            v[t][y] = prob
            mem_path[t][y] = state
    _, state = max((v[-1][y], y) for y in mem_path[-1])
    route: list[Any] = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = mem_path[i][state]
    return route


def state_name(state: tuple[str, str]) -> str:
    return ",".join(state)


def _state(name: str) -> tuple[str, str]:
    position, _, tag = name.partition(",")
    return position, tag


class HmmRows(Protocol):
    """Where the HMM's rows are stored (index.jieba_dict.JiebaDict)."""

    def hmm_meta(self) -> tuple[str, str]: ...

    def hmm_char(self, char: str) -> tuple[str | None, str] | None: ...


class StoredHmm:
    """hmm_tables, read from the stored dictionary one character at a time: ``tables(text)`` gives
    the four tables with the rows of ``text``'s characters only, which is all viterbi reads of them."""

    def __init__(self, rows: HmmRows) -> None:
        self._rows = rows
        self._start: dict[Any, float] | None = None
        self._trans: dict[Any, dict[Any, float]] = {}
        self._chars: dict[str, tuple[tuple[Any, ...] | None, dict[Any, float]]] = {}

    def _char(self, char: str) -> tuple[tuple[Any, ...] | None, dict[Any, float]]:
        held = self._chars.get(char)
        if held is None:
            row = self._rows.hmm_char(char)
            states = tuple(tuple(st) for st in json.loads(row[0])) if row is not None and row[0] else None
            emit = {_state(k): p for k, p in json.loads(row[1]).items()} if row is not None else {}
            held = self._chars[char] = (states, emit)
        return held

    def tables(self, text: str) -> tuple[Any, Any, Any, Any]:
        if self._start is None:
            start, trans = self._rows.hmm_meta()
            self._trans = {_state(k): {_state(y): p for y, p in v.items()} for k, v in json.loads(trans).items()}
            self._start = {_state(k): p for k, p in json.loads(start).items()}
        states: dict[str, Any] = {}
        emit: dict[Any, dict[str, float]] = {y: {} for y in self._start}
        for c in set(text):
            char_states, probs = self._char(c)
            if char_states is not None:
                states[c] = char_states
            for y, p in probs.items():
                emit.setdefault(y, {})[c] = p
        return states, self._start, self._trans, emit


class PosTagger:
    """``cut(text)``: (word, tag) pairs, as jieba.posseg.POSTokenizer(tokenizer).cut(text) with
    ``tags`` as its word_tag_tab; ``hmm``: the HMM's stored rows (else jieba's pickled tables)."""

    def __init__(self, tokenizer: Any, tags: Mapping[str, str], hmm: HmmRows | None = None) -> None:
        self.tokenizer = tokenizer
        self.tags = tags
        self._hmm_tables = StoredHmm(hmm).tables if hmm is not None else (lambda _text: hmm_tables())
        self._user_tags: dict[str, str] = {}  # tags given to words added with one (add_word(w, tag=…))

    def _tag(self, word: str) -> str:
        return self._user_tags[word] if word in self._user_tags else self.tags.get(word, "x")

    def _hmm(self, sentence: str) -> Iterator[Tagged]:
        pos_list = viterbi(sentence, *self._hmm_tables(sentence))
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield Tagged(sentence[begin:i + 1], pos_list[i][1])
                nexti = i + 1
            elif pos == "S":
                yield Tagged(char, pos_list[i][1])
                nexti = i + 1
        if nexti < len(sentence):
            yield Tagged(sentence[nexti:], pos_list[nexti][1])

    def _detail(self, sentence: str) -> Iterator[Tagged]:
        for blk in _HAN_DETAIL.split(sentence):
            if _HAN_DETAIL.match(blk):
                yield from self._hmm(blk)
                continue
            for x in _SKIP_DETAIL.split(blk):
                if x:
                    yield Tagged(x, "m" if _NUM.match(x) else "eng" if _ENG.match(x) else "x")

    def _buffered(self, buf: str) -> Iterator[Tagged]:
        if len(buf) == 1:
            yield Tagged(buf, self._tag(buf))
        elif not self.tokenizer.FREQ.get(buf):
            yield from self._detail(buf)
        else:
            for elem in buf:
                yield Tagged(elem, self._tag(elem))

    def _dag(self, sentence: str) -> Iterator[Tagged]:
        dag = self.tokenizer.get_DAG(sentence)
        route: dict[int, Any] = {}
        self.tokenizer.calc(sentence, dag, route)
        x, buf, n = 0, "", len(sentence)
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    yield from self._buffered(buf)
                    buf = ""
                yield Tagged(word, self._tag(word))
            x = y
        if buf:
            yield from self._buffered(buf)

    def cut(self, sentence: str) -> Iterator[Tagged]:
        # jieba merges the tags of words added with one into its table before each cut.
        if self.tokenizer.user_word_tag_tab:
            self._user_tags.update(self.tokenizer.user_word_tag_tab)
            self.tokenizer.user_word_tag_tab = {}
        for blk in _HAN_INTERNAL.split(sentence):
            if _HAN_INTERNAL.match(blk):
                yield from self._dag(blk)
                continue
            for x in _SKIP_INTERNAL.split(blk):
                if _SKIP_INTERNAL.match(x):
                    yield Tagged(x, "x")
                    continue
                for xx in x:
                    # jieba tests the whole piece, not the character, for "eng": kept as it is.
                    yield Tagged(xx, "m" if _NUM.match(xx) else "eng" if _ENG.match(x) else "x")
