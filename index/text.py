"""Text helpers for retrieval: language detection, English stems, and the Chinese tokenizer.

`Tokenizer` owns its own jieba instance and the domain words taught to it, so two indexes (or a
test and the app) in one process never see each other's words, and nothing changes jieba's
process-wide dictionary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

from index.jieba_dict import JiebaDict, stored_tables
from index.lexicon import mapping, rows, words
from index.search_form import restore_censored, to_simplified

_CJK = re.compile(r"[\u3400-\u9fff]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+(?:[.,]\d+)*")
_ZH_PUNCT = re.compile(r"^[\W_]+$")

EN_STOPWORDS = words("stopwords_en.txt")
# An English full stop as a pattern, with the one the PDF text lost its space after
# ("…to the courts for retrial.Besides, they…"): read as one sentence, the figure before it took
# the next sentence's actors as its own. "3.5" and "U.S." are no sentence end.
EN_FULL_STOP = r"\.\s|(?<=[a-z])\.(?=[A-Z][a-z])"
ZH_STOPWORDS = words("stopwords_zh.txt")
FUNCTION_POS = tuple(tag for tag, _ in rows("function_pos.tsv", 2))


def detect_lang(text: str) -> str:
    """'zh' when the text has Chinese characters in any number that matters, else 'en'."""
    cjk = len(_CJK.findall(text))
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    return "zh" if cjk * 3 >= letters else "en"


_AMERICAN: dict[str, str] = dict(BRITISH_ENGLISH_SPELLINGS) | mapping("american_spellings.tsv")


def en_stem(word: str) -> str:
    """A light English stemmer: enough to meet 'cases'/'case', 'seized'/'seize',
    'prosecuted'/'prosecute'/'prosecution', 'transferred'/'transfer' (dictionary senses use the
    base form)."""
    w = word.lower().strip("'-")
    w = w.removesuffix("'s")  # Shenzhen's → shenzhen
    # One spelling for both Englishes (the white papers write "centers", people "centres"): breame's
    # table, a supplement (index/lexicon/american_spellings.tsv) and -isation read as -ization.
    w = _AMERICAN.get(w) or ("-".join(_AMERICAN.get(part, part) for part in w.split("-")) if "-" in w else w)
    if "isation" in w:
        w = w.replace("isation", "ization")
    for suffix, repl in (("ions", ""), ("ion", ""), ("ies", "y"), ("sses", "ss"), ("ings", ""), ("ing", ""),
                         ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= (4 if suffix.startswith("ion") else 3):
            w = w[: len(w) - len(suffix)] + repl
            if suffix in ("ings", "ing", "ed") and len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # transferr(ed) → transfer
            break
    if len(w) >= 4 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]  # prosecute → prosecut, like prosecut(ed)
    return w


class Tokenizer:
    """Chinese search tokens from a jieba instance of its own, taught this corpus's words.

    ``dictionary``: jieba's dictionary as ``qa index`` stored it (index.jieba_dict), looked up word
    by word instead of loaded whole — the same tokens, without the load a cold start would pay."""

    def __init__(self, domain_words: Iterable[str] = (), dictionary: JiebaDict | None = None) -> None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._dictionary = dictionary
        if dictionary is None:
            self._jieba.initialize()
        else:
            self._jieba.FREQ, _ = stored_tables(dictionary)
            self._jieba.total = dictionary.total
            self._jieba.initialized = True
        self.domain_words: list[str] = []
        self._domain: set[str] = set()
        self._pos: Any = None  # jieba.posseg's tagger over the same dictionary, made on first use
        self.add_words(domain_words)

    def add_words(self, words: Iterable[str]) -> None:
        """Teach it the corpus's own terms (批准逮捕, 地理标志, 质押融资 …) before tokenizing."""
        for w in words:
            if 2 <= len(w) <= 12:
                self._jieba.add_word(w, freq=2000)
                self.domain_words.append(w)
                self._domain.add(w)

    def knows(self, word: str) -> bool:
        """Whether ``word`` is one word of its dictionary (jieba's, with the corpus's terms), as
        opposed to one its HMM would join from unknown characters ("审洁" is none)."""
        return self._jieba.FREQ.get(word, 0) > 0

    def zh(self, text: str) -> list[str]:
        """Search tokens of Chinese text (simplified, ** restored), stopwords and punctuation dropped."""
        simplified = restore_censored(to_simplified(text))
        out = []
        for tok in self._jieba.cut_for_search(simplified):
            tok = tok.strip()
            if not tok or _ZH_PUNCT.match(tok) or tok in ZH_STOPWORDS:
                continue
            if _CJK.search(tok):
                out.append(tok)
        return out

    def function_words(self, text: str) -> frozenset[str]:
        """The words of ``text`` whose part of speech says nothing about what is counted (adverbs,
        pronouns, time words, localizers, numerals …; see lexicon/function_pos.tsv). A word taught
        as a domain word is never one, whatever tag jieba would give it."""

        return frozenset(pair.word for pair in self._tagged(text)
                         if pair.flag.startswith(FUNCTION_POS) and pair.word not in self._domain)

    def nouns(self, text: str) -> frozenset[str]:
        """The words of ``text`` jieba tags as nouns of any kind (n, nr, ns, nt, nz, vn …) or that are
        domain words: what a sentence can say it counts."""
        return frozenset(pair.word for pair in self._tagged(text)
                         if pair.flag.startswith("n") or pair.flag == "vn" or pair.word in self._domain)

    def _tagged(self, text: str) -> Iterator[Any]:
        """jieba.posseg's (word, flag) pairs of ``text`` (simplified, ** restored), by its own tagger."""
        if self._pos is None:
            self._pos = _tagger(self._jieba, self._dictionary)
        yield from self._pos.cut(restore_censored(to_simplified(text)))

    def both(self, text: str) -> list[str]:
        """Tokens of mixed text: Chinese words and English stems."""
        return self.zh(text) + en_tokens(text)


def _tagger(tokenizer: Any, dictionary: JiebaDict | None) -> Any:
    """jieba.posseg's tagger over ``tokenizer``; with ``dictionary``, its cut (index.pos_tags)
    with the table of tags read from there, without importing jieba.posseg (whose import reads
    jieba's whole dictionary file for a tagger of its own)."""
    if dictionary is None:
        import jieba.posseg

        return jieba.posseg.POSTokenizer(tokenizer)
    from index.pos_tags import PosTagger

    return PosTagger(tokenizer, stored_tables(dictionary)[1], dictionary)


# Latin acronyms Chinese text writes as they are (PCT国际专利申请量, GDP, ODR): search tokens of a Chinese
# chunk and of a question in either language, lower-cased. Two to six capitals standing alone (not PM2.5).
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,6}(?![A-Za-z0-9])")


def acronyms(text: str) -> list[str]:
    """The acronyms of ``text``, lower-cased: "PCT国际专利申请量" → ["pct"]."""
    return [a.lower() for a in _ACRONYM.findall(text)]


def en_tokens(text: str) -> list[str]:
    """Stemmed English content words (numbers are matched as figures, not as tokens)."""
    return [en_stem(w) for w in _EN_WORD.findall(text) if not w[0].isdigit() and w.lower() not in EN_STOPWORDS
            and len(w) > 1]

