"""Chinese typos in a question, mended to the documents' words: a character typed for another
of the same sound, as a pinyin input method makes them ("立按查处" → 立案查处, "知识产全" →
知识产权, "审洁了多少件" → 审结, "案植是多少" → 案值).

A stretch of two to four characters is mended only when all of these hold: it is no word of the
documents nor of jieba's dictionary; the character changed is part of no word (of the documents
or the dictionary) found in the question, and the characters kept are part of none that reaches
outside the stretch ("还有几个部门" is no typo of 有机, "广东能" none of 动能, "浙江省" none of 强省);
the stretch becomes a word of the documents by changing that one character for one of the same
pinyin (tones aside); the character changed is no function word of the question (的, 了, 已, 多:
a particle, adverb, numeral … as jieba tags it, index/lexicon/function_pos.tsv; "年的白皮书" is no
typo of 年底); and only one such word exists. Pinyin comes
from the single-character entries of CC-CEDICT, the dictionary the glossary already ships
(index.glossary.cedict_lines), read into the lexicon by ``qa index`` (index.pinyin). A question in traditional characters is looked at in simplified
ones, and left alone where the two differ in length.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property

from index.glossary import cedict_lines
from index.pinyin import pinyin_table
from index.search_form import to_simplified

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_LONGEST = 4
_WORD_SPAN = 6  # the longest word looked for around a stretch


class ZhSpeller:
    """Mends the sound-alike typos of a Chinese question (see the module docstring) against
    ``vocabulary``: the documents' Chinese words; ``is_word``: whether jieba's dictionary knows
    a string as one word."""

    def __init__(self, vocabulary: Iterable[str], is_word: Callable[[str], bool],
                 pinyin: dict[str, frozenset[str]] | None = None,
                 function_words: Callable[[str], frozenset[str]] | None = None,
                 segments: Callable[[str], list[str]] | None = None) -> None:
        self.vocabulary = frozenset(w for w in vocabulary if 2 <= len(w) <= _LONGEST and _CJK.match(w))
        self.is_word = is_word
        self.function_words = function_words or (lambda _: frozenset())
        # The question's own segmentation (the index's tokenizer): a stretch it reads as one word
        # of its own is no function word and a neighbour ("货直" is one unknown word, where the
        # tagger, reading 直是 as "just is", calls 直 an adverb), so its characters may be mended.
        self.segments = segments or (lambda _: [])
        self._pinyin = pinyin

    @cached_property
    def pinyin(self) -> dict[str, frozenset[str]]:
        return self._pinyin if self._pinyin is not None else pinyin_table(cedict_lines())

    @cached_property
    def _by_sound(self) -> dict[tuple[str, int, str], set[str]]:
        """(word with one character masked, its position, that character's reading) → words."""
        out: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        for word in self.vocabulary:
            for j, c in enumerate(word):
                for reading in self.pinyin.get(c, ()):
                    out[(word[:j] + "_" + word[j + 1:], j, reading)].add(word)
        return out

    def _words_in(self, text: str) -> list[tuple[int, int]]:
        """The spans of the text that are words of the documents or of the dictionary."""
        return [(i, i + n) for n in range(2, _WORD_SPAN + 1) for i in range(len(text) - n + 1)
                if text[i:i + n] in self.vocabulary or self.is_word(text[i:i + n])]

    def _mend(self, stretch: str, words: list[tuple[int, int]], start: int, function: frozenset[str],
              joined: frozenset[str] = frozenset()) -> str | None:
        if stretch in self.vocabulary or self.is_word(stretch):
            return None
        end = start + len(stretch)
        # A kept character inside a word that reaches outside the stretch belongs to that word.
        if any(a < end and b > start and (a < start or b > end) for a, b in words):
            return None
        found: set[str] = set()
        if stretch in joined:
            function = frozenset()
        for j, c in enumerate(stretch):
            if c in function or any(a <= start + j < b for a, b in words):
                continue
            masked = stretch[:j] + "_" + stretch[j + 1:]
            for reading in self.pinyin.get(c, ()):
                found |= {w for w in self._by_sound.get((masked, j, reading), ()) if w[j] != c}
        return found.pop() if len(found) == 1 else None

    def correct(self, text: str) -> str:
        """``text`` with each sound-alike typo mended (Chinese only; Latin words are left alone)."""
        simple = to_simplified(text)
        if len(simple) != len(text):
            return text
        words = self._words_in(simple)
        function = self.function_words(simple)
        joined = frozenset(t for t in self.segments(simple) if len(t) > 1)
        out = list(text)
        i = 0
        while i < len(simple):
            for n in range(min(_LONGEST, len(simple) - i), 1, -1):
                stretch = simple[i:i + n]
                if not _CJK.match(stretch):
                    continue
                word = self._mend(stretch, words, i, function, joined)
                if word:
                    out[i:i + n] = list(word)
                    i += n - 1
                    break
            i += 1
        return "".join(out)
