"""The question's content words, ready to be matched against a figure's words in either
language: its own words, their glossary translations, and the dictionary senses that carry them
across languages. Made once per question (qa.frame) from the index's tokenizer and glossary."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from index.glossary import Glossary
from index.lexicon import rows
from index.text import Tokenizer, en_stem, en_tokens


class QuestionIdf:
    """The IDF of words as one question's figure ranking reads it: each word looked up once, and
    the weight of each of the question's own word sets summed once — not again for each of the
    hundreds of figures it is matched against (a million look-ups a question at 20× the corpus)."""

    def __init__(self, idf: Callable[[str], float]) -> None:
        self._idf = idf
        self._memo: dict[str, float] = {}
        # By identity, not equality: two equal sets may iterate in different orders, and the sum
        # must be the one the set's own order gives (the scores stay bit-for-bit the same).
        self._totals: dict[int, tuple[frozenset[str], float]] = {}

    def __call__(self, token: str) -> float:
        value = self._memo.get(token)
        if value is None:
            value = self._memo[token] = self._idf(token)
        return value

    def total(self, words: frozenset[str]) -> float:
        """The summed IDF of one of the question's word sets (kept: the set is the question's)."""
        held = self._totals.get(id(words))
        if held is None or held[0] is not words:
            held = self._totals[id(words)] = (words, sum(self(t) for t in words))
        return held[1]


def _total(words: frozenset[str], idf: Callable[[str], float]) -> float:
    return idf.total(words) if isinstance(idf, QuestionIdf) else sum(idf(t) for t in words)


def _weighted_overlap(query: frozenset[str], target: frozenset[str],
                      idf: Callable[[str], float]) -> float:
    """``query``: one of the question's word sets; ``target``: a figure's."""
    common = query & target
    # Most of a question's hundreds of figures share none of a word set: no sum to make.
    if not common:
        return 0.0
    total = _total(query, idf)
    return sum(idf(t) for t in common) / total if total > 0 else 0.0


# Dictionary senses are looser evidence than the same words or a curated translation (a word
# has many senses): their coverage counts for this share. Measured on the eval set.
SENSE_DISCOUNT = 0.6


@dataclass(frozen=True)
class QueryTerms:
    """The question's content words, ready to be matched against a figure's words in either
    language.

    - ``words``: per language of the text matched against: the question's own words for its own
      language, their glossary translations for the other;
    - ``translatable``: the question's words a dictionary can take to the other language, with
      ``senses`` (Chinese word → English stems): a Chinese clause covers an English word when one
      of its words has it among its senses, and an English clause covers a Chinese word when it
      holds one of that word's senses.
    """

    lang: str
    words: dict[str, frozenset[str]]
    translatable: frozenset[str]
    senses: Mapping[str, frozenset[str]]
    # For a Chinese question: every English stem its translatable words have among their senses.
    translatable_senses: frozenset[str] = frozenset()
    glossed: frozenset[str] = frozenset()  # its own words a glossary entry translates
    # For an English question: each translatable word → the Chinese words that have it among their
    # senses (the senses read backwards), and all those words: a Chinese clause is matched through
    # these few sets rather than by gathering the senses of each of its words, figure after figure.
    holders: Mapping[str, frozenset[str]] = field(default_factory=dict)
    sensed: frozenset[str] = frozenset()

    def overlap(self, target_lang: str, target: frozenset[str], idf: Callable[[str], float]) -> float:
        """How much of the question (IDF-weighted) the target words cover, 0..1."""
        direct = _weighted_overlap(self.words[target_lang], target, idf)
        if target_lang == self.lang:
            return direct
        hit: frozenset[str] = frozenset()
        if self.translatable and self.lang == "en":
            # Its translatable words that a word of the target has among its senses.
            hit = frozenset(w for w in self.translatable if not self.holders[w].isdisjoint(target))
        elif self.translatable:
            hit = frozenset(w for w in self.translatable if self.senses[w] & target)
        by_senses = SENSE_DISCOUNT * _weighted_overlap(self.translatable, hit, idf)
        # The glossary's terms stand for only the question words they translate: a sentence
        # with all of "Guangzhou" and "market" covers little of "广州专业市场封停涉假微信号". The
        # other words count as far as their dictionary senses are there.
        known = self._known
        total = _total(known, idf)
        if total <= 0 or not self._glossed_known:
            return max(direct, by_senses)
        glossed_share = _total(self._glossed_known, idf) / total
        senses_only = sum(idf(t) for t in (hit & known) - self.glossed) / total
        return max(glossed_share * direct + SENSE_DISCOUNT * senses_only, by_senses)

    @cached_property
    def _known(self) -> frozenset[str]:
        """The words the glossary or the dictionary carries across, figure words aside."""
        return frozenset(t for t in self.glossed | self.translatable if not _FIGURE_WORD.match(t))

    @cached_property
    def _glossed_known(self) -> frozenset[str]:
        """The known words a glossary entry translates (held: summed once a question, not a figure)."""
        return self.glossed & self._known

    def precision(self, target_lang: str, target: frozenset[str], idf: Callable[[str], float]) -> float:
        """How much of the target words (IDF-weighted) the question asks about, 0..1: of two
        clauses that cover the question alike, the one with fewer words of its own is the
        figure asked for (专利授权量, not 发明专利授权量, for "how many patents were granted")."""
        total = sum(idf(t) for t in target)
        if total <= 0:
            return 0.0
        words = self.words[target_lang]
        if target_lang == self.lang:
            asked = target & words
        elif self.lang == "en":
            sensed = self.sensed
            asked = frozenset(t for t in target if t in words or t in sensed)
        else:
            asked = target & (words | self.translatable_senses)
        share = sum(idf(t) for t in asked) / total
        return share if target_lang == self.lang else SENSE_DISCOUNT * share


class KeptTerms:
    """A question's terms for one ranking of its figures, each answer kept: the figures of a
    sentence share its context words, and a document's two languages and the provinces' papers
    repeat whole clauses, so a word set is matched once, not once a figure. ``idf`` functions are
    told apart by identity (one ranking passes the same few)."""

    def __init__(self, terms: QueryTerms) -> None:
        self.terms = terms
        # (measure, language, idf) → target words → answer: one small table for each of the few
        # measures and idf functions, each looked up by the target alone (whose hash the set keeps).
        self._kept: dict[tuple[str, str, int], tuple[Callable[[str], float], dict[frozenset[str], float]]] = {}

    def overlap(self, target_lang: str, target: frozenset[str], idf: Callable[[str], float]) -> float:
        return self._keep("overlap", target_lang, target, idf)

    def precision(self, target_lang: str, target: frozenset[str], idf: Callable[[str], float]) -> float:
        return self._keep("precision", target_lang, target, idf)

    def _keep(self, what: str, target_lang: str, target: frozenset[str], idf: Callable[[str], float]) -> float:
        key = (what, target_lang, id(idf))
        table = self._kept.get(key)
        if table is None or table[0] is not idf:
            table = self._kept[key] = (idf, {})
        value = table[1].get(target)
        if value is None:
            measure = self.terms.overlap if what == "overlap" else self.terms.precision
            value = table[1][target] = measure(target_lang, target, idf)
        return value


# A bound or rounding word ("roughly", "over", "nearly") says how a figure is given, not what it counts.
EN_BOUND_WORDS = frozenset(en_stem(w) for w, lang, _, _ in rows("bounds.tsv", 4) if lang == "en" and " " not in w)


# The words of a figure itself, its scale and unit ("2 billion US dollars", "4.78万件"): a claim
# states them, but whether the other language's sentence says what is counted does not hang on
# them.
_FIGURE_WORD = re.compile(r"^(?:bill|mill|thousand|hundred|dollar|us|usd|yuan|rmb|percent|"
                          r"[万亿千百]?[美港]?元|[万亿千百]?[件人家项个宗起次批吨名所支条])$")


def metric_terms(text: str, lang: str, glossary: Glossary | None = None) -> QueryTerms:
    """The question's terms (see QueryTerms). A Chinese figure is judged on how much of the
    translatable part of an English question it covers, not penalised for English words that
    have no Chinese counterpart."""
    tokenizer = glossary.tokenizer if glossary is not None else Tokenizer()
    if lang == "zh":
        # A question's adverbs, pronouns, time words … (一共, 那个, 现在) are not what it counts.
        own = set(tokenizer.zh(text)) - tokenizer.function_words(text)
    else:
        own = set(en_tokens(text))
    own = {t for t in own if not t.isdigit() and t not in EN_BOUND_WORDS}
    translated: set[str] = set()
    glossed: frozenset[str] = frozenset()
    if glossary is not None:
        expansions, glossed = glossary.translate(text, lang, own)
        for e in expansions:
            translated.update(glossary.term_words(e))
    senses = glossary.word_senses if glossary is not None else {}
    translatable_senses: frozenset[str] = frozenset()
    holders: dict[str, frozenset[str]] = {}
    if lang == "zh":
        translatable = frozenset(t for t in own if t in senses)
        translatable_senses = translatable_senses.union(*(senses[t] for t in translatable))
    else:
        translatable = frozenset(t for t in own if glossary is not None and t in glossary.sense_vocabulary)
        if glossary is not None:
            holders = {t: glossary.words_with_sense(t) for t in translatable}
    other = "en" if lang == "zh" else "zh"
    return QueryTerms(lang=lang,
                      words={lang: frozenset(own), other: frozenset(t for t in translated if not t.isdigit())},
                      translatable=translatable, senses=senses, translatable_senses=translatable_senses,
                      glossed=glossed, holders=holders, sensed=frozenset().union(*holders.values()))
