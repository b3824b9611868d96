"""The figure parser's word tables, read from the data files in ``index/lexicon``, and the
patterns built from them. Loaded once, at import."""

from __future__ import annotations

import re

from index.figures.model import Qualifier
from index.lexicon import mapping, rows, words

# One character to one character, so offsets found in the folded text are offsets into the
# caller's text: that is what lets Figure.start/end/text refer to the original string while
# the patterns only know one script.
FOLD = str.maketrans(mapping("fold.tsv"))


def fold(text: str) -> str:
    return text.translate(FOLD)


def _numerals(cls: str) -> dict[str, int]:
    return {w: int(v) for w, v, c in rows("numerals.tsv", 3) if c == cls}


CN_DIGITS = _numerals("zh_digit")
CN_SMALL = _numerals("zh_small")
CN_BIG = _numerals("zh_big")
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)
EN_SMALL_NUMBERS = _numerals("en_small")
EN_TENS = _numerals("en_tens")
EN_MULTIPLIERS = _numerals("en_multiplier")
EN_NUMBER_WORDS = frozenset(EN_SMALL_NUMBERS) | frozenset(EN_TENS) | frozenset(EN_MULTIPLIERS)  # cardinal words
EN_ORDINAL_SMALL = _numerals("en_ordinal")
EN_ORDINAL_TENS = {w[:-1] + "ieth": v for w, v in EN_TENS.items()}

CN_SCALES = {w: int(f) for w, lang, f in rows("scales.tsv", 3) if lang == "zh"}
EN_SCALES = {w: int(f) for w, lang, f in rows("scales.tsv", 3) if lang == "en"}

CN_UNITS: dict[str, str] = {w: u for w, u, _ in rows("units_zh.tsv", 3)}
CN_UNIT_NOT_BEFORE: dict[str, str] = {w: nb for w, _, nb in rows("units_zh.tsv", 3) if nb}
CN_UNIT_RE = re.compile("|".join(sorted(map(re.escape, CN_UNITS), key=len, reverse=True)))
CN_SCALE_RE = re.compile("|".join(sorted(CN_SCALES, key=len, reverse=True)))
EN_SCALE_RE = re.compile(r"[ \t\u00a0]*(" + "|".join(EN_SCALES) + r")\b", re.IGNORECASE)

# Ordinal measure words (第三批, 第二十四届); 位/名 make the ordinal a rank (第二位).
CN_ORDINAL_UNIT_RE = re.compile("批次|季度|部分|阶段|批|届|轮|次|个|章|节|条|款|项|期|号|年|名|位|家|件|类")

PLURAL_FORM = "plural"
SINGULAR_FORM = "singular"
INVARIANT_FORM = "invariant"


def plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "ss", "x")):
        return word + "es"
    return word + "s"


def _build_en_units() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for noun, unit, form in rows("units_en.tsv", 3):
        if form == "singular":
            table[noun] = (unit, SINGULAR_FORM)
            table[plural(noun)] = (unit, PLURAL_FORM)
        elif form == "singular_only":
            table[noun] = (unit, SINGULAR_FORM)
        else:
            table[noun] = (unit, PLURAL_FORM if form == "plural" else INVARIANT_FORM)
    return table


EN_UNITS = _build_en_units()
EN_MULTIWORD = (
    r"(person[ -]times?|man[ -]times?|u\.?s\.? dollars?|hong kong dollars?|items of cooperation"
    r"|per cent|percentage points?)\b"
)
EN_MULTIWORD_RE = re.compile(r"[ \t\u00a0]+" + EN_MULTIWORD, re.IGNORECASE)
EN_MULTIWORD_FULL_RE = re.compile(EN_MULTIWORD, re.IGNORECASE)
EN_MULTIWORD_UNITS = mapping("unit_phrases_en.tsv")
EN_STOP = words("unit_stop_en.txt")
NOT_COUNTED_AFTER = words("not_counted_after_en.txt")  # "two thirds", "one another"
NOT_PLURAL = words("not_plural_en.txt")

EN_ORDINAL_WORD_RE = re.compile(
    r"\b(?:(" + "|".join(EN_TENS) + r")-(" + "|".join(list(EN_ORDINAL_SMALL)[:9]) + r")|("
    + "|".join(list(EN_ORDINAL_TENS) + list(EN_ORDINAL_SMALL)) + r"))\b",
    re.IGNORECASE,
)
EN_ORDINAL_NOUNS = mapping("ordinal_nouns_en.tsv")


def _bounds(lang: str, position: str) -> dict[str, Qualifier]:
    return {w: q for w, lg, pos, q in rows("bounds.tsv", 4) if lg == lang and pos == position}  # type: ignore[misc]


QUALIFIER_WORDS_CN: tuple[tuple[str, Qualifier], ...] = tuple(_bounds("zh", "before").items())
QUALIFIER_WORDS_EN = _bounds("en", "before")
QUALIFIER_AFTER_CN = _bounds("zh", "after")
QUALIFIER_AFTER_EN = _bounds("en", "after")
QUALIFIER_BEFORE_EN_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, QUALIFIER_WORDS_EN), key=len, reverse=True)) + r")[ \t\u00a0]*$",
    re.IGNORECASE,
)
QUALIFIER_AFTER_EN_RE = re.compile(r"[ \t]+or (" + "|".join(map(re.escape, QUALIFIER_AFTER_EN)) + r")\b",
                                   re.IGNORECASE)

CURRENCY_UNITS = mapping("currency.tsv")
CURRENCY_BEFORE_RE = re.compile(r"(?:(?<![A-Za-z])(RMB|CNY|USD|HKD|EUR|US\$|HK\$)|(\$|¥|€))[ \t\u00a0]?$")

OPEN_QUOTES = "“‘「『\"'《"
CLOSE_QUOTES = "”’」』\"'》"
RANK_CUE_CN_RE = re.compile(r"(?:居|列|排名|排|名列|全国|全省|全球|世界|全市|国内|亚洲)[^，,；;。、\n]{0,4}$")
RANK_CUE_EN_BEFORE_RE = re.compile(
    r"\b(?:rank(?:s|ed|ing)?|plac(?:e|ed|ing)|came|comes|stood|stands)[ \t]+(?:the[ \t]+)?$", re.IGNORECASE
)
RANK_CUE_EN_AFTER_RE = re.compile(
    r"[ \t]+(?:place|position\b|in[ \t]+(?:the[ \t]+)?(?:country|nation|world|china|province|globe|mainland|asia)\b)",
    re.IGNORECASE,
)
