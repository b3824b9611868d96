"""Pure text helpers for retrieval: language detection and BM25 tokens for both languages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from index.search_form import restore_censored, to_simplified

_CJK = re.compile(r"[\u3400-\u9fff]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+(?:[.,]\d+)*")
_ZH_PUNCT = re.compile(r"^[\W_]+$")

EN_STOPWORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "which", "who", "whom", "what", "how", "many", "much", "did", "does", "do", "has", "have", "had", "will", "would", "can", "could", "should", "than", "then", "there", "their", "they", "them", "he", "she", "we", "you", "i", "our", "your", "his", "her", "not", "no", "yes", "into", "over", "under", "about", "more", "less", "also", "such", "other", "all", "any", "each", "both", "per", "via", "within", "across", "during", "after", "before", "while", "up", "down", "out", "so", "if", "guangdong", "province", "provincial", "china", "chinese", "year", "years", "total", "number"]
)
ZH_STOPWORDS = frozenset(
    ["的", "了", "和", "与", "及", "在", "是", "为", "对", "等", "中", "其中", "以", "并", "共", "全", "个", "多少", "几", "有", "年", "月", "日", "吗", "呢", "么", "什么", "哪些", "哪", "请问", "请", "广东", "广东省", "全省", "我省", "同比", "分别", "达", "达到", "累计", "其", "该", "这", "那", "一", "各"]
)


def detect_lang(text: str) -> str:
    """'zh' when the text has Chinese characters in any number that matters, else 'en'."""
    cjk = len(_CJK.findall(text))
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    return "zh" if cjk * 3 >= letters else "en"


def en_stem(word: str) -> str:
    """A light English stemmer: enough to meet 'cases'/'case', 'seized'/'seize',
    'prosecuted'/'prosecute'/'prosecution', 'transferred'/'transfer' (dictionary senses use the
    base form)."""
    w = word.lower().strip("'-")
    w = w.removesuffix("'s")  # Shenzhen's → shenzhen
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


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def add_domain_words(words: Iterable[str]) -> None:
    """Teach jieba the corpus's own terms (批准逮捕, 地理标志, 质押融资 …) before tokenizing."""
    jb = _jieba()
    for w in words:
        if 2 <= len(w) <= 12:
            jb.add_word(w, freq=2000)


def zh_tokens(text: str) -> list[str]:
    """Search tokens of Chinese text (simplified, ** restored), stopwords and punctuation dropped."""
    simplified = restore_censored(to_simplified(text))
    out = []
    for tok in _jieba().cut_for_search(simplified):
        tok = tok.strip()
        if not tok or _ZH_PUNCT.match(tok) or tok in ZH_STOPWORDS:
            continue
        if _CJK.search(tok):
            out.append(tok)
    return out


def en_tokens(text: str) -> list[str]:
    """Stemmed English content words (numbers are matched as figures, not as tokens)."""
    return [en_stem(w) for w in _EN_WORD.findall(text) if not w[0].isdigit() and w.lower() not in EN_STOPWORDS
            and len(w) > 1]


def tokens(text: str) -> list[str]:
    """BM25 tokens of mixed text: Chinese words and English stems."""
    return zh_tokens(text) + en_tokens(text)
