"""Mining term pairs from translated sentences: an English stem and a Chinese word that translate
each other, judged on the aligned (zh, en) sentence pairs of the bilingual documents
(index.glossary.aligned_sentence_pairs).

Absolute co-occurrence counts did not hold up once the corpus grew: twenty near-identical
translations (next year's white paper, another province's) made every word pair of a sentence
"co-occur" twenty times, and 500 chance pairs passed a fixed count floor ("accord ↔ 打假") while
frequent pairs lost their place to them ("infringement ↔ 侵权"). So:

1. **Evidence is counted once per distinct sentence pair.** A pair that repeats one already seen
   with only its figures and names changed (Jaccard of their words ≥ ``NEAR_DUPLICATE``) is the
   same translation decision, not new evidence.
2. **Association is normalized**: Dunning's log-likelihood ratio (G²) over the distinct pairs,
   positive association only, so a pair of frequent words that merely share sentences scores
   below a pair of rarer words that always appear together.
3. **Competitive linking** (Melamed 2000): within each sentence pair, candidate word pairs are
   linked best first, each word at most once; a word's best partner takes it, and the words it
   merely keeps company with ("patent" with 发明 beside 专利) are not linked there.
4. A pair is kept when it is linked in at least ``min_links`` distinct sentence pairs and its
   links are a large enough share of both words' sentences (Dice over links); each English stem
   keeps its best ``per_word`` partners.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from index.text import Tokenizer, en_tokens

# Two sentence pairs with this share of their words in common (Jaccard) are one piece of evidence:
# a derived or next-year translation changes figures and a place name or two, some 5–15 % of the
# words of a sentence, while two different sentences of one document share under a third.
NEAR_DUPLICATE = 0.7
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Evidence:
    en: frozenset[str]  # English stems
    zh: frozenset[str]  # Chinese words of two characters or more


def sentence_words(zh: str, en: str, tokenizer: Tokenizer) -> Evidence:
    """The words of one aligned pair that can be translations (no figures, no one-character words)."""
    return Evidence(frozenset(en_tokens(en)),
                    frozenset(t for t in tokenizer.zh(zh) if len(t) >= 2 and not _DIGIT.search(t)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def distinct(items: Iterable[Evidence], threshold: float = NEAR_DUPLICATE) -> list[Evidence]:
    """The items with near-duplicates of an earlier item dropped (see module docstring)."""
    kept: list[Evidence] = []
    words_of: list[frozenset[str]] = []
    by_word: dict[str, list[int]] = {}  # word → kept items holding it, to compare only with those
    for item in items:
        if not item.en or not item.zh:
            continue
        words = item.en | {f"zh:{w}" for w in item.zh}
        seen: set[int] = set()
        duplicate = False
        for w in words:
            for i in by_word.get(w, ()):
                if i not in seen:
                    seen.add(i)
                    if jaccard(words, words_of[i]) >= threshold:
                        duplicate = True
                        break
            if duplicate:
                break
        if duplicate:
            continue
        for w in words:
            by_word.setdefault(w, []).append(len(kept))
        kept.append(item)
        words_of.append(words)
    return kept


def log_likelihood(both: int, left: int, right: int, total: int) -> float:
    """Dunning's G² for a 2×2 table (both words; the first's and the second's totals; all
    sentence pairs); 0 for no association or a negative one."""
    if both * total <= left * right:
        return 0.0
    cells = ((both, left, right), (left - both, left, total - right), (right - both, total - left, right),
             (total - left - right + both, total - left, total - right))
    return 2 * sum(k * math.log(k * total / (row * col)) for k, row, col in cells if k > 0)


@dataclass(frozen=True)
class Association:
    en: str
    zh: str
    together: int  # distinct sentence pairs holding both
    links: int  # of those, the ones where competitive linking paired them
    g2: float
    dice: float  # 2 · links / (sentences of en + sentences of zh)
    in_dictionary: bool  # the dictionary gives en as a sense of zh


def associations(items: list[Evidence], senses: Mapping[str, frozenset[str]] | None = None) -> list[Association]:
    """Every positively associated (en, zh) pair of the evidence, with its links. Where a
    dictionary (``senses``: zh word → English stems) gives the English word as a sense of the
    Chinese one, that pair is linked first: with a few dozen sentence pairs many scores tie, and
    the dictionary, not the alphabet, should break the tie."""
    senses = senses or {}
    total = len(items)
    en_n: Counter[str] = Counter(w for it in items for w in it.en)
    zh_n: Counter[str] = Counter(w for it in items for w in it.zh)
    both: Counter[tuple[str, str]] = Counter((e, z) for it in items for e in it.en for z in it.zh)
    g2 = {p: log_likelihood(n, en_n[p[0]], zh_n[p[1]], total) for p, n in both.items()}
    links: Counter[tuple[str, str]] = Counter()
    for it in items:
        ranked = sorted(((e in senses.get(z, ()), g2[(e, z)], e, z) for e in it.en for z in it.zh
                         if g2[(e, z)] > 0), reverse=True)
        used_en: set[str] = set()
        used_zh: set[str] = set()
        for _, _, e, z in ranked:
            if e not in used_en and z not in used_zh:
                used_en.add(e)
                used_zh.add(z)
                links[(e, z)] += 1
    return [Association(e, z, both[(e, z)], n, g2[(e, z)], 2 * n / (en_n[e] + zh_n[z]), e in senses.get(z, ()))
            for (e, z), n in links.items()]


def evidence(pairs: list[tuple[str, str]], tokenizer: Tokenizer) -> list[Evidence]:
    """The distinct sentence pairs' words."""
    return distinct(sentence_words(zh, en, tokenizer) for zh, en in pairs)


def mine(items: list[Evidence], senses: Mapping[str, frozenset[str]] | None = None, min_links: int = 3,
         min_dice: float = 0.5, min_links_known: int = 2, min_dice_known: float = 0.3, per_word: int = 2
         ) -> list[tuple[str, str]]:
    """(english stem, chinese word) pairs that translate each other in the distinct sentence
    pairs. A pair the dictionary confirms needs less evidence than one it does not."""
    best: dict[str, list[Association]] = {}
    for a in associations(items, senses):
        links, dice = (min_links_known, min_dice_known) if a.in_dictionary else (min_links, min_dice)
        if a.links >= links and a.dice >= dice:
            best.setdefault(a.en, []).append(a)
    return [(e, a.zh) for e, cands in sorted(best.items())
            for a in sorted(cands, key=lambda a: (-a.dice, -a.g2, a.zh))[:per_word]]
